import Foundation

/// Stable ids for headings: lower case, accents of Latin letters folded, letters and digits of
/// every script kept, runs of other characters as one `-`.
/// "Hoe vaak komt ALL voor?" -> "hoe-vaak-komt-all-voor"; "Θεραπεία" -> "θεραπεία".
/// At most `maximumLength` characters, cut between words (a heading may be very long).
public enum Slug {
    public static let maximumLength = 64

    public static func make(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for character in text {
            if slug.count >= maximumLength { break }
            var piece = String(character)
            if let first = character.unicodeScalars.first, first.value < 0x0370 {
                // Latin (and the combining accents): fold "ë" to "e", as URLs and ids usually do.
                piece = piece.folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            }
            for scalar in piece.lowercased().unicodeScalars {
                if CharacterSet.alphanumerics.contains(scalar) {
                    if pendingDash && !slug.isEmpty { slug.append("-") }
                    slug.unicodeScalars.append(scalar)
                    pendingDash = false
                } else {
                    pendingDash = true
                }
            }
        }
        if slug.count > maximumLength {
            slug = String(slug.prefix(maximumLength))
            if let dash = slug.lastIndex(of: "-"), slug.distance(from: slug.startIndex, to: dash) > maximumLength / 2 { slug = String(slug[..<dash]) }
        }
        return slug
    }
}

import Foundation

/// Stable ids for headings: lower case, accents of Latin letters folded, letters and digits of
/// every script kept, runs of other characters as one `-`.
/// "Hoe vaak komt ALL voor?" -> "hoe-vaak-komt-all-voor"; "Θεραπεία" -> "θεραπεία".
public enum Slug {
    public static func make(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for character in text {
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
        return slug
    }
}

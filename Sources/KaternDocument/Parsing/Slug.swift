import Foundation

/// Stable ids for headings: lower case, accents of Latin letters folded, letters and digits of
/// every script kept, runs of other characters as one `-`.
/// "Hoe vaak komt ALL voor?" -> "hoe-vaak-komt-all-voor"; "Θεραπεία" -> "θεραπεία".
/// At most `maximumLength` characters, cut between words (a heading may be very long).
public enum Slug {
    public static let maximumLength = 64
    private static let posix = Locale(identifier: "en_US_POSIX")

    public static func make(_ text: String) -> String {
        var slug = ""
        var length = 0  // slug.count, kept as characters are added (counting anew is linear)
        var afterASCII = true  // whether the slug ends in an ASCII character (or is empty)
        var pendingDash = false
        for character in text {
            if length >= maximumLength { break }
            // ASCII folds and lower-cases to itself or its small letter: no Foundation call.
            if character.isASCII, let byte = character.asciiValue {
                if (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) {
                    if pendingDash && length > 0 { slug.append("-") }
                    slug.unicodeScalars.append(Unicode.Scalar((0x41...0x5A).contains(byte) ? byte + 0x20 : byte))
                    // After ASCII each ASCII character is one more; after another script's
                    // letter it may join it (U+0D4E and what follows are one character).
                    length = afterASCII ? length + (pendingDash && length > 0 ? 2 : 1) : slug.count
                    afterASCII = true
                    pendingDash = false
                } else {
                    pendingDash = true
                }
                continue
            }
            var piece = String(character)
            if let first = character.unicodeScalars.first, first.value < 0x0370 {
                // Latin (and the combining accents): fold "ë" to "e", as URLs and ids usually do.
                piece = piece.folding(options: [.diacriticInsensitive], locale: posix)
            }
            for scalar in piece.lowercased().unicodeScalars {
                if CharacterSet.alphanumerics.contains(scalar) {
                    if pendingDash && length > 0 { slug.append("-") }
                    slug.unicodeScalars.append(scalar)
                    length = slug.count
                    afterASCII = false
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

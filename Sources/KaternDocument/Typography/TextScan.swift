/// Quick looks at a text's UTF-8 bytes, before a regular expression or a rewrite is tried on it
/// (most paragraphs hold no template tag, no digit, no apostrophe to correct): no Foundation,
/// no grapheme breaking.
public enum TextScan {
    /// Whether `text` holds the bytes of `needle`.
    public static func contains(_ text: String, _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= pattern.count else { return false }
            var index = 0
            let last = bytes.count - pattern.count
            while index <= last {
                if bytes[index] == first {
                    var matched = true
                    for offset in 1..<pattern.count where bytes[index + offset] != pattern[offset] { matched = false; break }
                    if matched { return true }
                }
                index += 1
            }
            return false
        }
    }

    /// Whether `text` holds a decimal digit of any script (what `\d` matches).
    static func hasDecimalDigit(_ text: String) -> Bool {
        var nonASCII = false
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 { return true }
            if byte >= 0x80 { nonASCII = true }
        }
        return nonASCII && text.unicodeScalars.contains { $0.value >= 0x80 && $0.properties.numericType == .decimal }
    }

    /// How many decimal digits of any script `text` holds, counting up to `limit`.
    static func decimalDigits(_ text: String, upTo limit: Int) -> Int {
        var count = 0
        var nonASCII = false
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 { count += 1; if count >= limit { return count } }
            if byte >= 0x80 { nonASCII = true }
        }
        guard nonASCII else { return count }
        for scalar in text.unicodeScalars where scalar.value >= 0x80 && scalar.properties.numericType == .decimal {
            count += 1
            if count >= limit { return count }
        }
        return count
    }
}

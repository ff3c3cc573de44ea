import Foundation

/// Typographic details applied to the text of every block (after the edition is resolved, so
/// hospital values get them too): phone numbers, a number and its unit, "5 %" and a date
/// ("1 januari 2025", with the month names of the booklet's language) kept on one line with
/// no-break spaces (the line breaker never breaks next to one); number ranges with an en dash ("20-30" -> "20–30"); a spaced hyphen between
/// words as a spaced en dash. Quotation marks and apostrophes are made curly by the CommonMark
/// parser (smart punctuation).
public struct Typographer: Sendable {
    static let nbsp = "\u{00A0}"

    /// Units a number keeps on its line (compound ones, "mg/kg", start with one of these).
    static let units = ["%", "‰", "°C", "°", "mg", "µg", "μg", "mcg", "ng", "g", "kg", "ml", "mL", "cl", "dl", "dL", "l", "L",
                        "mm", "cm", "cm²", "m", "m²", "km", "mmol", "µmol", "μmol", "mol", "mmHg", "IE", "E", "kcal", "kJ", "Gy",
                        "mSv", "ms", "s", "min", "u", "uur"]
    static let unit = try! NSRegularExpression(pattern: #"(?<=\d) (?=(?:"# + units.sorted { $0.count > $1.count }
        .map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|") + #")(?![\p{L}\d]))"#)
    static let range = try! NSRegularExpression(pattern: #"(?<![\d\p{L}-])(\d{1,4})-(\d{1,4})(?![\d\p{L}-])"#)
    static let dash = try! NSRegularExpression(pattern: #"(?<=\p{L}|[,.;:)]) - (?=\p{L})"#)

    /// Day and month (and year) of a date in the language's words: "1 januari 2025", "1–3 mei".
    private let date: NSRegularExpression?
    /// The opening quote before an elision of the language ('t, 'n) or a year ('90).
    private let elision: NSRegularExpression?

    /// What this typographer is made of (the language's name, months and elisions): two with
    /// the same identity typeset alike.
    public let identity: [String]

    public init(language: LanguageResources = .dutch) {
        identity = [language.language] + language.months + ["|"] + language.elisions
        let months = language.months.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        date = months.isEmpty ? nil : try? NSRegularExpression(
            pattern: #"(?<![\d\p{L}])\d{1,2}(?:[–-]\d{1,2})? (?:"# + months + #")(?: \d{4})?(?![\p{L}\d])"#, options: [.caseInsensitive])
        let words = language.elisions.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        elision = try? NSRegularExpression(pattern: #"‘(?=(?:"# + (words.isEmpty ? "" : words + "|") + #"\d\d)(?![\p{L}\d]))"#)
    }

    public func apply(_ booklet: Booklet) -> Booklet {
        booklet.mappingSpans(headings: true, apply)
    }

    /// The same for some blocks (a part of the booklet).
    public func apply(_ blocks: [Block]) -> [Block] {
        blocks.mappingSpans(headings: true, apply)
    }

    /// Link text keeps its characters (an address must stay what it says): only its spaces
    /// may become no-break spaces (a phone number, a date, a number and its unit stay together
    /// in a link too).
    func apply(_ spans: [TextSpan]) -> [TextSpan] {
        spans.map { span in
            guard !span.code else { return span }
            var s = span
            if let link = span.link {
                s.text = link.hasPrefix("tel:") ? span.text.replacingOccurrences(of: " ", with: Self.nbsp) : bindings(span.text)
                return s
            }
            s.text = apply(span.text)
            return s
        }
    }

    /// Only the no-break spaces of the rules: phone numbers, dates, a number and its unit.
    func bindings(_ text: String) -> String {
        guard TextScan.contains(text, " "), TextScan.hasDecimalDigit(text) else { return text }
        var result = text
        for match in Patterns.phone.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            guard let range = Range(match.range, in: result) else { continue }
            result.replaceSubrange(range, with: result[range].replacingOccurrences(of: " ", with: Self.nbsp))
        }
        if let date { result = replace(date, in: result) { $0.replacingOccurrences(of: " ", with: Self.nbsp) } }
        return Self.unit.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: Self.nbsp)
    }

    /// The rules on one piece of text. Phone numbers are kept as written (their hyphens are no
    /// ranges), with no-break spaces; the other rules apply to the text between them.
    public func apply(_ text: String) -> String {
        var result = elisions(text)
        // Every rule and the phone pattern need a digit (`\d`), or the hyphen of a dash.
        guard TextScan.hasDecimalDigit(result) || TextScan.contains(result, "-") else { return result }
        var pieces: [(String, phone: Bool)] = []
        var cursor = result.startIndex
        for match in Patterns.phone.matches(in: result, range: NSRange(result.startIndex..., in: result)) {
            guard let range = Range(match.range, in: result) else { continue }
            pieces.append((String(result[cursor..<range.lowerBound]), false))
            pieces.append((String(result[range]), true))
            cursor = range.upperBound
        }
        pieces.append((String(result[cursor...]), false))
        result = pieces.map { piece, phone in
            phone ? piece.replacingOccurrences(of: " ", with: Self.nbsp) : rules(piece)
        }.joined()
        return result
    }

    private func rules(_ text: String) -> String {
        var result = text
        // Dates, units and ranges need a digit; the dash a spaced hyphen.
        if TextScan.hasDecimalDigit(result) {
            if let date { result = replace(date, in: result) { $0.replacingOccurrences(of: " ", with: Self.nbsp) } }
            result = Self.unit.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: Self.nbsp)
            result = Self.range.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "$1–$2")
        }
        if TextScan.contains(result, " - ") {
            result = Self.dash.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: Self.nbsp + "– ")
        }
        return result
    }

    /// An apostrophe that starts a Dutch elision ('t, 'n, 's, 'k) or a year ('90) is an
    /// apostrophe (’), not the opening quote (‘) smart punctuation makes of it.
    private func elisions(_ text: String) -> String {
        guard TextScan.contains(text, "‘"), let elision else { return text }
        return elision.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "’")
    }

    private func replace(_ pattern: NSRegularExpression, in text: String, _ transform: (String) -> String) -> String {
        var result = text
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            guard let range = Range(match.range, in: result) else { continue }
            result.replaceSubrange(range, with: transform(String(result[range])))
        }
        return result
    }
}

import Foundation

/// Typographic details applied to the text of every block (after the edition is resolved, so
/// hospital values get them too): phone numbers, a number and its unit, "5 %" and a date
/// ("1 januari 2025", with the month names of the booklet's language) kept on one line with
/// no-break spaces (the line breaker never breaks next to one); number ranges with an en dash ("20-30" -> "20–30"); a spaced hyphen between
/// words as a spaced en dash. Quotation marks and apostrophes are made curly by the CommonMark
/// parser (smart punctuation).
public struct Typographer: Sendable {
    static let nbsp = "\u{00A0}"

    private static let phone = try! NSRegularExpression(pattern: #"(?<![\d])(?:\+31[ -]?|0)\d{1,3}(?:(?: - | |-)\d{2,4}){1,4}(?![\d])"#)
    private static let unit = try! NSRegularExpression(pattern: #"(?<=\d) (?=(?:%|‰|mg|µg|g|kg|ml|l|cm|mm|m|km|°C|mmol)(?![\p{L}\d]))"#)
    private static let range = try! NSRegularExpression(pattern: #"(?<![\d\p{L}-])(\d{1,4})-(\d{1,4})(?![\d\p{L}-])"#)
    private static let dash = try! NSRegularExpression(pattern: #"(?<=\p{L}|[,.;:)]) - (?=\p{L})"#)

    /// Day and month (and year) of a date in the language's words: "1 januari 2025".
    private let date: NSRegularExpression?

    public init(language: LanguageResources = .dutch) {
        let months = language.months.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        date = months.isEmpty ? nil : try? NSRegularExpression(
            pattern: #"(?<![\d\p{L}])\d{1,2} (?:"# + months + #")(?: \d{4})?(?![\p{L}\d])"#, options: [.caseInsensitive])
    }

    public func apply(_ booklet: Booklet) -> Booklet {
        booklet.mappingSpans(headings: true, apply)
    }

    func apply(_ spans: [TextSpan]) -> [TextSpan] {
        spans.map { span in
            guard span.link == nil || !span.text.contains("@"), !span.code else { return span }
            var s = span
            s.text = apply(span.text)
            return s
        }
    }

    /// The rules on one piece of text.
    public func apply(_ text: String) -> String {
        guard text.contains(where: { $0.isNumber || $0 == "-" }) else { return text }
        var result = text
        // Phone numbers: no break inside.
        result = replace(Self.phone, in: result) { $0.replacingOccurrences(of: " ", with: Self.nbsp) }
        if let date { result = replace(date, in: result) { $0.replacingOccurrences(of: " ", with: Self.nbsp) } }
        result = Self.unit.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: Self.nbsp)
        result = Self.range.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: "$1–$2")
        result = Self.dash.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: Self.nbsp + "– ")
        return result
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

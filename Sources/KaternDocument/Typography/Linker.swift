import Foundation

/// Makes web addresses, e-mail addresses and phone numbers in the text live links (`https:`,
/// `mailto:`, `tel:`), by splitting text spans around them. Text already in a link is left alone.
public struct Linker: Sendable {
    private static let pattern = try! NSRegularExpression(pattern: [
        #"(?<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})"#,
        #"(?<url>(?:https?://|www\.)[^\s<>()]+[^\s<>().,;:!?’”]|(?<![@\w.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:nl|com|org|net|eu|be|example)(?:/[^\s<>()]*[^\s<>().,;:!?’”])?(?![\w@]))"#,
        "(?<phone>" + Patterns.phoneSource + ")",
    ].joined(separator: "|"))

    public init() {}

    public func apply(_ booklet: Booklet) -> Booklet {
        booklet.mappingSpans(headings: false, apply)
    }

    public func apply(_ spans: [TextSpan]) -> [TextSpan] {
        spans.flatMap { span -> [TextSpan] in
            guard span.link == nil, !span.code else { return [span] }
            return split(span)
        }
    }

    private func split(_ span: TextSpan) -> [TextSpan] {
        let text = span.text
        // Every link has a dot, an @ or a digit: most text has none of them near each other.
        guard text.contains(where: { $0 == "@" || $0.isNumber }) || text.contains(".nl") || text.contains(".com")
                || text.contains("www.") || text.contains("://") || text.contains(".org") || text.contains(".example") else { return [span] }
        let matches = Self.pattern.matches(in: text, range: NSRange(text.startIndex..., in: text))
        guard !matches.isEmpty else { return [span] }
        var result: [TextSpan] = []
        var cursor = text.startIndex
        for match in matches {
            guard let range = Range(match.range, in: text) else { continue }
            let found = String(text[range])
            let uri: String
            if match.range(withName: "email").location != NSNotFound {
                uri = "mailto:" + found
            } else if match.range(withName: "url").location != NSNotFound {
                uri = found.hasPrefix("http") ? found : "https://" + found
            } else {
                guard found.filter(\.isNumber).count >= 9 else { continue }
                uri = Patterns.telephone(found)
            }
            if cursor < range.lowerBound {
                var before = span
                before.text = String(text[cursor..<range.lowerBound])
                result.append(before)
            }
            var link = span
            link.text = found
            link.link = uri
            result.append(link)
            cursor = range.upperBound
        }
        if cursor < text.endIndex {
            var rest = span
            rest.text = String(text[cursor...])
            result.append(rest)
        }
        return result
    }
}

import Foundation

/// Makes web addresses, e-mail addresses and phone numbers in the text live links (`https:`,
/// `mailto:`, `tel:`), by splitting text spans around them. Text already in a link is left alone.
public struct Linker: Sendable {
    /// The top-level domains of addresses written without `www.` or `https://`.
    static let domains = ["nl", "com", "org", "net", "eu", "be", "example"]

    static let pattern = try! NSRegularExpression(pattern: [
        #"(?<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})"#,
        #"(?<url>(?:https?://|www\.)[^\s<>()]+[^\s<>().,;:!?’”]|(?<![@\w.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:"# + domains.joined(separator: "|") + #")(?:/[^\s<>()]*[^\s<>().,;:!?’”])?(?![\w@]))"#,
        "(?<phone>" + Patterns.phoneSource + ")",
    ].joined(separator: "|"))

    public init() {}

    public func apply(_ booklet: Booklet) -> Booklet {
        booklet.mappingSpans(headings: false, apply)
    }

    /// The same for some blocks (a part of the booklet).
    public func apply(_ blocks: [Block]) -> [Block] {
        blocks.mappingSpans(headings: false, apply)
    }

    public func apply(_ spans: [TextSpan]) -> [TextSpan] {
        spans.flatMap { span -> [TextSpan] in
            guard span.link == nil, !span.code else { return [span] }
            return split(span)
        }
    }

    /// Whether `text` has an "@", nine digits (any script's: a phone number has at least nine),
    /// "www.", "://" or a dot and one of `domains`: looked for in its bytes, without Foundation.
    /// (The list was written out by hand before, without .net, .eu and .be: "naam.be" never
    /// became a link.)
    static func mayHoldLink(_ text: String) -> Bool {
        var dotOrColon = false
        for byte in text.utf8 {
            if byte == 0x40 { return true }
            if byte == 0x2E || byte == 0x3A { dotOrColon = true }
        }
        if TextScan.decimalDigits(text, upTo: Self.phoneDigits) >= Self.phoneDigits { return true }
        guard dotOrColon else { return false }
        return holdsAddressPart(text)
    }

    /// Whether `text` holds one of `addressParts` ("www.", "://", "." and a domain): each part has
    /// a "." or a ":" at a known place, so the text is read once, looking around each of those.
    static func holdsAddressPart(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for (index, byte) in bytes.enumerated() where byte == 0x2E || byte == 0x3A {
                for part in addressPartBytes {
                    let start = index - part.mark
                    guard start >= 0, start + part.bytes.count <= bytes.count, bytes[index] == part.bytes[part.mark] else { continue }
                    if part.bytes.indices.allSatisfy({ bytes[start + $0] == part.bytes[$0] }) { return true }
                }
            }
            return false
        }
    }

    /// Each address part's bytes, and where in it its "." or ":" is.
    private static let addressPartBytes: [(bytes: [UInt8], mark: Int)] = addressParts.map { part in
        let bytes = Array(part.utf8)
        return (bytes, bytes.firstIndex { $0 == 0x2E || $0 == 0x3A }!)
    }

    /// The fewest digits a phone number that becomes a link has.
    static let phoneDigits = 9

    static let addressParts: [String] = ["www.", "://"] + domains.map { "." + $0 }

    private func split(_ span: TextSpan) -> [TextSpan] {
        let text = span.text
        // Every link has an @, nine digits, or one of the address parts: most text has none.
        guard Self.mayHoldLink(text) else { return [span] }
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
                guard found.filter(\.isNumber).count >= Self.phoneDigits else { continue }
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

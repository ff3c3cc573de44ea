import Foundation

/// Which addresses may become live links in a booklet's PDF: web pages (`https:`, `http:`),
/// e-mail (`mailto:`), telephone (`tel:`) and headings of the booklet (`#id`). Anything else
/// (`javascript:`, `file:`, `data:`, `smb:`, a relative path, an address with control
/// characters or white space, also when percent-encoded) is refused, wherever it comes from.
public enum LinkPolicy {
    public static let schemes = ["https", "http", "mailto", "tel"]

    /// Why `uri` may not become a link, or nil when it may. `headings`: the ids a `#id` may name.
    public static func problem(_ uri: String, headings: Set<String>? = nil) -> String? {
        let decoded = uri.removingPercentEncoding ?? uri
        if uri.isEmpty { return "a link has no address" }
        // A space may be in an address only percent-encoded (%20); other white space and
        // control characters not at all, in either form.
        if uri.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            || decoded.unicodeScalars.contains(where: { ($0.properties.isWhitespace && $0 != " ") || $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return "the link's address holds white space or control characters (a space is written %20)"
        }
        if uri.hasPrefix("#") {
            let id = String(uri.dropFirst())
            if let headings, !headings.contains(id) { return "the link goes to '#\(id)', but no heading has that id" }
            return nil
        }
        guard let colon = uri.firstIndex(of: ":") else {
            return "the link's address '\(uri.prefix(60))' is no web, e-mail or telephone address; write it in full, such as https://www.example.nl/"
        }
        let scheme = uri[..<colon].lowercased()
        guard schemes.contains(scheme) else {
            return "a '\(scheme.prefix(20)):' address may not become a link; only https:, http:, mailto: and tel: addresses (and #heading-ids) are allowed"
        }
        let rest = uri[uri.index(after: colon)...]
        switch scheme {
        case "http", "https":
            guard rest.hasPrefix("//"), rest.count > 2 else { return "the web address '\(uri.prefix(60))' has no host; write it as https://host/..." }
        case "mailto":
            guard rest.contains("@") else { return "the e-mail address '\(uri.prefix(60))' has no @" }
        default:
            guard !rest.isEmpty, rest.allSatisfy({ $0.isNumber || "+-() ".contains($0) }) else {
                return "the telephone address '\(uri.prefix(60))' may only hold digits and +"
            }
        }
        return nil
    }

    /// Checks every link of a booklet's blocks (at any depth); the first that may not become a
    /// link is an error at its block's line.
    public static func check(_ booklet: Booklet) throws {
        var headings = Set<String>()
        let all = booklet.opening + booklet.chapters.flatMap(\.blocks) + booklet.contact + booklet.colophon
        all.forEachBlock { block in
            if case .heading(_, let id, _) = block.kind { headings.insert(id) }
            // A footnote's reference links to its note.
            if case .notes(let notes) = block.kind { headings.formUnion(notes.map(\.id)) }
        }
        try all.forEachBlock { block in
            // A QR code's address is a link printed: it follows the same rules (but a reader
            // cannot scan their way to a heading).
            if case .qrCode(let address, _, _) = block.kind {
                if address.hasPrefix("#") {
                    throw DocumentError.content(block.location, "a QR code cannot lead to a heading of the booklet; give it a web, e-mail or telephone address")
                }
                if let problem = problem(address) { throw DocumentError.content(block.location, problem.replacingOccurrences(of: "a link", with: "a QR code").replacingOccurrences(of: "the link's", with: "the QR code's")) }
            }
            for span in block.ownSpans.joined() {
                guard let link = span.link, let problem = problem(link, headings: headings) else { continue }
                throw DocumentError.content(block.location, problem)
            }
        }
    }
}

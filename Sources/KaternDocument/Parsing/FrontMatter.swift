import Foundation
import Yams
/// Splits a Markdown file into its YAML front matter (between a first line `---` and the next
/// `---` or `...` line) and its body, keeping line numbers so that errors in either point at
/// the right line of the file.
public struct FrontMatter: Sendable, Equatable {
    /// The YAML text, or nil when the file has no front matter.
    public var yaml: String?
    /// Lines before the YAML text (1 when there is front matter: the opening `---`).
    public var yamlLineOffset: Int
    public var body: String
    /// Lines before the body in the file.
    public var bodyLineOffset: Int

    public static func split(_ text: String, file: String) throws -> FrontMatter {
        // Most files have none: look at the first line alone before splitting the text into lines.
        var firstLine = text[..<(text.utf8.firstIndex(of: 0x0A) ?? text.endIndex)]
        if firstLine.hasPrefix("\u{FEFF}") { firstLine = firstLine.dropFirst() }
        guard firstLine.trimmingCharacters(in: .whitespaces) == "---" else {
            return FrontMatter(yaml: nil, yamlLineOffset: 0, body: text, bodyLineOffset: 0)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.first.map({ $0.hasPrefix("\u{FEFF}") }) == true { lines[0] = lines[0].dropFirst() }
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            return FrontMatter(yaml: nil, yamlLineOffset: 0, body: text, bodyLineOffset: 0)
        }
        guard let end = lines.dropFirst().firstIndex(where: { ["---", "..."].contains($0.trimmingCharacters(in: .whitespaces)) }) else {
            throw DocumentError.frontMatter(SourceLocation(file: file, line: 1),
                                            "front matter opened with '---' is never closed; end it with a line '---'")
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n")
        return FrontMatter(yaml: yaml, yamlLineOffset: 1, body: body, bodyLineOffset: end + 1)
    }

    /// The body of a Markdown file that has no front matter of its own (a chapter, the contact
    /// page, the colophon, an edition's passage). A file that begins with a thematic break
    /// (`---`) keeps it as content; a YAML mapping there is an error, since only `index.md`'s
    /// front matter is read (its keys would be lost in silence otherwise).
    public static func content(_ text: String, file: String) throws -> (body: String, lineOffset: Int) {
        guard let parts = try? split(text, file: file), let yaml = parts.yaml else { return (text, 0) }
        if let node = try? Yams.compose(yaml: yaml, YAMLValue.resolver), case .mapping(let mapping) = node, !mapping.isEmpty {
            throw DocumentError.frontMatter(SourceLocation(file: file, line: 1),
                                            "only index.md has front matter; remove this one (its keys would not be read), or put the '---' lines apart from the text")
        }
        return (text, 0)
    }
}

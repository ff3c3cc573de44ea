import Foundation
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
}

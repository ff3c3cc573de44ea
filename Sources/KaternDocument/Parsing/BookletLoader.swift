import Foundation

/// `Booklets/<name>/` -> `Booklet`. Reads `index.md` (front matter: metadata, the chapter files in
/// order, the colophon file; body: opening content such as the cover's sidebar quotes), then each
/// chapter file. Every problem is a `DocumentError` with the file and, where there is one, the line.
public struct BookletLoader {
    public static let indexFile = "index.md"
    static let metadataKeys = ["title", "kind", "language", "publisher", "subject", "keywords", "date", "variables", "chapters",
                               "contact", "colophon", "hyphenation"]

    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    public func load() throws -> Booklet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DocumentError.missingBookletFolder(SourceLocation(file: folder))
        }
        let indexPath = path(Self.indexFile)
        guard FileManager.default.fileExists(atPath: indexPath) else {
            throw DocumentError.missingFile(SourceLocation(file: indexPath),
                                            what: "the booklet's index.md (front matter with title, language and chapters)")
        }
        let index = try FrontMatter.split(try read(indexPath), file: indexPath)
        guard let yaml = index.yaml else {
            throw DocumentError.frontMatter(SourceLocation(file: indexPath, line: 1),
                                            "index.md must begin with YAML front matter between '---' lines (title, kind, language, publisher, chapters)")
        }
        let root = try YAMLValue.parse(yaml, file: indexPath, lineOffset: index.yamlLineOffset)
            .mapping("the booklet's front matter", allowed: Self.metadataKeys)
        var metadata = BookletMetadata(
            title: try root.required("title").string("title"),
            kind: try root["kind"]?.string("kind") ?? "",
            language: try Self.language(try root.required("language")),
            publisher: try root.required("publisher").string("publisher"),
            subject: try root["subject"]?.string("subject"),
            keywords: try root["keywords"]?.strings("keywords") ?? [],
            variables: try root["variables"].map { try Self.flatten($0, prefix: "") } ?? [:],
            date: try root["date"].map { try Self.date($0) })

        metadata.hyphenation = try root["hyphenation"]?.strings("hyphenation") ?? []
        let opening = try CommonMarkConverter(file: indexPath, lineOffset: index.bodyLineOffset).blocks(from: index.body)
        let chapterEntries = try root.required("chapters").array("chapters")
        guard !chapterEntries.isEmpty else { throw root.owner.error("chapters must list at least one chapter file") }
        let chapters = try chapterEntries.map { entry in try chapter(named: try entry.string("a chapter"), listedAt: entry) }
        let contact = try root["contact"].map { try blocks(ofFileListedAt: $0, what: "contact") } ?? []
        let colophon = try root["colophon"].map { try blocks(ofFileListedAt: $0, what: "colophon") } ?? []
        try Self.checkUniqueHeadingIDs(chapters)
        try checkFigures(opening + chapters.flatMap(\.blocks) + contact + colophon)
        return Booklet(metadata: metadata, opening: opening, chapters: chapters, contact: contact, colophon: colophon)
    }

    private func blocks(ofFileListedAt entry: YAMLValue, what: String) throws -> [Block] {
        let file = try existing(try entry.string(what), listedAt: entry)
        let parts = try FrontMatter.split(try read(file), file: file)
        return try CommonMarkConverter(file: file, lineOffset: parts.bodyLineOffset).blocks(from: parts.body)
    }

    /// Each image must be a PNG or SVG file inside the booklet folder.
    func checkFigures(_ blocks: [Block]) throws {
        let root = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path + "/"
        for block in blocks {
            switch block.kind {
            case .figure(let path, _):
                let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                guard real.hasPrefix(root) else {
                    throw DocumentError.content(block.location, "the image \(path) is outside the booklet folder; keep images inside it")
                }
                guard let handle = FileHandle(forReadingAtPath: path) else {
                    throw DocumentError.content(block.location, "the image file \(path) does not exist")
                }
                let head = handle.readData(ofLength: 512)
                try? handle.close()
                let isPNG = head.starts(with: [0x89, 0x50, 0x4E, 0x47])
                let isSVG = String(data: head, encoding: .utf8)?.contains("<svg") == true
                guard isPNG || isSVG else {
                    throw DocumentError.content(block.location, "the image \(path) is not a PNG or SVG file")
                }
            case .list(_, let items):
                try checkFigures(items.flatMap { $0 })
            case .quote(let inner):
                try checkFigures(inner)
            default:
                break
            }
        }
    }

    /// Heading ids address sections (edition operations, links): each must be unique.
    static func checkUniqueHeadingIDs(_ chapters: [Chapter]) throws {
        var seen: [String: SourceLocation] = [:]
        for block in chapters.flatMap(\.blocks) {
            guard case .heading(_, let id, _) = block.kind else { continue }
            if let first = seen[id] {
                throw DocumentError.content(block.location, "heading id '\(id)' is used twice (also at \(first)); give one of them an explicit id with '{#other-id}' at the end of the heading")
            }
            seen[id] = block.location
        }
    }

    /// Nested YAML mappings of text -> flat `a.b.c` keys.
    static func flatten(_ value: YAMLValue, prefix: String) throws -> [String: String] {
        guard case .mapping(let mapping) = value.node else {
            return [prefix: try value.string("variable '\(prefix)'")]
        }
        var result: [String: String] = [:]
        for (key, node) in mapping {
            let name = try YAMLValue(node: key, file: value.file, lineOffset: value.lineOffset).string("a variable name")
            let child = YAMLValue(node: node, file: value.file, lineOffset: value.lineOffset)
            result.merge(try flatten(child, prefix: prefix.isEmpty ? name : prefix + "." + name)) { $1 }
        }
        return result
    }

    static func date(_ value: YAMLValue) throws -> String {
        let text = try value.string("date")
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts.allSatisfy({ Int($0) != nil }), parts[0].count == 4 else {
            throw value.error("date must be written YYYY-MM-DD, not '\(text)'")
        }
        return text
    }

    private func chapter(named name: String, listedAt entry: YAMLValue) throws -> Chapter {
        let file = try existing(name, listedAt: entry)
        let parts = try FrontMatter.split(try read(file), file: file)
        let blocks = try CommonMarkConverter(file: file, lineOffset: parts.bodyLineOffset).blocks(from: parts.body)
        guard let first = blocks.first, case .heading(1, _, _) = first.kind else {
            throw DocumentError.content(blocks.first?.location ?? SourceLocation(file: file, line: 1),
                                        "a chapter must begin with its level-1 heading ('# Title')")
        }
        if let second = blocks.dropFirst().first(where: { if case .heading(1, _, _) = $0.kind { return true } else { return false } }) {
            throw DocumentError.content(second.location, "a chapter has one level-1 heading; put this chapter in a file of its own and list it under 'chapters' in index.md")
        }
        return Chapter(file: file, blocks: blocks)
    }

    /// The path of a file listed in the front matter; it must exist and stay inside the booklet folder.
    private func existing(_ name: String, listedAt entry: YAMLValue) throws -> String {
        guard !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else {
            throw entry.error("'\(name)' must be a file inside the booklet folder")
        }
        let file = path(name)
        guard FileManager.default.fileExists(atPath: file) else {
            throw entry.error("'\(name)' is listed but there is no file \(file)")
        }
        return file
    }

    private func path(_ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private func read(_ file: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw DocumentError.unreadable(SourceLocation(file: file), reason: "permission denied or not a file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DocumentError.unreadable(SourceLocation(file: file), reason: "the file is not UTF-8 text")
        }
        return text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    static func language(_ value: YAMLValue) throws -> String {
        let tag = try value.string("language")
        let parts = tag.split(separator: "-")
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isLetter && $0.isASCII }) else {
            throw value.error("language must be a language tag such as nl-NL, not '\(tag)'")
        }
        return tag
    }
}

import Foundation

/// `Booklets/<name>/` -> `Booklet`. Reads `index.md` (front matter: metadata, the chapter files in
/// order, the colophon file; body: opening content such as the cover's sidebar quotes), then each
/// chapter file. Every problem is a `DocumentError` with the file and, where there is one, the line.
public struct BookletLoader {
    public static let indexFile = "index.md"
    static let metadataKeys = FrontMatterSchema.keys.map(\.name)

    public let folder: String
    /// Where the booklet's files must stay (after following links): the project folder, or the
    /// booklet folder itself when it lies outside the project.
    public let files: ProjectFiles

    /// Files parsed by earlier builds (nil: every file is parsed).
    public var cache: SourceCache?

    public init(folder: String, files: ProjectFiles? = nil, cache: SourceCache? = nil) {
        self.folder = folder
        self.files = files ?? ProjectFiles(root: folder)
        self.cache = cache
    }

    /// The blocks of a file's Markdown body, from the cache when the text is the same.
    private func blocks(file: String, lineOffset: Int, body: String) throws -> [Block] {
        guard let cache else { return try CommonMarkConverter(file: file, lineOffset: lineOffset).blocks(from: body) }
        return try cache.blocks(file: file, lineOffset: lineOffset, body: body) {
            try CommonMarkConverter(file: file, lineOffset: lineOffset).blocks(from: body)
        }
    }

    /// The language `index.md`'s front matter names, read from its first lines without parsing
    /// the booklet (nil when it is not found there, or the file is a link): a guess for work
    /// that can start early (loading hyphenation patterns), which `load` confirms.
    public static func peekLanguage(folder: String) -> String? {
        let path = folder + "/" + indexFile
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 4096) else { return nil }
        for line in String(decoding: head, as: UTF8.self).split(separator: "\n").prefix(60) where line.hasPrefix("language:") {
            let value = line.dropFirst("language:".count).trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
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
        let index = try FrontMatter.split(try read(indexPath, what: "index file", at: SourceLocation(file: indexPath)), file: indexPath)
        guard let yaml = index.yaml else {
            throw DocumentError.frontMatter(SourceLocation(file: indexPath, line: 1),
                                            "index.md must begin with YAML front matter between '---' lines (title, kind, language, publisher, chapters)")
        }
        let document = try YAMLValue.parse(yaml, file: indexPath, lineOffset: index.yamlLineOffset)
        let root = try document.mapping("the booklet's front matter", allowed: Self.metadataKeys)
        let languageValue = try root.required("language")
        var metadata = BookletMetadata(
            title: try root.required("title").text("title"),
            kind: try root["kind"]?.text("kind") ?? "",
            language: try Self.language(languageValue),
            publisher: try root.required("publisher").text("publisher"),
            subject: try root["subject"]?.text("subject"),
            keywords: try root["keywords"]?.array("keywords").map { try $0.text("each keyword") } ?? [],
            variables: try root["variables"].map { try TemplateVariables.flatten($0) } ?? [:],
            date: try root["date"].map { try Self.date($0) })
        metadata.languageLocation = languageValue.location
        for entry in root.entries { metadata.keyLocations[entry.key] = entry.keyLocation }
        metadata.hyphenation = try root["hyphenation"]?.strings("hyphenation") ?? []
        let opening = try blocks(file: indexPath, lineOffset: index.bodyLineOffset, body: index.body)
        let chapterEntries = try root.required("chapters").array("chapters")
        guard !chapterEntries.isEmpty else { throw root.owner.error("chapters must list at least one chapter file") }
        let chapters = try chapterEntries.map { entry in try chapter(named: try entry.string("a chapter"), listedAt: entry) }
        let contact = try root["contact"].map { try blocks(ofFileListedAt: $0, what: "contact") } ?? []
        let colophon = try root["colophon"].map { try blocks(ofFileListedAt: $0, what: "colophon") } ?? []
        try Self.checkUniqueHeadingIDs(chapters.flatMap(\.blocks) + contact)
        try FigureCheck(files: files).check(opening + chapters.flatMap(\.blocks) + contact + colophon)
        // Then every key against its declaration (what the reading above lets through: an empty
        // title, a text too long...), as the schema editors check with says.
        try SettingsCheck.check(document, against: FrontMatterSchema.keys, what: "the booklet's front matter")
        return Booklet(metadata: metadata, opening: opening, chapters: chapters, contact: contact, colophon: colophon)
    }

    private func blocks(ofFileListedAt entry: YAMLValue, what: String) throws -> [Block] {
        let file = try existing(try entry.string(what), listedAt: entry)
        let parts = try FrontMatter.content(try read(file, what: "\(what) file", at: entry.location), file: file)
        return try blocks(file: file, lineOffset: parts.lineOffset, body: parts.body)
    }

    /// Heading ids address sections (edition operations, links, the contents): each must be
    /// unique among the chapters' and the contact page's headings, at any depth.
    public static func checkUniqueHeadingIDs(_ blocks: [Block]) throws {
        var seen: [String: SourceLocation] = [:]
        // Headings anywhere but in quotes (those are set as bold text, not sections).
        var headings: [Block] = []
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block.kind {
                case .heading: headings.append(block)
                case .list, .checklist, .callout: visit(block.children)
                case .quote, .paragraph, .rule, .figure, .table, .glossary, .qrCode, .notes: break
                }
            }
        }
        visit(blocks)
        for block in headings {
            guard case .heading(_, let id, _) = block.kind else { continue }
            if let first = seen[id] {
                throw DocumentError.content(block.location, "heading id '\(id)' is used twice (also at \(first)); give one of them an explicit id with '{#other-id}' at the end of the heading")
            }
            seen[id] = block.location
        }
    }

    /// `YYYY-MM-DD`, a real date of the calendar.
    static func date(_ value: YAMLValue) throws -> String {
        let text = try value.string("date")
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day), year >= 1970 else {
            throw value.error("date must be a date written YYYY-MM-DD, such as 2024-05-01, not '\(text)'")
        }
        guard CivilDate.exists(year: year, month: month, day: day) else {
            throw value.error("date \(text) does not exist; write a real date YYYY-MM-DD")
        }
        return text
    }

    private func chapter(named name: String, listedAt entry: YAMLValue) throws -> Chapter {
        let file = try existing(name, listedAt: entry)
        let parts = try FrontMatter.content(try read(file, what: "chapter file", at: entry.location), file: file)
        let blocks = try blocks(file: file, lineOffset: parts.lineOffset, body: parts.body)
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
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw entry.error("an empty file name is listed here; name a file in the booklet folder")
        }
        guard !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else {
            throw entry.error("'\(name)' must be a file inside the booklet folder")
        }
        let file = path(name)
        if case .failure(let problem) = files.check(file) {
            if problem == .missing {
                // The booklet's Markdown files not listed yet: a typo names one of them.
                let others = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".md") }
                let hint = YAMLValue.closest(to: name, in: others).map { " (did you mean '\($0)'?)" } ?? ""
                throw entry.error("'\(name)' is listed but there is no file \(file)\(hint)")
            }
            throw entry.error(problem.describe(file, what: "file", root: files.root))
        }
        return file
    }

    private func path(_ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private func read(_ file: String, what: String, at location: SourceLocation) throws -> String {
        try files.readText(file, what: what, at: location)
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

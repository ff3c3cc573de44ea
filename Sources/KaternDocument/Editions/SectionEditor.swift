import Foundation

/// Applies an edition's section operations: insert a local passage after a section, replace a
/// section, omit a section. A section is a heading and every block after it up to the next
/// heading of the same or a higher level; a level-1 section is the whole chapter.
struct SectionEditor {
    let renderer: TemplateRenderer
    /// Where passages and their images must stay.
    let files: ProjectFiles

    func apply(_ operations: [SectionOperation], to booklet: Booklet) throws -> Booklet {
        var result = booklet
        for operation in operations {
            guard let (chapter, range) = find(operation.section, in: result) else {
                let ids = result.chapters.flatMap { $0.blocks.compactMap(Self.headingID) }
                let hint = YAMLValue.closest(to: operation.section, in: ids).map { " (did you mean '\($0)'?)" } ?? ""
                throw DocumentError.yaml(operation.location, "there is no section with id '\(operation.section)' in the booklet\(hint)")
            }
            var blocks = result.chapters[chapter].blocks
            let wholeChapter = range.lowerBound == 0
            var inserted: [Block] = []
            switch operation.kind {
            case .omit:
                blocks.removeSubrange(range)
            case .replace(let file):
                inserted = try passage(file, for: operation)
                // A chapter is replaced by chapters (a passage that begins with '# Title'); a
                // section inside a chapter by sections (no '# Title' in the passage).
                if wholeChapter && Self.headingLevel(inserted.first) != 1 {
                    throw DocumentError.yaml(operation.location, "'\(operation.section)' is a chapter: the passage that replaces it must begin with its own chapter title ('# Title')")
                }
                if !wholeChapter, let title = inserted.first(where: { Self.headingLevel($0) == 1 }) {
                    throw DocumentError.yaml(operation.location, "the passage has a chapter title ('# ...' at \(title.location)), but '\(operation.section)' is a section inside a chapter; use '## ' headings, or replace the whole chapter")
                }
                blocks.replaceSubrange(range, with: inserted)
            case .insertAfter(let file):
                inserted = try passage(file, for: operation)
                // New chapters ('# Title') may follow a whole chapter only.
                if let title = inserted.first(where: { Self.headingLevel($0) == 1 }) {
                    guard wholeChapter && range.upperBound == blocks.count && Self.headingLevel(inserted.first) == 1 else {
                        throw DocumentError.yaml(operation.location, "the passage has a chapter title ('# ...' at \(title.location)); a new chapter can only be inserted after a whole chapter, and its passage must begin with it")
                    }
                }
                blocks.insert(contentsOf: inserted, at: range.upperBound)
            }
            // The chapter's blocks, cut at each chapter title: a passage may bring chapters.
            let parts = Self.chapters(of: blocks, file: result.chapters[chapter].file)
            result.chapters.replaceSubrange(chapter...chapter, with: parts)
            // A passage's headings take ids no other heading has (an omit after it could
            // otherwise remove the booklet's own section instead of the passage).
            if !inserted.isEmpty {
                do {
                    try BookletLoader.checkUniqueHeadingIDs(result.chapters.flatMap(\.blocks) + result.contact)
                } catch let error as DocumentError {
                    throw DocumentError.yaml(operation.location, "this operation's passage clashes with the booklet: at \(error.location), \(error.message)")
                }
            }
        }
        return result
    }

    /// Blocks cut into chapters at their level-1 headings (none before the first).
    static func chapters(of blocks: [Block], file: String) -> [Chapter] {
        var chapters: [Chapter] = []
        for block in blocks {
            if headingLevel(block) == 1 || chapters.isEmpty {
                chapters.append(Chapter(file: block.location.file.isEmpty ? file : block.location.file, blocks: [block]))
            } else {
                chapters[chapters.count - 1].blocks.append(block)
            }
        }
        return chapters
    }

    /// A local passage, parsed and rendered; its images are checked as the booklet's are.
    private func passage(_ file: String, for operation: SectionOperation) throws -> [Block] {
        let text = try files.readText(file, what: "passage", at: operation.location)
        let parts = try FrontMatter.content(text, file: file)
        let blocks = try renderer.render(try CommonMarkConverter(file: file, lineOffset: parts.lineOffset).blocks(from: parts.body))
        try FigureCheck(files: files).check(blocks)
        return blocks
    }

    private func find(_ id: String, in booklet: Booklet) -> (Int, Range<Int>)? {
        // Plain loops: a closure-based search here crashed the Swift 6.3 optimizer (CopyPropagation).
        for c in booklet.chapters.indices {
            let blocks = booklet.chapters[c].blocks
            var start: Int?
            var level = 0
            for i in blocks.indices {
                guard case .heading(let l, let headingID, _) = blocks[i].kind else { continue }
                if let start {
                    if l <= level { return (c, start..<i) }
                } else if headingID == id {
                    start = i
                    level = l
                }
            }
            if let start { return (c, start..<blocks.count) }
        }
        return nil
    }

    static func headingID(_ block: Block) -> String? {
        if case .heading(_, let id, _) = block.kind { return id }
        return nil
    }

    static func headingLevel(_ block: Block?) -> Int? {
        if case .heading(let level, _, _)? = block?.kind { return level }
        return nil
    }
}

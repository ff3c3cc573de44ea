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
            switch operation.kind {
            case .omit:
                blocks.removeSubrange(range)
            case .replace(let file):
                blocks.replaceSubrange(range, with: try passage(file, for: operation))
            case .insertAfter(let file):
                blocks.insert(contentsOf: try passage(file, for: operation), at: range.upperBound)
            }
            if blocks.isEmpty || Self.headingLevel(blocks[0]) != 1 {
                result.chapters.remove(at: chapter)
            } else {
                result.chapters[chapter].blocks = blocks
            }
        }
        return result
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

    static func headingLevel(_ block: Block) -> Int? {
        if case .heading(let level, _, _) = block.kind { return level }
        return nil
    }
}

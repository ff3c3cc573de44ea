/// What a watching process or a batch has already made of the booklet's sources: each Markdown
/// file's blocks by its exact text, and each part of the booklet (opening, chapter, contact,
/// colophon) after links and typography by its exact blocks. A rebuild after one paragraph
/// changed parses and typesets that file's part again, and reuses the rest. One cache per
/// worker thread, never shared between threads; it holds what the last build used.
public final class SourceCache {
    private var parsed: [String: (lineOffset: Int, body: String, blocks: [Block])] = [:]
    private var typeset: [String: (input: [Block], output: [Block])] = [:]

    public init() {}

    /// The blocks of `body` (the Markdown of `file` from line `lineOffset` + 1 on).
    func blocks(file: String, lineOffset: Int, body: String, parse: () throws -> [Block]) rethrows -> [Block] {
        if let known = parsed[file], known.lineOffset == lineOffset, known.body == body { return known.blocks }
        let blocks = try parse()
        parsed[file] = (lineOffset, body, blocks)
        return blocks
    }

    /// `booklet` with links found and typography applied (`Linker`, then `typographer`), part by part.
    public func typeset(_ booklet: Booklet, typographer: Typographer) -> Booklet {
        let linker = Linker()
        func part(_ key: String, _ blocks: [Block]) -> [Block] {
            if let known = typeset[key], known.input == blocks { return known.output }
            let output = typographer.apply(linker.apply(blocks))
            typeset[key] = (blocks, output)
            return output
        }
        var result = booklet
        result.opening = part("opening", booklet.opening)
        result.chapters = booklet.chapters.map { chapter in
            var c = chapter
            c.blocks = part("chapter " + chapter.file, chapter.blocks)
            return c
        }
        result.contact = part("contact", booklet.contact)
        result.colophon = part("colophon", booklet.colophon)
        return result
    }
}

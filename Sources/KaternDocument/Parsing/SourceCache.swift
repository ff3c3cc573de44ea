/// What a watching process or a batch has already made of the booklet's sources: each Markdown
/// file's blocks by its exact text, and each part of the booklet (opening, chapter, contact,
/// colophon) after links and typography by its exact blocks. A rebuild after one paragraph
/// changed parses and typesets that file's part again, and reuses the rest. One cache per
/// worker thread, never shared between threads; it holds what the last build used.
public final class SourceCache {
    private var parsed: [String: (lineOffset: Int, body: String, blocks: [Block])] = [:]
    private var typeset: [String: (input: [Block], output: [Block])] = [:]
    private var typesetBy: [String] = []

    public init() {}

    /// The blocks of `body` (the Markdown of `file` from line `lineOffset` + 1 on).
    func blocks(file: String, lineOffset: Int, body: String, parse: () throws -> [Block]) rethrows -> [Block] {
        if let known = parsed[file], known.lineOffset == lineOffset, known.body == body { return known.blocks }
        let blocks = try parse()
        parsed[file] = (lineOffset, body, blocks)
        return blocks
    }

    /// `booklet` with links found and typography applied (`Linker`, then `typographer`), part by
    /// part. Both passes take each block on its own, so a block the last build had at the same
    /// place in the part, counted from its start or from its end, is taken as it was typeset
    /// then: a batch's editions differ from each other in a few blocks (a hospital's name, a
    /// section of its own put in or left out), and only those are typeset.
    public func typeset(_ booklet: Booklet, typographer: Typographer) -> Booklet {
        // What another typographer made (the language file changed under a watching process) is
        // not taken.
        if typographer.identity != typesetBy { typeset.removeAll() }
        typesetBy = typographer.identity
        let linker = Linker()
        func part(_ key: String, _ blocks: [Block]) -> [Block] {
            guard let known = typeset[key] else {
                let output = typographer.apply(linker.apply(blocks))
                typeset[key] = (blocks, output)
                return output
            }
            if known.input == blocks { return known.output }
            var output: [Block] = []
            output.reserveCapacity(blocks.count)
            for (i, block) in blocks.enumerated() {
                let fromEnd = known.input.count - (blocks.count - i)
                if i < known.input.count, known.input[i] == block {
                    output.append(known.output[i])
                } else if fromEnd >= 0, known.input[fromEnd] == block {
                    output.append(known.output[fromEnd])
                } else {
                    output += typographer.apply(linker.apply([block]))
                }
            }
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

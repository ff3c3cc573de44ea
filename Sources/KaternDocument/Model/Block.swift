/// A block of a booklet's content, as written in the source: what it is, what it holds, and
/// where it came from. Styles are attached later (KaternStyle); positions later still (KaternLayout).
public struct Block: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A heading of level 1 (chapter), 2 or 3, with a stable id (a slug of its text).
        case heading(level: Int, id: String, content: [TextSpan])
        case paragraph([TextSpan])
        /// A bulleted or numbered list; each item holds blocks of its own. `start` is the number
        /// of the first item of a numbered list (`7.` starts at 7).
        case list(ordered: Bool, start: Int, items: [[Block]])
        /// A block quote in the source: typeset as a sidebar quote, kept whole. It may hold any
        /// blocks: paragraphs, lists, figures, quotes.
        case quote([Block])
        /// A thematic break (`---` in the body).
        case rule
        /// An image on its own (`![alt text](file)` as a paragraph): the file, resolved next to
        /// the source file, the text that describes it (required), and the caption set under it
        /// (the image's title, or an italic line right under it; empty: none).
        case figure(path: String, alt: String, caption: [TextSpan])
        /// A checklist (`- [ ] item`): a box to tick by hand before each item; `checked` says
        /// which boxes the source ticked (`- [x]`).
        case checklist(items: [[Block]], checked: [Bool])
        /// A table (GitHub's pipe tables): a header row, body rows, each column's alignment.
        case table(Table)
        /// A warning or note box (`> [!WARNING]`): its kind and the blocks inside it.
        case callout(CalloutKind, [Block])
        /// A glossary: terms, each with its definition (a bold term on a line of its own, then
        /// `: definition`).
        case glossary([GlossaryEntry])
        /// A QR code (`![what it leads to](qr:https://...)`): the address it encodes, the text that
        /// describes it, and its caption.
        case qrCode(address: String, alt: String, caption: [TextSpan])
        /// The notes of a file's footnotes (`text[^1]` ... `[^1]: note`), in the order of their
        /// numbers, set at the end of the file's text (a chapter's notes after the chapter).
        case notes([Footnote])
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The inline texts the block holds itself (not those of the blocks inside it): a heading's
    /// or paragraph's content, a table's cells, a glossary's terms and definitions, a caption.
    public var ownSpans: [[TextSpan]] {
        switch kind {
        case .heading(_, _, let content), .paragraph(let content): return [content]
        case .figure(_, _, let caption), .qrCode(_, _, let caption): return caption.isEmpty ? [] : [caption]
        case .table(let table): return table.cells
        case .glossary(let entries): return entries.flatMap { [$0.term, $0.definition] }
        case .list, .quote, .rule, .checklist, .callout, .notes: return []
        }
    }

    /// The blocks directly inside this one (list items' blocks, a quote's blocks).
    public var children: [Block] {
        switch kind {
        case .list(_, _, let items), .checklist(let items, _): return items.flatMap { $0 }
        case .quote(let inner), .callout(_, let inner): return inner
        case .notes(let notes): return notes.flatMap(\.blocks)
        case .heading, .paragraph, .rule, .figure, .table, .glossary, .qrCode: return []
        }
    }
}

/// The kinds of warning and note box, as GitHub writes them (`> [!WARNING]`).
public enum CalloutKind: String, Sendable, Equatable, CaseIterable {
    case note, tip, important, warning, caution
}

/// A pipe table: its columns' alignments, the header row's cells and the body rows' cells,
/// each cell inline text; every row has as many cells as there are columns.
public struct Table: Sendable, Equatable {
    public enum Alignment: String, Sendable, Equatable { case left, center, right }
    public var alignments: [Alignment]
    public var header: [[TextSpan]]
    public var rows: [[[TextSpan]]]
    /// The source line of each body row (for errors about a row).
    public var rowLocations: [SourceLocation]

    public init(alignments: [Alignment], header: [[TextSpan]], rows: [[[TextSpan]]], rowLocations: [SourceLocation]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
        self.rowLocations = rowLocations
    }

    /// Every cell's spans, the header's first, row by row.
    public var cells: [[TextSpan]] { header + rows.flatMap { $0 } }

    /// The same table with every cell's spans passed through `transform`.
    public func mappingCells(_ transform: ([TextSpan]) throws -> [TextSpan]) rethrows -> Table {
        var copy = self
        copy.header = try header.map(transform)
        copy.rows = try rows.map { try $0.map(transform) }
        return copy
    }
}

/// A footnote's note: its number, the id its references link to, and its text.
public struct Footnote: Sendable, Equatable {
    public var number: Int
    public var id: String
    public var blocks: [Block]
    public init(number: Int, id: String, blocks: [Block]) {
        self.number = number
        self.id = id
        self.blocks = blocks
    }

    /// A note's number as its reference prints it: superscript digits ("¹²").
    public static func superscript(_ number: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return String(String(number).compactMap { $0.wholeNumberValue.map { digits[$0] } })
    }
}

/// A glossary entry: the term and its definition (inline text each).
public struct GlossaryEntry: Sendable, Equatable {
    public var term: [TextSpan]
    public var definition: [TextSpan]
    public var location: SourceLocation
    public init(term: [TextSpan], definition: [TextSpan], location: SourceLocation) {
        self.term = term
        self.definition = definition
        self.location = location
    }
}

extension Array where Element == Block {
    /// Visits every block, depth first in reading order, with the blocks inside lists and quotes.
    public func forEachBlock(_ body: (Block) throws -> Void) rethrows {
        for block in self {
            try body(block)
            try block.children.forEachBlock(body)
        }
    }

    /// The plain text of every paragraph and heading, in reading order (figures by their alt text).
    public var plainTexts: [String] {
        var texts: [String] = []
        forEachBlock { block in
            switch block.kind {
            case .heading(_, _, let content), .paragraph(let content): texts.append(content.plainText)
            case .figure(_, let alt, let caption), .qrCode(_, let alt, let caption):
                texts.append(alt)
                if !caption.isEmpty { texts.append(caption.plainText) }
            case .table(let table): texts += table.cells.map(\.plainText)
            case .glossary(let entries): for entry in entries { texts += [entry.term.plainText, entry.definition.plainText] }
            case .list, .quote, .rule, .checklist, .callout, .notes: break
            }
        }
        return texts
    }
}

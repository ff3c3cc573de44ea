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
        /// the source file, and the text that describes it (required).
        case figure(path: String, alt: String)
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The blocks directly inside this one (list items' blocks, a quote's blocks).
    public var children: [Block] {
        switch kind {
        case .list(_, _, let items): return items.flatMap { $0 }
        case .quote(let inner): return inner
        case .heading, .paragraph, .rule, .figure: return []
        }
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
            case .figure(_, let alt): texts.append(alt)
            case .list, .quote, .rule: break
            }
        }
        return texts
    }
}

/// A block of a booklet's content, as written in the source: what it is, what it holds, and
/// where it came from. Styles are attached later (KaternStyle); positions later still (KaternLayout).
public struct Block: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A heading of level 1 (chapter), 2 or 3, with a stable id (a slug of its text).
        case heading(level: Int, id: String, content: [TextSpan])
        case paragraph([TextSpan])
        /// A bulleted or numbered list; each item holds blocks of its own.
        case list(ordered: Bool, items: [[Block]])
        /// A block quote in the source: typeset as a sidebar quote, kept whole.
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
}

import KaternDocument
import KaternStyle

/// The logical structure of the tagged PDF, planned from the page model (pages in, a tree of
/// elements and each page's marked content out), so that tests can read it without rendering
/// and the renderer only follows it:
/// - every element is one element however many pages it runs over (a paragraph split by a page
///   break is one `P` whose content lies on two pages);
/// - elements are in the order of the source, also where a float moved a quote or figure;
/// - a link is a `Link` element holding its text and its annotations;
/// - a word hyphenated at a line end is a `Span` whose `ActualText` is the whole word, so that a
///   screen reader says "bloedonderzoek", not "bloedonder- zoek";
/// - what has no structure (footers, rules, panels, notes lines, crop marks) is an artifact.
///
/// Each page's `pieces` are its marked-content sequences in the order the renderer draws them:
/// a piece's index is its marked-content id (MCID) on the page.
public struct StructurePlan: Sendable, Equatable {
    /// An element: its standard structure type and its children in reading order.
    public struct Element: Sendable, Equatable {
        public var type: String
        public var children: [Child] = []
        /// A figure's alternative text.
        public var alt: String?
        /// What a screen reader says for the element's content (a hyphenated word, whole).
        public var actualText: String?
        /// A list's `ListNumbering` (`Decimal`, `Disc`).
        public var numbering: String?
        /// A table header cell's `Scope` (`Column`, `Row`).
        public var scope: String?
        /// A figure's box on its page (page index, rectangle from the page's top-left corner).
        public var boxPage: Int?
        public var box: Rect?

        public init(type: String) { self.type = type }
    }

    public enum Child: Sendable, Equatable {
        case element(Int)
        /// Marked content: the page (an index into `pages`) and its MCID there.
        case content(page: Int, mcid: Int)
        /// An annotation: the page and its index in the page's `annotations`.
        case annotation(page: Int, index: Int)
    }

    /// A marked-content sequence: items, or some bytes of lines' text (their runs' text, one
    /// after the other), drawn one after the other: an element's content that follows itself on
    /// a page is one sequence (a paragraph's lines between two links).
    public struct Piece: Sendable, Equatable {
        public struct Part: Sendable, Equatable {
            public var item: Int
            /// The bytes of a line's text (nil: all of the item).
            public var bytes: Range<Int>?
            /// The part starts the line that carries a destination (a heading's anchor).
            public var anchor: String?
        }
        public var parts: [Part]
        /// The element whose content it is (its type gives the sequence's tag).
        public var element: Int
    }

    /// A link annotation: its clickable area (from the page's top-left corner), its target, what
    /// it says to a reader (its `/Contents`), and its `Link` element.
    public struct Annotation: Sendable, Equatable {
        public var rect: Rect
        public var uri: String
        public var contents: String
        public var element: Int
    }

    public struct PageTags: Sendable, Equatable {
        /// The page's items drawn as artifacts (first, in page order).
        public var artifacts: [Int] = []
        /// The marked content, in drawing order: the index is the MCID.
        public var pieces: [Piece] = []
        public var annotations: [Annotation] = []
    }

    /// The elements; the first is the `Document`, the root of the tree.
    public var elements: [Element]
    /// Per page of the document, in order.
    public var pages: [PageTags]

    public var root: Element { elements[0] }

    /// The tag of an element's marked content in the page's content stream: its type, but for
    /// a link's text, tagged `Span` (its element is the `Link`, whose other child is the
    /// annotation; the tests and checkers read the PDFs as made that way).
    public static func contentTag(_ type: String) -> String {
        type == "Link" ? "Span" : type
    }

    /// The elements of the tree in reading order (depth first), with their depth.
    public func walk() -> [(element: Int, depth: Int)] {
        var out: [(Int, Int)] = []
        var stack: [(Int, Int)] = [(0, 0)]
        while let (index, depth) = stack.popLast() {
            out.append((index, depth))
            for child in elements[index].children.reversed() {
                if case .element(let e) = child { stack.append((e, depth + 1)) }
            }
        }
        return out
    }

    /// The marked content of an element and its descendants, in reading order.
    public func content(of element: Int) -> [(page: Int, mcid: Int)] {
        var out: [(page: Int, mcid: Int)] = []
        var stack: [(element: Int, next: Int)] = [(element, 0)]
        while let (index, start) = stack.popLast() {
            let children = elements[index].children
            var next = start
            while next < children.count {
                let child = children[next]
                next += 1
                switch child {
                case .element(let e):
                    stack.append((index, next))
                    stack.append((e, 0))
                    next = children.count + 1
                case .content(let page, let mcid): out.append((page, mcid))
                case .annotation: break
                }
            }
        }
        return out
    }

    /// A plain-text dump of the tree (types, actual texts, alt texts, list numbering, which
    /// pages hold each element's content), for tests and for reading a structure without
    /// opening the PDF.
    public func dump(text: (Int, Int) -> String) -> String {
        var out = ""
        for (index, depth) in walk() {
            let element = elements[index]
            var line = String(repeating: "  ", count: depth) + element.type
            if let numbering = element.numbering { line += " [\(numbering)]" }
            if let alt = element.alt { line += " alt=\"\(alt)\"" }
            if let actual = element.actualText { line += " actual=\"\(actual)\"" }
            let own = element.children.compactMap { child -> String? in
                switch child {
                case .content(let page, let mcid): return text(page, mcid)
                case .annotation(let page, let index): return "<link \(pages[page].annotations[index].uri)>"
                case .element: return nil
                }
            }
            if !own.isEmpty { line += ": " + own.joined(separator: " | ") }
            out += line + "\n"
        }
        return out
    }
}

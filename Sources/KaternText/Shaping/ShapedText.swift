import KaternDocument
import KaternStyle

/// One line of a shaped paragraph, measured: what the flow stage needs to place it, and the
/// text it shows (for tests, text dumps and the quality report).
public struct ShapedLine: Sendable, Equatable {
    public static func == (a: ShapedLine, b: ShapedLine) -> Bool {
        a.text == b.text && a.width == b.width && a.xOffset == b.xOffset && a.ascent == b.ascent && a.descent == b.descent
            && a.hyphenated == b.hyphenated && a.links.map(\.uri) == b.links.map(\.uri) && a.runs == b.runs
    }

    /// The visible text of the line; a line that ends in a hyphenation break ends in "-".
    public var text: String
    /// The width the line's content takes.
    public var width: Length
    /// Where the line starts, measured from the left edge of the paragraph's column.
    public var xOffset: Length
    public var ascent: Length
    public var descent: Length
    /// Whether the line ends at a hyphenation break.
    public var hyphenated: Bool
    /// The width before justification.
    public var naturalWidth: Length
    /// What justification added to each word space.
    public var spaceAdjust: Length
    /// The number of word spaces in the line.
    public var spaces: Int
    /// The width the line had to fill.
    public var available: Length = .zero
    /// The line ends with a hyphen, drawn at a hyphenation point or the text's own.
    public var endsWithHyphen = false
    /// The mean word space as set (nil for a line without spaces).
    public var wordSpace: Length?
    /// The font size (an em), to measure spaces against.
    public var em: Length = .zero

    /// Links on the line: where they are (x from the line's start, width), the bytes of the
    /// line's text they cover, their target, and which link of the paragraph each is (a link
    /// broken over two lines has the same index on both).
    public var links: [ShapedLink] = []
    /// Stretches of the line struck through (`~~text~~`): x from the line's start, and width.
    public var strikes: [(x: Length, width: Length)] = []
    /// What the line draws: its glyph runs, from the line's start (x 0) along the baseline.
    public var runs: [GlyphRun] = []

    /// Wider than the width it had to fill.
    public var overfull: Bool { width.points > available.points + 0.5 && available.points > 0 }

    public init(text: String, width: Length, xOffset: Length = .zero, ascent: Length, descent: Length, hyphenated: Bool = false,
                naturalWidth: Length? = nil, spaceAdjust: Length = .zero, spaces: Int = 0) {
        self.text = text
        self.width = width
        self.xOffset = xOffset
        self.ascent = ascent
        self.descent = descent
        self.hyphenated = hyphenated
        self.naturalWidth = naturalWidth ?? width
        self.spaceAdjust = spaceAdjust
        self.spaces = spaces
    }
}

/// A stretch of a line that links somewhere.
public struct ShapedLink: Sendable, Equatable {
    public var x: Length
    public var width: Length
    /// The UTF-8 bytes of the line's text (its runs' text, one after the other) the link covers.
    public var bytes: Range<Int>
    public var uri: String
    /// The link's place among the paragraph's links.
    public var index: Int

    public init(x: Length, width: Length, bytes: Range<Int>, uri: String, index: Int) {
        self.x = x
        self.width = width
        self.bytes = bytes
        self.uri = uri
        self.index = index
    }
}

/// A paragraph after inline layout: its lines, each with the glyph runs it draws (so the renderer
/// draws the very glyphs that were measured; nothing is shaped twice), and an id for tests
/// (unique among what one shaper shaped: in a batch, a worker may hold another's, so ids may
/// repeat in a document; nothing may key on it).
public struct ShapedText: Sendable, Equatable {
    public var id: Int
    public var lines: [ShapedLine]
    /// What could not be set as asked: characters no font has, faces the fonts lack, fallbacks.
    public var problems: [ShapingProblem] = []

    public init(id: Int, lines: [ShapedLine], problems: [ShapingProblem] = []) {
        self.id = id
        self.lines = lines
        self.problems = problems
    }
}

/// Something the shaper could not set as the text and its style ask, found while shaping (never
/// printed in silence: the layout stage reports each with the source line).
public enum ShapingProblem: Sendable, Equatable, Hashable {
    /// No font in `Fonts/` has this character: it would print as a box.
    case missingCharacter(Unicode.Scalar)
    /// The family has no face of this weight and slant in `Fonts/`: another face would stand in.
    case missingFace(family: String, weight: String, italic: Bool, used: String)
    /// The style's family lacks the character, another font of `Fonts/` sets it.
    case fallback(Unicode.Scalar, family: String, used: String)

    /// An error (the text would be wrong) rather than a warning (the text is right, the font differs).
    public var isError: Bool {
        if case .fallback = self { return false }
        return true
    }

    public var message: String {
        switch self {
        case .missingCharacter(let scalar):
            return "the character '\(Self.show(scalar))' (U+\(String(format: "%04X", scalar.value))) is in no font in Fonts/; it would print as a box. Add a font that has it to Fonts/, or write the text without it"
        case .missingFace(let family, let weight, let italic, let used):
            return "Fonts/ has no \(weight)\(italic ? " italic" : "") face of '\(family)' (the text would be set in \(used)); add the face to Fonts/ or use a weight the family has"
        case .fallback(let scalar, let family, let used):
            return "'\(family)' has no '\(Self.show(scalar))' (U+\(String(format: "%04X", scalar.value))); it is set in \(used)"
        }
    }

    static func show(_ scalar: Unicode.Scalar) -> String {
        scalar.properties.generalCategory == .control || scalar.properties.isWhitespace ? "?" : String(scalar)
    }
}

/// How paragraphs are broken into lines: the whole paragraph at once (Knuth and Plass), or line
/// by line as far as each goes (Pango's way, kept to compare against).
public enum LineBreaking: String, Sendable, Equatable {
    case totalFit = "total-fit"
    case greedy
}

/// Inline layout: spans of text in a style, broken into lines of a given width.
/// `PangoShaper` is the real one; `FixedMetricsShaper` gives predictable metrics for layout tests.
public protocol TextShaper: AnyObject {
    func shape(_ spans: [TextSpan], style: TextStyle, width: Length) -> ShapedText
}

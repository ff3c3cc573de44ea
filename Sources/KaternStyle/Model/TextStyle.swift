import KaternDocument

/// A font as the layout names it: a family that must be in `Fonts/`, a weight and a slant.
public struct FontSpec: Sendable, Equatable, Hashable {
    public enum Weight: String, Sendable, CaseIterable {
        case thin, light, regular, medium, semibold, bold, heavy, black
    }
    public var family: String
    public var weight: Weight
    public var italic: Bool
    /// Where the layout names this font, for the error when the family is not in `Fonts/`.
    public var location: SourceLocation
    /// Where the layout sets its weight or slant, for the error when the face is not there.
    public var faceLocation: SourceLocation?

    public init(family: String, weight: Weight = .regular, italic: Bool = false, location: SourceLocation) {
        self.family = family
        self.weight = weight
        self.italic = italic
        self.location = location
    }

    public static func == (a: FontSpec, b: FontSpec) -> Bool {
        a.family == b.family && a.weight == b.weight && a.italic == b.italic
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(family); hasher.combine(weight); hasher.combine(italic)
    }
}

/// How the lines of a paragraph meet the column's edges.
public enum Alignment: String, Sendable, Equatable {
    case justify, left, center, right
}

/// A resolved text style: everything needed to shape and place one kind of text.
public struct TextStyle: Sendable, Equatable {
    public var font: FontSpec
    public var size: Length
    /// Baseline-to-baseline distance.
    public var leading: Length
    public var color: Color
    public var align: Alignment
    public var spaceBefore: Length
    public var spaceAfter: Length
    public var firstLineIndent: Length
    public var hyphenate: Bool
    public var uppercase: Bool
    /// Extra space between letters, as a fraction of an em.
    public var tracking: Double
    /// The natural word space as a share of the font's own (1: as the font has it).
    public var wordSpacing: Double = 1

    public init(font: FontSpec, size: Length, leading: Length, color: Color, align: Alignment = .left,
                spaceBefore: Length = .zero, spaceAfter: Length = .zero, firstLineIndent: Length = .zero,
                hyphenate: Bool = false, uppercase: Bool = false, tracking: Double = 0) {
        self.font = font
        self.size = size
        self.leading = leading
        self.color = color
        self.align = align
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.firstLineIndent = firstLineIndent
        self.hyphenate = hyphenate
        self.uppercase = uppercase
        self.tracking = tracking
    }
}

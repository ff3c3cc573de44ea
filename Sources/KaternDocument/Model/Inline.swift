/// A run of text with one set of inline properties. A paragraph's content is a list of spans;
/// the text is always literal text (never markup) by the time it reaches a span.
public struct TextSpan: Sendable, Equatable, Hashable {
    public var text: String
    public var emphasis: Bool
    public var strong: Bool
    public var code: Bool
    /// The target of a link (`https:`, `mailto:`, `tel:`), when the span is part of one.
    public var link: String?
    /// Struck through (`~~text~~`): set with a line through it.
    public var strike: Bool

    public init(_ text: String, emphasis: Bool = false, strong: Bool = false, code: Bool = false, link: String? = nil, strike: Bool = false) {
        self.text = text
        self.emphasis = emphasis
        self.strong = strong
        self.code = code
        self.link = link
        self.strike = strike
    }

    /// Whether `other` has the same inline properties, so the two can be merged into one span.
    public func sameStyle(as other: TextSpan) -> Bool {
        emphasis == other.emphasis && strong == other.strong && code == other.code && link == other.link && strike == other.strike
    }
}

extension Array where Element == TextSpan {
    /// The spans' text joined, without any styling.
    public var plainText: String { map(\.text).joined() }
}

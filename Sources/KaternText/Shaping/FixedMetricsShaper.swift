import KaternDocument
import KaternStyle

/// A shaper with made-up metrics: every character is half an em wide, lines break greedily at
/// spaces. For layout tests that must not depend on real fonts.
public final class FixedMetricsShaper: TextShaper {
    private var next = 0

    public init() {}

    public func shape(_ spans: [TextSpan], style: TextStyle, width: Length) -> ShapedText {
        let advance = style.size.points * 0.5
        let indent = max(0, style.firstLineIndent.points)
        var lines: [ShapedLine] = []
        var current = ""
        // The first line starts at the first-line indent and is as much shorter.
        var perLine: Int { max(1, Int((width.points - (lines.isEmpty ? indent : 0)) / advance)) }
        func flush() {
            lines.append(ShapedLine(text: current, width: .pt(Double(current.count) * advance), xOffset: .pt(lines.isEmpty ? indent : 0),
                                    ascent: style.size * 0.8, descent: style.size * 0.2))
            current = ""
        }
        for word in spans.plainText.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > perLine { flush() }
            current += current.isEmpty ? String(word) : " " + word
        }
        if !current.isEmpty || lines.isEmpty { flush() }
        next += 1
        return ShapedText(id: next, lines: lines)
    }
}

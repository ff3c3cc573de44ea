/// Chooses line breaks for a paragraph. `greedy` fills each line as far as it goes (what Pango
/// does); a total-fit breaker can replace it behind the same input and output.
public enum LineBreaker {
    /// First fit: each line takes as much as fits in `width` (the first line `width - indent`).
    /// A word wider than the line gets a line of its own (overfull, and reported as such).
    public static func greedy(_ input: LineBreakInput, width: Double, indent: Double = 0) -> [LineBreak] {
        var lines: [LineBreak] = []
        var start = 0
        var candidate: LineBreak?
        var index = 0
        let breaks = input.breaks
        while index < breaks.count {
            let point = breaks[index]
            guard point.index > start else { index += 1; continue }
            let available = width - (lines.isEmpty ? indent : 0)
            let line = input.line(from: start, to: point)
            if line.naturalWidth <= available + 0.001 {
                candidate = line
                if point.forced {
                    lines.append(line)
                    start = point.index
                    candidate = nil
                }
                index += 1
            } else if let fitting = candidate {
                lines.append(fitting)
                start = fitting.next
                candidate = nil
            } else {
                lines.append(line)  // overfull: nothing shorter exists
                start = point.index
                index += 1
            }
        }
        if let last = candidate { lines.append(last) }
        return lines
    }
}

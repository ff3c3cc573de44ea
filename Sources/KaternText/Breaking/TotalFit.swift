/// Total-fit line breaking (Knuth and Plass): chooses the breaks of a whole paragraph at once,
/// minimising the sum of each line's demerits, as TeX does. Justified lines stretch and shrink
/// their word spaces; ragged lines keep natural spaces and the demerits measure the raggedness
/// of the right edge instead. The last line is set ragged. Falls back to a looser tolerance with
/// emergency stretch, and only then to first fit, so a feasible paragraph never runs overfull.
public struct TotalFit: Sendable {
    public enum Mode: Sendable { case justified, ragged }

    public var mode: Mode
    /// Word-space stretch and shrink as shares of the natural space (TeX's fonts: 1/2 and 1/3).
    public var stretch: Double = 0.5
    public var shrink: Double = 0.33
    /// Largest adjustment ratio allowed in the first pass, and in the second.
    public var tolerance: Double = 2
    public var looseTolerance: Double = 4
    /// Extra stretch per line in the second pass, in points (a share of the line width by default).
    public var emergencyStretch: Double? = nil
    public var linePenalty: Double = 10
    public var hyphenPenalty: Double = 50
    public var explicitHyphenPenalty: Double = 50
    /// A break inside a web or e-mail address, and a break inside a word too wide for the line.
    public var addressPenalty: Double = 50
    public var emergencyPenalty: Double = 1000
    /// Added when two lines in a row end with a hyphen; a third in a row is not allowed.
    public var doubleHyphenDemerits: Double = 3000
    public var maxConsecutiveHyphens = 2
    /// Added when the last full line ends with a hyphen (the last line would be a fragment).
    public var finalHyphenDemerits: Double = 8000
    /// Added when neighbouring lines differ by more than one fitness class (tight/decent/loose/very loose).
    public var adjacentDemerits: Double = 10000
    /// For ragged text: how far short of the measure a line may end before it counts as bad.
    public var raggedness: Double = 0.2

    public init(mode: Mode) {
        self.mode = mode
        if mode == .ragged {
            hyphenPenalty = 400
            explicitHyphenPenalty = 200
        }
    }

    private struct Node {
        var index: Int          // character where the next line starts
        var line: Int           // lines before it
        var fitness: Int
        var hyphens: Int        // consecutive hyphenated lines ending here
        var demerits: Double
        var previous: Int?      // into `nodes`
        var breakLine: LineBreak?
    }

    public func breakLines(_ input: LineBreakInput, width: Double, indent: Double = 0) -> [LineBreak] {
        if let lines = run(input, width: width, indent: indent, tolerance: tolerance, extra: 0) { return lines }
        let extra = emergencyStretch ?? width * 0.06
        if let lines = run(input, width: width, indent: indent, tolerance: looseTolerance, extra: extra) { return lines }
        if let lines = run(input, width: width, indent: indent, tolerance: .infinity, extra: extra) { return lines }
        return LineBreaker.greedy(input, width: width, indent: indent)
    }

    private func run(_ input: LineBreakInput, width: Double, indent: Double, tolerance: Double, extra: Double) -> [LineBreak]? {
        var nodes: [Node] = [Node(index: 0, line: 0, fitness: 1, hyphens: 0, demerits: 0, previous: nil, breakLine: nil)]
        var active: [Int] = [0]
        for point in input.breaks {
            // The best way to this break for each fitness class (0...3): four slots, not a dictionary.
            var best = [(demerits: Double, from: Int, line: LineBreak, hyphens: Int)?](repeating: nil, count: 4)
            var found = false
            var stillActive: [Int] = []
            var dropped: [(node: Int, line: LineBreak)] = []
            stillActive.reserveCapacity(active.count)
            for a in active {
                let node = nodes[a]
                guard point.index > node.index else { stillActive.append(a); continue }
                let line = input.line(from: node.index, to: point)
                let available = width - (node.line == 0 ? indent : 0)
                let ratio = adjustment(line, available: available, last: point.forced, extra: extra, letterStretch: input.letterStretch)
                if ratio < -1 {
                    // Too long already, and longer lines from here will be too: drop the node.
                    dropped.append((a, line))
                    continue
                }
                stillActive.append(a)
                guard ratio <= tolerance || point.forced && ratio <= tolerance * 2 else { continue }
                let hyphens = line.endsWithHyphen ? node.hyphens + 1 : 0
                if hyphens > maxConsecutiveHyphens { continue }
                let fitness = Self.fitness(ratio)
                var demerits = demerits(line: line, ratio: ratio, point: point)
                if line.endsWithHyphen && node.hyphens > 0 { demerits += doubleHyphenDemerits }
                if point.forced, let previous = node.breakLine, previous.endsWithHyphen { demerits += finalHyphenDemerits }
                if abs(fitness - node.fitness) > 1 && mode == .justified { demerits += adjacentDemerits }
                let total = node.demerits + demerits
                if best[fitness].map({ total < $0.demerits }) ?? true {
                    best[fitness] = (total, a, line, hyphens)
                    found = true
                }
            }
            if stillActive.isEmpty && !found && tolerance.isInfinite, let last = dropped.min(by: {
                (-nodes[$0.node].index, nodes[$0.node].demerits) < (-nodes[$1.node].index, nodes[$1.node].demerits)
            }) {
                // No way on without an overfull line (a word wider than the column): give it a
                // line of its own, from the break nearest to it, so that the paragraph still ends.
                best[1] = (nodes[last.node].demerits + 1e6, last.node, last.line, 0)
            }
            active = stillActive
            for (fitness, slot) in best.enumerated() {
                guard let candidate = slot else { continue }
                nodes.append(Node(index: point.index, line: nodes[candidate.from].line + 1, fitness: fitness,
                                  hyphens: candidate.hyphens, demerits: candidate.demerits, previous: candidate.from,
                                  breakLine: candidate.line))
                active.append(nodes.count - 1)
            }
            if point.forced {
                // Nothing may jump over a forced break: only the nodes just made at it go on.
                active = active.filter { nodes[$0].index == point.index }
                if active.isEmpty { return nil }
            }
            if active.isEmpty { return nil }
        }
        guard let end = active.min(by: { nodes[$0].demerits < nodes[$1].demerits }) else { return nil }
        var lines: [LineBreak] = []
        var cursor: Int? = end
        while let c = cursor, let line = nodes[c].breakLine {
            lines.append(line)
            cursor = nodes[c].previous
        }
        return lines.reversed()
    }

    /// How far the line's spaces must stretch (positive) or shrink (negative), as a share of what
    /// they can; the last line of a paragraph (or before a hard break) may stay as short as it is.
    func adjustment(_ line: LineBreak, available: Double, last: Bool, extra: Double, letterStretch: Double = 0) -> Double {
        let slack = available - line.naturalWidth
        switch mode {
        case .justified:
            if slack >= 0 {
                if last { return 0 }
                let stretchable = line.spaceWidth * stretch + Double(line.letters) * letterStretch + extra
                return stretchable > 0 ? slack / stretchable : (slack < 0.01 ? 0 : .infinity)
            }
            let shrinkable = line.spaceWidth * shrink
            return shrinkable > 0 ? slack / shrinkable : -.infinity
        case .ragged:
            if slack < -0.01 { return -.infinity }
            if last { return 0 }
            return slack / (available * raggedness + extra)
        }
    }

    static func fitness(_ ratio: Double) -> Int {
        if ratio < -0.5 { return 0 }
        if ratio <= 0.5 { return 1 }
        if ratio <= 1 { return 2 }
        return 3
    }

    private func demerits(line: LineBreak, ratio: Double, point: LineBreakInput.BreakPoint) -> Double {
        let badness = min(10000, 100 * pow(abs(ratio), 3))
        var penalty = 0.0
        if point.hyphenated { penalty = hyphenPenalty } else if point.explicitHyphen { penalty = explicitHyphenPenalty }
        switch point.kind {
        case .address: penalty = max(penalty, addressPenalty)
        case .emergency: penalty = max(penalty, emergencyPenalty)
        case .ordinary: break
        }
        let base = (linePenalty + badness) * (linePenalty + badness)
        return point.forced ? base : base + penalty * penalty
    }
}

import Foundation

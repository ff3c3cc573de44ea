import Testing
@testable import KaternText

/// A glyph run is stored compactly (single-precision positions, y offsets only when a glyph
/// leaves the baseline, the clusters packed): what goes in comes out, through every operation
/// the layout and the renderer use, on random runs.
struct GlyphRunTests {
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// A run of 1–40 clusters, each of 0–3 glyphs and 0–4 bytes of text, at increasing x.
    static func randomRun(_ random: inout Random, raised: Bool) -> GlyphRun {
        var glyphs: [UInt32] = [], xs: [Double] = [], ys: [Double] = [], bytes: [Int] = [], counts: [Int] = []
        var text = ""
        var x = Double(random.below(2000)) / 10
        for _ in 0..<(1 + random.below(40)) {
            let count = random.below(4), length = random.below(5)
            for _ in 0..<count {
                glyphs.append(UInt32(random.below(3000)))
                xs.append(x)
                ys.append(raised && random.below(3) == 0 ? Double(random.below(40) - 20) / 8 : 0)
                x += Double(random.below(800)) / 100
            }
            text += String(repeating: "a", count: length)
            bytes.append(length)
            counts.append(count)
        }
        return GlyphRun(face: FontFace(file: "/fonts/x.ttf"), size: 10.5, glyphs: glyphs, xs: xs, ys: ys, end: x,
                        text: text, clusterBytes: bytes, clusterGlyphs: counts)
    }

    @Test func whatGoesInComesOut() {
        var random = Random(state: 12)
        for n in 0..<300 {
            let run = Self.randomRun(&random, raised: n % 2 == 0)
            #expect(run.xs.count == run.glyphs.count && run.ys.count == run.glyphs.count)
            for g in run.glyphs.indices {
                #expect(run.x(g) == run.xs[g] && run.y(g) == run.ys[g])
            }
            #expect(run.clusterBytes.reduce(0, +) == run.text.utf8.count)
            #expect(run.clusterGlyphs.reduce(0, +) == run.glyphs.count)
            #expect(Array(run.clusters.map(\.bytes)) == run.clusterBytes)
            // Equal runs compare equal however their offsets were given (all zero or none).
            let copy = GlyphRun(face: run.face, size: run.size, glyphs: run.glyphs, xs: run.xs, ys: run.ys, end: run.end,
                                text: run.text, clusterBytes: run.clusterBytes, clusterGlyphs: run.clusterGlyphs)
            #expect(copy == run)
            var moved = run
            moved.moveGlyphs { g, x in x + Double(g) }
            for g in run.glyphs.indices { #expect(abs(moved.x(g) - run.x(g) - Double(g)) < 0.001) }
            var replaced = run
            replaced.setClusters(bytes: run.clusterBytes.reversed(), glyphs: run.clusterGlyphs.reversed())
            #expect(replaced.clusterBytes == run.clusterBytes.reversed() && replaced.clusterGlyphs == run.clusterGlyphs.reversed())
        }
    }

    @Test func positionsKeepAThousandthOfAPoint() {
        var random = Random(state: 7)
        for _ in 0..<2000 {
            let x = Double(random.below(1_000_000)) / 1000  // up to 1000 pt, in thousandths
            let run = GlyphRun(face: FontFace(file: "f"), size: 10, glyphs: [1], xs: [x], ys: [0], end: x + 5, text: "a",
                               clusterBytes: [1], clusterGlyphs: [1])
            #expect(abs(run.x(0) - x) < 0.0001)
        }
    }

    @Test func slicesAndShiftsAndSpacesKeepTheClusters() {
        var random = Random(state: 99)
        for n in 0..<300 {
            let run = Self.randomRun(&random, raised: n % 3 == 0)
            let length = run.text.utf8.count
            let lower = random.below(length + 1), upper = lower + random.below(length - lower + 1)
            if let part = run.slice(bytes: lower..<upper) {
                #expect(part.clusterBytes.reduce(0, +) == part.text.utf8.count)
                #expect(part.clusterGlyphs.reduce(0, +) == part.glyphs.count)
                #expect(part.xs.count == part.glyphs.count && part.ys.count == part.glyphs.count)
                // The part's glyphs are the run's, at the run's places.
                if let first = run.glyphs.indices.first(where: { run.x($0) == part.x(0) && run.glyphs[$0] == part.glyphs[0] }) {
                    for g in part.glyphs.indices {
                        #expect(part.glyphs[g] == run.glyphs[first + g] && part.y(g) == run.y(first + g))
                    }
                } else {
                    Issue.record("the slice's first glyph is not the run's")
                }
            }
            let moved = run.shifted(by: 12.5)
            for g in run.glyphs.indices { #expect(abs(moved.x(g) - run.x(g) - 12.5) < 0.001) }
            var spaced = run
            spaced.appendSpace(glyph: 3)
            #expect(spaced.glyphs.count == run.glyphs.count + 1 && spaced.text == run.text + " ")
            #expect(spaced.y(run.glyphs.count) == 0 && abs(spaced.x(run.glyphs.count) - run.end) < 0.001)
            #expect(spaced.clusterBytes == run.clusterBytes + [1] && spaced.clusterGlyphs == run.clusterGlyphs + [1])
        }
    }
}

import Foundation
import KaternDocument
import KaternStyle
import Testing
@testable import KaternText

/// Shaping takes no lock: threads shape at once, each with a font set of its own (a build's second
/// thread, a batch's workers). What each thread shapes is what one thread alone shapes, line by
/// line and glyph by glyph, whatever the order and however many threads (2, 3 or 4 here).
@Suite(.serialized) struct PangoThreadsTests {
    static func paragraphs() throws -> [String] {
        let folder = URL(fileURLWithPath: PangoShaperTests.fontsFolder).deletingLastPathComponent().appendingPathComponent("Booklets/all").path
        var result: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".md") {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            result += text.components(separatedBy: "\n\n").map { $0.replacingOccurrences(of: "\n", with: " ") }.filter { $0.count > 20 }
        }
        return result
    }

    func style(_ family: String) -> TextStyle {
        TextStyle(font: FontSpec(family: family, location: SourceLocation(file: "l.yaml", line: 1)), size: .pt(10),
                  leading: .pt(14), color: .black, align: .justify, hyphenate: true)
    }

    func shapeAll(_ texts: [String], order: [Int], fonts given: FontSet? = nil) throws -> [Int: [ShapedLine]] {
        let fonts = try given ?? FontSet(folder: PangoShaperTests.fontsFolder, language: "nl")
        let shaper = PangoShaper(fonts: fonts, hyphenator: try Hyphenator(language: "nl-NL", location: SourceLocation(file: "t")), language: "nl")
        var out: [Int: [ShapedLine]] = [:]
        for i in order {
            let s = style(i % 3 == 0 ? "Lato" : "Charis SIL")
            out[i] = shaper.shape([TextSpan(texts[i])], style: s, width: .pt(200 + Double(i % 5) * 20)).lines
        }
        return out
    }

    @Test func twoThreadsWithAFontSetEachShapeAsOne() throws {
        FontSet.prepare()
        let texts = try Self.paragraphs()
        let reference = try shapeAll(texts, order: Array(texts.indices))
        for round in 0..<6 {
            let threads = 2 + round % 3
            nonisolated(unsafe) var results = [[Int: [ShapedLine]]](repeating: [:], count: threads)
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                var order = Array(texts.indices)
                if t % 2 == 1 { order.reverse() }
                if t >= 2 { order.shuffle() }
                results[t] = (try? shapeAll(texts, order: order)) ?? [:]
            }
            for (t, result) in results.enumerated() {
                #expect(result.count == texts.count)
                for (i, lines) in result where lines != reference[i] {
                    Issue.record("round \(round), thread \(t): paragraph \(i) differs")
                }
            }
        }
    }

    /// A build's second font set shares the first's fontconfig configuration (`Prefetch`): two
    /// threads shaping at once, one with each, shape as one thread with a set of its own does.
    @Test func fontSetsSharingAConfigurationShapeAsOne() throws {
        FontSet.prepare()
        let texts = try Self.paragraphs()
        let reference = try shapeAll(texts, order: Array(texts.indices))
        for round in 0..<4 {
            let first = try FontSet(folder: PangoShaperTests.fontsFolder, language: "nl")
            let sets = [first, FontSet(sharingConfigurationOf: first, language: "nl")]
            #expect(sets[1].families == sets[0].families)
            // (Each thread writes its own slot of a buffer allocated before they start.)
            let slots = UnsafeMutableBufferPointer<[Int: [ShapedLine]]>.allocate(capacity: 2)
            slots.initialize(repeating: [:])
            defer { slots.deinitialize(); slots.deallocate() }
            nonisolated(unsafe) let shared = sets, results = slots
            DispatchQueue.concurrentPerform(iterations: 2) { t in
                var order = Array(texts.indices)
                if t == 1 { order.reverse() }
                if round >= 2 { order.shuffle() }
                results[t] = (try? shapeAll(texts, order: order, fonts: shared[t])) ?? [:]
            }
            for (t, result) in results.enumerated() {
                #expect(result.count == texts.count)
                for (i, lines) in result where lines != reference[i] {
                    Issue.record("round \(round), thread \(t): paragraph \(i) differs")
                }
            }
        }
    }
}

import Foundation
import KaternDocument
import KaternStyle
import Testing
@testable import KaternText

/// Pango 1.50 starts two threads for each new font pattern and waits for them; Katern runs those
/// tasks on the thread that asks (CPangoMatch). Shaping in a new size makes new patterns: their
/// tasks are counted as run inline, and the lines are those shaped before (the same fonts found).
@Suite(.serialized) struct PangoMatchTests {
    @Test func newFontPatternsAreMatchedOnTheAskingThread() throws {
        FontSet.prepare()
        let fonts = try FontSet(folder: PangoShaperTests.fontsFolder, language: "nl")
        let shaper = PangoShaper(fonts: fonts, hyphenator: nil, language: "nl")
        let (before, inline) = FontSet.inlinePatternTasks
        // A size no other test uses: a pattern this font map has not made yet.
        let style = TextStyle(font: FontSpec(family: "Charis SIL", location: SourceLocation(file: "l.yaml", line: 1)), size: .pt(10.37),
                              leading: .pt(14), color: .black, align: .left, hyphenate: false)
        let lines = shaper.shape([TextSpan("Patiënten en hun naasten")], style: style, width: .pt(300)).lines
        let after = FontSet.inlinePatternTasks.count
        #expect(lines.count == 1 && !lines[0].runs.isEmpty)
        #expect(lines[0].runs.allSatisfy { $0.face.file.hasSuffix("CharisSIL-Regular.ttf") }, "\(lines[0].runs.map(\.face))")
        if inline {
            #expect(after >= before + 2, "\(before) -> \(after)")
        } else {
            #expect(after == before)
        }
    }
}

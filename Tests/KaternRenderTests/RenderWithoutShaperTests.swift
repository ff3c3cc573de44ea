import CCairo
import Foundation
import KaternDocument
import KaternLayout
import KaternRender
import KaternStyle
import KaternTestSupport
import KaternText
import Testing

/// The renderer draws the page model's glyph runs with no shaper: a page built by hand, its
/// glyph ids read from the font file with FreeType (no Pango, no fontconfig), becomes a PDF
/// whose text and fonts poppler reads back.
@Suite struct RenderWithoutShaperTests {
    static let font = CLI.projectRoot + "/Fonts/CharisSIL/CharisSIL-Regular.ttf"

    /// Glyph ids and advances of `text` in the font at `size`, from FreeType alone.
    func run(_ text: String, size: Double, x: Double) throws -> GlyphRun {
        var library: FT_Library?
        var face: FT_Face?
        #expect(FT_Init_FreeType(&library) == 0)
        defer { FT_Done_FreeType(library) }
        #expect(FT_New_Face(library, Self.font, 0, &face) == 0)
        let ftFace = try #require(face)
        defer { FT_Done_Face(ftFace) }
        let unitsPerEm = Double(ftFace.pointee.units_per_EM)
        var glyphs: [UInt32] = [], xs: [Double] = []
        var position = x
        for scalar in text.unicodeScalars {
            let glyph = FT_Get_Char_Index(ftFace, FT_ULong(scalar.value))
            #expect(glyph != 0, "\(scalar) not in the font")
            FT_Load_Glyph(ftFace, glyph, Int32(FT_LOAD_NO_SCALE))
            glyphs.append(UInt32(glyph))
            xs.append(position)
            position += Double(ftFace.pointee.glyph.pointee.advance.x) / unitsPerEm * size
        }
        return GlyphRun(face: FontFace(file: Self.font), size: size, glyphs: glyphs, xs: xs, ys: glyphs.map { _ in 0 }, end: position,
                        text: text, clusterBytes: text.unicodeScalars.map { String($0).utf8.count }, clusterGlyphs: glyphs.map { _ in 1 })
    }

    @Test func aHandMadePageBecomesAPDF() throws {
        let first = try run("Hallo ", size: 12, x: 0)
        let second = try run("wereld", size: 12, x: first.end)
        var line = LineItem(runs: [first, second], lineIndex: 0, origin: Point(x: .mm(20), y: .mm(30)), width: .pt(second.end), ascent: .pt(9),
                            descent: .pt(3), text: "Hallo wereld", hyphenated: false, color: .black, role: .body,
                            source: SourceLocation(file: "t.md", line: 1), block: 1)
        line.structure = [StructureNode("P", 1)]
        let page = Page(number: 1, kind: .content, items: [.line(line)])
        let document = PagedDocument(pages: [page], pageWidth: .mm(148), pageHeight: .mm(210))
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/hand.pdf"
        let metadata = PDFMetadata(title: "Hand", author: "Test", subject: "", keywords: [], creator: "test",
                                   date: Date(timeIntervalSince1970: 0), language: "nl-NL")
        try PDFRenderer(images: ImagePainter()).render(document, structure: StructurePlan(document, labels: LanguageResources.dutch.labels), metadata: metadata, to: output)
        let text = try CLI.run("/usr/bin/pdftotext", [output, "-"]).stdout
        #expect(text.contains("Hallo wereld"), "\(text)")
        let fonts = try CLI.run("/usr/bin/pdffonts", [output]).stdout
        #expect(fonts.contains("CharisSIL") && fonts.contains(" yes yes yes "), "\(fonts)")
        let words = try PDFText(output).words().words
        let hallo = try #require(words.first { $0.text == "Hallo" })
        #expect(abs(hallo.xMin - Length.mm(20).points) < 1)
    }
}

/// The PDF's structure from a page model built by hand: marked content and the tree follow
/// the plan, and `katern check --pdf` (PDFChecker) sees what the plan was given.
@Suite struct HandMadeStructureTests {
    func line(_ text: String, y: Double, structure: [StructureNode]) throws -> LineItem {
        let run = try RenderWithoutShaperTests().run(text, size: 12, x: 0)
        var line = LineItem(runs: [run], lineIndex: 0, origin: Point(x: .mm(20), y: .mm(y)), width: .pt(run.end), ascent: .pt(9),
                            descent: .pt(3), text: text, hyphenated: false, color: .black, role: .body,
                            source: SourceLocation(file: "t.md", line: 1), block: 1)
        line.structure = structure
        return line
    }

    func render(_ pages: [Page]) throws -> (pdf: String, folder: String) {
        let document = PagedDocument(pages: pages, pageWidth: .mm(148), pageHeight: .mm(210))
        let folder = try CLI.temporaryFolder()
        let output = folder + "/hand.pdf"
        let metadata = PDFMetadata(title: "Hand", author: "Test", subject: "", keywords: [], creator: "test",
                                   date: Date(timeIntervalSince1970: 0), language: "nl-NL")
        try PDFRenderer(images: ImagePainter()).render(document, structure: StructurePlan(document, labels: LanguageResources.dutch.labels),
                                                             metadata: metadata, to: output)
        return (output, folder)
    }

    @Test func aSkippedHeadingLevelIsReported() throws {
        let pages = [Page(number: 1, kind: .content, items: [
            .line(try line("Titel", y: 30, structure: [StructureNode("H1", 1)])),
            .line(try line("Sectie", y: 40, structure: [StructureNode("H3", 2)])),
        ])]
        let (pdf, folder) = try render(pages)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let findings = try PDFChecker().check(pdf).map(\.description)
        #expect(findings.contains { $0.contains("heading level skips from H1 to H3") }, "\(findings)")
    }

    /// A paragraph over two pages is one P with content on both; furniture is an artifact; a
    /// clean PDF has no finding.
    @Test func aParagraphOverTwoPagesIsOneElement() throws {
        let paragraph = StructureNode("P", 7)
        var footer = try line("1", y: 200, structure: [])
        footer.role = .artifact
        let pages = [
            Page(number: 1, kind: .content, items: [.line(try line("Begin van de", y: 30, structure: [StructureNode("H1", 1)])),
                                                   .line(try line("zin loopt", y: 40, structure: [paragraph])), .line(footer)]),
            Page(number: 2, kind: .content, items: [.line(try line("door op de volgende pagina", y: 30, structure: [paragraph]))]),
        ]
        let (pdf, folder) = try render(pages)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let structure = try PDFStructure(pdf)
        let paragraphs = structure.elements.filter { $0.type == "P" }
        #expect(paragraphs.count == 1)
        #expect(Set(paragraphs.first?.content.map(\.page) ?? []) == [0, 1])
        #expect(try PDFChecker().check(pdf).isEmpty)
        let tree = try CLI.run("/usr/bin/pdfinfo", ["-struct-text", pdf]).stdout
        #expect(!tree.contains("\"1\""), "the footer is in the structure: \(tree)")
    }
}

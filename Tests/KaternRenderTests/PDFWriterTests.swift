import CCairo
import Foundation
import KaternDocument
import KaternLayout
@testable import KaternRender
import KaternStyle
import KaternTestSupport
import KaternText
import Testing

/// The PDF written straight from the page model, read back by poppler (an independent reader):
/// every glyph where the page model put it, every cluster's text as the source has it (also
/// where the fonts' Unicode maps cannot spell it), and pages taken from the cache of an earlier
/// build byte for byte what writing them anew gives.
@Suite struct PDFWriterTests {
    let metadata = PDFMetadata(title: "Proef", author: "Test", subject: "", keywords: [], creator: "test",
                               date: Date(timeIntervalSince1970: 0), language: "nl-NL")

    func line(_ runs: [GlyphRun], y: Double, element: Int) -> LineItem {
        var line = LineItem(runs: runs, lineIndex: 0, origin: Point(x: .mm(15), y: .mm(y)), width: .pt(runs.last?.end ?? 0), ascent: .pt(9),
                            descent: .pt(3), text: runs.map(\.text).joined(), hyphenated: false, color: .black, role: .body,
                            source: SourceLocation(file: "t.md", line: 1), block: element)
        line.structure = [StructureNode("P", element)]
        return line
    }

    func render(_ pages: [Page], cache: PageCache? = nil, into folder: String, name: String) throws -> String {
        let document = PagedDocument(pages: pages, pageWidth: .mm(148), pageHeight: .mm(210))
        let output = folder + "/" + name + ".pdf"
        try PDFRenderer(images: ImagePainter(), cache: cache)
            .render(document, structure: StructurePlan(document, labels: LanguageResources.dutch.labels), metadata: metadata, to: output)
        return output
    }

    /// Words at random places (gaps, kerning and letter spacing as a justifying line makes
    /// them): poppler finds each word's first glyph where the page model put it.
    @Test func glyphsStandWhereThePageModelPutsThem() throws {
        var random = SplitMix64(seed: 12)
        let vocabulary = ["beenmerg", "bloed", "cellen", "ziekte", "patiënt", "leukemie", "ALL", "kinderen", "onderzoek"]
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var lines: [LineItem] = []
        var expected: [(word: String, x: Double, page: Int)] = []
        for n in 0..<24 {
            var runs: [GlyphRun] = []
            var x = 0.0
            let size = [9.0, 10.5, 12, 17][random.below(4)]
            for _ in 0..<(2 + random.below(4)) {
                let word = vocabulary[random.below(vocabulary.count)]
                var run = try RenderWithoutShaperTests().run(word + " ", size: size, x: x)
                // Kerning and letter spacing: each glyph moved by up to 0.3 pt either way.
                run.moveGlyphs { _, x in x + Double(random.below(61) - 30) / 100 }
                expected.append((word, Length.mm(15).points + run.xs[0], n / 12 + 1))
                x = run.end + Double(random.below(300)) / 100
                runs.append(run)
            }
            lines.append(line(runs, y: 20 + Double(n % 12) * 12, element: n + 1))
        }
        let pages = [Page(number: 1, kind: .content, items: lines[..<12].map { .line($0) }),
                     Page(number: 2, kind: .content, items: lines[12...].map { .line($0) })]
        let pdf = try render(pages, into: folder, name: "places")
        let words = try PDFText(pdf).words().words
        #expect(words.count == expected.count, "\(words.map(\.text))")
        for (word, want) in zip(words, expected) {
            #expect(word.text == want.word)
            #expect(word.page == want.page)
            #expect(abs(word.xMin - want.x) < 0.05, "\(word.text): at \(word.xMin), in the page model at \(want.x)")
        }
    }

    /// Clusters the fonts' maps cannot spell: a no-break space drawn with the space's glyph, two
    /// letters drawn with one glyph, one letter drawn with two (a base and a combining mark), a
    /// glyph drawn for two different texts. The text poppler extracts is the source's.
    @Test func everyClusterReadsAsItsSourceText() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plain = try RenderWithoutShaperTests().run("zo", size: 12, x: 0)
        let space = try RenderWithoutShaperTests().run(" ", size: 12, x: 0)
        let e = try RenderWithoutShaperTests().run("e", size: 12, x: 0)
        let acute = try RenderWithoutShaperTests().run("\u{301}", size: 12, x: 0)
        let f = try RenderWithoutShaperTests().run("f", size: 12, x: 0)
        // The pieces one after another, each at its advance.
        func run(_ text: String, pieces: [GlyphRun], clusters: [(Int, Int)]) -> GlyphRun {
            var xs: [Double] = [], x = 0.0
            for piece in pieces {
                xs += piece.xs.map { $0 + x }
                x += piece.end
            }
            return GlyphRun(face: plain.face, size: 12, glyphs: pieces.flatMap(\.glyphs), xs: xs, ys: xs.map { _ in 0 },
                            end: x, text: text, clusterBytes: clusters.map(\.0), clusterGlyphs: clusters.map(\.1))
        }
        // "zo\u{A0}fl\u{E9}e": z o, NBSP with the space's glyph, "fl" with f's glyph alone, é as e + ◌́, then a plain e.
        let text = "zo\u{A0}fl\u{E9}e"
        let mixed = run(text, pieces: [plain, space, f, e, acute, e], clusters: [(1, 1), (1, 1), (2, 1), (2, 1), (2, 2), (1, 1)])
        let pages = [Page(number: 1, kind: .content, items: [.line(line([run("zo f", pieces: [plain, space, f], clusters: [(1, 1), (1, 1), (1, 1), (1, 1)])], y: 20, element: 1)),
                                                            .line(line([mixed], y: 40, element: 2))])]
        let pdf = try render(pages, into: folder, name: "clusters")
        let extracted = try CLI.run("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"]).stdout
        let lines = extracted.split(separator: "\n").map { String($0).precomposedStringWithCanonicalMapping }
        #expect(lines.contains("zo\u{A0}fl\u{E9}e") || lines.contains("zo fl\u{E9}e"), "\(lines)")
        #expect(try PDFChecker().check(pdf).isEmpty)
    }

    /// Glyphs with no text of their own (a right-to-left word's: its text on one glyph, the
    /// others in clusters of no bytes) are embedded, measured and mapped like any other: the
    /// word reads as its text, the word after it stands where the page model put it, and the
    /// checkers find every code mapped. A presentation form in the source ("ﬁ") maps to its
    /// letters.
    @Test func glyphsWithoutTextOfTheirOwnAreEmbeddedAndRead() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let zon = try RenderWithoutShaperTests().run("zon", size: 12, x: 0)
        var word = zon
        word.setClusters(bytes: [0, 0, 3], glyphs: [1, 1, 1])
        let after = try RenderWithoutShaperTests().run(" zee", size: 12, x: zon.end)
        let ligature = try RenderWithoutShaperTests().run("\u{FB01}ets", size: 12, x: after.end + 6)
        let page = Page(number: 1, kind: .content, items: [.line(line([word, after, ligature], y: 30, element: 1))])
        let pdf = try render([page], into: folder, name: "rtl")
        let text = try CLI.run("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"]).stdout
        #expect(text.contains("zon zee"), "\(text)")
        #expect(text.contains("fiets") && !text.contains("\u{FB01}"), "\(text)")
        let words = try PDFText(pdf).words().words
        let zee = try #require(words.first { $0.text == "zee" })
        #expect(abs(zee.xMin - (Length.mm(15).points + after.xs[1])) < 0.05, "zee at \(zee.xMin)")
        #expect(try PDFChecker().check(pdf).isEmpty)
        #expect(try Checkers.errors(pdf) == nil)
        // The glyphs without text are drawn: ink where "zo" stands (poppler renders the page,
        // at 288 dpi, the area from the line's start to the "n").
        let scale = 4.0
        let x = Int(Length.mm(15).points * scale), width = Int(zon.xs[2] * scale) - 2
        let top = Int((Length.mm(30).points - 9) * scale), height = Int(12 * scale)
        let render = try CLI.run("/usr/bin/pdftoppm", ["-r", "288", "-gray", "-singlefile", "-x", "\(x)", "-y", "\(top)", "-W", "\(width)", "-H", "\(height)",
                                                     pdf, folder + "/zo"])
        #expect(render.status == 0, "\(render.stderr)")
        let pixels = try Data(contentsOf: URL(fileURLWithPath: folder + "/zo.pgm")).suffix(width * height)
        #expect(pixels.filter { $0 < 128 }.count > width * height / 20, "no ink where 'zo' is drawn")
    }

    /// A font file that is gone or damaged by the time the PDF is written (it was read when the
    /// text was shaped) is an error that names the file, never a crash or a PDF without it.
    @Test func aFontThatCannotBeReadIsAnErrorNamingTheFile() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let damaged = folder + "/damaged.ttf"
        try Data(Array(repeating: UInt8(0x41), count: 300)).write(to: URL(fileURLWithPath: damaged))
        for file in [folder + "/missing.ttf", damaged] {
            #expect(throws: RenderError.self, "\(file)") { try FontProgram.load(FontFace(file: file)) }
            do { _ = try FontProgram.load(FontFace(file: file)) } catch {
                #expect("\(error)".contains(file), "\(error)")
            }
        }
        // A page drawn with such a face: the render fails and leaves no PDF.
        var run = try RenderWithoutShaperTests().run("zon", size: 12, x: 0)
        run.face = FontFace(file: damaged)
        let output = folder + "/none.pdf"
        let document = PagedDocument(pages: [Page(number: 1, kind: .content, items: [.line(line([run], y: 30, element: 1))])],
                                     pageWidth: .mm(148), pageHeight: .mm(210))
        #expect(throws: RenderError.self) {
            try PDFRenderer(images: ImagePainter()).render(document, structure: StructurePlan(document, labels: LanguageResources.dutch.labels),
                                                           metadata: metadata, to: output)
        }
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    /// A batch through one cache: each PDF is byte for byte the one a build without a cache
    /// writes, pages equal to an earlier build's come from the cache, and a page whose glyphs
    /// the fonts' maps now give another text is written anew.
    @Test func pagesFromTheCacheAreThePagesWrittenAnew() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func page(_ number: Int, _ words: [String]) throws -> Page {
            let lines = try words.enumerated().map { n, word in
                line([try RenderWithoutShaperTests().run(word, size: 11, x: 0)], y: 20 + Double(n) * 10, element: number * 10 + n)
            }
            return Page(number: number, kind: .content, items: lines.map { .line($0) })
        }
        let a = [try page(1, ["Omslag"]), try page(2, ["zon", "zee"]), try page(3, ["strand", "duin"])]
        var b = a
        b[0] = try page(1, ["Omslag van het Sint Annagasthuis"])
        // c: its first page draws the glyph of "z" for the text "s" (first seen: the map says "s"),
        // so the unchanged pages that draw "z" must not come from the cache.
        var c = a
        var odd = try RenderWithoutShaperTests().run("z", size: 11, x: 0)
        odd.text = "s"
        c[0] = Page(number: 1, kind: .content, items: [.line(line([odd], y: 20, element: 9))])
        let cache = PageCache()
        for (name, pages) in [("a", a), ("b", b), ("c", c), ("a2", a)] {
            let cached = try Data(contentsOf: URL(fileURLWithPath: try render(pages, cache: cache, into: folder, name: name + "-cached")))
            let fresh = try Data(contentsOf: URL(fileURLWithPath: try render(pages, into: folder, name: name + "-fresh")))
            #expect(cached == fresh, "\(name): the cache changed the PDF")
        }
        // b reused a's pages 2 and 3; c could reuse none of the pages with a "z"; a2 all three.
        #expect(cache.hits == 2 + 1 + 3, "\(cache.hits) pages from the cache")
        let text = try CLI.run("/usr/bin/pdftotext", ["-enc", "UTF-8", folder + "/c-cached.pdf", "-"]).stdout
        #expect(text.contains("zon") && text.contains("zee"), "\(text)")
    }
}

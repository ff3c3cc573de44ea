import KaternDocument
@testable import KaternLayout
import KaternStyle
import KaternText
import Testing

/// The layout rules of tables, boxes, checklists, figures and QR codes, on the page model (the
/// fixed-metrics shaper; no fonts, no rendering).
@Suite struct ElementLayoutTests {
    let at = SourceLocation(file: "t.md", line: 3)

    func table(rows: Int, columns: Int = 3, word: String = "cel") -> Block {
        let header = (0..<columns).map { [TextSpan("Kop\($0)")] }
        let body = (0..<rows).map { r in (0..<columns).map { c in [TextSpan("\(word)\(r)x\(c)")] } }
        return Block(.table(Table(alignments: Array(repeating: .left, count: columns), header: header, rows: body,
                                  rowLocations: (0..<rows).map { SourceLocation(file: "t.md", line: 10 + $0) })), at: at)
    }

    func result(_ blocks: [Block], linesPerPage: Int = 20, pixels: Int? = nil, qr: QRMatrix? = nil) throws -> Paginator.Result {
        var paginator = Paginator(layout: try testLayout(linesPerPage: linesPerPage), shaper: FixedMetricsShaper(), imageAspect: { _ in 1.5 })
        paginator.imagePixels = { _ in pixels }
        paginator.qrCode = { _ in qr }
        return paginator.paginate(booklet([blocks]))
    }

    /// The pages each source line's content lines are on.
    func pagesOf(_ doc: PagedDocument) -> [Int: Set<Int>] {
        var pages: [Int: Set<Int>] = [:]
        for page in doc.pages { for line in page.contentLines where !line.text.isEmpty { pages[line.source.line ?? 0, default: []].insert(page.number) } }
        return pages
    }

    @Test func aLongTableSplitsBetweenRowsOnlyAndRepeatsItsHeader() throws {
        let doc = try result([table(rows: 60)]).document
        let tablePages = doc.pages.filter { $0.lines.contains { $0.text.hasPrefix("cel") } }
        #expect(tablePages.count >= 3)
        for (index, page) in tablePages.enumerated() {
            let top = page.lines.filter { !$0.text.isEmpty }.min { $0.origin.y < $1.origin.y }
            #expect(top?.text.hasPrefix("Kop") == true || index == 0, "page \(page.number) starts with \(top?.text ?? "nothing")")
            if index > 0 {
                // The repeated header is furniture: the structure tree has the header once.
                let header = page.lines.filter { $0.text.hasPrefix("Kop") }
                #expect(header.count == 3 && header.allSatisfy { $0.role == .artifact && $0.structure.isEmpty })
            }
        }
        // Every row once, whole on one page, in order.
        let rows = doc.pages.flatMap(\.contentLines).filter { $0.text.hasPrefix("cel") && $0.text.hasSuffix("x0") }.map(\.text)
        #expect(rows == (0..<60).map { "cel\($0)x0" })
        for (line, pages) in pagesOf(doc) where line >= 10 { #expect(pages.count == 1, "row at line \(line) split over pages \(pages)") }
    }

    @Test func aTableThatFitsAPageIsNeverSplit() throws {
        let doc = try result([paragraph(lines: 14, line: 2), table(rows: 6)]).document
        let pages = Set(doc.pages.filter { $0.contentLines.contains { $0.text.hasPrefix("cel") || $0.text.hasPrefix("Kop") } }.map(\.number))
        #expect(pages.count == 1, "the table is on pages \(pages)")
    }

    @Test func aTableWiderThanTheColumnIsAnErrorAtItsLine() throws {
        let wide = table(rows: 2, columns: 6, word: String(repeating: "breed", count: 8))
        let problems = try result([wide]).problems.filter(\.isError)
        #expect(problems.contains { $0.location == at && $0.message.contains("wider than the column") }, "\(problems)")
    }

    @Test func aBoxIsNeverSplitAndCarriesItsLabel() throws {
        let box = Block(.callout(.warning, [paragraph(lines: 4, line: 4), paragraph(lines: 3, line: 6)]), at: at)
        let result = try result([paragraph(lines: 15, line: 2), box])
        let pages = pagesOf(result.document)
        #expect(Set([at.line!, 4, 6].compactMap { pages[$0] }.flatMap { $0 }).count == 1, "\(pages)")
        let label = result.document.pages.flatMap(\.contentLines).first { $0.source == at }
        #expect(label?.text.lowercased() == "let op")
        #expect(label?.structure.map(\.type).suffix(2) == ["Aside", "P"])
    }

    @Test func aChecklistDrawsASquareBeforeEachItem() throws {
        let list = Block(.checklist(items: [[paragraph(lines: 1, line: 4)], [paragraph(lines: 2, line: 5)], [paragraph(lines: 1, line: 6)]],
                                    checked: [false, true, false]), at: at)
        let doc = try result([list]).document
        let page = try #require(doc.pages.first { $0.contentLines.contains { $0.source.line == 4 } })
        let check = try testLayout().content.checklist
        for (line, ticked) in [(4, false), (5, true), (6, false)] {
            let first = try #require(page.contentLines.first { $0.source.line == line })
            // The square's four sides (and a filled centre when ticked) stand left of the text, on its line.
            let square = page.boxes.filter { $0.rect.maxX <= first.origin.x && abs(($0.rect.y + check.box * 0.98 - first.origin.y).points) < check.box.points + 0.1 }
            #expect(square.count == (ticked ? 5 : 4), "item at line \(line): \(square.count) boxes")
            #expect(square.allSatisfy { $0.role == .artifact && $0.color == check.color })
        }
    }

    @Test func aPhotoBelowTwoHundredPPIIsAWarning() throws {
        let figure = Block(.figure(path: "/x/foto.jpg", alt: "Een foto", caption: [TextSpan("Het bijschrift")]), at: at)
        let low = try result([figure], pixels: 300).problems
        #expect(low.contains { !$0.isError && $0.location == at && $0.message.contains("ppi") }, "\(low)")
        let sharp = try result([figure], pixels: 4000).problems.filter { $0.message.contains("ppi") }
        #expect(sharp.isEmpty, "\(sharp)")
        // The caption goes with its image, in a Caption beside the Figure.
        let doc = try result([figure], pixels: 4000).document
        let page = try #require(doc.pages.first { !$0.images.isEmpty })
        let caption = try #require(page.contentLines.first { $0.text == "Het bijschrift" })
        #expect(caption.origin.y > page.images[0].rect.maxY)
        #expect(caption.structure.map(\.type) == ["Div", "Caption"] && page.images[0].structure.map(\.type) == ["Div", "Figure"])
    }

    @Test func aQRCodeIsDrawnFromItsModulesAndNamesItsAddress() throws {
        let matrix = QRMatrix(size: 21, dark: (0..<441).map { $0 % 3 == 0 })
        let block = Block(.qrCode(address: "https://www.example.nl/film", alt: "Film", caption: []), at: at)
        let doc = try result([block], qr: matrix).document
        let image = try #require(doc.pages.flatMap(\.images).first)
        #expect(image.image.format == .qr && image.image.qr == matrix)
        #expect(image.rect.width >= .mm(20) && image.rect.width == image.rect.height)
        #expect(image.alt.contains("https://www.example.nl/film") && image.alt.contains("Film"))
        let texts = doc.pages.flatMap(\.contentLines).map(\.text)
        #expect(texts.contains("Film") && texts.contains("https://www.example.nl/film"))
    }

    @Test func columnWidthsFillTheRoomAndRespectTheCap() {
        let fits = Collector.columnWidths(natural: [.pt(20), .pt(40)], least: [.pt(10), .pt(10)], room: .pt(120), cap: .pt(200))
        #expect(abs(fits.reduce(0) { $0 + $1.points } - 120) < 0.01)
        #expect(abs(fits[0].points / fits[1].points - 0.5) < 0.01)
        let capped = Collector.columnWidths(natural: [.pt(300), .pt(50)], least: [.pt(30), .pt(20)], room: .pt(200), cap: .pt(120))
        #expect(capped[0].points <= 120.01 && abs(capped.reduce(0) { $0 + $1.points } - 200) < 0.01, "\(capped)")
    }
}

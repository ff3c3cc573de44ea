import KaternDocument
import KaternLayout
import KaternStyle
import KaternText
import Testing

/// Lists and quotes hold any blocks, at any (bounded) depth; numbered lists count from their
/// start number; quotes and figures float rather than leave a hole.
@Suite struct NestedContentTests {
    func texts(_ doc: PagedDocument) -> [String] {
        doc.pages.filter { $0.kind == .content }.flatMap(\.contentLines).map(\.text)
    }

    @Test func aNumberedListCountsFromItsStartNumber() throws {
        let list = Block(.list(ordered: true, start: 7, items: [[paragraph(lines: 1)], [paragraph(lines: 1)], [paragraph(lines: 1)]]),
                         at: SourceLocation(file: "t.md", line: 3))
        let doc = try paginate(booklet([[list]]))
        let markers = doc.pages.flatMap(\.contentLines).filter { $0.role == .bullet }.map(\.text)
        #expect(markers == ["7.", "8.", "9."])
    }

    /// Numbers are right-aligned before the text, which moves right when the widest number
    /// needs more room than the indent: "100." does not run into its text.
    @Test func wideNumbersGetRoom() throws {
        let list = Block(.list(ordered: true, start: 98, items: (0..<4).map { _ in [paragraph(lines: 1)] }),
                         at: SourceLocation(file: "t.md", line: 3))
        let doc = try paginate(booklet([[list]]))
        let lines = doc.pages.flatMap(\.contentLines)
        for marker in lines where marker.role == .bullet {
            guard let text = lines.first(where: { $0.block == marker.block && $0.role != .bullet }) else { continue }
            #expect(marker.origin.x + marker.width <= text.origin.x, "\(marker.text) runs into its text")
            #expect(marker.origin.x >= .zero + testLayoutLeft(doc, marker))
        }
        let rights = lines.filter { $0.role == .bullet }.map { ($0.origin.x + $0.width).points }
        #expect(Set(rights.map { Int(($0 * 10).rounded()) }).count <= 2)  // one right edge (on mirrored pages, two)
    }

    func testLayoutLeft(_ doc: PagedDocument, _ line: LineItem) -> Length {
        let spec = try! testLayout().page
        let page = doc.pages.first { $0.lines.contains(line) }!
        return spec.leftMargin(pageNumber: page.number) - .pt(0.01)
    }

    /// A quote's list, its nested quote and its second paragraph are all set, inside the panel.
    @Test func aQuoteSetsEverythingItHolds() throws {
        let inner: [Block] = [
            Block(.paragraph([TextSpan("Neem mee")]), at: SourceLocation(file: "t.md", line: 3)),
            Block(.list(ordered: true, start: 1, items: [[Block(.paragraph([TextSpan("medicijnen")]), at: SourceLocation(file: "t.md", line: 5))],
                                                         [Block(.paragraph([TextSpan("pas")]), at: SourceLocation(file: "t.md", line: 6))]]),
                  at: SourceLocation(file: "t.md", line: 5)),
            Block(.quote([Block(.paragraph([TextSpan("binnenste")]), at: SourceLocation(file: "t.md", line: 8))]), at: SourceLocation(file: "t.md", line: 8)),
            Block(.paragraph([TextSpan("Tot slot")]), at: SourceLocation(file: "t.md", line: 10)),
        ]
        let doc = try paginate(booklet([[paragraph(lines: 2), Block(.quote(inner), at: SourceLocation(file: "t.md", line: 3))]]), linesPerPage: 30)
        let all = texts(doc)
        for word in ["Neem mee", "1.", "medicijnen", "2.", "pas", "binnenste", "Tot slot"] {
            #expect(all.contains(word), "'\(word)' is missing from \(all)")
        }
        // Every line of the quote lies inside its panel (the outermost tint).
        let page = try #require(doc.pages.first { $0.contentLines.contains { $0.text == "binnenste" } })
        let panels = page.boxes.filter { $0.role == .artifact && $0.rect.width > .pt(50) }
        let quoteLines = page.contentLines.filter { $0.quoteID != nil }
        #expect(quoteLines.count == 7)
        for line in quoteLines {
            #expect(panels.contains { $0.rect.x <= line.origin.x && line.origin.x + line.width <= $0.rect.maxX
                                      && $0.rect.y <= line.origin.y && line.origin.y <= $0.rect.maxY }, "'\(line.text)' outside the panel")
        }
        // The nested quote is a quote in the quote: its own panel, inside the outer one.
        #expect(panels.count >= 2)
    }

    /// A quote that does not fit where it comes floats to the next page; the text after it fills
    /// this page (no hole at its foot).
    @Test func aQuoteThatDoesNotFitFloatsAndTheTextGoesOn() throws {
        let quote = Block(.quote([paragraph(lines: 3)]), at: SourceLocation(file: "t.md", line: 20))
        let doc = try paginate(booklet([[paragraph(lines: 6, line: 10), quote, paragraph(lines: 6, line: 30)]]), linesPerPage: 12)
        let first = try #require(doc.pages.first { $0.kind == .content })
        // Heading + 6 lines + 5 of the paragraph after the quote fill the first page.
        #expect(first.contentLines.filter { $0.source.line == 30 }.count >= 4, "\(first.contentLines.map(\.text))")
        #expect(!first.contentLines.contains { $0.role == .quote })
        let second = try #require(doc.pages.first { $0.number == first.number + 1 })
        #expect(second.contentLines.first?.role == .quote)
    }
}

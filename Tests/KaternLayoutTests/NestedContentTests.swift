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

    /// A list item of few lines is never split, however many paragraphs it has.
    @Test func aShortItemOfTwoParagraphsStaysTogether() throws {
        let layoutKeep = try testLayout().pagination.keepListItemLines
        let item = [Block(.paragraph([TextSpan("Eerste alinea.")]), at: SourceLocation(file: "t.md", line: 20)),
                    Block(.paragraph([TextSpan("Tweede alinea.")]), at: SourceLocation(file: "t.md", line: 21))]
        let list = Block(.list(ordered: false, start: 1, items: [item, [paragraph(lines: 1, line: 22)]]), at: SourceLocation(file: "t.md", line: 20))
        for before in 5...9 {
            let doc = try paginate(booklet([[paragraph(lines: before), list]]))
            let pages = doc.pages.flatMap { page in page.contentLines.filter { [20, 21].contains($0.source.line) }.map { _ in page.number } }
            #expect(pages.count >= 2 && pages.count <= layoutKeep && Set(pages).count == 1, "after \(before) lines: \(pages)")
        }
    }

    /// A colophon longer than a page stays whole at the end, after the notes pages.
    @Test func aLongColophonStaysAtTheEnd() throws {
        var layout = try testLayout()
        layout.notes.multiple = 4
        var b = booklet([[paragraph(lines: 3)]])
        b.colophon = (0..<14).map { paragraph(lines: 1, line: 100 + $0) }
        let doc = Paginator(layout: layout, shaper: FixedMetricsShaper()).paginate(b).document
        #expect(doc.pages.count % 4 == 0)
        let colophonPages = doc.pages.filter { $0.contentLines.contains { $0.role == .colophon } }.map(\.number)
        #expect(colophonPages == [doc.pages.count - 1, doc.pages.count], "\(colophonPages) of \(doc.pages.count)")
    }

    /// A chapter title too long for the footer is cut between words, with an ellipsis.
    @Test func aLongChapterTitleIsCutInTheFooterWithAnEllipsis() throws {
        let long = Array(repeating: "behandeling", count: 12).joined(separator: " ")
        let b = Booklet(metadata: BookletMetadata(title: "T", kind: "K", language: "nl-NL", publisher: "P"), opening: [],
                        chapters: [Chapter(file: "c.md", blocks: [heading(long, level: 1), paragraph(lines: 25)])], colophon: [])
        let doc = try paginate(b)
        let footer = try #require(doc.pages.first { $0.number == 3 }?.lines.filter { $0.role == .artifact && $0.text.count > 3 }.first)
        #expect(footer.text.hasSuffix("…"), "\(footer.text)")
        #expect(footer.text.hasPrefix("behandeling behandeling"))
    }

    /// A title too long for the cover's panel is a problem of the layout stage (an error at the
    /// title's line), never text above the page.
    @Test func aTitleTooLongForTheCoverIsReported() throws {
        var b = booklet([[paragraph(lines: 2)]])
        b.metadata.title = Array(repeating: "Een heel lange titel", count: 20).joined(separator: " ")
        let result = Paginator(layout: try testLayout(), shaper: FixedMetricsShaper()).paginate(b)
        #expect(result.problems.contains { $0.isError && $0.message.contains("do not fit in the cover's panel") })
    }

    /// A first-line indent marks a paragraph that follows a paragraph: the first after a heading
    /// and list items start flush.
    @Test func aFirstLineIndentOnlyBetweenParagraphs() throws {
        var layout = try testLayout()
        layout.body.firstLineIndent = .mm(5)
        let list = Block(.list(ordered: false, start: 1, items: [[paragraph(lines: 2, line: 30)]]), at: SourceLocation(file: "t.md", line: 30))
        let doc = Paginator(layout: layout, shaper: FixedMetricsShaper())
            .paginate(booklet([[paragraph(lines: 2, line: 10), paragraph(lines: 2, line: 20), list, paragraph(lines: 2, line: 40)]])).document
        func firstX(_ line: Int) -> Length? { doc.pages.flatMap(\.contentLines).first { $0.source.line == line && $0.role != .bullet }?.origin.x }
        func secondX(_ line: Int) -> Length? { doc.pages.flatMap(\.contentLines).filter { $0.source.line == line && $0.role != .bullet }.dropFirst().first?.origin.x }
        let left = try #require(secondX(10))
        #expect(firstX(10) == left, "after the chapter title: flush")
        #expect(try #require(firstX(20)) > left, "after a paragraph: indented")
        #expect(firstX(30) == secondX(30), "a list item: no indent")
        #expect(firstX(40) == secondX(40), "after a list: flush")
    }
}

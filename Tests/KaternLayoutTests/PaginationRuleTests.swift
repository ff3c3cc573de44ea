import KaternDocument
import KaternLayout
import KaternStyle
import KaternText
import Testing

/// Pagination rules on constructed booklets, with fixed metrics: a page holds 10 lines.
@Suite struct PaginationRuleTests {
    @Test func theFixedLayoutHoldsTenLinesAPage() throws {
        let doc = try paginate(booklet([[paragraph(lines: 25)]]))
        let counts = doc.pages.filter { $0.kind == .content }.map(\.contentLines.count)
        #expect(counts.first == 10)  // heading + 9 lines
        #expect(counts.reduce(0, +) == 26)
    }

    @Test func aSplitLeavesNoOrphanAtThePageFoot() throws {
        // Heading + 8 lines leave room for exactly one line: the next paragraph must not start there.
        let doc = try paginate(booklet([[paragraph(lines: 8), paragraph(lines: 5)]]))
        let second = doc.pages[1].contentLines.last!.block + 1
        let pages = doc.blockPages[second]!
        #expect(Set(pages).count == 1)
        #expect(pages.first == 3)
    }

    @Test func aSplitCarriesNoWidowToThePageHead() throws {
        // Heading + 10 lines: 9 fit, which would carry one line alone to the next page.
        let doc = try paginate(booklet([[paragraph(lines: 10)]]))
        let lines = doc.blockPages.values.first { $0.count == 10 }!
        #expect(lines.filter { $0 == 2 }.count == 8)
        #expect(lines.filter { $0 == 3 }.count == 2)
    }

    @Test func aHeadingNeverEndsAPageAndKeepsTwoLines() throws {
        // Heading 1 + 7 lines, then a heading 2 with a paragraph: 2 lines left on page 2 fit the
        // heading and one line only, so the heading moves on.
        let doc = try paginate(booklet([[paragraph(lines: 7), heading("Tussenkop"), paragraph(lines: 4)]]))
        let page2 = doc.pages[1].contentLines
        #expect(page2.last?.role == .body)
        #expect(!page2.contains { $0.text == "Tussenkop" })
        #expect(doc.pages[2].contentLines.first?.text == "Tussenkop")
    }

    @Test func aHeadingStaysWithTwoLinesAcrossShortListItems() throws {
        // A heading followed by a one-line item: the heading needs the next item's first line too.
        let list = Block(.list(ordered: false, start: 1, items: [[paragraph(lines: 1)], [paragraph(lines: 2)]]), at: SourceLocation(file: "t.md", line: 9))
        let doc = try paginate(booklet([[paragraph(lines: 6), heading("Lijst"), list]]))
        for page in doc.pages where page.kind == .content {
            let content = page.contentLines
            if let index = content.firstIndex(where: { $0.text == "Lijst" }) {
                #expect(content.count - index - 1 >= 2, "heading followed by \(content.count - index - 1) line(s) on page \(page.number)")
            }
        }
    }

    @Test func shortListItemsAreNotSplit() throws {
        let list = Block(.list(ordered: false, start: 1, items: [[paragraph(lines: 3)], [paragraph(lines: 3)], [paragraph(lines: 3)]]),
                         at: SourceLocation(file: "t.md", line: 3))
        let doc = try paginate(booklet([[paragraph(lines: 5), list]]))
        for (_, pages) in doc.blockPages {
            #expect(Set(pages).count == 1)
        }
    }

    @Test func chaptersStartOnANewPage() throws {
        let doc = try paginate(booklet([[paragraph(lines: 2)], [paragraph(lines: 2)]]))
        let h1Pages = doc.pages.filter { $0.contentLines.first?.role == .heading(level: 1) }.map(\.number)
        #expect(h1Pages == [2, 3])
        #expect(doc.pages[2].chapter == "Hoofdstuk 2")
    }

    @Test func aSidebarQuoteIsNeverSplit() throws {
        let quote = Block(.quote([paragraph(lines: 4)]), at: SourceLocation(file: "t.md", line: 5))
        let doc = try paginate(booklet([[paragraph(lines: 6), quote, paragraph(lines: 2)]]), linesPerPage: 12)
        let quotePages = doc.pages.filter { $0.contentLines.contains { $0.role == .quote } }
        #expect(quotePages.count == 1)
        let allQuoteLines = doc.pages.flatMap(\.contentLines).filter { $0.role == .quote }
        #expect(allQuoteLines.count >= 4)
        #expect(quotePages.first?.contentLines.filter { $0.role == .quote }.count == allQuoteLines.count)
    }

    @Test func aQuoteTallerThanAPageIsSplitInsideTheColumnAndReportedOnce() throws {
        let layout = try testLayout(linesPerPage: 8)
        let result = Paginator(layout: layout, shaper: FixedMetricsShaper())
            .paginate(booklet([[Block(.quote([paragraph(lines: 12)]), at: SourceLocation(file: "t.md", line: 7))]]))
        #expect(result.overflows == [SourceLocation(file: "t.md", line: 7)])
        let quoteLines = result.document.pages.flatMap(\.contentLines).filter { $0.role == .quote }
        #expect(quoteLines.count >= 9)
        // Nothing runs off the foot of the column: the quote's lines and its panel stay inside.
        let foot = layout.page.top + layout.page.columnHeight + .pt(0.01)
        for page in result.document.pages where page.kind == .content {
            for line in page.contentLines { #expect(line.origin.y + line.descent <= foot, "page \(page.number): \(line.text)") }
            for box in page.boxes where box.source != nil { #expect(box.rect.maxY <= foot, "page \(page.number): a panel runs off") }
        }
        // The chapter's title is not left alone on its page: the quote starts under it.
        let first = result.document.pages.first { $0.contentLines.contains { $0.role == .heading(level: 1) } }
        #expect(first?.contentLines.contains { $0.role == .quote } == true)
    }

    @Test func linesSitInsideTheMirroredColumn() throws {
        let layout = try testLayout()
        let doc = try paginate(booklet([[paragraph(lines: 30)]]))
        for page in doc.pages where page.kind == .content {
            let left = layout.page.leftMargin(pageNumber: page.number)
            for line in page.contentLines {
                #expect(line.origin.x >= left - .pt(0.01))
                #expect(line.origin.x + line.width <= left + layout.page.columnWidth + .pt(0.5))
                #expect(line.origin.y <= layout.page.height - layout.page.bottom)
            }
        }
    }
}

import KaternDocument
@testable import KaternLayout
import KaternStyle
import Testing

/// The audit finds each kind of rule break in a hand-made page model (so that a clean audit of a
/// real booklet means something).
@Suite struct AuditTests {
    func line(_ block: Int, _ role: Role, _ text: String = "x", file: String = "t.md", at line: Int = 1) -> PageItem {
        var item = LineItem(runs: [], lineIndex: 0, origin: Point(x: .zero, y: .zero), width: .pt(10), ascent: .pt(8),
                            descent: .pt(2), text: text, hyphenated: false, color: .black, role: role,
                            source: SourceLocation(file: file, line: line), block: block)
        // A quote's lines sit in its BlockQuote element.
        if role == .quote { item.structure = [StructureNode("BlockQuote", block), StructureNode("P", block + 100)] }
        return .line(item)
    }

    func document(_ pages: [[PageItem]]) -> PagedDocument {
        PagedDocument(pages: pages.enumerated().map { Page(number: $0.offset + 1, kind: .content, items: $0.element) },
                      pageWidth: .mm(148), pageHeight: .mm(210))
    }

    @Test func findsAHeadingAtThePageFoot() {
        let doc = document([[line(1, .body), line(1, .body), line(2, .heading(level: 2), at: 5)], [line(3, .body), line(3, .body)]])
        #expect(PaginationAudit().findings(in: doc) == [.init(kind: .strandedHeading, page: 1, source: SourceLocation(file: "t.md", line: 5))])
    }

    @Test func findsOrphansAndWidows() {
        let doc = document([[line(1, .body), line(1, .body), line(2, .body, at: 7)],
                            [line(2, .body), line(2, .body), line(2, .body)], [line(2, .body, at: 7)]])
        let kinds = PaginationAudit().findings(in: doc).map(\.kind)
        #expect(kinds == [.orphan, .widow])
    }

    @Test func findsSplitQuotesAndChaptersLowOnAPage() {
        let doc = document([[line(1, .body), line(1, .body), line(2, .quote)], [line(2, .quote), line(3, .heading(level: 1))]])
        let kinds = Set(PaginationAudit().findings(in: doc).map(\.kind))
        #expect(kinds.contains(.splitQuote))
        #expect(kinds.contains(.chapterNotAtPageTop))
    }

    @Test func aCleanPageHasNoFindings() {
        let doc = document([[line(1, .heading(level: 1)), line(2, .body), line(2, .body)], [line(2, .body), line(2, .body)]])
        #expect(PaginationAudit().findings(in: doc).isEmpty)
    }

    /// A heading followed by all the lines there are (one, at the chapter's end) is no stranded
    /// heading; a heading whose next heading opens the next page is.
    @Test func aHeadingIsStrandedOnlyWhenItsLinesCouldHaveComeAlong() {
        let end = document([[line(1, .heading(level: 1)), line(2, .body), line(3, .heading(level: 2), at: 5), line(4, .body, at: 7)]])
        #expect(PaginationAudit().findings(in: end).isEmpty)
        let alone = document([[line(1, .body), line(1, .body), line(3, .heading(level: 2), at: 5)],
                              [line(4, .heading(level: 3), at: 7), line(5, .body), line(5, .body)]])
        #expect(PaginationAudit().findings(in: alone).map(\.kind) == [.strandedHeading])
    }

    /// A short list item split over two pages is found by its LI element, whatever its paragraphs.
    @Test func aShortListItemSplitOverPagesIsFound() {
        func item(_ block: Int, _ li: Int) -> PageItem {
            guard case .line(var l) = line(block, .listItem) else { return line(block, .listItem) }
            l.structure = [StructureNode("L", 1), StructureNode("LI", li), StructureNode("LBody", li + 100), StructureNode("P", block)]
            return .line(l)
        }
        let doc = document([[line(1, .body), line(1, .body), item(2, 10)], [item(3, 10), line(4, .body), line(4, .body)]])
        #expect(PaginationAudit().findings(in: doc).map(\.kind) == [.splitListItem])
    }
}

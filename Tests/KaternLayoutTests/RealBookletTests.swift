import Foundation
import Katern
import KaternDocument
import KaternLayout
import KaternStyle
import Testing

/// The shipped booklet, shaped with the real fonts and laid out with the shipped layout: the
/// pagination rules hold on every page.
@Suite struct RealBookletTests {
    struct Paged {
        var document: PagedDocument
        var layout: Layout
    }

    /// Laid out once for all tests of the suite.
    static let result: Result<Paged, Error> = Result {
        let request = BuildRequest(booklet: projectRoot + "/Booklets/all", layout: projectRoot + "/Layouts/a5.yaml",
                                   fonts: projectRoot + "/Fonts")
        let pipeline = Pipeline()
        let sources = try pipeline.load(request)
        let booklet = sources.booklet, layout = sources.layout
        var r = request
        r.hyphenation = projectRoot + "/Hyphenation"
        let shaper = try pipeline.makeShaper(r, booklet: booklet, layout: layout)
        return Paged(document: pipeline.paginate(booklet, layout: layout, shaper: shaper).document, layout: layout)
    }

    /// The booklet in each shipped layout: the quality report finds nothing, in either.
    @Test(arguments: ["a5.yaml", "a5-large-print.yaml"])
    func theQualityReportIsClean(layoutFile: String) throws {
        let request = BuildRequest(booklet: projectRoot + "/Booklets/all", layout: projectRoot + "/Layouts/" + layoutFile,
                                   fonts: projectRoot + "/Fonts")
        var r = request
        r.hyphenation = projectRoot + "/Hyphenation"
        let pipeline = Pipeline()
        let sources = try pipeline.load(r)
        let shaper = try pipeline.makeShaper(r, booklet: sources.booklet, layout: sources.layout)
        let document = pipeline.paginate(sources.booklet, layout: sources.layout, shaper: shaper).document
        let report = pipeline.quality(document, layout: sources.layout)
        #expect(report.findings.map(\.description) == [])
        #expect(report.summary.lines > 300)
        if layoutFile == "a5.yaml" {
            #expect(report.summary.maxWordSpace <= 0.5)
            #expect(report.summary.hyphenatedLines <= 60)
        }
    }

    /// The first pass tells what the running footers will print (another thread shapes them
    /// meanwhile): once, and here (a booklet whose contents do not move a page) exactly the
    /// content pages the pagination ends with.
    @Test func theFirstPassTellsTheFurniture() throws {
        let request = BuildRequest(booklet: projectRoot + "/Booklets/all", layout: projectRoot + "/Layouts/a5.yaml",
                                   fonts: projectRoot + "/Fonts")
        let pipeline = Pipeline()
        let sources = try pipeline.load(request)
        var r = request
        r.hyphenation = projectRoot + "/Hyphenation"
        let shaper = try pipeline.makeShaper(r, booklet: sources.booklet, layout: sources.layout)
        nonisolated(unsafe) var told: [[Paginator.Furniture]] = []
        let document = pipeline.paginate(sources.booklet, layout: sources.layout, shaper: shaper, firstPassFurniture: { told.append($0) }).document
        #expect(told.count == 1)
        let final = document.pages.filter { $0.kind == .content }.map { Paginator.Furniture(number: $0.number, chapter: $0.chapter) }
        #expect(told.first == final)
        #expect(final.count > 10)
        #expect(document.pages.first?.kind == .cover && document.pages.first?.number == 1)
    }

    static func paged() throws -> (PagedDocument, Layout) {
        let paged = try result.get()
        return (paged.document, paged.layout)
    }

    @Test func noRuleIsBroken() throws {
        let (document, layout) = try Self.paged()
        #expect(PaginationAudit(rules: layout.pagination).findings(in: document) == [])
    }

    @Test func everyChapterStartsAPage() throws {
        let (document, _) = try Self.paged()
        let chapterPages = document.pages.filter { page in page.contentLines.contains { $0.role == .heading(level: 1) } }
        #expect(chapterPages.count == 8)  // the contents, six chapters and the contact page
        for page in chapterPages { #expect(page.contentLines.first?.role == .heading(level: 1)) }
    }

    @Test func linesStayInTheColumnAndDoNotOverlap() throws {
        let (document, layout) = try Self.paged()
        for page in document.pages where page.kind == .content {
            let left = layout.page.leftMargin(pageNumber: page.number)
            let lines = page.contentLines
            for line in lines {
                #expect(line.origin.x >= left - .pt(0.01), "page \(page.number): \(line.text)")
                #expect(line.origin.x + line.width <= left + layout.page.columnWidth + .pt(0.5), "page \(page.number) overfull: \(line.text)")
                #expect(line.origin.y + line.descent <= layout.page.height - layout.page.bottom + .pt(1), "page \(page.number) below the margin: \(line.text)")
            }
            let body = lines.filter { $0.role != .bullet }
            for (a, b) in zip(body, body.dropFirst()) where a.origin.x < b.origin.x + b.width && b.origin.x < a.origin.x + a.width {
                #expect(b.origin.y - a.origin.y >= .pt(8), "lines too close on page \(page.number): \(a.text) / \(b.text)")
            }
        }
    }

    @Test func theTextIsInSourceOrder() throws {
        let (document, _) = try Self.paged()
        let sources = document.pages.flatMap(\.contentLines).filter { ![.coverKind, .coverTitle, .coverImprint, .contents].contains($0.role) }.map(\.source)
        var lastLine: [String: Int] = [:]
        for source in sources {
            let line = source.line ?? 0
            #expect(line >= lastLine[source.file, default: 0], "\(source) comes after line \(lastLine[source.file, default: 0])")
            lastLine[source.file] = line
        }
    }
}

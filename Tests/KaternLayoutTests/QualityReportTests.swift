import Foundation
import KaternDocument
import KaternStyle
import Testing
@testable import KaternLayout

/// The quality report on a hand-made page model with one finding of each kind: each is found,
/// on the right page, with the right source line.
@Suite struct QualityReportTests {
    func line(_ block: Int, _ role: Role, at line: Int, text: String = "x", width: Double = 300, space: Double? = 0.3,
              hyphen: Bool = false, justified: Bool = true) -> PageItem {
        var item = LineItem(runs: [], lineIndex: 0, origin: Point(x: .zero, y: .zero), width: .pt(width), ascent: .pt(8),
                            descent: .pt(2), text: text, hyphenated: hyphen, color: .black, role: role,
                            source: SourceLocation(file: "t.md", line: line), block: block)
        item.fill = LineFill(available: .pt(300), width: .pt(width), wordSpace: space, endsWithHyphen: hyphen, justified: justified)
        if role == .quote { item.structure = [StructureNode("BlockQuote", block)] }
        return .line(item)
    }

    func body(_ block: Int, at source: Int, count: Int) -> [PageItem] {
        (0..<count).map { _ in line(block, .body, at: source) }
    }

    @Test func findsOneOfEachKindWithPageAndLine() {
        let pages: [[PageItem]] = [
            // page 1: an overfull line (line 10), a loose line (line 11), a run of three hyphens (line 12)
            [line(1, .body, at: 10, width: 305), line(1, .body, at: 10)]
                + [line(2, .body, at: 11, space: 0.7), line(2, .body, at: 11)]
                + [line(3, .body, at: 12, hyphen: true), line(3, .body, at: 12, hyphen: true), line(3, .body, at: 12, hyphen: true),
                   line(3, .body, at: 12, justified: false)],
            // page 2: an orphan of block 4 (line 20) at the foot, after a paragraph
            body(5, at: 19, count: 3) + [line(4, .body, at: 20)],
            // page 3: the rest of block 4, then a heading (line 30) stranded at the foot
            body(4, at: 20, count: 3) + [line(6, .heading(level: 2), at: 30, space: nil, justified: false)],
            // page 4: a paragraph (line 31) ending on a hyphen at the page foot
            body(7, at: 31, count: 2) + [line(7, .body, at: 31, hyphen: true)],
            // page 5: its widow (one line), then a sidebar quote (line 40)
            [line(7, .body, at: 31, justified: false)] + body(8, at: 39, count: 2),
            // page 6: the quote, pushed away from its paragraph
            [line(9, .quote, at: 40, justified: false), line(9, .quote, at: 40, justified: false)] + body(10, at: 41, count: 2),
        ]
        let document = PagedDocument(pages: pages.enumerated().map { Page(number: $0.offset + 1, kind: .content, chapter: "C", items: $0.element) },
                                     pageWidth: .mm(148), pageHeight: .mm(210))
        let report = QualityReport(document: document, audit: PaginationAudit(), looseWordSpace: 0.5)
        let found = Set(report.findings.map { "\($0.kind)@\($0.page):\($0.line ?? 0)" })
        for expected in ["overfull@1:10", "loose@1:11", "hyphen run@1:12", "orphan@2:20", "stranded heading@3:30",
                         "hyphen at page end@4:31", "widow@5:31", "sidebar quote pushed away@6:40"] {
            #expect(found.contains(expected), "missing \(expected) in \(found.sorted())")
        }
        #expect(report.summary.overfull == 1)
        #expect(report.summary.loose == 1)
        #expect(report.summary.hyphenRuns == 1)
        #expect(report.summary.widows == 1 && report.summary.orphans == 1)
        #expect(report.summary.strandedHeadings == 1 && report.summary.quotesPushed == 1)
        #expect(report.summary.hyphenAtPageEnd == 1)
        #expect(report.summaryLine.hasPrefix("quality: 1 overfull, 1 loose"))
    }

    @Test func theJSONFormHasEveryFinding() throws {
        let page = Page(number: 2, kind: .content, items: [line(1, .body, at: 7, width: 320)])
        let report = QualityReport(document: PagedDocument(pages: [page], pageWidth: .mm(148), pageHeight: .mm(210)), audit: PaginationAudit())
        let json = try report.json()
        #expect(json.contains("\"kind\" : \"overfull\""))
        #expect(json.contains("\"page\" : 2"))
        #expect(json.contains("\"line\" : 7"))
    }

    /// The summary's word space is written as `%.2f` writes it, checked against C's formatter:
    /// on random values, and on the values next to every halfway point (0.155, 0.125 ...),
    /// where rounding `x * 100` first would round twice.
    @Test func twoDecimalsAsPrintfWritesThem() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 0.004, 0.005, 0.125, 0.155, 0.165, 0.215, 0.465, 0.505, 0.995, 1, 2.5, 12.345678, -0.25, -0.001, -1.999, 1e6 + 0.07, 99_999.995]
        for _ in 0..<5_000 { values.append(Double.random(in: -5...5, using: &generator)) }
        for halfway in 0..<1_000 {
            let value = (Double(halfway) + 0.5) / 100
            values += [value, value.nextUp, value.nextDown]
        }
        var differ: [Double] = []
        for value in values where QualityReport.twoDecimals(value) != String(format: "%.2f", value) { differ.append(value) }
        #expect(differ.isEmpty, "\(differ.prefix(5).map { "\($0): \(QualityReport.twoDecimals($0)) vs \(String(format: "%.2f", $0))" })")
    }
}

import KaternDocument
@testable import KaternLayout
import KaternStyle
import KaternText
import Testing

/// The distributor on hand-made flow items (lines of 10 pt, a page of 10 lines), for the rules
/// that real text rarely puts to the test.
@Suite struct DistributorTests {
    let spec = PageSpec(width: .mm(148), height: .mm(210), inner: .mm(15), outer: .mm(15), top: .pt(50),
                        bottom: .mm(210) - .pt(50) - .pt(100))

    func line(_ block: Int, _ text: String, hyphen: Bool = false, role: Role = .body) -> FlowLine {
        var item = LineItem(runs: [], lineIndex: 0, origin: Point(x: .zero, y: .pt(8)), width: .pt(100), ascent: .pt(8), descent: .pt(2),
                            text: text, hyphenated: hyphen, color: .black, role: role, source: SourceLocation(file: "t.md", line: block), block: block)
        item.fill = LineFill(available: .pt(300), width: .pt(100), wordSpace: nil, endsWithHyphen: hyphen, justified: true)
        return FlowLine(items: [.line(item)], height: .pt(10), endsWithHyphen: hyphen)
    }

    func block(_ id: Int, _ count: Int, hyphens: Set<Int> = [], role: Role = .body, keep: Int = 0, float: Bool = false) -> FlowItem {
        var block = FlowBlock(lines: (0..<count).map { line(id, "\(id).\($0)", hyphen: hyphens.contains($0), role: role) },
                              splittable: role == .body, orphans: 2, widows: 2, keepWithNext: keep, source: SourceLocation(file: "t.md", line: id))
        block.float = float
        return .block(block)
    }

    func pages(_ items: [FlowItem]) -> [[String]] {
        var distributor = Distributor(page: spec, firstPageNumber: 1)
        return distributor.distribute(items).map { $0.lines.map(\.text) }
    }

    /// The page may not end on a hyphen while the rules leave a line that does not: when two
    /// lines in a row end with one, the page ends two lines earlier.
    @Test func noHyphenAtThePageFootWhenAnotherChoiceExists() {
        let result = pages([block(1, 14, hyphens: [8, 9])])
        #expect(result[0].last == "1.7", "\(result)")
        #expect(result[1].first == "1.8")
    }

    /// A heading at the top of a page that opens with waiting floats still keeps its lines with
    /// it: when the floats leave no room for both, it moves on again (never alone at the foot).
    @Test func aHeadingAfterFloatsIsNotLeftAlone() {
        let items: [FlowItem] = [block(1, 6), block(2, 7, role: .quote, float: true), block(3, 3),
                                 block(4, 1, role: .heading(level: 2), keep: 2), block(5, 4)]
        let result = pages(items)
        for page in result {
            if let index = page.firstIndex(of: "4.0") { #expect(page.count - index - 1 >= 2, "\(result)") }
        }
    }

    /// Short sections in a row (a heading and one line each) fill the page: a heading needs its
    /// own section's lines, not every section after it.
    @Test func shortSectionsInARowFillThePage() {
        var items: [FlowItem] = [block(1, 4)]
        for n in 0..<10 { items += [block(10 + n * 2, 1, role: .heading(level: 2), keep: 2), block(11 + n * 2, 1)] }
        let result = pages(items)
        #expect(result[0].count == 10, "\(result)")
        #expect(result.count == 3)
    }

    /// Floats keep their order, even when one of them is taller than a page.
    @Test func floatsKeepTheirOrder() {
        let items: [FlowItem] = [block(1, 8), block(2, 3, role: .quote, float: true), block(3, 14, role: .quote, float: true), block(4, 2)]
        let texts: [String] = pages(items).flatMap { $0 }
        let blocks: [Int] = texts.compactMap { text -> Int? in Int(text.split(separator: ".")[0]) }
        let order = blocks.filter { $0 == 2 || $0 == 3 }
        #expect(order == order.sorted(), "\(order)")
    }

    /// A heading followed by a float that fits and then text keeps the text's lines too, or moves.
    @Test func aHeadingDoesNotEndAPageUnderAFloat() {
        let items: [FlowItem] = [block(1, 7), block(2, 1, role: .heading(level: 2), keep: 2), block(3, 1, role: .quote, float: true), block(4, 4)]
        for page in pages(items) {
            if let index = page.firstIndex(of: "2.0") {
                #expect(page.dropFirst(index + 1).contains { $0.hasPrefix("4.") }, "\(page)")
            }
        }
    }
}

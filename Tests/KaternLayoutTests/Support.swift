import Foundation
import KaternDocument
import KaternLayout
import KaternStyle
import KaternText

let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The shipped layout, with the fixed-metrics shaper's simple geometry: every test line is 10 pt
/// high and a page holds exactly `linesPerPage` of them.
func testLayout(linesPerPage: Int = 10) throws -> Layout {
    var layout = try LayoutLoader(file: projectRoot + "/Layouts/a5.yaml").load()
    let lineHeight = Length.pt(10)
    for index in layout.headings.indices {
        layout.headings[index].leading = lineHeight
        layout.headings[index].spaceBefore = .zero
        layout.headings[index].spaceAfter = .zero
    }
    layout.body.leading = lineHeight
    layout.body.spaceAfter = .zero
    layout.list.itemSpacing = .zero
    layout.list.spaceAfter = .zero
    layout.chapter.sink = .zero
    layout.chapter.rule = nil
    layout.page.bottom = layout.page.height - layout.page.top - lineHeight * Double(linesPerPage)
    layout.contents.position = "none"
    layout.notes.multiple = 1
    return layout
}

/// A paragraph that the fixed-metrics shaper breaks into exactly `lines` lines in the test layout.
func paragraph(lines: Int, word: String = "woord", file: String = "t.md", line: Int = 1) -> Block {
    // The column of the shipped layout holds about 23 five-letter words at 9.8 pt with the fixed metrics.
    let layout = try! testLayout()
    let perLine = Int(layout.page.columnWidth.points / (layout.body.size.points * 0.5))
    let wordsPerLine = (perLine + 1) / (word.count + 1)
    let text = Array(repeating: word, count: wordsPerLine * lines).joined(separator: " ")
    return Block(.paragraph([TextSpan(text)]), at: SourceLocation(file: file, line: line))
}

func heading(_ text: String, level: Int = 2, line: Int = 1) -> Block {
    Block(.heading(level: level, id: Slug.make(text), content: [TextSpan(text)]), at: SourceLocation(file: "t.md", line: line))
}

func booklet(_ chapters: [[Block]]) -> Booklet {
    Booklet(metadata: BookletMetadata(title: "T", kind: "K", language: "nl-NL", publisher: "P"), opening: [],
            chapters: chapters.enumerated().map { index, blocks in
                Chapter(file: "c\(index).md", blocks: [heading("Hoofdstuk \(index + 1)", level: 1)] + blocks)
            }, colophon: [])
}

func paginate(_ booklet: Booklet, linesPerPage: Int = 10) throws -> PagedDocument {
    Paginator(layout: try testLayout(linesPerPage: linesPerPage), shaper: FixedMetricsShaper()).paginate(booklet).document
}

extension PagedDocument {
    /// Content pages' lines grouped by block, with the page each line is on.
    var blockPages: [Int: [Int]] {
        var result: [Int: [Int]] = [:]
        for page in pages where page.kind == .content {
            for line in page.contentLines where line.role != .bullet { result[line.block, default: []].append(page.number) }
        }
        return result
    }
}

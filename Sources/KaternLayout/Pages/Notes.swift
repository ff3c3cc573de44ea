import KaternDocument
import KaternStyle
import KaternText

/// Pads the booklet with "Notities" pages (a title and light ruled lines to write on) to a
/// multiple of the layout's page count, for saddle stitching. They go before the last page when
/// that page is the colophon, which stays last; its items move to the mirrored margin if needed.
struct NotesComposer {
    let layout: Layout
    let shaper: TextShaper

    /// `keepLast`: how many pages at the end stay last (the colophon's, which may be several).
    func pad(_ pages: [Page], keepLast: Int) -> [Page] {
        let multiple = layout.notes.multiple
        let missing = (multiple - pages.count % multiple) % multiple
        guard missing > 0 else { return pages }
        var result = Array(pages.dropLast(keepLast))
        let last = Array(pages.suffix(keepLast))
        for index in 0..<missing { result.append(notesPage(number: result.count + 1, first: index == 0)) }
        let spec = layout.page
        for page in last {
            var moved = page
            let number = result.count + 1
            let dx = spec.leftMargin(pageNumber: number) - spec.leftMargin(pageNumber: page.number)
            moved.number = number
            moved.items = page.items.map { shift($0, by: .zero, dx: dx) }
            result.append(moved)
        }
        return result
    }

    /// A notes page; its title is read out on the first one only (on the next ones it is a
    /// running title, like a footer: PDF/UA's checkers flag a line repeated as content).
    private func notesPage(number: Int, first: Bool) -> Page {
        let spec = layout.page
        let left = spec.leftMargin(pageNumber: number)
        let style = layout.heading(level: 2)
        let title = shaper.shape([TextSpan(layout.notes.title)], style: style, width: spec.columnWidth)
        let line = title.lines[0]
        let baseline = spec.top + line.ascent
        var items: [PageItem] = []
        var titleItem = LineItem(runs: line.runs, lineIndex: 0, origin: Point(x: left, y: baseline), width: line.width,
                                 ascent: line.ascent, descent: line.descent, text: line.text, hyphenated: false,
                                 color: style.color, role: .notes, source: SourceLocation(file: layout.file), block: 0)
        if first { titleItem.structure = [StructureNode("P", StructureNode.notesBase + number)] }
        items.append(.line(titleItem))
        var y = baseline + layout.notes.ruleSpacing * 1.5
        while y <= spec.height - spec.bottom {
            items.append(.box(BoxItem(rect: Rect(x: left, y: y, width: spec.columnWidth, height: .pt(0.5)),
                                      color: layout.notes.ruleColor, role: .artifact, source: nil)))
            y += layout.notes.ruleSpacing
        }
        return Page(number: number, kind: .content, chapter: layout.notes.title, items: items)
    }
}

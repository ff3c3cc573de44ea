import KaternDocument
import KaternStyle
import KaternText

/// The cover: a colour panel running off the top of the page, with the booklet's kind and title
/// set in it, bottom-aligned.
struct CoverComposer {
    let layout: Layout
    let shaper: TextShaper

    func compose(_ metadata: BookletMetadata, number: Int) -> Page {
        let spec = layout.page
        let cover = layout.cover
        let panelHeight = spec.height * cover.panelShare
        var items: [PageItem] = [
            .box(BoxItem(rect: Rect(x: -spec.bleed, y: -spec.bleed, width: spec.width + spec.bleed * 2, height: panelHeight + spec.bleed),
                         color: cover.panel, role: .artifact, source: nil)),
        ]
        let x = spec.outer
        let width = spec.width - spec.outer * 2
        let title = shaper.shape([TextSpan(metadata.title)], style: cover.title, width: width)
        let kind = shaper.shape([TextSpan(metadata.kind)], style: cover.kind, width: width)
        let location = SourceLocation(file: "index.md")
        // Title lines end a little above the panel's lower edge; the kind sits above the title.
        var baseline = panelHeight - spec.bottom - cover.title.leading * Double(title.lines.count - 1)
        baseline -= cover.title.spaceBefore
        var kindBaseline = baseline - cover.title.leading - cover.kind.spaceAfter
        for (i, line) in kind.lines.enumerated().reversed() {
            items.append(.line(LineItem(textID: kind.id, lineIndex: i, origin: Point(x: x + line.xOffset, y: kindBaseline),
                                        width: line.width, ascent: line.ascent, descent: line.descent, text: line.text,
                                        hyphenated: false, color: cover.kind.color, role: .coverKind, source: location, block: 0)))
            kindBaseline -= cover.kind.leading
        }
        items = items.sorted { lhs, rhs in
            if case .box = lhs { return true }
            if case .box = rhs { return false }
            if case .line(let a) = lhs, case .line(let b) = rhs { return a.origin.y < b.origin.y }
            return false
        }
        for (i, line) in title.lines.enumerated() {
            items.append(.line(LineItem(textID: title.id, lineIndex: i, origin: Point(x: x + line.xOffset, y: baseline),
                                        width: line.width, ascent: line.ascent, descent: line.descent, text: line.text,
                                        hyphenated: false, color: cover.title.color, role: .coverTitle, source: location, block: 0)))
            baseline += cover.title.leading
        }
        if !metadata.publisher.isEmpty {
            let publisher = shaper.shape([TextSpan(metadata.publisher)], style: cover.publisher, width: width)
            let line = publisher.lines[0]
            items.append(.line(LineItem(textID: publisher.id, lineIndex: 0, origin: Point(x: x + line.xOffset, y: spec.height - spec.bottom),
                                        width: line.width, ascent: line.ascent, descent: line.descent, text: line.text,
                                        hyphenated: false, color: cover.publisher.color, role: .coverKind, source: location, block: 0)))
        }
        return Page(number: number, kind: .cover, items: items)
    }
}

import KaternDocument
import KaternStyle
import KaternText

/// The cover: a colour panel running off the top of the page, with the booklet's kind and title
/// set in it, bottom-aligned.
struct CoverComposer {
    let layout: Layout
    let shaper: TextShaper

    /// The cover, and what could not be set on it (a character no font has, a title too long
    /// for the panel).
    func compose(_ metadata: BookletMetadata, imprint: Imprint, number: Int) -> (Page, [LayoutProblem]) {
        var problems: [LayoutProblem] = []
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
        let location = metadata.keyLocations["title"] ?? SourceLocation(file: "index.md")
        problems += title.problems.map { LayoutProblem(location: location, problem: $0) }
        problems += kind.problems.map { LayoutProblem(location: metadata.keyLocations["kind"] ?? location, problem: $0) }
        // Title lines end a little above the panel's lower edge; the kind sits above the title.
        var baseline = panelHeight - spec.bottom - cover.title.leading * Double(title.lines.count - 1)
        baseline -= cover.title.spaceBefore
        var kindBaseline = baseline - cover.title.leading - cover.kind.spaceAfter
        for (i, line) in kind.lines.enumerated().reversed() {
            var item = LineItem(runs: line.runs, lineIndex: i, origin: Point(x: x + line.xOffset, y: kindBaseline),
                                width: line.width, ascent: line.ascent, descent: line.descent, text: line.text,
                                hyphenated: false, color: cover.kind.color, role: .coverKind, source: metadata.keyLocations["kind"] ?? location, block: 0)
            item.structure = [StructureNode("P", -1000)]
            items.append(.line(item))
            kindBaseline -= cover.kind.leading
        }
        items = items.sorted { lhs, rhs in
            if case .box = lhs { return true }
            if case .box = rhs { return false }
            if case .line(let a) = lhs, case .line(let b) = rhs { return a.origin.y < b.origin.y }
            return false
        }
        for (i, line) in title.lines.enumerated() {
            var item = LineItem(runs: line.runs, lineIndex: i, origin: Point(x: x + line.xOffset, y: baseline),
                                width: line.width, ascent: line.ascent, descent: line.descent, text: line.text,
                                hyphenated: false, color: cover.title.color, role: .coverTitle, source: location, block: 0)
            item.structure = [StructureNode("H1", -999)]
            items.append(.line(item))
            baseline += cover.title.leading
        }
        let imprintLocation = imprint.location ?? metadata.keyLocations["publisher"] ?? location
        let foot = imprintItems(imprint, x: x, width: width, location: imprintLocation, problems: &problems)
        items += foot
        // Everything must stay on the cover: the kind and title inside the panel (under the top
        // margin), the name at the foot under the panel.
        let top = items.compactMap { item -> Length? in
            if case .line(let line) = item, line.role == .coverKind || line.role == .coverTitle { return line.origin.y - line.ascent }
            return nil
        }.min() ?? spec.top
        if top < spec.top {
            problems.append(LayoutProblem(location: location, error: "the cover's title (\(title.lines.count) lines) and kind do not fit in the cover's panel; shorten the title, or make the layout's cover title smaller or its panel taller"))
        }
        let footTop = foot.compactMap { item -> Length? in
            switch item {
            case .line(let line): return line.origin.y - line.ascent
            case .image(let image): return image.rect.y
            case .box: return nil
            }
        }.min() ?? panelHeight
        if footTop < panelHeight {
            problems.append(LayoutProblem(location: imprintLocation, error: "the name at the cover's foot is too long to fit under the panel; shorten it, or make the layout's cover publisher style smaller"))
        }
        return (Page(number: number, kind: .cover, items: items), problems)
    }

    /// The foot of the cover: the logo (if any), then the name and department beside it, their
    /// last baseline on the bottom margin.
    private func imprintItems(_ imprint: Imprint, x: Length, width: Length, location: SourceLocation, problems: inout [LayoutProblem]) -> [PageItem] {
        let spec = layout.page, cover = layout.cover
        var items: [PageItem] = []
        let bottom = spec.height - spec.bottom
        var textX = x
        if let logo = imprint.logo {
            let height = cover.logoHeight
            let logoWidth = min(height * logo.aspect, width * 0.5)
            let rect = Rect(x: x, y: bottom - height + cover.department.size * 0.3, width: logoWidth, height: logoWidth * (1 / logo.aspect))
            items.append(.image(ImageItem(rect: rect, image: logo, alt: imprint.logoAlt, role: .figure,
                                          structure: [StructureNode("Figure", -998)])))
            textX = x + logoWidth + .mm(4)
        }
        let textWidth = width - (textX - x)
        var lines: [(ShapedText, TextStyle)] = [(shaper.shape([TextSpan(imprint.name)], style: cover.publisher, width: textWidth), cover.publisher)]
        if let department = imprint.department, !department.isEmpty {
            lines.append((shaper.shape([TextSpan(department)], style: cover.department, width: textWidth), cover.department))
        }
        for (shaped, _) in lines { problems += shaped.problems.map { LayoutProblem(location: location, problem: $0) } }
        let total = lines.reduce(0) { $0 + $1.0.lines.count }
        var baseline = bottom - lines.dropFirst().reduce(Length.zero) { $0 + $1.1.leading * Double($1.0.lines.count) }
            - cover.publisher.leading * Double(lines[0].0.lines.count - 1)
        if imprint.logo != nil && total <= 3 {
            // Centre the text block on the logo.
            let block = lines.reduce(Length.zero) { $0 + $1.1.leading * Double($1.0.lines.count) }
            baseline -= max(.zero, (cover.logoHeight - block) * 0.5)
        }
        for (n, (shaped, style)) in lines.enumerated() {
            for (i, line) in shaped.lines.enumerated() {
                var item = LineItem(runs: line.runs, lineIndex: i, origin: Point(x: textX + line.xOffset, y: baseline),
                                    width: line.width, ascent: line.ascent, descent: line.descent, text: line.text,
                                    hyphenated: false, color: style.color, role: .coverImprint, source: location, block: 0)
                item.structure = [StructureNode("P", -997 + n)]
                items.append(.line(item))
                baseline += style.leading
            }
        }
        return items
    }
}

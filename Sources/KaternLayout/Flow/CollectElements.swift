import KaternDocument
import KaternStyle
import KaternText

/// Collect, for the forms beyond paragraphs, lists and quotes: figures with captions, QR codes,
/// tables, warning and note boxes, glossaries. Each becomes flow blocks with its rules as data
/// (a figure keeps its caption, a box is never split, a table splits between rows only and
/// repeats its header), tagged for the structure tree.
extension Collector {
    /// The least resolution a photo may have at its printed size.
    static let minimumPPI = 200.0

    /// An image, scaled to the measure (at most 45 % of the column's height), centred, with its
    /// caption under it; the two are one block (at the top level, a float).
    mutating func addFigure(path: String, alt: String, caption: [TextSpan], in measure: Measure, source: SourceLocation) {
        let aspect = imageAspect(path) ?? 4.0 / 3.0
        let width = min(measure.width, layout.page.columnHeight * 0.45 * aspect)
        let height = width * (1 / aspect)
        let format = ImageRef.Format.of(path: path)
        if format != .svg, let pixels = imagePixels(path) {
            let ppi = Double(pixels) / (width.points / 72)
            if ppi < Self.minimumPPI {
                let name = path.split(separator: "/").last.map(String.init) ?? path
                let needed = Int((Self.minimumPPI * width.points / 72).rounded(.up))
                problems.append(LayoutProblem(location: source, warning: "the image \(name) prints at \(Int(ppi)) ppi (\(pixels) pixels across \(Int(width.millimetres.rounded())) mm); print needs \(Int(Self.minimumPPI)) ppi: use an image at least \(needed) pixels wide"))
            }
        }
        let group = caption.isEmpty ? nil : node("Div")
        let image = ImageItem(rect: Rect(x: measure.x + (measure.width - width) * 0.5, y: .zero, width: width, height: height),
                              image: ImageRef(path: path, format: format, aspect: aspect), alt: alt, role: .figure,
                              structure: context + (group.map { [$0] } ?? []) + [node("Figure")])
        var lines = [FlowLine(items: [.image(image)], height: height)]
        if let group {
            let captionStyle = layout.content.caption
            let captionWidth = max(width, measure.width * 0.5)
            let captionMeasure = Measure(x: measure.x + (measure.width - captionWidth) * 0.5, width: captionWidth)
            lines.append(FlowLine(items: [], height: .pt(4)))
            lines += makeLines(caption, style: captionStyle, in: captionMeasure, role: .figure, source: source,
                               structure: context + [group, node("Caption")]).lines
        }
        // A figure floats (at the top level): when it does not fit, the text goes on and the
        // figure opens the next page.
        var figure = FlowBlock(lines: lines, splittable: false, orphans: 1, widows: 1, keepWithNext: 0, source: source)
        figure.float = context.isEmpty
        items.append(.space(layout.body.spaceAfter + .pt(4), collapsible: true))
        items.append(.block(figure))
        items.append(.space(layout.body.spaceAfter + .pt(4), collapsible: true))
    }

    /// A QR code at the measure's left, drawn from its modules with a quiet zone, its caption
    /// (or its description) and its address beside it; tagged as a figure whose alt text names
    /// the address.
    mutating func addQRCode(address: String, alt: String, caption: [TextSpan], in measure: Measure, source: SourceLocation) {
        let style = layout.content.qr
        guard let matrix = qrCode(address) else {
            problems.append(LayoutProblem(location: source, error: "no QR code was made for \(address); please report this"))
            return
        }
        let size = min(style.size, measure.width)
        let said = (labels.qrCode ?? "{target}").replacingOccurrences(of: "{target}", with: address)
        let group = node("Div")
        let image = ImageItem(rect: Rect(x: measure.x, y: .zero, width: size, height: size),
                              image: ImageRef(path: address, format: .qr, aspect: 1, qr: matrix, qrColor: style.color),
                              alt: said + ": " + alt, role: .figure, structure: context + [group, node("Figure")])
        // Beside the code: its caption (or, without one, what it leads to) and its address.
        let textMeasure = measure.inset(left: size + .mm(4))
        let captionNode = node("Caption")
        var text: [FlowLine] = [FlowLine(items: [], height: size * (Double(QRMatrix.quietZone) / Double(matrix.size + 2 * QRMatrix.quietZone)))]
        var captionStyle = layout.content.caption
        captionStyle.font.italic = false
        text += makeLines(caption.isEmpty ? [TextSpan(alt)] : caption, style: captionStyle, in: textMeasure, role: .figure, source: source,
                          structure: context + [group, captionNode]).lines
        if style.showAddress {
            text.append(FlowLine(items: [], height: .pt(2)))
            text += makeLines([TextSpan(address, link: address)], style: style.address, in: textMeasure, role: .figure, source: source,
                              structure: context + [group, captionNode]).lines
        }
        // One slot holds the code and the text beside it.
        var items: [PageItem] = [.image(image)]
        var y = Length.zero
        for line in text {
            items += line.items.map { shift($0, by: y) }
            y += line.height
        }
        let height = max(size, y)
        let block = FlowBlock(lines: [FlowLine(items: items, height: height)], splittable: false, orphans: 1, widows: 1, keepWithNext: 0, source: source)
        self.items.append(.space(layout.body.spaceAfter + .pt(4), collapsible: true))
        self.items.append(.block(block))
        self.items.append(.space(layout.body.spaceAfter + .pt(4), collapsible: true))
    }

    /// A warning or note box: a panel in the kind's colours with a rule at its left edge, the
    /// kind's label ("Let op") above its text; never split, never moved away from its place.
    mutating func addCallout(_ kind: CalloutKind, _ inner: [Block], in measure: Measure, source: SourceLocation) {
        let style = layout.content.callout
        let colours = style.kind(kind)
        guard let label = labels.boxes[kind] else {
            problems.append(LayoutProblem(location: source, error: "the booklet's language file has no label for [!\(kind.rawValue.uppercased())] boxes; add 'box-\(kind.rawValue)' under labels: in its Languages/ file"))
            return
        }
        let saved = quoteStyle
        quoteStyle = QuoteStyle(text: style.text, panel: colours.panel, rule: colours.color, ruleWidth: style.ruleWidth, padding: style.padding,
                                spaceBefore: style.spaceBefore, spaceAfter: style.spaceAfter)
        var labelStyle = style.label
        labelStyle.color = colours.color
        var block = quoteBlock(inner, in: measure, source: source, type: "Aside", label: ([TextSpan(label)], labelStyle))
        quoteStyle = saved
        block.float = false
        items.append(.space(style.spaceBefore, collapsible: true))
        items.append(.block(block))
        items.append(.space(style.spaceAfter, collapsible: true))
    }

    /// A file's footnotes: under a short rule, in small type, each note numbered as its
    /// references are and a destination their links go to.
    mutating func addNotes(_ notes: [Footnote], in measure: Measure, source: SourceLocation) {
        var style = layout.content.caption
        style.font.italic = false
        style.color = layout.body.color
        style.align = .left
        style.spaceAfter = .pt(2)
        let rule = BoxItem(rect: Rect(x: measure.x, y: .pt(6), width: min(measure.width, .mm(25)), height: .pt(0.5)),
                           color: layout.content.table.rule ?? layout.body.color, role: .artifact, source: source)
        items.append(.space(layout.body.spaceAfter, collapsible: true))
        var bar = FlowBlock(lines: [FlowLine(items: [.box(rule)], height: .pt(10))], splittable: false, orphans: 1, widows: 1, keepWithNext: 2, source: source)
        bar.float = false
        items.append(.block(bar))
        addList(ordered: true, start: 1, entries: notes.map(\.blocks), in: measure, style: style, role: .body, source: source,
                anchors: notes.map(\.id))
    }

    /// A glossary: each term in bold on a line of its own, its definition indented under it; an
    /// entry keeps its term with the definition's first lines. Tagged as a list: `Lbl` the term,
    /// `LBody` the definition.
    mutating func addGlossary(_ entries: [GlossaryEntry], in measure: Measure, source: SourceLocation) {
        let style = layout.content.glossary
        var listNode = node("L")
        listNode.numbering = "None"
        items.append(.space(layout.list.spaceBefore, collapsible: true))
        for (index, entry) in entries.enumerated() {
            if index > 0 { items.append(.space(style.entrySpacing, collapsible: true)) }
            let itemNode = node("LI")
            var term = makeLines(entry.term, style: style.term, in: measure, role: .listItem, source: entry.location,
                                 structure: context + [listNode, itemNode, node("Lbl")])
            term.splittable = false
            term.keepWithNext = max(2, layout.pagination.orphans)
            items.append(.block(term))
            var definition = makeLines(entry.definition, style: style.definition, in: measure.inset(left: style.indent), role: .listItem,
                                       source: entry.location, structure: context + [listNode, itemNode, node("LBody"), node("P")])
            if definition.lines.count <= layout.pagination.keepListItemLines { definition.splittable = false }
            items.append(.block(definition))
        }
        items.append(.space(layout.list.spaceAfter, collapsible: true))
    }
}

import KaternDocument
import KaternStyle
import KaternText

/// Collect: a booklet's blocks -> flow items. Shapes each paragraph once (through the shaper) to
/// the width it will have, attaches styles from the layout and the pagination rules as data.
struct Collector {
    let layout: Layout
    let shaper: TextShaper
    private(set) var items: [FlowItem] = []
    private var blockCounter = 0

    /// The aspect ratio (width / height) of an image file, or nil when it cannot be read.
    let imageAspect: (String) -> Double?

    init(layout: Layout, shaper: TextShaper, imageAspect: @escaping (String) -> Double? = { _ in nil }) {
        self.layout = layout
        self.shaper = shaper
        self.imageAspect = imageAspect
    }

    var column: Length { layout.page.columnWidth }

    /// `pageOf`: the page of each heading id from the previous pass, for the table of contents.
    mutating func collect(_ booklet: Booklet, pageOf: [String: Int] = [:]) -> [FlowItem] {
        if !booklet.opening.isEmpty {
            items.append(.newPage(chapter: nil, rightHand: false))
            items.append(.sink(share: 0.4))
            quoteStyle = layout.pullQuote
            for block in booklet.opening { add(block, indent: .zero) }
            quoteStyle = layout.quote
        }
        if layout.contents.position == "after-opening" { addContents(booklet, pageOf: pageOf) }
        if layout.contact == .afterOpening { addContact(booklet.contact) }
        for chapter in booklet.chapters {
            items.append(.newPage(chapter: chapter.title, rightHand: layout.chapter.start == .rightPage))
            items.append(.space(layout.chapter.sink, collapsible: false))
            if let rule = layout.chapter.rule {
                let bar = BoxItem(rect: Rect(x: .zero, y: .zero, width: .mm(12), height: .pt(3)), color: rule, role: .artifact, source: nil)
                items.append(.box(FlowBox(items: [.box(bar)], height: .pt(3) + .mm(5), source: chapter.blocks[0].location)))
            }
            for block in chapter.blocks { add(block, indent: .zero) }
        }
        if layout.contact == .beforeColophon { addContact(booklet.contact) }
        if !booklet.colophon.isEmpty {
            items.append(.newPage(chapter: nil, rightHand: false))
            items.append(.sink(share: 1))
            for block in booklet.colophon { add(block, indent: .zero, style: layout.colophon, role: .colophon) }
        }
        return items
    }

    /// The headings the table of contents lists: chapters, their sections down to the layout's
    /// depth, and the contact page.
    static func contentsEntries(_ booklet: Booklet, levels: Int) -> [(level: Int, id: String, title: [TextSpan], location: SourceLocation)] {
        (booklet.chapters.flatMap(\.blocks) + booklet.contact).compactMap { block in
            guard case .heading(let level, let id, let content) = block.kind, level <= levels else { return nil }
            return (level, id, content, block.location)
        }
    }

    /// The table of contents: a title, then an entry per heading with its page number at the
    /// right edge; every entry links to its heading. Numbers come from the previous pass.
    private mutating func addContents(_ booklet: Booklet, pageOf: [String: Int]) {
        let contents = layout.contents
        let entries = Self.contentsEntries(booklet, levels: contents.levels)
        guard !entries.isEmpty else { return }
        let location = SourceLocation(file: layout.file)
        items.append(.newPage(chapter: contents.title, rightHand: false))
        items.append(.space(layout.chapter.sink, collapsible: false))
        add(Block(.heading(level: 1, id: "inhoud", content: [TextSpan(contents.title)]), at: location), indent: .zero)
        let tocNode = node("TOC")
        for entry in entries {
            let style = entry.level == 1 ? contents.chapter : contents.section
            let indent = entry.level == 1 ? Length.zero : contents.sectionIndent * Double(entry.level - 1)
            var numberStyle = style
            numberStyle.align = .left
            numberStyle.hyphenate = false
            let number = shaper.shape([TextSpan(pageOf[entry.id].map(String.init) ?? "00")], style: numberStyle, width: column)
            let numberLine = number.lines[0]
            var titleStyle = style
            titleStyle.hyphenate = false
            let gap = Length.mm(4)
            let structure = [tocNode, node("TOCI")]
            var block = makeLines(entry.title, style: titleStyle, width: column - indent - numberLine.width - gap, x: indent,
                                  role: .contents, source: entry.location, structure: structure)
            let target = "#" + entry.id
            for index in block.lines.indices {
                guard case .line(var line) = block.lines[index].items[0] else { continue }
                line.links = [LineLink(x: .zero, width: column - line.origin.x, uri: target)]
                line.fill = nil
                block.lines[index].items[0] = .line(line)
            }
            if var last = block.lines.last, case .line(let titleLine) = last.items[0] {
                var item = LineItem(textID: number.id, lineIndex: 0, origin: Point(x: column - numberLine.width, y: titleLine.origin.y),
                                    width: numberLine.width, ascent: numberLine.ascent, descent: numberLine.descent,
                                    text: numberLine.text, hyphenated: false, color: style.color, role: .contents,
                                    source: entry.location, block: titleLine.block)
                item.structure = structure
                last.items.append(.line(item))
                block.lines[block.lines.count - 1] = last
            }
            block.splittable = false
            items.append(.space(style.spaceBefore, collapsible: true))
            items.append(.block(block))
        }
    }

    /// The contact page ("Vragen?"): a page of its own, set like a chapter.
    private mutating func addContact(_ blocks: [Block]) {
        guard !blocks.isEmpty else { return }
        let title = blocks.first.flatMap { block -> String? in
            if case .heading(_, _, let content) = block.kind { return content.plainText }
            return nil
        }
        items.append(.newPage(chapter: title, rightHand: false))
        items.append(.space(layout.chapter.sink, collapsible: false))
        for block in blocks { add(block, indent: .zero) }
    }

    /// The style of the quotes being added: the opening page's are pull quotes.
    private lazy var quoteStyle: QuoteStyle = layout.quote

    /// The structure elements the blocks being added sit in (a list item's body, a quote).
    private var context: [StructureNode] = []
    private var nextNode = 0

    private mutating func node(_ type: String) -> StructureNode {
        nextNode += 1
        return StructureNode(type, nextNode)
    }

    private mutating func add(_ block: Block, indent: Length, style: TextStyle? = nil, role: Role = .body) {
        switch block.kind {
        case .heading(let level, let id, let content):
            let s = layout.heading(level: level)
            items.append(.space(s.spaceBefore, collapsible: true))
            var lines = makeLines(content, style: s, width: column - indent, x: indent, role: .heading(level: level), source: block.location,
                                  structure: context + [node("H\(min(level, 6))")], anchor: id)
            lines.keepWithNext = layout.pagination.headingKeepLines
            lines.splittable = false
            items.append(.block(lines))
            items.append(.space(s.spaceAfter, collapsible: true))
        case .paragraph(let content):
            let s = style ?? layout.body
            items.append(.space(s.spaceBefore, collapsible: true))
            items.append(.block(makeLines(content, style: s, width: column - indent, x: indent, role: role, source: block.location,
                                          structure: context + [node("P")])))
            items.append(.space(s.spaceAfter, collapsible: true))
        case .list(let ordered, let entries):
            addList(ordered: ordered, entries: entries, indent: indent, style: style ?? layout.body, source: block.location)
        case .quote(let inner):
            items.append(.space(quoteStyle.spaceBefore, collapsible: true))
            items.append(.box(quoteBox(inner, indent: indent, source: block.location)))
            items.append(.space(quoteStyle.spaceAfter, collapsible: true))
        case .figure(let path, let alt):
            let aspect = imageAspect(path) ?? 4.0 / 3.0
            let width = min(column - indent, layout.page.columnHeight * 0.45 * aspect)
            let height = width * (1 / aspect)
            let format: ImageRef.Format = path.lowercased().hasSuffix(".svg") ? .svg : .png
            let image = ImageItem(rect: Rect(x: indent + (column - indent - width) * 0.5, y: .zero, width: width, height: height),
                                  image: ImageRef(path: path, format: format, aspect: aspect), alt: alt, role: .figure,
                                  structure: context + [node("Figure")])
            items.append(.space(layout.body.spaceAfter + .pt(4), collapsible: true))
            items.append(.box(FlowBox(items: [.image(image)], height: height, source: block.location)))
            items.append(.space(layout.body.spaceAfter + .pt(4), collapsible: true))
        case .rule:
            let line = BoxItem(rect: Rect(x: indent, y: .pt(6), width: column - indent, height: .pt(0.5)),
                               color: layout.quote.rule ?? layout.body.color, role: .artifact, source: block.location)
            items.append(.box(FlowBox(items: [.box(line)], height: .pt(12.5), source: block.location)))
        }
    }

    private mutating func addList(ordered: Bool, entries: [[Block]], indent: Length, style: TextStyle, source: SourceLocation) {
        let list = layout.list
        items.append(.space(list.spaceBefore, collapsible: true))
        let textIndent = indent + list.indent
        let outer = context
        let listNode = node("L")
        for (number, entry) in entries.enumerated() {
            if number > 0 { items.append(.space(list.itemSpacing, collapsible: true)) }
            var first = true
            let itemNode = node("LI"), bodyNode = node("LBody"), labelNode = node("Lbl")
            context = outer + [listNode, itemNode, bodyNode]
            defer { context = outer }
            for block in entry {
                guard case .paragraph(let content) = block.kind else {
                    add(block, indent: textIndent, style: style)
                    continue
                }
                var lines = makeLines(content, style: style, width: column - textIndent, x: textIndent, role: .listItem, source: block.location,
                                      structure: context + [node("P")])
                if first, var firstLine = lines.lines.first, case .line(let textLine) = firstLine.items[0] {
                    let marker = ordered ? "\(number + 1)." : list.bullet
                    var bulletStyle = style
                    bulletStyle.color = list.bulletColor
                    bulletStyle.align = .left
                    bulletStyle.hyphenate = false
                    bulletStyle.firstLineIndent = .zero
                    let shaped = shaper.shape([TextSpan(marker)], style: bulletStyle, width: list.indent)
                    let bulletLine = shaped.lines[0]
                    let x = textIndent - list.indent * 0.55 - bulletLine.width * 0.5
                    var bullet = LineItem(textID: shaped.id, lineIndex: 0, origin: Point(x: x, y: textLine.origin.y),
                                          width: bulletLine.width, ascent: bulletLine.ascent, descent: bulletLine.descent,
                                          text: marker, hyphenated: false, color: list.bulletColor, role: .bullet,
                                          source: block.location, block: textLine.block)
                    bullet.structure = outer + [listNode, itemNode, labelNode]
                    firstLine.items.insert(.line(bullet), at: 0)
                    lines.lines[0] = firstLine
                }
                if lines.lines.count <= layout.pagination.keepListItemLines { lines.splittable = false }
                items.append(.block(lines))
                first = false
            }
        }
        items.append(.space(list.spaceAfter, collapsible: true))
    }

    /// A sidebar quote: a tinted panel with an accent rule, the quote's paragraphs inside it.
    private mutating func quoteBox(_ inner: [Block], indent: Length, source: SourceLocation) -> FlowBox {
        let q = quoteStyle
        let ruleSpace = q.rule != nil ? q.ruleWidth : .zero
        let textX = indent + ruleSpace + q.padding
        let textWidth = column - textX - q.padding
        var content: [PageItem] = []
        var y = q.padding
        let quoteNode = node("BlockQuote")
        for (index, block) in inner.enumerated() {
            let spans: [TextSpan]
            switch block.kind {
            case .paragraph(let c), .heading(_, _, let c): spans = c
            default: spans = []
            }
            if index > 0 { y += q.text.spaceAfter }
            let lines = makeLines(spans, style: q.text, width: textWidth, x: textX, role: .quote, source: block.location,
                                  structure: context + [quoteNode, node("P")])
            for line in lines.lines {
                for item in line.items { content.append(shift(item, by: y)) }
                y += line.height
            }
        }
        let height = y + q.padding
        var items: [PageItem] = []
        if let panel = q.panel {
            items.append(.box(BoxItem(rect: Rect(x: indent, y: .zero, width: column - indent, height: height), color: panel, role: .artifact, source: source)))
        }
        if let rule = q.rule {
            items.append(.box(BoxItem(rect: Rect(x: indent, y: .zero, width: q.ruleWidth, height: height), color: rule, role: .artifact, source: source)))
        }
        return FlowBox(items: items + content, height: height, source: source)
    }

    /// Shapes a paragraph and turns its lines into line slots of the style's leading.
    private mutating func makeLines(_ spans: [TextSpan], style: TextStyle, width: Length, x: Length, role: Role, source: SourceLocation,
                                    structure: [StructureNode] = [], anchor: String? = nil) -> FlowBlock {
        let shaped = shaper.shape(spans, style: style, width: width)
        blockCounter += 1
        let lines = shaped.lines.enumerated().map { index, line -> FlowLine in
            let baseline = line.ascent + (style.leading - line.ascent - line.descent) * 0.5
            var item = LineItem(textID: shaped.id, lineIndex: index, origin: Point(x: x + line.xOffset, y: baseline),
                                width: line.width, ascent: line.ascent, descent: line.descent, text: line.text,
                                hyphenated: line.hyphenated, color: style.color, role: role, source: source, block: blockCounter)
            item.structure = structure
            item.anchor = index == 0 ? anchor : nil
            item.links = line.links.map { LineLink(x: $0.x, width: $0.width, uri: $0.uri) }
            item.fill = LineFill(available: line.available.points > 0 ? line.available : width, width: line.width,
                                 wordSpace: line.wordSpace.map { $0.points / max(1, line.em.points) },
                                 endsWithHyphen: line.endsWithHyphen,
                                 justified: style.align == .justify && index < shaped.lines.count - 1)
            return FlowLine(items: [.line(item)], height: style.leading, endsWithHyphen: line.endsWithHyphen)
        }
        return FlowBlock(lines: lines, splittable: true, orphans: layout.pagination.orphans,
                         widows: layout.pagination.widows, keepWithNext: 0, source: source)
    }
}

/// Moves an item down by `dy` (and right by `dx`).
func shift(_ item: PageItem, by dy: Length, dx: Length = .zero) -> PageItem {
    switch item {
    case .line(var line):
        line.origin.y += dy
        line.origin.x += dx
        return .line(line)
    case .box(var box):
        box.rect.y += dy
        box.rect.x += dx
        return .box(box)
    case .image(var image):
        image.rect.y += dy
        image.rect.x += dx
        return .image(image)
    }
}

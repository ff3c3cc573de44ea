import KaternDocument
import KaternStyle
import KaternText

/// Where a block is set across the column: its left edge (from the column's left edge) and its
/// width. Lists and quotes narrow it for what they hold.
struct Measure: Sendable, Equatable {
    var x: Length
    var width: Length

    func inset(left: Length, right: Length = .zero) -> Measure {
        Measure(x: x + left, width: width - left - right)
    }
}

/// A problem found while laying out, with the source line it belongs to: text that could not
/// be set as asked (`shaping`), or something that does not fit where it must go.
public struct LayoutProblem: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    /// What the shaper found, when it is a shaping problem.
    public var shaping: ShapingProblem?
    public var message: String
    public var isError: Bool

    public init(location: SourceLocation, problem: ShapingProblem) {
        self.location = location
        self.shaping = problem
        self.message = problem.message
        self.isError = problem.isError
    }

    public init(location: SourceLocation, error message: String) {
        self.location = location
        self.message = message
        self.isError = true
    }

    public init(location: SourceLocation, warning message: String) {
        self.location = location
        self.message = message
        self.isError = false
    }

    public var description: String { "\(location): \(isError ? "error" : "warning"): \(message)" }
}

/// Collect: a booklet's blocks -> flow items. Shapes each paragraph once (through the shaper) to
/// the width it will have, attaches styles from the layout and the pagination rules as data.
/// Lists and quotes (nested in any order) are collected by `CollectNested.swift`.
struct Collector {
    let layout: Layout
    let shaper: TextShaper
    var items: [FlowItem] = []
    var blockCounter = 0
    /// Characters no font has, faces the fonts lack: reported with their source lines.
    var problems: [LayoutProblem] = []

    /// The aspect ratio (width / height) of an image file, or nil when it cannot be read.
    let imageAspect: (String) -> Double?
    /// An image file's width in pixels (nil: a vector image, or unknown).
    var imagePixels: (String) -> Int? = { _ in nil }
    /// A QR code's modules, by its address.
    var qrCode: (String) -> QRMatrix? = { _ in nil }
    var labels: LanguageResources.Labels = LanguageResources.dutch.labels

    init(layout: Layout, shaper: TextShaper, imageAspect: @escaping (String) -> Double? = { _ in nil }) {
        self.layout = layout
        self.shaper = shaper
        self.imageAspect = imageAspect
        self.quoteStyle = layout.quote
    }

    var column: Length { layout.page.columnWidth }
    var fullMeasure: Measure { Measure(x: .zero, width: column) }

    /// `pageOf`: the page of each heading id from the previous pass, for the table of contents.
    mutating func collect(_ booklet: Booklet, pageOf: [String: Int] = [:]) -> [FlowItem] {
        if !booklet.opening.isEmpty {
            items.append(.newPage(chapter: nil, rightHand: false))
            items.append(.sink(share: 0.4))
            quoteStyle = layout.pullQuote
            for block in booklet.opening { add(block, in: fullMeasure) }
            quoteStyle = layout.quote
        }
        if layout.contents.position == "after-opening" { addContents(booklet, pageOf: pageOf) }
        if layout.contact == .afterOpening { addContact(booklet.contact) }
        for chapter in booklet.chapters {
            items.append(.newPage(chapter: chapter.title, rightHand: layout.chapter.start == .rightPage))
            items.append(.space(layout.chapter.sink, collapsible: false))
            // The short bar above the title goes with the title (a slot of its own in its block).
            if let rule = layout.chapter.rule {
                let bar = BoxItem(rect: Rect(x: .zero, y: .zero, width: .mm(12), height: .pt(3)), color: rule, role: .artifact, source: nil)
                chapterBar = FlowLine(items: [.box(bar)], height: .pt(3) + .mm(5))
            }
            for block in chapter.blocks { add(block, in: fullMeasure) }
            chapterBar = nil
        }
        if layout.contact == .beforeColophon { addContact(booklet.contact) }
        if !booklet.colophon.isEmpty {
            items.append(.newPage(chapter: nil, rightHand: false))
            items.append(.sink(share: 1))
            for block in booklet.colophon { add(block, in: fullMeasure, style: layout.colophon, role: .colophon) }
        }
        // Handed over, not shared: the distributor lets each item go once it is placed.
        defer { items = [] }
        return items
    }

    /// The headings the table of contents lists: chapters, their sections down to the layout's
    /// depth, and the contact page; each at the level it is tagged with (`headingTag`), so that
    /// the contents and the structure tree agree.
    static func contentsEntries(_ booklet: Booklet, levels: Int, contactFirst: Bool = false) -> [(level: Int, id: String, title: [TextSpan], location: SourceLocation)] {
        let blocks = contactFirst ? booklet.contact + booklet.chapters.flatMap(\.blocks) : booklet.chapters.flatMap(\.blocks) + booklet.contact
        var last = 1
        return blocks.compactMap { block in
            guard case .heading(let level, let id, let content) = block.kind else { return nil }
            let tag = min(level, 6, last + 1)
            last = tag
            return tag <= levels ? (tag, id, content, block.location) : nil
        }
    }

    /// The table of contents: a title, then an entry per heading with its page number at the
    /// right edge; every entry links to its heading. Numbers come from the previous pass.
    private mutating func addContents(_ booklet: Booklet, pageOf: [String: Int]) {
        let contents = layout.contents
        let entries = Self.contentsEntries(booklet, levels: contents.levels, contactFirst: layout.contact == .afterOpening)
        guard !entries.isEmpty else { return }
        let location = SourceLocation(file: layout.file)
        items.append(.newPage(chapter: contents.title, rightHand: false))
        items.append(.space(layout.chapter.sink, collapsible: false))
        // The contents' own heading has an id no source heading can have (ids hold no ':').
        add(Block(.heading(level: 1, id: "katern:contents", content: [TextSpan(contents.title)]), at: location), in: fullMeasure)
        let tocNode = node("TOC")
        for entry in entries {
            let style = entry.level == 1 ? contents.chapter : contents.section
            let indent = entry.level == 1 ? Length.zero : contents.sectionIndent * Double(entry.level - 1)
            var numberStyle = style
            numberStyle.align = .left
            numberStyle.hyphenate = false
            // A no-break space before the number: no ink, but a reader hears "Risicofactoren 5",
            // not "Risicofactoren5".
            let number = shape([TextSpan("\u{00A0}" + (pageOf[entry.id].map(String.init) ?? "00"))], style: numberStyle, width: column, source: entry.location)
            let numberLine = number.lines[0]
            var titleStyle = style
            titleStyle.hyphenate = false
            let gap = Length.mm(4)
            // An entry refers to a heading elsewhere: TOCI > Reference > Link.
            let structure = [tocNode, node("TOCI"), node("Reference")]
            var block = makeLines(entry.title, style: titleStyle, in: Measure(x: indent, width: column - indent - numberLine.width - gap),
                                  role: .contents, source: entry.location, structure: structure)
            let target = "#" + entry.id
            for index in block.lines.indices {
                guard case .line(var line) = block.lines[index].items[0] else { continue }
                line.links = [LineLink(x: .zero, width: column - line.origin.x, uri: target, bytes: 0..<line.runs.reduce(0) { $0 + $1.text.utf8.count })]
                line.fill = nil
                block.lines[index].items[0] = .line(line)
            }
            if var last = block.lines.last, case .line(let titleLine) = last.items[0] {
                var item = LineItem(runs: numberLine.runs, lineIndex: 0, origin: Point(x: column - numberLine.width, y: titleLine.origin.y),
                                    width: numberLine.width, ascent: numberLine.ascent, descent: numberLine.descent,
                                    text: numberLine.text, hyphenated: false, color: style.color, role: .contents,
                                    source: entry.location, block: titleLine.block)
                item.structure = structure
                // The number is part of the entry's link (its text, not a second clickable area).
                item.links = [LineLink(x: .zero, width: .zero, uri: target, bytes: 0..<numberLine.runs.reduce(0) { $0 + $1.text.utf8.count })]
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
        for block in blocks { add(block, in: fullMeasure) }
    }

    /// Whether the block added last was a paragraph (the next one may take a first-line indent).
    var previousWasParagraph = false

    /// The bar a chapter's title takes above it, until the title is added.
    var chapterBar: FlowLine?

    /// The style of the quotes being added: the opening page's are pull quotes.
    var quoteStyle: QuoteStyle

    /// The structure elements the blocks being added sit in (a list item's body, a quote).
    var context: [StructureNode] = []
    private var nextNode = 0

    mutating func node(_ type: String) -> StructureNode {
        nextNode += 1
        return StructureNode(type, nextNode)
    }

    /// The level the last heading was tagged with (the cover's title is an H1).
    var lastHeadingTag = 1

    /// A heading's tag: `H1` to `H6` by its level, but never more than one level below the
    /// heading before it (PDF/UA: a screen reader's list of headings skips no level); a heading
    /// that skips one is set as written, tagged one level lower, with a warning.
    /// A heading inside a quote is tagged the same way but leaves the sequence as it was.
    mutating func headingTag(_ level: Int, at location: SourceLocation, inQuote: Bool = false) -> String {
        let tag = min(level, 6, lastHeadingTag + 1)
        if tag < min(level, 6) {
            let warning = LayoutProblem(location: location, warning: "a level-\(level) heading follows a level-\(lastHeadingTag) heading; screen readers get it as level \(tag) (write \(String(repeating: "#", count: tag)) to set it so)")
            if !problems.contains(warning) { problems.append(warning) }
        }
        if !inQuote { lastHeadingTag = tag }
        return "H\(tag)"
    }

    /// Adds one block set in `measure`; `style` and `role` are those of the text around it (a
    /// list's or a quote's text style, the colophon's).
    mutating func add(_ block: Block, in measure: Measure, style: TextStyle? = nil, role: Role = .body) {
        let followsParagraph = previousWasParagraph
        previousWasParagraph = false
        defer { if case .paragraph = block.kind { previousWasParagraph = true } else { previousWasParagraph = false } }
        switch block.kind {
        case .heading(let level, let id, let content):
            if let style, role == .quote {
                // A heading inside a quote: the quote's type, bold (it is no section).
                let spans = content.map { span -> TextSpan in var s = span; s.strong = true; return s }
                // Its anchor all the same: a link may go to it.
                items.append(.block(makeLines(spans, style: style, in: measure, role: role, source: block.location,
                                              structure: context + [node(headingTag(level, at: block.location, inQuote: true))], anchor: id)))
                return
            }
            let s = layout.heading(level: level)
            items.append(.space(s.spaceBefore, collapsible: true))
            var lines = makeLines(content, style: s, in: measure, role: .heading(level: level), source: block.location,
                                  structure: context + [node(headingTag(level, at: block.location))], anchor: id)
            lines.keepWithNext = layout.pagination.headingKeepLines
            lines.splittable = false
            if level == 1, let bar = chapterBar {
                lines.lines.insert(bar, at: 0)
                chapterBar = nil
            }
            items.append(.block(lines))
            items.append(.space(s.spaceAfter, collapsible: true))
        case .paragraph(let content):
            var s = style ?? layout.body
            // A first-line indent marks a paragraph that follows another; the first after a
            // heading, a list or a quote starts flush, as in books.
            if !followsParagraph { s.firstLineIndent = .zero }
            items.append(.space(s.spaceBefore, collapsible: true))
            items.append(.block(makeLines(content, style: s, in: measure, role: role, source: block.location,
                                          structure: context + [node("P")])))
            items.append(.space(s.spaceAfter, collapsible: true))
        case .list(let ordered, let start, let entries):
            addList(ordered: ordered, start: start, entries: entries, in: measure, style: style ?? layout.body,
                    role: role == .quote ? .quote : .listItem, source: block.location)
        case .quote(let inner):
            items.append(.space(quoteStyle.spaceBefore, collapsible: true))
            items.append(.block(quoteBlock(inner, in: measure, source: block.location)))
            items.append(.space(quoteStyle.spaceAfter, collapsible: true))
        case .figure(let path, let alt, let caption):
            addFigure(path: path, alt: alt, caption: caption, in: measure, source: block.location)
        case .qrCode(let address, let alt, let caption):
            addQRCode(address: address, alt: alt, caption: caption, in: measure, source: block.location)
        case .checklist(let entries, let checked):
            addList(ordered: false, start: 1, entries: entries, in: measure, style: style ?? layout.body,
                    role: role == .quote ? .quote : .listItem, source: block.location, checked: checked)
        case .table(let table):
            addTable(table, in: measure, source: block.location)
        case .callout(let kind, let inner):
            addCallout(kind, inner, in: measure, source: block.location)
        case .glossary(let entries):
            addGlossary(entries, in: measure, source: block.location)
        case .notes(let notes):
            addNotes(notes, in: measure, source: block.location)
        case .rule:
            let line = BoxItem(rect: Rect(x: measure.x, y: .pt(6), width: measure.width, height: .pt(0.5)),
                               color: layout.quote.rule ?? layout.body.color, role: .artifact, source: block.location)
            items.append(.box(FlowBox(items: [.box(line)], height: .pt(12.5), source: block.location)))
        }
    }

    /// Shapes text, keeping what could not be set as asked with its source line.
    mutating func shape(_ spans: [TextSpan], style: TextStyle, width: Length, source: SourceLocation) -> ShapedText {
        let shaped = shaper.shape(spans, style: style, width: width)
        for problem in shaped.problems {
            let found = LayoutProblem(location: source, problem: problem)
            if !problems.contains(found) { problems.append(found) }
        }
        return shaped
    }

    /// Shapes a paragraph and turns its lines into line slots of the style's leading.
    mutating func makeLines(_ spans: [TextSpan], style: TextStyle, in measure: Measure, role: Role, source: SourceLocation,
                            structure: [StructureNode] = [], anchor: String? = nil) -> FlowBlock {
        let shaped = shape(spans, style: style, width: measure.width, source: source)
        blockCounter += 1
        let lines = shaped.lines.enumerated().map { index, line -> FlowLine in
            let baseline = line.ascent + (style.leading - line.ascent - line.descent) * 0.5
            var item = LineItem(runs: line.runs, lineIndex: index, origin: Point(x: measure.x + line.xOffset, y: baseline),
                                width: line.width, ascent: line.ascent, descent: line.descent, text: line.text,
                                hyphenated: line.hyphenated, color: style.color, role: role, source: source, block: blockCounter)
            item.structure = structure
            item.anchor = index == 0 ? anchor : nil
            item.links = line.links.map { LineLink(x: $0.x, width: $0.width, uri: $0.uri, bytes: $0.bytes, index: $0.index) }
            item.fill = LineFill(available: line.available.points > 0 ? line.available : measure.width, width: line.width,
                                 wordSpace: line.wordSpace.map { $0.points / max(1, line.em.points) },
                                 endsWithHyphen: line.endsWithHyphen,
                                 justified: style.align == .justify && index < shaped.lines.count - 1)
            // Struck-through text: a rule through the middle of its lowercase letters.
            let strikes = line.strikes.map { strike -> PageItem in
                .box(BoxItem(rect: Rect(x: item.origin.x + strike.x, y: baseline - style.size * 0.27, width: strike.width, height: style.size * 0.055),
                             color: style.color, role: .artifact, source: source))
            }
            return FlowLine(items: [.line(item)] + strikes, height: style.leading, endsWithHyphen: line.endsWithHyphen)
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

/// Errors of the layout stage: text that cannot be set as asked.
public enum LayoutError: LocatedError, Equatable {
    case problem(LayoutProblem)

    public var location: SourceLocation {
        switch self { case .problem(let p): return p.location }
    }

    public var message: String {
        switch self { case .problem(let p): return p.message }
    }
}

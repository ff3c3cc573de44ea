import KaternDocument
import KaternStyle
import KaternText

/// Collect, for the blocks that hold blocks: lists (bulleted or numbered from their start
/// number, each item any blocks) and sidebar quotes (a tinted panel and a rule around any
/// blocks: paragraphs, lists, figures, quotes). Nesting is bounded by the parser.
extension Collector {
    /// A list; with `checked`, a checklist: a square to tick before each item instead of a
    /// bullet (filled where the source ticked it, `- [x]`).
    mutating func addList(ordered: Bool, start: Int, entries: [[Block]], in measure: Measure, style: TextStyle,
                          role: Role, source: SourceLocation, checked: [Bool]? = nil, anchors: [String]? = nil) {
        let list = layout.list
        var style = style
        style.firstLineIndent = .zero  // an item's text aligns on the indent, its bullet hanging
        // A list inside a list item sits in its item's rhythm: no space of its own around it.
        let nested = context.last?.type == "LBody"
        items.append(.space(nested ? .zero : list.spaceBefore, collapsible: true))
        var markerStyle = style
        markerStyle.color = list.bulletColor
        markerStyle.align = .left
        markerStyle.hyphenate = false
        markerStyle.firstLineIndent = .zero
        markerStyle.uppercase = false
        // Numbers are set right-aligned a little before the text; when the widest number of the
        // list does not fit in the indent, the list's text moves right to make room.
        let gap = Length.mm(1.2)
        var indent = list.indent
        let check = layout.content.checklist
        if checked != nil { indent = max(indent, check.box + .mm(2.2)) }
        if ordered, let widest = [start, start + entries.count - 1].map({ shape([TextSpan("\($0).")], style: markerStyle, width: measure.width, source: source) })
            .map({ $0.lines.first?.width ?? .zero }).max(), widest + gap > indent {
            indent = widest + gap
        }
        let textMeasure = measure.inset(left: indent)
        let outer = context
        var listNode = node("L")
        listNode.numbering = ordered ? "Decimal" : checked != nil ? "None" : "Disc"
        for (number, entry) in entries.enumerated() {
            if number > 0 { items.append(.space(list.itemSpacing, collapsible: true)) }
            // The label before the body: ids give the structure tree its order.
            let itemNode = node("LI"), labelNode = node("Lbl"), bodyNode = node("LBody")
            context = outer + [listNode, itemNode, bodyNode]
            let first = items.count
            for block in entry {
                guard case .paragraph(let content) = block.kind else {
                    add(block, in: textMeasure, style: style, role: role)
                    continue
                }
                var lines = makeLines(content, style: style, in: textMeasure, role: role, source: block.location,
                                      structure: context + [node("P")])
                if lines.lines.count <= layout.pagination.keepListItemLines { lines.splittable = false }
                items.append(.block(lines))
            }
            context = outer
            previousWasParagraph = false
            keepTogether(from: first, ifAtMost: layout.pagination.keepListItemLines)
            if let checked {
                // The square sits on the baseline, as tall as a capital, at the indent's left.
                let side = check.box, line = check.line
                let x = textMeasure.x - indent, y = -side * 0.98
                var boxes = [Rect(x: x, y: y, width: side, height: line), Rect(x: x, y: y + side - line, width: side, height: line),
                             Rect(x: x, y: y, width: line, height: side), Rect(x: x + side - line, y: y, width: line, height: side)]
                if checked[number] {
                    let inset = line * 2.2
                    boxes.append(Rect(x: x + inset, y: y + inset, width: side - inset * 2, height: side - inset * 2))
                }
                attachBoxes(boxes.map { BoxItem(rect: $0, color: check.color, role: .artifact, source: entry.first?.location ?? source) },
                            from: first, height: style.leading, baseline: style.leading * 0.75)
                continue
            }
            // The marker goes on the first line the item made (an empty item gets a line of its own).
            let marker = ordered ? "\(start + number)." : list.bullet
            let shaped = shape([TextSpan(marker)], style: markerStyle, width: measure.width, source: source)
            let markerLine = shaped.lines[0]
            let x = ordered ? textMeasure.x - gap - markerLine.width : textMeasure.x - list.indent * 0.55 - markerLine.width * 0.5
            var label = LineItem(runs: markerLine.runs, lineIndex: 0, origin: Point(x: x, y: markerLine.ascent + (style.leading - markerLine.ascent - markerLine.descent) * 0.5),
                                 width: markerLine.width, ascent: markerLine.ascent, descent: markerLine.descent,
                                 text: marker, hyphenated: false, color: list.bulletColor, role: .bullet,
                                 source: entry.first?.location ?? source, block: blockCounter)
            label.structure = outer + [listNode, itemNode, labelNode]
            label.anchor = anchors.flatMap { number < $0.count ? $0[number] : nil }
            attachMarker(label, from: first, height: style.leading)
        }
        items.append(.space(nested ? .zero : list.spaceAfter, collapsible: true))
    }

    /// Joins the blocks added from `index` on (an item's paragraphs, its sub-list) into one block
    /// that is never split, when they hold at most `limit` lines of text: a short item stays on
    /// one page, however many paragraphs it has.
    private mutating func keepTogether(from index: Int, ifAtMost limit: Int) {
        guard let first = items[index...].firstIndex(where: { if case .block = $0 { return true } else { return false } }),
              let last = items.lastIndex(where: { if case .block = $0 { return true } else { return false } }),
              first < last else { return }
        var lines: [FlowLine] = []
        var textLines = 0
        for item in items[first...last] {
            switch item {
            case .block(let block):
                if block.float { return }
                lines += block.lines
                textLines += block.lines.filter { $0.items.contains { if case .line(let l) = $0 { return l.role != .bullet } else { return false } } }.count
            case .space(let height, _): lines.append(FlowLine(items: [], height: height))
            case .box(let box): lines.append(FlowLine(items: box.items, height: box.height))
            case .newPage, .sink: return
            }
        }
        // A figure in the item makes it tall: such an item may split (at the figure).
        let height = lines.reduce(Length.zero) { $0 + $1.height }
        guard textLines <= limit, height <= layout.body.leading * Double(limit + 1), case .block(var merged) = items[first] else { return }
        merged.lines = lines
        merged.splittable = false
        items.replaceSubrange(first...last, with: [.block(merged)])
    }

    /// Puts a checklist item's square (boxes placed from the baseline) beside the first text line
    /// the item added at `index` or later.
    private mutating func attachBoxes(_ boxes: [BoxItem], from index: Int, height: Length, baseline: Length) {
        for i in index..<items.count {
            guard case .block(var block) = items[i], !block.lines.isEmpty else { continue }
            let slot = block.lines.firstIndex { $0.items.contains { if case .line = $0 { return true } else { return false } } } ?? 0
            let y = block.lines[slot].items.lazy.compactMap { item -> Length? in
                if case .line(let l) = item { return l.origin.y } else { return nil }
            }.first ?? baseline
            block.lines[slot].items.insert(contentsOf: boxes.map { box in var b = box; b.rect.y += y; return .box(b) }, at: 0)
            items[i] = .block(block)
            return
        }
        items.append(.block(FlowBlock(lines: [FlowLine(items: boxes.map { box in var b = box; b.rect.y += baseline; return .box(b) }, height: height)],
                                      splittable: false, orphans: 1, widows: 1, keepWithNext: 0, source: boxes.first?.source ?? SourceLocation(file: ""))))
    }

    /// Puts a list item's marker on the first line the item added at `index` or later: beside the
    /// first text line's baseline, or at the top of a figure.
    private mutating func attachMarker(_ marker: LineItem, from index: Int, height: Length) {
        var label = marker
        for i in index..<items.count {
            switch items[i] {
            case .block(var block):
                guard !block.lines.isEmpty else { continue }
                // The first slot with text (a quote begins with a slot of padding).
                func firstText(_ line: FlowLine) -> LineItem? {
                    line.items.lazy.compactMap { item -> LineItem? in
                        if case .line(let l) = item, l.role != .bullet { return l } else { return nil }
                    }.first
                }
                let slot = block.lines.firstIndex { firstText($0) != nil } ?? 0
                if let first = firstText(block.lines[slot]) {
                    label.origin.y = first.origin.y
                    label.block = first.block
                }
                let at = block.lines[slot].items.firstIndex { if case .line = $0 { return true } else { return false } }
                block.lines[slot].items.insert(.line(label), at: at ?? block.lines[slot].items.count)
                items[i] = .block(block)
                return
            case .box(var box):
                box.items.insert(.line(label), at: 0)
                items[i] = .box(box)
                return
            case .space, .newPage, .sink:
                continue
            }
        }
        items.append(.block(FlowBlock(lines: [FlowLine(items: [.line(label)], height: height)], splittable: false,
                                      orphans: 1, widows: 1, keepWithNext: 0, source: marker.source)))
    }

    /// A sidebar quote: its blocks collected in the quote's measure, then turned into one block
    /// of line slots, each carrying its slice of the panel and the rule, so that a quote taller
    /// than a page can still be split between lines (and reported) instead of running off it.
    /// Kept whole otherwise.
    mutating func quoteBlock(_ inner: [Block], in measure: Measure, source: SourceLocation,
                             type: String = "BlockQuote", label: (spans: [TextSpan], style: TextStyle)? = nil) -> FlowBlock {
        let q = quoteStyle
        let ruleSpace = q.rule != nil ? q.ruleWidth : .zero
        let innerMeasure = measure.inset(left: ruleSpace + q.padding, right: q.padding)
        let saved = items, savedContext = context
        items = []
        context = context + [node(type)]
        if let label {
            items.append(.block(makeLines(label.spans, style: label.style, in: innerMeasure, role: .quote, source: source,
                                          structure: context + [node("P")])))
            items.append(.space(label.style.spaceAfter, collapsible: true))
        }
        for block in inner { add(block, in: innerMeasure, style: q.text, role: .quote) }
        var collected = items[...]
        items = saved
        context = savedContext
        // Spaces at the start and the end give way to the padding.
        while case .space = collected.first { collected = collected.dropFirst() }
        while case .space = collected.last { collected = collected.dropLast() }
        var lines: [FlowLine] = [FlowLine(items: [], height: q.padding)]
        for item in collected {
            switch item {
            case .space(let height, _): lines.append(FlowLine(items: [], height: height))
            case .block(let block): lines.append(contentsOf: block.lines)
            case .box(let box): lines.append(FlowLine(items: box.items, height: box.height))
            case .newPage, .sink: break
            }
        }
        lines.append(FlowLine(items: [], height: q.padding))
        for index in lines.indices {
            var decoration: [PageItem] = []
            let height = lines[index].height
            if let panel = q.panel {
                decoration.append(.box(BoxItem(rect: Rect(x: measure.x, y: .zero, width: measure.width, height: height),
                                               color: panel, role: .artifact, source: source)))
            }
            if let rule = q.rule {
                decoration.append(.box(BoxItem(rect: Rect(x: measure.x, y: .zero, width: q.ruleWidth, height: height),
                                               color: rule, role: .artifact, source: source)))
            }
            lines[index].items = decoration + lines[index].items
        }
        var block = FlowBlock(lines: lines, splittable: false, orphans: layout.pagination.orphans,
                              widows: layout.pagination.widows, keepWithNext: 0, source: source)
        // A quote at the top level floats; one inside a list or another quote stays in place.
        block.float = savedContext.isEmpty
        return block
    }
}

import KaternDocument
import KaternStyle
import KaternText

/// Collect, for tables: column widths from the cells' content, each cell shaped (and hyphenated)
/// to its column, one line slot per row. A table that fits a page is never split; a longer one
/// splits between rows only and repeats its header row on the next page. A table whose columns
/// cannot fit the measure is an error at its line, never an overfull page.
extension Collector {
    mutating func addTable(_ table: Table, in measure: Measure, source: SourceLocation) {
        let style = layout.content.table
        let columns = table.alignments.count
        let pad = style.cellPadding
        let room = measure.width - pad * Double(2 * columns)
        func cellStyle(_ column: Int, header: Bool) -> TextStyle {
            var s = header ? style.header : style.text
            s.align = switch table.alignments[column] { case .left: .left; case .center: .center; case .right: .right }
            s.firstLineIndent = .zero
            return s
        }
        // Each column's natural width (its widest cell on one line) and least width (its widest
        // word: a cell never has to break inside a word, though it may hyphenate one to set
        // its lines more evenly).
        var natural = [Length](repeating: .zero, count: columns)
        var least = [Length](repeating: .zero, count: columns)
        let allRows = [table.header] + table.rows
        for (r, row) in allRows.enumerated() {
            for (c, cell) in row.enumerated() where c < columns && !cell.isEmpty {
                let s = cellStyle(c, header: r == 0)
                var loose = s
                loose.align = .left
                let wide = shaper.shape(cell, style: loose, width: .pt(100_000))
                natural[c] = max(natural[c], wide.lines.map(\.width).max() ?? .zero)
                loose.hyphenate = false
                for word in Self.words(cell) {
                    least[c] = max(least[c], shaper.shape(word, style: loose, width: .pt(100_000)).lines.map(\.width).max() ?? .zero)
                }
            }
        }
        let widths: [Length]
        if least.reduce(.zero, +) > room {
            let needed = least.reduce(.zero, +) + pad * Double(2 * columns)
            problems.append(LayoutProblem(location: source, error: "this table is wider than the column: its \(columns) columns need at least \(Int(needed.millimetres.rounded(.up))) mm and the column is \(Int(measure.width.millimetres)) mm; use fewer columns, shorter words in the cells, or a smaller table type in the layout"))
            return  // (set anyway, it would only add errors about text off the page)
        } else {
            widths = Self.columnWidths(natural: natural, least: least, room: room, cap: measure.width * style.maxColumn - pad * 2)
        }
        // Where each column starts.
        var xs: [Length] = []
        var x = measure.x
        for w in widths { xs.append(x); x += w + pad * 2 }

        let tableNode = node("Table")
        let headNode = node("THead"), bodyNode = node("TBody")
        var lines: [FlowLine] = []
        var header: FlowLine?
        for (r, row) in allRows.enumerated() {
            let isHeader = r == 0
            let rowNode = node("TR")
            var rowItems: [PageItem] = []
            var height = Length.zero
            for c in 0..<columns {
                let cell = c < row.count ? row[c] : []
                var cellNode = node(isHeader ? "TH" : "TD")
                if isHeader { cellNode.scope = "Column" }
                let at = isHeader ? source : table.rowLocations[r - 1]
                guard !cell.isEmpty else {
                    // An empty cell is an empty TD all the same: the table's grid stays regular
                    // for a screen reader (a line with no glyphs draws nothing).
                    blockCounter += 1
                    var empty = LineItem(runs: [], lineIndex: 0, origin: Point(x: xs[c] + pad, y: pad + style.text.leading * 0.75), width: .zero,
                                         ascent: .zero, descent: .zero, text: "", hyphenated: false, color: style.text.color, role: .body,
                                         source: at, block: blockCounter)
                    empty.structure = context + [tableNode, isHeader ? headNode : bodyNode, rowNode, cellNode]
                    rowItems.append(.line(empty))
                    continue
                }
                let s = cellStyle(c, header: isHeader)
                let block = makeLines(cell, style: s, in: Measure(x: xs[c] + pad, width: widths[c]), role: .body, source: at,
                                      structure: context + [tableNode, isHeader ? headNode : bodyNode, rowNode, cellNode])
                var y = pad
                for line in block.lines {
                    for item in line.items {
                        guard case .line(var l) = item else { continue }
                        if var fill = l.fill {
                            fill.justified = false
                            l.fill = fill
                            if fill.overfull, !problems.contains(where: { $0.location == at && $0.isError }) {
                                problems.append(LayoutProblem(location: at, error: "a cell of this table row does not fit its column (\(l.text.trimmingCharacters(in: .whitespaces).prefix(40))); the table is wider than the column: use shorter words or fewer columns"))
                            }
                        }
                        l.origin.y += y
                        rowItems.append(.line(l))
                    }
                    y += line.height
                }
                height = max(height, y + pad)
            }
            height = max(height, s0(style) + pad * 2)
            // Fills first (under the text), then rules.
            let width = measure.width
            var decoration: [PageItem] = []
            func box(_ y: Length, _ h: Length, _ color: Color) {
                decoration.append(.box(BoxItem(rect: Rect(x: measure.x, y: y, width: width, height: h), color: color, role: .artifact, source: source)))
            }
            if isHeader, let fill = style.headerFill { box(.zero, height, fill) }
            if !isHeader, r % 2 == 0, let stripe = style.stripe { box(.zero, height, stripe) }
            if let rule = style.rule {
                if isHeader { box(.zero, style.ruleWidth, rule); box(height - style.ruleWidth * 0.5, style.ruleWidth * 0.5, rule) }
                if r == allRows.count - 1 { box(height - style.ruleWidth, style.ruleWidth, rule) }
            }
            if !isHeader, r < allRows.count - 1, let hairline = style.rowRule { box(height - .pt(0.3), .pt(0.3), hairline) }
            if height > layout.page.columnHeight {
                let at = isHeader ? source : table.rowLocations[r - 1]
                problems.append(LayoutProblem(location: at, error: "this table row is taller than a page (\(Int(height.millimetres)) mm; a page's column is \(Int(layout.page.columnHeight.millimetres)) mm) and a row is never split: shorten its cells, or set the text as paragraphs"))
                return
            }
            let slot = FlowLine(items: decoration + rowItems, height: height)
            if isHeader {
                // The header again on a continued page: furniture (the structure has it once).
                header = FlowLine(items: slot.items.map { item in
                    guard case .line(var l) = item else { return item }
                    l.structure = []
                    l.role = .artifact
                    l.anchor = nil
                    l.fill = nil
                    return .line(l)
                }, height: height)
            }
            lines.append(slot)
        }
        let total = lines.reduce(Length.zero) { $0 + $1.height }
        // Kept whole when it fits a page; split between rows (never leaving the header alone) when not.
        var block = FlowBlock(lines: lines, splittable: total > layout.page.columnHeight, orphans: min(2, lines.count), widows: 1,
                              keepWithNext: 0, source: source)
        block.header = header
        items.append(.space(style.spaceBefore, collapsible: true))
        items.append(.block(block))
        items.append(.space(style.spaceAfter, collapsible: true))
    }

    /// A cell's words, each with its spans' styles (a word may change style inside: "*500* mg").
    static func words(_ spans: [TextSpan]) -> [[TextSpan]] {
        var words: [[TextSpan]] = [[]]
        for span in spans {
            var piece = span
            piece.text = ""
            for character in span.text {
                if character == " " || character == "\u{2028}" {
                    if !piece.text.isEmpty { words[words.count - 1].append(piece) }
                    piece.text = ""
                    if !words[words.count - 1].isEmpty { words.append([]) }
                } else {
                    piece.text.append(character)
                }
            }
            if !piece.text.isEmpty { words[words.count - 1].append(piece) }
        }
        return words.filter { !$0.isEmpty }
    }

    /// The height of one line of the table's text (an empty row still has it).
    private func s0(_ style: TableStyle) -> Length { style.text.leading }

    /// Column widths that fill `room`: every column gets its natural width when all fit (the
    /// rest shared out in proportion); otherwise each gets its least width and the room left is
    /// shared in proportion to what each would still like, no column over `cap` unless its
    /// least width is more.
    static func columnWidths(natural: [Length], least: [Length], room: Length, cap: Length) -> [Length] {
        let count = natural.count
        var widths = natural.reduce(.zero, +) <= room ? natural : least
        var fixed = [Bool](repeating: false, count: count)
        for _ in 0..<count {
            let left = room - widths.reduce(.zero, +)
            let open = (0..<count).filter { !fixed[$0] }
            guard left.points > 0.01, !open.isEmpty else { break }
            // What each open column would still like (its natural width, or a share of the room).
            var wants = open.map { max(natural[$0] - widths[$0], .zero) }
            if wants.reduce(.zero, +).points < 0.01 { wants = open.map { natural[$0] + .pt(1) } }
            let total = wants.reduce(.zero, +)
            var capped = false
            for (k, c) in open.enumerated() {
                let grown = widths[c] + left * (wants[k].points / total.points)
                if grown > cap && least[c] <= cap {
                    widths[c] = max(cap, widths[c])
                    fixed[c] = true
                    capped = true
                }
            }
            if capped { continue }
            for (k, c) in open.enumerated() { widths[c] = widths[c] + left * (wants[k].points / total.points) }
            break
        }
        // Any room left (every column at its cap): the last column takes it.
        let left = room - widths.reduce(.zero, +)
        if left.points > 0.01, count > 0 { widths[count - 1] = widths[count - 1] + left }
        return widths
    }
}

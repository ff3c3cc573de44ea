import KaternDocument
import KaternStyle
import KaternText

/// Page furniture: the running footer (page number at the outer edge, chapter title beside it),
/// on content pages only. Marked as artifacts: not part of the reading order.
struct FurnitureComposer {
    let layout: Layout
    let shaper: TextShaper

    func decorate(_ page: inout Page) {
        guard page.kind == .content else { return }
        let footer = layout.footer
        let spec = layout.page
        let baseline = spec.height - footer.baseline
        let recto = PageSpec.isRecto(pageNumber: page.number)
        let left = spec.leftMargin(pageNumber: page.number)
        let right = spec.width - (recto ? spec.outer : spec.inner)
        var style = footer.text
        style.align = .left
        style.hyphenate = false
        let numberText = shaper.shape([TextSpan("\(page.number)")], style: style, width: spec.columnWidth)
        let number = numberText.lines[0]
        let gap = Length.mm(3)
        var items: [PageItem] = []
        if let rule = footer.rule {
            items.append(.box(BoxItem(rect: Rect(x: left, y: baseline - footer.text.size * 1.6, width: spec.columnWidth, height: .pt(0.5)),
                                      color: rule, role: .artifact, source: nil)))
        }
        let numberX = recto ? right - number.width : left
        items.append(.line(line(numberText, x: numberX, baseline: baseline, style: style)))
        if footer.showChapter, let chapter = page.chapter, !chapter.isEmpty {
            let title = oneLine(chapter, style: style, width: spec.columnWidth - number.width - gap)
            let first = title.lines[0]
            let x = recto ? numberX - gap - first.width : left + number.width + gap
            items.append(.line(line(title, x: x, baseline: baseline, style: style)))
        }
        page.items.append(contentsOf: items)
    }

    /// A chapter title on one line: whole when it fits, otherwise its longest beginning that
    /// fits, cut between words, with an ellipsis (never cut without a mark).
    private func oneLine(_ text: String, style: TextStyle, width: Length) -> ShapedText {
        // No more of the title than could ever fit on the line is shaped (a title may be long).
        let most = max(8, Int(width.points / max(1, style.size.points * 0.2)))
        let candidate = text.count > most ? String(text.prefix(most)) : text
        let whole = shaper.shape([TextSpan(candidate)], style: style, width: width)
        if whole.lines.count == 1 && candidate == text { return whole }
        // The most words that fit with the ellipsis: found by halving (a few shapes, not one a word).
        let words = candidate.split(separator: " ")
        func cut(_ count: Int) -> ShapedText {
            shaper.shape([TextSpan(words.prefix(count).joined(separator: " ").trimmingCharacters(in: .punctuationCharacters) + "…")], style: style, width: width)
        }
        var low = 1, high = max(1, words.count - (candidate == text ? 1 : 0))
        guard cut(low).lines.count == 1 else { return cut(low) }
        while low < high {
            let mid = (low + high + 1) / 2
            if cut(mid).lines.count == 1 { low = mid } else { high = mid - 1 }
        }
        return cut(low)
    }

    private func line(_ shaped: ShapedText, x: Length, baseline: Length, style: TextStyle) -> LineItem {
        let l = shaped.lines[0]
        return LineItem(runs: l.runs, lineIndex: 0, origin: Point(x: x, y: baseline), width: l.width,
                        ascent: l.ascent, descent: l.descent, text: l.text, hyphenated: false, color: style.color,
                        role: .artifact, source: SourceLocation(file: layout.file), block: 0)
    }
}

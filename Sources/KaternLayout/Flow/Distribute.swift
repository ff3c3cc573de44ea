import KaternDocument
import KaternStyle

/// Distribute: flow items -> pages. One pass, page by page, applying the rules the items carry:
/// a block starts on a page only if its `minimumHead` (and, for a heading, what it keeps with)
/// fits; a split leaves at least `orphans` lines before and `widows` lines after it; boxes and
/// unsplittable blocks move whole to the next page, except floats (sidebar quotes): when one does
/// not fit, the text after it goes on filling the page and the float opens the next page. A block
/// that cannot fit even an empty page is split anyway (and reported), so the distributor always ends.
struct Distributor {
    let page: PageSpec
    let firstPageNumber: Int
    private(set) var pages: [Page] = []
    private(set) var overflows: [SourceLocation] = []

    private var current: Page
    private var cursor: Length
    private var chapter: String?
    /// Floats waiting for the next page, each with the space that follows it.
    private var pending: [(block: FlowBlock, after: Length)] = []
    private var flushing = false

    init(page: PageSpec, firstPageNumber: Int) {
        self.page = page
        self.firstPageNumber = firstPageNumber
        self.current = Page(number: firstPageNumber, kind: .content)
        self.cursor = page.top
    }

    private var limit: Length { page.top + page.columnHeight + .pt(0.01) }
    private var atTop: Bool { current.items.isEmpty }
    private var room: Length { limit - cursor }

    /// Takes the items over and lets each go once placed (its lines live on in the pages), so
    /// that a long booklet does not hold its flow and its pages whole at once.
    mutating func distribute(_ items: consuming [FlowItem]) -> [Page] {
        var index = 0
        var lastSpace = Length.zero  // the space just added, taken back when a float is deferred
        while index < items.count {
            var spaceAdded = Length.zero
            switch items[index] {
            case .space(let height, let collapsible):
                if atTop && collapsible { break }
                if height > room { newPage() } else { cursor += height; spaceAdded = height }
            case .newPage(let title, let rightHand):
                flushPending()
                if !atTop { newPage() }
                if rightHand && !PageSpec.isRecto(pageNumber: current.number) {
                    current.kind = .blank
                    newPage(force: true)
                }
                chapter = title
                current.chapter = title
            case .sink(let share):
                let rest = Self.naturalHeight(items[(index + 1)...])
                if rest < room { cursor += (room - .pt(0.01) - rest) * share }
            case .box(let box):
                if box.height > room && !atTop { newPage() }
                if box.height > room { overflows.append(box.source) }
                place(box.items, height: box.height)
            case .block(let block):
                // (Floats keep their order: one after a waiting float waits too, even a tall one.)
                if block.float && !atTop && (!pending.isEmpty || (block.height > room && block.height <= page.columnHeight)) {
                    // Defer the float with the space around it; the text goes on here.
                    cursor -= lastSpace
                    var after = Length.zero
                    if index + 1 < items.count, case .space(let h, _) = items[index + 1] { after = h; index += 1 }
                    pending.append((block, after))
                    break
                }
                // A new page may open with waiting floats: then check the room again (the block
                // moves on once more, rather than leave a heading under the floats alone).
                while need(items, at: index) > room && !atTop { newPage() }
                place(block)
            }
            lastSpace = spaceAdded
            if case .block = items[index] { items[index] = .space(.zero, collapsible: true) }
            else if case .box = items[index] { items[index] = .space(.zero, collapsible: true) }
            index += 1
        }
        flushPending()
        if !current.items.isEmpty { pages.append(current) }
        return pages
    }

    /// Places the floats still waiting: at the top of the next page (they did not fit on this one).
    private mutating func flushPending() {
        guard !pending.isEmpty else { return }
        if atTop { placePending() } else { newPage() }
    }

    /// The waiting floats, at the top of a fresh page, each followed by its space.
    private mutating func placePending() {
        guard !flushing else { return }
        flushing = true
        defer { flushing = false }
        while !pending.isEmpty {
            let (block, after) = pending[0]
            if block.height > room && !atTop {
                newPage()
                continue
            }
            pending.removeFirst()
            place(block)
            if after <= room { cursor += after }
        }
    }

    /// The room that must remain for item `index` to start on this page: its minimum head, and
    /// for a block that keeps with the next one, the spaces and the next block's need as well.
    func need(_ items: [FlowItem], at index: Int) -> Length {
        guard case .block(var block) = items[index] else {
            if case .box(let box) = items[index] { return box.height }
            return .zero
        }
        if block.height > page.columnHeight { block.splittable = true }  // it will split anyway
        var total = block.lines.prefix(block.minimumHead).reduce(Length.zero) { $0 + $1.height }
        guard block.keepWithNext > 0 else { return total }
        total = block.height
        var lines = block.keepWithNext
        var took = false
        var next = index + 1
        while next < items.count && lines > 0 {
            switch items[next] {
            case .space(let h, _):
                total += h
            case .block(let following) where following.float && Self.textFollows(items, after: next):
                // A float that fits after the heading is placed there, and the text after it must
                // fit too; one that does not fit moves on, and the text keeps with the heading.
                if total + following.height <= room { total += following.height; took = true }
            case .block(var following):
                // A heading right after a heading keeps with it and with what it needs; the next
                // section's heading after some text ends what this heading needs (a section of
                // one line is all it has).
                if following.keepWithNext > 0 { return took ? total : total + need(items, at: next) }
                took = true
                if following.height > page.columnHeight { following.splittable = true }
                var take = following.splittable ? max(following.minimumHead, min(lines, following.lines.count)) : following.lines.count
                // The page may not end on a hyphen: then one more line must come along (when the
                // widows rule leaves one), or placing would move the block away from the heading.
                while following.splittable && take > 0 && take < following.lines.count && following.lines[take - 1].endsWithHyphen
                        && following.lines.count - (take + 1) >= following.widows {
                    take += 1
                }
                if take > 0 && take < following.lines.count && following.lines[take - 1].endsWithHyphen {
                    take = following.lines.count  // no split can avoid it: the whole block keeps with the heading
                }
                total += following.lines.prefix(take).reduce(Length.zero) { $0 + $1.height }
                lines -= take
            case .box(let box):
                total += box.height
                lines = 0
            case .newPage, .sink:
                return total
            }
            next += 1
        }
        return total
    }

    /// Whether a block that is not a float comes after item `index` before the next page break.
    static func textFollows(_ items: [FlowItem], after index: Int) -> Bool {
        for item in items[(index + 1)...] {
            switch item {
            case .block(let block) where !block.float: return true
            case .newPage: return false
            default: continue
            }
        }
        return false
    }

    private mutating func place(_ block: FlowBlock) {
        var block = block
        // A block taller than the column cannot be kept whole: it splits like a paragraph,
        // starting where it comes (and is reported once).
        if !block.splittable && block.height > page.columnHeight {
            block.splittable = true
            overflows.append(block.source)
        }
        var remaining = block.lines[...]
        while !remaining.isEmpty {
            let fit = fitting(remaining)
            if fit >= remaining.count {
                placeLines(remaining)
                return
            }
            var take = fit
            if block.splittable {
                if remaining.count - take < block.widows { take = remaining.count - block.widows }
                // No hyphen at the foot of a page: end the page a line earlier when the rules
                // allow, or, when only the fewest lines would stay, start the block on the next page.
                let lines = Array(remaining)
                while take > block.orphans, take <= lines.count, lines[take - 1].endsWithHyphen { take -= 1 }
                if take >= block.orphans, take > 0, take <= lines.count, lines[take - 1].endsWithHyphen, !atTop {
                    take = 0  // only the fewest lines would stay, the last with a hyphen: start on the next page
                }
                if take < block.orphans { take = 0 }
            } else {
                take = 0
            }
            if take == 0 {
                if atTop {
                    // Taller than a whole page: split where it must, and say so.
                    if !overflows.contains(block.source) { overflows.append(block.source) }
                    take = max(1, fit)
                } else {
                    newPage()
                    continue
                }
            }
            placeLines(remaining.prefix(take))
            remaining = remaining.dropFirst(take)
            newPage()
            // A table goes on under its header row, repeated.
            if let header = block.header, !remaining.isEmpty { place(header.items, height: header.height) }
        }
    }

    private func fitting(_ lines: ArraySlice<FlowLine>) -> Int {
        var y = cursor
        var count = 0
        for line in lines {
            if y + line.height > limit { break }
            y += line.height
            count += 1
        }
        return count
    }

    private mutating func placeLines(_ lines: ArraySlice<FlowLine>) {
        for line in lines {
            place(line.items, height: line.height)
        }
    }

    private mutating func place(_ items: [PageItem], height: Length) {
        let left = page.leftMargin(pageNumber: current.number)
        for item in items { current.items.append(shift(item, by: cursor, dx: left)) }
        cursor += height
    }

    private mutating func newPage(force: Bool = false) {
        pages.append(current)
        current = Page(number: current.number + 1, kind: .content, chapter: chapter)
        cursor = page.top
        placePending()
    }

    static func naturalHeight(_ items: ArraySlice<FlowItem>) -> Length {
        var total = Length.zero
        for item in items {
            switch item {
            case .space(let h, _): total += h
            case .block(let b): total += b.height
            case .box(let b): total += b.height
            case .newPage, .sink: return total
            }
        }
        return total
    }
}

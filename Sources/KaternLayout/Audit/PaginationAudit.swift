import KaternDocument
import KaternStyle

/// Checks a paginated document against the pagination rules, from the page model alone.
/// Used by tests and by the quality report: every finding names its page and source line.
public struct PaginationAudit {
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            case strandedHeading = "stranded heading"
            case orphan
            case widow
            case chapterNotAtPageTop = "chapter not at page top"
            case splitQuote = "split sidebar quote"
            case splitListItem = "split short list item"
            case quotePushed = "sidebar quote pushed away"
        }
        public var kind: Kind
        public var page: Int
        public var source: SourceLocation

        public var description: String { "\(source): page \(page): \(kind.rawValue)" }
    }

    public let orphans: Int
    public let widows: Int
    public let headingKeepLines: Int
    public let keepListItemLines: Int
    /// The text column's top and height: a quote on the page after the text before it counts as
    /// pushed away only when it left a hole (over a quarter of the column) at that page's foot.
    /// Without it, any such quote counts.
    public var column: (top: Length, height: Length)?

    /// An audit under a layout's rules.
    public init(rules: PaginationRules, page: PageSpec? = nil) {
        self.init(orphans: rules.orphans, widows: rules.widows, headingKeepLines: rules.headingKeepLines,
                  keepListItemLines: rules.keepListItemLines)
        if let page { column = (page.top, page.columnHeight) }
    }

    public init(orphans: Int = 2, widows: Int = 2, headingKeepLines: Int = 2, keepListItemLines: Int = 3) {
        self.orphans = orphans
        self.widows = widows
        self.headingKeepLines = headingKeepLines
        self.keepListItemLines = keepListItemLines
    }

    /// What the audit needs of a line: small, so that a long document's lines are not copied
    /// whole (a `LineItem` holds its glyph runs and structure).
    private struct Entry {
        var page: Int
        var chapter: String
        var role: Role
        var block: Int
        var source: SourceLocation
        var quoteID: Int?
        /// The line's list items (their LI elements' ids), outermost first.
        var listItems: [Int]
    }

    public func findings(in document: PagedDocument) -> [Finding] {
        var findings: [Finding] = []
        // The content lines (bullets left out), in reading order, and each block's lines.
        var flow: [Entry] = []
        var blocks: [Int: [Int]] = [:]
        var order: [Int] = []
        var chapterOfPage: [Int: String] = [:]
        for page in document.pages where page.kind == .content {
            let chapter = page.chapter ?? ""
            chapterOfPage[page.number] = chapter
            let first = flow.count
            for case .line(let line) in page.items where line.role != .artifact && line.role != .bullet {
                let listItems = line.structure.contains { $0.type == "LI" } ? line.structure.filter { $0.type == "LI" }.map(\.id) : []
                let entry = Entry(page: page.number, chapter: chapter, role: line.role, block: line.block, source: line.source,
                                  quoteID: line.quoteID, listItems: listItems)
                if blocks[line.block] == nil { order.append(line.block) }
                blocks[line.block, default: []].append(flow.count)
                if case .heading(let level) = line.role, level == 1, flow.count > first,
                   flow[first...].contains(where: { $0.block != line.block }) {
                    findings.append(Finding(kind: .chapterNotAtPageTop, page: page.number, source: line.source))
                }
                flow.append(entry)
            }
        }
        // A heading must keep with it as many lines of what follows as the rule asks, or all
        // there are before the next heading or the chapter's end, on its own page.
        for (index, entry) in flow.enumerated() {
            guard case .heading = entry.role, index + 1 == flow.count || flow[index + 1].block != entry.block else { continue }
            var available = 0, onPage = 0
            var next = index + 1
            while next < flow.count, flow[next].chapter == entry.chapter {
                if case .heading = flow[next].role { break }
                available += 1
                if flow[next].page == entry.page { onPage += 1 }
                next += 1
            }
            // A heading right before another heading stays on that heading's page.
            let headingNext = available == 0 && next < flow.count && flow[next].chapter == entry.chapter
            if onPage < min(headingKeepLines, available) || (headingNext && flow[next].page != entry.page) {
                findings.append(Finding(kind: .strandedHeading, page: entry.page, source: entry.source))
            }
        }
        // List items of few lines, by their LI elements (an item may hold several paragraphs).
        var itemPages: [Int: [Int]] = [:]
        var itemFirst: [Int: SourceLocation] = [:]
        for entry in flow where entry.quoteID == nil {
            for id in entry.listItems {
                itemPages[id, default: []].append(entry.page)
                if itemFirst[id] == nil { itemFirst[id] = entry.source }
            }
        }
        for (id, pages) in itemPages.sorted(by: { $0.key < $1.key }) where pages.count <= keepListItemLines && Set(pages).count > 1 {
            findings.append(Finding(kind: .splitListItem, page: pages[0], source: itemFirst[id]!))
        }
        // Sidebar quotes, by their outermost BlockQuote element: split when on two pages, pushed
        // away when on the page after the end of the block before them (in the same chapter).
        var quotePages: [Int: [Int]] = [:]
        var quoteFirst: [Int: SourceLocation] = [:]
        var quoteOrder: [Int] = []
        var previousOutside: Int?
        for entry in flow {
            guard let quote = entry.quoteID else { previousOutside = entry.page; continue }
            if quotePages[quote] == nil {
                quoteOrder.append(quote)
                quoteFirst[quote] = entry.source
                if let before = previousOutside, entry.page == before + 1,
                   chapterOfPage[entry.page] == chapterOfPage[before], leftHole(before, document) {
                    findings.append(Finding(kind: .quotePushed, page: entry.page, source: entry.source))
                }
            }
            quotePages[quote, default: []].append(entry.page)
        }
        for quote in quoteOrder {
            guard let pages = quotePages[quote], Set(pages).count > 1, let first = quoteFirst[quote] else { continue }
            findings.append(Finding(kind: .splitQuote, page: pages[0], source: first))
        }
        for id in order {
            guard let lines = blocks[id], let firstIndex = lines.first else { continue }
            let first = flow[firstIndex]
            let pages = lines.map { flow[$0].page }
            guard Set(pages).count > 1 else { continue }
            if first.quoteID != nil { continue }
            switch first.role {
            case .body, .listItem, .colophon:
                var runs: [(page: Int, count: Int)] = []
                for page in pages {
                    if runs.last?.page == page { runs[runs.count - 1].count += 1 } else { runs.append((page, 1)) }
                }
                if let head = runs.first, head.count < orphans {
                    findings.append(Finding(kind: .orphan, page: head.page, source: first.source))
                }
                if let tail = runs.last, tail.count < widows {
                    findings.append(Finding(kind: .widow, page: tail.page, source: first.source))
                }
            default:
                break
            }
        }
        return findings
    }

    /// Whether the content of page `number` ends over a quarter of the column short of its foot.
    private func leftHole(_ number: Int, _ document: PagedDocument) -> Bool {
        guard let column else { return true }
        guard let page = document.pages.first(where: { $0.number == number }) else { return false }
        var bottom = column.top
        for item in page.items {
            switch item {
            case .line(let line) where line.role != .artifact: bottom = max(bottom, line.origin.y + line.descent)
            case .image(let image) where !image.structure.isEmpty: bottom = max(bottom, image.rect.maxY)
            default: break
            }
        }
        return column.top + column.height - bottom > column.height * 0.25
    }

    private func lastOnDocument(_ page: Page, _ document: PagedDocument) -> Bool {
        page.number == document.pages.last?.number
    }
}

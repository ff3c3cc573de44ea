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

    /// An audit under a layout's rules.
    public init(rules: PaginationRules) {
        self.init(orphans: rules.orphans, widows: rules.widows, headingKeepLines: rules.headingKeepLines,
                  keepListItemLines: rules.keepListItemLines)
    }

    public init(orphans: Int = 2, widows: Int = 2, headingKeepLines: Int = 2, keepListItemLines: Int = 3) {
        self.orphans = orphans
        self.widows = widows
        self.headingKeepLines = headingKeepLines
        self.keepListItemLines = keepListItemLines
    }

    public func findings(in document: PagedDocument) -> [Finding] {
        var findings: [Finding] = []
        // Lines of each block: (page, line), in reading order.
        var blocks: [Int: [(page: Int, line: LineItem)]] = [:]
        var order: [Int] = []
        var chapterOfPage: [Int: String] = [:]
        for page in document.pages where page.kind == .content {
            chapterOfPage[page.number] = page.chapter ?? ""
            let content = page.contentLines.filter { $0.role != .bullet }
            for (index, line) in content.enumerated() {
                if blocks[line.block] == nil { order.append(line.block) }
                blocks[line.block, default: []].append((page.number, line))
                if case .heading(let level) = line.role {
                    if level == 1 && index == 0 { continue }
                    if level == 1 && content[..<index].contains(where: { $0.block != line.block }) {
                        findings.append(Finding(kind: .chapterNotAtPageTop, page: page.number, source: line.source))
                    }
                    let isLastLine = index + 1 == content.count || content[index + 1].block != line.block
                    if isLastLine {
                        let following = content[(index + 1)...].prefix { if case .heading = $0.role { return false } else { return true } }
                        let nextIsHeading = content.count > index + 1 && following.isEmpty
                        if !nextIsHeading && following.count < headingKeepLines && !lastOnDocument(page, document) {
                            findings.append(Finding(kind: .strandedHeading, page: page.number, source: line.source))
                        }
                    }
                }
            }
        }
        // A sidebar quote on a later page than the end of the block before it was pushed away.
        for (index, id) in order.enumerated() where index > 0 {
            guard let quote = blocks[id]?.first, quote.line.role == .quote,
                  let before = blocks[order[index - 1]]?.last, before.line.role != .quote else { continue }
            if quote.page == before.page + 1 && chapterOfPage[quote.page] == chapterOfPage[before.page] {
                findings.append(Finding(kind: .quotePushed, page: quote.page, source: quote.line.source))
            }
        }
        for id in order {
            guard let lines = blocks[id], let first = lines.first else { continue }
            let pages = lines.map(\.page)
            guard Set(pages).count > 1 else { continue }
            switch first.line.role {
            case .quote:
                findings.append(Finding(kind: .splitQuote, page: pages[0], source: first.line.source))
            case .listItem where lines.count <= keepListItemLines:
                findings.append(Finding(kind: .splitListItem, page: pages[0], source: first.line.source))
            case .body, .listItem, .colophon:
                var runs: [(page: Int, count: Int)] = []
                for page in pages {
                    if runs.last?.page == page { runs[runs.count - 1].count += 1 } else { runs.append((page, 1)) }
                }
                if let head = runs.first, head.count < orphans {
                    findings.append(Finding(kind: .orphan, page: head.page, source: first.line.source))
                }
                if let tail = runs.last, tail.count < widows {
                    findings.append(Finding(kind: .widow, page: tail.page, source: first.line.source))
                }
            default:
                break
            }
        }
        return findings
    }

    private func lastOnDocument(_ page: Page, _ document: PagedDocument) -> Bool {
        page.number == document.pages.last?.number
    }
}

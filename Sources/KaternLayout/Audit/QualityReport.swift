import Foundation
import KaternDocument

/// The layout quality report: per page, what a typesetter would flag. Lines that run into the
/// margin (overfull), justified lines with wide word spaces (loose), runs of more than two
/// hyphenated line ends, a hyphen at the foot of a page, and the pagination findings (widows,
/// orphans, stranded headings, sidebar quotes pushed away from their paragraph). Each finding
/// names its page and source file:line. Made from the page model alone.
public struct QualityReport: Sendable, Equatable, Codable {
    public struct Finding: Sendable, Equatable, Codable, CustomStringConvertible {
        public var kind: String
        public var page: Int
        public var file: String
        public var line: Int?
        public var detail: String
        /// Where on the page the finding is (points from the page's top-left corner): the line,
        /// or the lines of the block, it is about; a preview outlines it.
        public var box: Box? = nil

        public var description: String {
            "\(file)\(line.map { ":\($0)" } ?? ""): warning: page \(page): \(kind): \(detail)"
        }
    }

    /// A rectangle on a page, in points from its top-left corner.
    public struct Box: Sendable, Equatable, Codable {
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double

        init(_ line: LineItem) {
            x = line.origin.x.points
            y = line.origin.y.points - line.ascent.points
            width = line.width.points
            height = line.ascent.points + line.descent.points
        }

        /// The smallest box around all of `lines` (nil for none).
        init?(around lines: [LineItem]) {
            guard let first = lines.first else { return nil }
            var box = Box(first)
            for line in lines.dropFirst() {
                let other = Box(line)
                let right = max(box.x + box.width, other.x + other.width), bottom = max(box.y + box.height, other.y + other.height)
                box.x = min(box.x, other.x)
                box.y = min(box.y, other.y)
                box.width = right - box.x
                box.height = bottom - box.y
            }
            self = box
        }
    }

    public struct Summary: Sendable, Equatable, Codable {
        public var pages = 0
        public var lines = 0
        public var justifiedLines = 0
        public var hyphenatedLines = 0
        public var overfull = 0
        public var loose = 0
        public var hyphenRuns = 0
        public var hyphenAtPageEnd = 0
        public var widows = 0
        public var orphans = 0
        public var strandedHeadings = 0
        public var quotesPushed = 0
        public var otherPagination = 0
        /// The widest mean word space of a justified line, in ems.
        public var maxWordSpace = 0.0
    }

    public var findings: [Finding]
    public var summary: Summary

    /// `looseWordSpace`: a justified line is loose when its mean word space exceeds this (in ems).
    public init(document: PagedDocument, audit: PaginationAudit, looseWordSpace: Double = 0.5) {
        var findings: [Finding] = []
        var summary = Summary()
        summary.pages = document.pages.count
        func add(_ kind: String, _ page: Int, _ source: SourceLocation, _ detail: String, _ lines: [LineItem]) {
            findings.append(Finding(kind: kind, page: page, file: source.file, line: source.line, detail: detail, box: Box(around: lines)))
        }
        var run: [LineItem] = []
        var runPages: [Int] = []
        var runPage = 0
        func closeRun() {
            if run.count > 2 {
                summary.hyphenRuns += 1
                add("hyphen run", runPage, run[0].source, "\(run.count) hyphenated lines in a row, from '\(run[0].text)'", zip(run, runPages).filter { $0.1 == runPage }.map(\.0))
            }
            run = []
            runPages = []
        }
        var previousBlock = -1
        for page in document.pages {
            let lines = page.contentLines.filter { $0.fill != nil }
            for line in lines {
                guard let fill = line.fill else { continue }
                summary.lines += 1
                if line.block != previousBlock { closeRun(); previousBlock = line.block }
                if fill.endsWithHyphen {
                    summary.hyphenatedLines += 1
                    if run.isEmpty { runPage = page.number }
                    run.append(line)
                    runPages.append(page.number)
                } else {
                    closeRun()
                }
                if fill.overfull {
                    summary.overfull += 1
                    add("overfull", page.number, line.source, String(format: "%.1f pt too wide: '%@'", fill.width.points - fill.available.points, line.text), [line])
                }
                if fill.justified, let space = fill.wordSpace {
                    summary.justifiedLines += 1
                    summary.maxWordSpace = max(summary.maxWordSpace, space)
                    if space > looseWordSpace {
                        summary.loose += 1
                        add("loose", page.number, line.source, String(format: "word space %.2f em: '%@'", space, line.text), [line])
                    }
                }
            }
            if let last = lines.last, last.fill?.endsWithHyphen == true, page.number != document.pages.last?.number {
                summary.hyphenAtPageEnd += 1
                add("hyphen at page end", page.number, last.source, "'\(last.text)'", [last])
            }
        }
        closeRun()
        let audited = audit.findings(in: document)
        let pageByNumber = audited.isEmpty ? [:] : Dictionary(document.pages.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        for finding in audited {
            switch finding.kind {
            case .widow: summary.widows += 1
            case .orphan: summary.orphans += 1
            case .strandedHeading: summary.strandedHeadings += 1
            case .quotePushed: summary.quotesPushed += 1
            default: summary.otherPagination += 1
            }
            // The block's lines on the finding's page.
            let lines = pageByNumber[finding.page]?.contentLines.filter { $0.source == finding.source } ?? []
            add(finding.kind.rawValue, finding.page, finding.source, "", lines)
        }
        self.findings = findings.sorted { ($0.page, $0.file, $0.line ?? 0) < ($1.page, $1.file, $1.line ?? 0) }
        self.summary = summary
    }

    /// The one-line summary printed at the end of every build.
    public var summaryLine: String {
        let s = summary
        return "quality: \(s.overfull) overfull, \(s.loose) loose (widest word space \(Self.twoDecimals(s.maxWordSpace)) em), "
            + "\(s.hyphenatedLines) hyphenated line ends, \(s.hyphenRuns) hyphen runs over 2, \(s.hyphenAtPageEnd) hyphens at a page end, "
            + "\(s.widows) widows, \(s.orphans) orphans, \(s.strandedHeadings) stranded headings, \(s.quotesPushed) quotes pushed away"
            + (s.otherPagination > 0 ? ", \(s.otherPagination) other pagination findings" : "")
    }

    /// `value` with two decimals, as `%.2f` writes it: rounded to the nearest hundredth of the
    /// exact binary value, a tie to the even one (without Foundation's formatter, whose first use
    /// costs about a millisecond at the end of every build). `x * 100` is itself rounded, so the
    /// hundredths are found with fused multiply-adds, which round once and so keep the sign of
    /// the exact `x * 100 - k`.
    static func twoDecimals(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return String(format: "%.2f", value) }
        let x = abs(value)
        func above(_ k: Double) -> Double { (-k).addingProduct(x, 100) }   // x * 100 - k, its sign exact
        var k = (x * 100).rounded(.down)
        while k > 0 && above(k) < 0 { k -= 1 }
        while above(k + 1) >= 0 { k += 1 }
        let half = above(k + 0.5)
        if half > 0 || (half == 0 && k.truncatingRemainder(dividingBy: 2) != 0) { k += 1 }
        let hundredths = Int(k)
        let fraction = hundredths % 100
        return (value.sign == .minus ? "-" : "") + "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    /// The summary in a few words, for a line per rebuild: "no findings", or how many of each kind.
    public var shortSummary: String {
        guard !findings.isEmpty else { return "quality: no findings" }
        var counts: [String: Int] = [:]
        for finding in findings { counts[finding.kind, default: 0] += 1 }
        let kinds = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value) \($0.key)" }
        return "quality: \(findings.count) finding\(findings.count == 1 ? "" : "s") (\(kinds.joined(separator: ", ")))"
    }

    /// The report as text, a line per finding grouped by page, then the summary.
    public var text: String {
        findings.map(\.description).joined(separator: "\n") + (findings.isEmpty ? "" : "\n") + summaryLine + "\n"
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}

import KaternDocument
import KaternStyle

/// One line slot of a flow block: the items drawn in it (the line, and a bullet on an item's first
/// line), positioned relative to the slot's top-left corner in the column, and the height it takes.
public struct FlowLine: Sendable, Equatable {
    public var items: [PageItem]
    public var height: Length
    /// The line ends with a hyphen: a page should not end after it.
    public var endsWithHyphen = false
}

/// A run of lines that the distributor places, with its pagination rules as data:
/// whether it may split, how many lines must stay together at either side of a split, and how
/// many lines of what follows must share its page (a heading's keep-with-next).
public struct FlowBlock: Sendable, Equatable {
    public var lines: [FlowLine]
    public var splittable: Bool
    public var orphans: Int
    public var widows: Int
    /// Lines of the next block that must stay on the page with this one (0: none).
    public var keepWithNext: Int
    public var source: SourceLocation
    /// The block may float: when it does not fit where it comes, the text after it goes on
    /// filling the page and the block opens the next page (a sidebar quote), rather than leaving
    /// a hole at the foot of this one.
    public var float = false
    /// A table's header row: repeated at the top of each page the block continues on after a
    /// split (as page furniture: the structure tree has the header once).
    public var header: FlowLine? = nil

    public var height: Length { lines.reduce(.zero) { $0 + $1.height } }

    /// The least that must go on a page for the block to start there.
    public var minimumHead: Int {
        splittable && lines.count >= orphans + widows ? orphans : lines.count
    }
}

/// An unbreakable box (a sidebar quote): its items relative to its top-left, and its height.
public struct FlowBox: Sendable, Equatable {
    public var items: [PageItem]
    public var height: Length
    public var source: SourceLocation
}

/// The flow: what the collect step makes of a booklet and the distribute step pours into pages.
public enum FlowItem: Sendable, Equatable {
    case block(FlowBlock)
    case box(FlowBox)
    /// Vertical space; dropped at the top of a page when `collapsible`.
    case space(Length, collapsible: Bool)
    /// Start a new page (a chapter); `chapter` names it for the running footer.
    case newPage(chapter: String?, rightHand: Bool)
    /// Place what follows, up to the next page break, lower on the page: a share of the free
    /// room goes above it (1: at the bottom, like the colophon; 0.4: about the optical centre).
    case sink(share: Double)
}

import KaternDocument
import KaternStyle
import KaternText

/// The flow and pagination stage: booklet + layout -> pages of positioned items.
/// Orchestrates: cover -> collect -> distribute -> furniture.
public struct Paginator {
    public let layout: Layout
    public let shaper: TextShaper

    public init(layout: Layout, shaper: TextShaper) {
        self.layout = layout
        self.shaper = shaper
    }

    public struct Result: Sendable {
        public var document: PagedDocument
        /// Blocks taller than a page, which had to be split against the rules.
        public var overflows: [SourceLocation]
    }

    public func paginate(_ booklet: Booklet) -> Result {
        let cover = CoverComposer(layout: layout, shaper: shaper).compose(booklet.metadata, number: 1)
        var collector = Collector(layout: layout, shaper: shaper)
        let items = collector.collect(booklet)
        var distributor = Distributor(page: layout.page, firstPageNumber: 2)
        var pages = [cover] + distributor.distribute(items)
        let furniture = FurnitureComposer(layout: layout, shaper: shaper)
        for index in pages.indices { furniture.decorate(&pages[index]) }
        return Result(document: PagedDocument(pages: pages, pageWidth: layout.page.width, pageHeight: layout.page.height),
                      overflows: distributor.overflows)
    }
}

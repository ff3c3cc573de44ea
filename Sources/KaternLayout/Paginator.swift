import KaternDocument
import KaternStyle
import KaternText

/// Who the cover names at its foot: the publisher, or an edition's hospital with its logo.
public struct Imprint: Sendable, Equatable {
    public var name: String
    public var department: String?
    public var logo: ImageRef?

    public init(name: String, department: String? = nil, logo: ImageRef? = nil) {
        self.name = name
        self.department = department
        self.logo = logo
    }
}

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

    /// Lays out a booklet; `imprint` is who the cover names at its foot (default: the publisher).
    public func paginate(_ booklet: Booklet, imprint: Imprint? = nil) -> Result {
        let imprint = imprint ?? Imprint(name: booklet.metadata.publisher)
        let cover = CoverComposer(layout: layout, shaper: shaper).compose(booklet.metadata, imprint: imprint, number: 1)
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

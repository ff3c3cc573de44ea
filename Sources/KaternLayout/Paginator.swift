import KaternDocument
import KaternStyle
import KaternText

/// Who the cover names at its foot: the publisher, or an edition's hospital with its logo.
public struct Imprint: Sendable, Equatable {
    public var name: String
    public var department: String?
    public var logo: ImageRef?
    /// The logo's alt text, in the booklet's language ("Logo van Sint Annagasthuis").
    public var logoAlt: String
    /// Where the name comes from (the edition file), when not the booklet's publisher.
    public var location: SourceLocation?

    public init(name: String, department: String? = nil, logo: ImageRef? = nil, logoAlt: String? = nil) {
        self.name = name
        self.department = department
        self.logo = logo
        self.logoAlt = logoAlt ?? name
    }
}

/// The flow and pagination stage: booklet + layout -> pages of positioned items.
/// Orchestrates: collect -> distribute (again while the contents' page numbers change) -> cover ->
/// furniture.
public struct Paginator {
    public let layout: Layout
    public let shaper: TextShaper
    /// The aspect ratio of an image in the content (from the renderer's image reader).
    public let imageAspect: (String) -> Double?
    /// The content's images' pixel widths (for the resolution check) and QR codes' modules.
    public var imagePixels: (String) -> Int? = { _ in nil }
    public var qrCode: (String) -> QRMatrix? = { _ in nil }
    /// The words the pages print that are not in the content (the boxes' labels).
    public var labels: LanguageResources.Labels = LanguageResources.dutch.labels
    /// Called once the first pass has distributed the content, with what the furniture of its
    /// content pages will print (so that another thread can shape it meanwhile; see `Preshape`).
    public var firstPassFurniture: (([Furniture]) -> Void)?

    /// What a content page's running footer prints: its number and its chapter's title.
    public struct Furniture: Sendable, Equatable {
        public var number: Int
        public var chapter: String?

        public init(number: Int, chapter: String?) {
            self.number = number
            self.chapter = chapter
        }
    }

    public init(layout: Layout, shaper: TextShaper, imageAspect: @escaping (String) -> Double? = { _ in nil }) {
        self.layout = layout
        self.shaper = shaper
        self.imageAspect = imageAspect
    }

    public struct Result: Sendable {
        public var document: PagedDocument
        /// Blocks taller than a page, which had to be split against the rules.
        public var overflows: [SourceLocation]
        /// Text that could not be set as asked (characters no font has, missing faces, fallbacks).
        public var problems: [LayoutProblem] = []
    }

    /// Who the cover names: `given`, or else the booklet's publisher.
    static func imprint(_ given: Imprint?, of metadata: BookletMetadata) -> Imprint {
        given ?? Imprint(name: metadata.publisher)
    }

    /// Lays out a booklet; `imprint` is who the cover names at its foot (default: the publisher).
    public func paginate(_ booklet: Booklet, imprint: Imprint? = nil) -> Result {
        let imprint = Self.imprint(imprint, of: booklet.metadata)
        // The table of contents needs the pages of the headings it lists, which depend on how
        // long it is: lay out again until the page numbers settle (twice, as a rule).
        var pageOf: [String: Int] = [:]
        var pages: [Page] = []
        var overflows: [SourceLocation] = []
        var problems: [LayoutProblem] = []
        for pass in 0..<5 {
            pages = []  // (the previous pass's pages go before the next pass makes its own)
            var collector = Collector(layout: layout, shaper: shaper, imageAspect: imageAspect)
            collector.imagePixels = imagePixels
            collector.qrCode = qrCode
            collector.labels = labels
            let items = collector.collect(booklet, pageOf: pageOf)
            problems = collector.problems
            var distributor = Distributor(page: layout.page, firstPageNumber: 2)
            pages = distributor.distribute(consume items)
            overflows = distributor.overflows
            if pass == 0, let firstPassFurniture {
                firstPassFurniture(pages.filter { $0.kind == .content }.map { Furniture(number: $0.number, chapter: $0.chapter) })
            }
            let found = Self.anchors(pages)
            if found == pageOf || layout.contents.position == "none" { break }
            pageOf = found
        }
        // The cover (page 1) does not depend on the flow: made last, so that another thread can
        // shape its text while the content is laid out.
        let (cover, coverProblems) = CoverComposer(layout: layout, shaper: shaper).compose(booklet.metadata, imprint: imprint, number: 1)
        pages.insert(cover, at: 0)
        problems = coverProblems + problems
        // The colophon's pages (one, or more for a long one) stay at the very end.
        let colophonPages = booklet.colophon.isEmpty ? 0 : pages.reversed().prefix {
            !$0.contentLines.isEmpty && $0.contentLines.allSatisfy { $0.role == .colophon }
        }.count
        pages = NotesComposer(layout: layout, shaper: shaper).pad(pages, keepLast: colophonPages)
        let furniture = FurnitureComposer(layout: layout, shaper: shaper)
        for index in pages.indices {
            pages[index].mergeDecorations()
            furniture.decorate(&pages[index])
            pages[index].label = pages[index].kind == .cover ? layout.cover.label : String(pages[index].number)
        }
        let document = PagedDocument(pages: pages, pageWidth: layout.page.width, pageHeight: layout.page.height)
        // Each problem once (a name on the cover and on the contact page is one problem).
        var seen = Set<LayoutProblem>()
        let unique = (problems + document.itemsOffThePage(bleed: layout.page.bleed)).filter { seen.insert($0).inserted }
        return Result(document: document, overflows: overflows, problems: unique)
    }

    /// The page of each heading's destination.
    static func anchors(_ pages: [Page]) -> [String: Int] {
        var result: [String: Int] = [:]
        for page in pages {
            for line in page.lines { if let anchor = line.anchor, result[anchor] == nil { result[anchor] = page.number } }
        }
        return result
    }
}

import KaternDocument
import KaternStyle
import KaternText

extension Paginator {
    /// Shapes chapters' paragraphs ahead of the pagination, on another thread with a shaper of
    /// its own (its own fonts; the shapers share a `ShapingStore`): the pagination then finds
    /// them shaped. Each chapter is collected as the pagination will collect it (the same
    /// styles and widths, so the same requests), and the collected items are let go. Chapters are
    /// taken last first, and `stop` is asked before each: once the pagination has come this far
    /// (or is done), the rest is no use; the contact page and the colophon (`contact`,
    /// `colophon`), which end the booklet, go first. Requests that come out differently are shaped again by
    /// the pagination itself: the pages never depend on what was shaped here.
    public static func preshape(_ chapters: [Chapter], contact: [Block] = [], colophon: [Block] = [], metadata: BookletMetadata,
                                layout: Layout, shaper: TextShaper, labels: LanguageResources.Labels,
                                imageAspect: @escaping (String) -> Double?, qrCode: @escaping (String) -> QRMatrix?, stop: () -> Bool) {
        var alone = layout
        alone.contents.position = "none"
        func collect(_ booklet: Booklet, layout: Layout) {
            var collector = Collector(layout: layout, shaper: shaper, imageAspect: imageAspect)
            collector.qrCode = qrCode
            collector.labels = labels
            _ = collector.collect(booklet)
        }
        // The contact page and the colophon first: they come last in the booklet.
        if !(contact.isEmpty && colophon.isEmpty) && !stop() {
            collect(Booklet(metadata: metadata, opening: [], chapters: [], contact: contact, colophon: colophon), layout: alone)
        }
        alone.contact = .none
        for chapter in chapters.reversed() {
            if stop() { return }
            collect(Booklet(metadata: metadata, opening: [], chapters: [chapter], contact: [], colophon: []), layout: alone)
        }
    }

    /// Shapes the cover's text ahead of the pagination (which makes the cover after the content),
    /// as `paginate` will: the same composer, metadata and imprint; the page is let go.
    public static func preshapeCover(metadata: BookletMetadata, imprint: Imprint?, layout: Layout, shaper: TextShaper) {
        _ = CoverComposer(layout: layout, shaper: shaper).compose(metadata, imprint: Self.imprint(imprint, of: metadata), number: 1)
    }

    /// Shapes the running footers of the content pages the first pass found (`firstPassFurniture`)
    /// ahead of the pagination, which decorates its pages last; `stop` is asked between pages. The
    /// later passes rarely move a page; a footer that comes out differently is shaped by the
    /// pagination itself.
    public static func preshapeFurniture(_ pages: [Furniture], layout: Layout, shaper: TextShaper, stop: () -> Bool) {
        let composer = FurnitureComposer(layout: layout, shaper: shaper)
        for furniture in pages {
            if stop() { return }
            var page = Page(number: furniture.number, kind: .content, chapter: furniture.chapter)
            composer.decorate(&page)
        }
    }
}

import Foundation
import KaternDocument
import KaternLayout
import KaternRender
import KaternStyle
import KaternText

/// The whole pipeline, stage by stage: parse -> load layout -> shape and paginate -> render.
/// Each stage is a call into its module; this type only wires them together.
public struct Pipeline {
    public static let version = "0.1.0"

    public init() {}

    /// Reads and checks the sources: the booklet, the layout, the fonts it names.
    public func load(_ request: BuildRequest) throws -> (Booklet, Layout) {
        let booklet = try BookletLoader(folder: request.booklet).load()
        let layout = try LayoutLoader(file: request.layout).load()
        return (booklet, layout)
    }

    /// Lays the booklet out into pages (no PDF); the page model that tests inspect.
    public func paginate(_ booklet: Booklet, layout: Layout, shaper: TextShaper) -> Paginator.Result {
        Paginator(layout: layout, shaper: shaper).paginate(booklet)
    }

    /// Builds the PDF of a request.
    public func build(_ request: BuildRequest) throws -> BuildReport {
        let start = Date()
        let (booklet, layout) = try load(request)
        let shaper = try makeShaper(fonts: request.fonts, layout: layout, language: booklet.metadata.language,
                                    location: SourceLocation(file: request.booklet + "/" + BookletLoader.indexFile))
        let result = paginate(booklet, layout: layout, shaper: shaper)
        let metadata = PDFMetadata(
            title: booklet.metadata.title, author: booklet.metadata.publisher,
            subject: booklet.metadata.subject ?? [booklet.metadata.kind, booklet.metadata.title].filter { !$0.isEmpty }.joined(separator: ": "),
            keywords: booklet.metadata.keywords, creator: "katern \(Self.version)",
            date: Self.sourceDate(request))
        try CairoPDFRenderer(shaper: shaper).render(result.document, metadata: metadata, to: request.output)
        let warnings = result.overflows.map { "\($0): warning: this block is taller than a page and was split against the pagination rules" }
        return BuildReport(output: request.output, pageCount: result.document.pages.count,
                           seconds: Date().timeIntervalSince(start), warnings: warnings)
    }

    /// A Pango shaper on the fonts in `fonts`, after checking that every font of the layout is there.
    public func makeShaper(fonts folder: String, layout: Layout, language: String, location: SourceLocation) throws -> PangoShaper {
        FontSet.prepare()
        let fonts = try FontSet(folder: folder, language: language)
        try fonts.check(layout.fonts)
        let needsHyphenation = ([layout.body, layout.colophon, layout.quote.text] + layout.headings).contains(where: \.hyphenate)
        let hyphenator = needsHyphenation ? try Hyphenator(language: language, location: location) : nil
        return PangoShaper(fonts: fonts, hyphenator: hyphenator, language: language)
    }

    /// The date written into the PDF: `SOURCE_DATE_EPOCH` when set, otherwise the newest
    /// modification time of the sources, never the clock, so that a rebuild gives the same bytes.
    static func sourceDate(_ request: BuildRequest) -> Date {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(epoch) {
            return Date(timeIntervalSince1970: seconds)
        }
        var newest = Date(timeIntervalSince1970: 0)
        let manager = FileManager.default
        var files = [request.layout]
        if let names = try? manager.contentsOfDirectory(atPath: request.booklet) {
            files += names.map { request.booklet + "/" + $0 }
        }
        for file in files {
            if let date = (try? manager.attributesOfItem(atPath: file))?[.modificationDate] as? Date, date > newest {
                newest = date
            }
        }
        return Date(timeIntervalSince1970: newest.timeIntervalSince1970.rounded(.down))
    }
}

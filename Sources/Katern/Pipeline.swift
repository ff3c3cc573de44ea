import Foundation
import KaternDocument
import KaternLayout
import KaternRender
import KaternStyle
import KaternText

/// What builds of several editions in one worker share: the parsed base booklet, and a shaper
/// per layout (with its font map, and every paragraph it has shaped: text common to the editions
/// is shaped once). One cache per worker thread, never shared between threads; what the workers
/// of a batch share goes through `shared` (thread-safe).
public final class BuildCache {
    public let base: Booklet?
    /// What the workers of a batch share (nil: this worker's builds only).
    let shared: BatchShared?
    private var shapers: [String: PangoShaper] = [:]
    /// The layout fonts each shaper was last checked against.
    private var checkedFonts: [String: [FontSpec]] = [:]
    /// The faces this worker draws with, loaded once for all its builds.
    public let fonts = FontRegistry()
    /// The sources this worker has parsed and typeset, for the next build's unchanged files.
    public let sources = SourceCache()
    /// The pages this worker (and the others of its batch) has written, for the next build's equal pages.
    public let pages: PageCache

    public init(base: Booklet?, shared: BatchShared? = nil) {
        self.base = base
        self.shared = shared
        pages = shared?.pages ?? PageCache()
    }

    /// Reads the sources of `request` and makes its shaper (its fonts and hyphenation), so that
    /// this worker's first build finds them ready; what goes wrong is left for that build to report.
    public func warm(_ request: BuildRequest, preshapingUntil stop: (() -> Bool)? = nil) {
        let pipeline = Pipeline()
        guard let sources = try? pipeline.load(request, base: base, cache: self),
              let shaper = try? shaper(request, booklet: sources.booklet, layout: sources.layout, pipeline: pipeline) else { return }
        // The last sections shaped into the shared store (as a single build's `Preshaping` does)
        // while another worker builds the first target, which then finds them shaped.
        guard let stop, !stop(), let sections = Preshaping.lastSections(of: sources.booklet) else { return }
        Preshaping.shape(sections, of: sources, shaper: shaper, stop: stop)
    }

    /// Layouts read so far, by the file's identity and the edition's colours: the editions of a
    /// batch and the rebuilds of a watching process read an unchanged layout file once.
    private var layouts: [String: Layout] = [:]

    /// The typographer of each language (its patterns compiled once), by what it is made of.
    private var typographers: [[String]: Typographer] = [:]

    func typographer(_ language: LanguageResources) -> Typographer {
        let key = [language.language] + language.months + ["|"] + language.elisions
        if let known = typographers[key] { return known }
        let typographer = Typographer(language: language)
        typographers[key] = typographer
        return typographer
    }

    func layout(file: String, overrides: [String: Color]) throws -> Layout {
        guard let identity = ImagePainter.identity(file) else { return try LayoutLoader(file: file, colorOverrides: overrides).load() }
        let key = identity + overrides.sorted { $0.key < $1.key }.map { "|\($0.key)=\($0.value.red),\($0.value.green),\($0.value.blue)" }.joined()
        if let known = layouts[key] { return known }
        let layout = try LayoutLoader(file: file, colorOverrides: overrides).load()
        if layouts.count >= 64 { layouts.removeAll() }
        layouts[key] = layout
        return layout
    }

    /// Whether any style of the layout hyphenates (the shaper then has a hyphenator).
    static func needsHyphenation(_ layout: Layout) -> Bool {
        ([layout.body, layout.colophon, layout.quote.text] + layout.headings).contains(where: \.hyphenate)
    }

    func shaper(_ request: BuildRequest, booklet: Booklet, layout: Layout, pipeline: Pipeline) throws -> PangoShaper {
        // Everything the shaper is made of: a rebuild after the booklet's own exceptions or the
        // layout's hyphenation changed gets a new one (and the same result as a fresh build).
        let key = [request.fonts, request.hyphenation, booklet.metadata.language, layout.typography.lineBreaking,
                   "\(layout.typography.hyphenLeftMin)/\(layout.typography.hyphenRightMin)", layout.file,
                   "\(Self.needsHyphenation(layout))", booklet.metadata.hyphenation.joined(separator: " ")].joined(separator: "|")
        if let shaper = shapers[key] {
            // The layout's fonts may have changed since (a watching process): checked as a new
            // shaper would, once for each set of fonts (not again for every edition of a batch).
            if checkedFonts[key] != layout.fonts {
                try shaper.fonts.check(layout.fonts)
                checkedFonts[key] = layout.fonts
            }
            return shaper
        }
        let shaper = try pipeline.makeShaper(request, booklet: booklet, layout: layout, store: shared?.store(for: key),
                                             patterns: shared?.patterns(for: booklet.metadata.language))
        shapers[key] = shaper
        checkedFonts[key] = layout.fonts
        return shaper
    }
}

/// Phase times on standard error when KATERN_TIMING is set (for profiling; off by default).
struct PhaseClock {
    private var last = Date()
    private let on = ProcessInfo.processInfo.environment["KATERN_TIMING"] != nil
    mutating func lap(_ name: String) {
        guard on else { return }
        let now = Date()
        FileHandle.standardError.write(Data(String(format: "%@: %.1f ms (peak memory so far %@)\n", name, now.timeIntervalSince(last) * 1000, Self.peakMemory()).utf8))
        last = now
    }

    /// The process's peak resident memory so far (Linux: VmHWM), for the timing lines.
    static func peakMemory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "?" }
        let lines = status.split(separator: "\n")
        func kB(_ field: String) -> Double? {
            lines.first { $0.hasPrefix(field) }.flatMap { Double($0.split(separator: " ").dropFirst().first ?? "") }
        }
        guard let peak = kB("VmHWM:") else { return "?" }
        return String(format: "%.0f MiB, now %.0f MiB", peak / 1024, (kB("VmRSS:") ?? 0) / 1024)
    }
    /// (The line is made only when timing is on.)
    func say(_ line: @autoclosure () -> String) {
        guard on else { return }
        FileHandle.standardError.write(Data((line() + "\n").utf8))
    }
    func note(_ name: String, _ seconds: TimeInterval) {
        guard on else { return }
        FileHandle.standardError.write(Data(String(format: "  %@: %.1f ms\n", name, seconds * 1000).utf8))
    }
}

/// What the workers of a batch share: the paragraphs shaped, one store per set of fonts and
/// shaping settings (the key a worker's cache files its shaper under).
public final class BatchShared: @unchecked Sendable {
    private let lock = NSLock()
    private var stores: [String: ShapingStore] = [:]
    private var loadedPatterns: [String: HyphenationPatterns?] = [:]
    /// The pages the workers have written (a page drawn by one is taken by the others).
    let pages = PageCache()

    public init() {}

    /// The hyphenation patterns of `language`, loaded once for the batch (nil: none).
    func patterns(for language: String) -> HyphenationPatterns? {
        lock.lock()
        defer { lock.unlock() }
        if let known = loadedPatterns[language] { return known }
        let loaded = HyphenationPatterns(language: language)
        loadedPatterns[language] = loaded
        return loaded
    }

    func store(for key: String) -> ShapingStore {
        lock.lock()
        defer { lock.unlock() }
        if let store = stores[key] { return store }
        let store = ShapingStore()
        stores[key] = store
        return store
    }
}

/// The whole pipeline, stage by stage: parse -> resolve the edition -> load the layout (with the
/// edition's colours) -> shape and paginate -> render. Each stage is a call into its module;
/// this type only wires them together.
public struct Pipeline {
    public static let version = "0.2.0"

    public init() {}

    /// Everything a build reads, checked: the booklet resolved for the edition, the layout with
    /// the edition's colours, the edition itself, and the language's resources.
    public struct Sources {
        public var booklet: Booklet
        public var layout: Layout
        public var edition: Edition?
        public var base: Booklet
        public var language: LanguageResources
    }

    /// The base booklet, parsed, with its files held inside the project (or its own folder).
    public func loadBase(_ request: BuildRequest, cache: SourceCache? = nil) throws -> Booklet {
        try BookletLoader(folder: request.booklet, files: ProjectFiles.root(for: request.booklet, project: request.project), cache: cache).load()
    }

    /// Reads and checks the sources: the booklet, the edition, the layout.
    public func load(_ request: BuildRequest, base parsed: Booklet? = nil, cache: BuildCache? = nil) throws -> Sources {
        try load(request, base: parsed, cache: cache, prefetch: nil)
    }

    /// The colours an edition overrides in the layout.
    static func colorOverrides(_ edition: Edition?) -> [String: Color] {
        var overrides: [String: Color] = [:]
        for (name, value) in edition?.colors ?? [:] { overrides[name] = Color.parse(hex: value.hex) }
        return overrides
    }

    func load(_ request: BuildRequest, base parsed: Booklet?, cache: BuildCache?, prefetch: Prefetch?) throws -> Sources {
        let base = try parsed ?? loadBase(request, cache: cache?.sources)
        var edition: Edition?
        if let id = request.edition {
            edition = try EditionLoader(folder: request.editions, projectFolder: request.project).load(id: id)
        }
        let metadata = base.metadata
        let language = try LanguageResources.load(
            language: metadata.language, folder: request.languages,
            at: metadata.languageLocation ?? SourceLocation(file: request.booklet + "/" + BookletLoader.indexFile))
        let resolved = try EditionResolver(booklet: base, edition: edition, language: language).resolve()
        // Links first: an address is found as written, and the typographer leaves link text alone.
        let booklet = cache.map { $0.sources.typeset(resolved, typographer: $0.typographer(language)) }
            ?? Typographer(language: language).apply(Linker().apply(resolved))
        try LinkPolicy.check(booklet)
        let overrides = Self.colorOverrides(edition)
        let layout = try cache?.layout(file: request.layout, overrides: overrides) ?? prefetch?.layout(overrides: overrides)?.get()
            ?? LayoutLoader(file: request.layout, colorOverrides: overrides).load()
        for (name, value) in (edition?.colors ?? [:]).sorted(by: { $0.key < $1.key }) where !layout.colorTokens.contains(name) {
            throw DocumentError.yaml(value.location, "the layout has no colour '\(name)' to override; its colours are \(layout.colorTokens.sorted().joined(separator: ", "))")
        }
        return Sources(booklet: booklet, layout: layout, edition: edition, base: base, language: language)
    }

    /// Reads every image the booklet places, so that a file that is not a readable image is an
    /// error at the Markdown line that places it (at `check` time too), and layout knows each
    /// image's proportions.
    public func probeFigures(_ booklet: Booklet, images: ImagePainter, layout: Layout? = nil) throws -> Figures {
        var figures = Figures()
        let all = booklet.opening + booklet.chapters.flatMap(\.blocks) + booklet.contact + booklet.colophon
        try all.forEachBlock { block in
            switch block.kind {
            case .figure(let path, _, _) where figures.aspects[path] == nil:
                let format = ImageRef.Format.of(path: path)
                // The size the probe read (once; an SVG's in points): the proportions, and a
                // photo's pixels for the resolution check.
                let size = try images.size(path: path, format: format, location: block.location)
                figures.aspects[path] = size.width / size.height
                if format != .svg { figures.pixels[path] = Int(size.width) }
            case .qrCode(let address, _, _) where figures.qrCodes[address] == nil:
                figures.qrCodes[address] = try QREncoder.encode(address, printedSize: layout?.content.qr.size ?? .mm(24), at: block.location)
            default:
                break
            }
        }
        return figures
    }

    /// What layout needs to know of the images and QR codes the content places.
    public struct Figures {
        public var aspects: [String: Double] = [:]
        /// Raster images' widths in pixels (for the resolution check).
        public var pixels: [String: Int] = [:]
        public var qrCodes: [String: QRMatrix] = [:]
        public init() {}
    }

    /// Lays the booklet out into pages (no PDF); the page model that tests inspect.
    public func paginate(_ booklet: Booklet, layout: Layout, shaper: TextShaper, imprint: Imprint? = nil,
                         figures: Figures = Figures(), labels: LanguageResources.Labels = LanguageResources.dutch.labels,
                         firstPassFurniture: (([Paginator.Furniture]) -> Void)? = nil) -> Paginator.Result {
        var paginator = Paginator(layout: layout, shaper: shaper, imageAspect: { figures.aspects[$0] })
        paginator.imagePixels = { figures.pixels[$0] }
        paginator.qrCode = { figures.qrCodes[$0] }
        paginator.labels = labels
        paginator.firstPassFurniture = firstPassFurniture
        return paginator.paginate(booklet, imprint: imprint)
    }

    /// A request laid out and ready to render: the sources, the images, and the pages (their
    /// glyph runs are plain values: the shaper and its shaped paragraphs are let go once the
    /// pages are made, unless a worker's cache keeps them for its next build).
    public struct Prepared {
        public var sources: Sources
        /// The faces the pages' glyph runs are drawn with (no shaper is needed to draw).
        public var fonts: FontRegistry
        public var images: ImagePainter
        /// Pages earlier builds of this worker wrote (nil: every page is written anew).
        public var pages: PageCache?
        public var result: Paginator.Result

        /// Lets the booklet's text go (what a build needs of the sources once its pages are
        /// made is the metadata, the layout and the edition): a long booklet's parsed blocks
        /// are not held while its PDF is written. (A worker's cache keeps its parsed files.)
        mutating func releaseContent() {
            func empty(_ booklet: inout Booklet) {
                booklet.opening = []
                booklet.chapters = []
                booklet.contact = []
                booklet.colophon = []
            }
            empty(&sources.booklet)
            empty(&sources.base)
        }
    }

    /// Starts a single build's warm-up (see `prepare`) before its command line is parsed, for the
    /// booklet that `project` and `booklet` (as given on the command line; nil: the default) name.
    /// `prepare` takes it when the booklet's language is the one it loads.
    public static func warmUpEarly(project: String?, booklet: String?) {
        ShaperWarmup.startEarly(first: Patterns.compile) {
            BookletLoader.peekLanguage(folder: booklet ?? BuildRequest.defaultBooklet(in: project ?? "."))
        }
    }

    public func prepare(_ request: BuildRequest, reusing cache: BuildCache? = nil) throws -> Prepared {
        var clock = PhaseClock()
        // The text patterns (regular expressions), fontconfig's start-up and the hyphenation
        // patterns (of the language index.md names; the shaper checks it is the booklet's) on
        // another thread while the sources are read.
        let peeked = cache == nil ? BookletLoader.peekLanguage(folder: request.booklet) : nil
        let warmup = cache == nil ? ShaperWarmup.take(language: peeked, first: Patterns.compile) : nil
        // The layout and the font sets (this thread's and the preshaping's) on another thread
        // meanwhile too (see `Prefetch`).
        let threads = ProcessInfo.processInfo.environment["KATERN_THREADS"] != "1"
        let prefetch = cache == nil ? Prefetch(request: request, language: peeked, sets: threads ? 2 : 1) : nil
        defer { prefetch?.finish() }
        let sources = try load(request, base: cache?.base, cache: cache, prefetch: prefetch)
        clock.lap("load")
        Trace.mark("sources read")
        // A build of its own shapes the last chapters on another thread meanwhile (see
        // `Preshaping`); the two shapers share a store.
        let store = cache == nil ? ShapingStore() : nil
        let shaper = try cache?.shaper(request, booklet: sources.booklet, layout: sources.layout, pipeline: self)
            ?? makeShaper(request, booklet: sources.booklet, layout: sources.layout, warmup: warmup, store: store,
                          fonts: prefetch?.fontSet(language: sources.booklet.metadata.language, fonts: sources.layout.fonts))
        let images = ImagePainter()
        let imprint = try imprint(for: sources, images: images)
        let language = sources.booklet.metadata.language, fonts = sources.layout.fonts
        let preshaping = store.flatMap { Preshaping(pipeline: self, request: request, sources: sources, imprint: imprint, store: $0,
                                                      patterns: warmup?.language == sources.booklet.metadata.language ? warmup?.patterns() : nil,
                                                      fonts: { prefetch?.fontSet(language: language, fonts: fonts) }) }
        defer { preshaping?.finish() }
        clock.lap("fonts")
        let figures = try probeFigures(sources.booklet, images: images, layout: sources.layout)
        let result = paginate(sources.booklet, layout: sources.layout, shaper: shaper, imprint: imprint, figures: figures, labels: sources.language.labels,
                              firstPassFurniture: preshaping.map { preshaping in { preshaping.expect($0) } })
        let errors = result.problems.filter(\.isError).map { refined($0) }
        if !errors.isEmpty { throw LocatedErrors(errors.map { LayoutError.problem($0) }) }
        clock.lap("layout")
        Trace.mark("pages laid out")
        return Prepared(sources: sources, fonts: cache?.fonts ?? FontRegistry(), images: images, pages: cache?.pages, result: result)
    }

    /// Builds the PDF of a request (the screen PDF, or with `request.print` the print PDF with
    /// bleed, crop marks and the PDF boxes).
    /// With `strict`, any warning or quality finding is an error before anything is written:
    /// the previous PDF stays, and no PDF with findings takes its place.
    public func build(_ request: BuildRequest, reusing cache: BuildCache? = nil, strict: Bool = false) throws -> BuildReport {
        try buildKeeping(request, reusing: cache, strict: strict).report
    }

    /// `build`, returning the pages too (with what draws them; the booklet's text is let go), for
    /// a watching process that shows them.
    public func buildKeeping(_ request: BuildRequest, reusing cache: BuildCache? = nil, strict: Bool = false) throws -> (report: BuildReport, prepared: Prepared) {
        let start = Date()
        try Self.checkOutput(request.output, request: request)
        _ = try Self.sourceDateEpoch()
        var prepared = try prepare(request, reusing: cache)
        if strict {
            let findings = strictFindings(prepared, request: request)
            if !findings.isEmpty { throw LocatedErrors(findings) }
        }
        prepared.releaseContent()
        return (try render(prepared, request: request, started: start), prepared)
    }

    /// What `--strict` fails on, found without drawing: every warning and quality finding.
    public func strictFindings(_ prepared: Prepared, request: BuildRequest) -> [StrictFinding] {
        let layout = prepared.sources.layout
        var found: [StrictFinding] = []
        for warning in warnings(prepared.result) + [Self.sourceDate(request, metadata: prepared.sources.booklet.metadata).1].compactMap({ $0 }) {
            let parts = warning.components(separatedBy: ": warning: ")
            found.append(StrictFinding(location: Self.location(parts[0]), message: (parts.count > 1 ? parts[1] : warning) + " (--strict)"))
        }
        for finding in quality(prepared.result.document, layout: layout).findings {
            found.append(StrictFinding(location: SourceLocation(file: finding.file, line: finding.line),
                                       message: "page \(finding.page): \(finding.kind)\(finding.detail.isEmpty ? "" : ": " + finding.detail) (--strict)"))
        }
        return found
    }

    /// A failed build's error as the lines to print, `file:line: error: message` (several when
    /// the build found several independent ones).
    public static func messages(of error: Error, building output: String) -> [String] {
        switch error {
        case let error as LocatedError: return [error.description]
        case let errors as LocatedErrors: return errors.errors.map(\.description)
        default: return ["\(output): error: \(error)"]
        }
    }

    /// `file:line:column` back into a location.
    static func location(_ text: String) -> SourceLocation {
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var numbers: [Int] = []
        while let last = parts.last, let n = Int(last), numbers.count < 2 { numbers.insert(n, at: 0); parts.removeLast() }
        return SourceLocation(file: parts.joined(separator: ":"), line: numbers.first, column: numbers.count > 1 ? numbers[1] : nil)
    }

    /// Up to how many pages the structure plan and the quality report are made while the
    /// renderer starts (see `render`).
    static let overlappedPages = 64

    /// Draws prepared pages into the request's PDF.
    public func render(_ prepared: Prepared, request: BuildRequest, started start: Date = Date()) throws -> BuildReport {
        let layout = prepared.sources.layout
        let options = PDFRenderer.Options(print: request.print, bleed: layout.page.bleed)
        var clock = PhaseClock()
        try Self.makeFolder(of: request.output, request: request)
        let (date, dateWarning) = Self.sourceDate(request, metadata: prepared.sources.booklet.metadata)
        let document = prepared.result.document
        // A booklet's structure plan and quality report are made on other threads, while the
        // renderer reads the fonts, what every glyph stands for and the images (the second core
        // is idle then; not in a worker of a batch, whose cores are busy). A long document's one
        // after the other, the quality report first: what each builds is let go before the next
        // is made (3,000 pages at once: 161 MiB instead of 127 MiB at the peak).
        let labels = prepared.sources.language.labels
        let quality: QualityReport
        let times: PDFRenderer.Times
        let renderer = PDFRenderer(images: prepared.images, cache: prepared.pages)
        let metadata = metadata(prepared.sources, date: date)
        if document.pages.count <= Self.overlappedPages && prepared.pages == nil {
            nonisolated(unsafe) let pipeline = self
            let structure = Background { StructurePlan(document, labels: labels) }
            let report = Background { pipeline.quality(document, layout: layout) }
            times = try renderer.render(document, plannedBy: { structure.value }, metadata: metadata, to: request.output, options: options)
            quality = report.value
            clock.lap("render")
            clock.say("  with the structure plan and the quality report made meanwhile")
        } else {
            quality = self.quality(document, layout: layout)
            clock.lap("quality")
            let structure = StructurePlan(document, labels: labels)
            clock.lap("structure")
            times = try renderer.render(document, structure: structure, metadata: metadata, to: request.output, options: options)
            clock.lap("render")
        }
        Trace.mark("PDF written")
        clock.note("of which drawing", times.draw)
        clock.note("of which finishing", times.finish)
        clock.say("  pages from the cache: \(times.cachedPages) of \(document.pages.count)")
        clock.say("  Pango font-pattern tasks run on the asking thread so far: \(FontSet.inlinePatternTasks.count)"
                  + (FontSet.inlinePatternTasks.inline ? "" : " (Pango starts threads of its own: another Pango than 1.50, or KATERN_PANGO_THREADS=1)"))
        var notes = warnings(prepared.result) + [dateWarning].compactMap { $0 }
        if let edition = prepared.sources.edition, layout.contact == .none, edition.hasContacts {
            notes.append("\(edition.file): warning: the layout places no contact page (contact: position: none), so this edition's contacts are not printed")
        }
        return BuildReport(output: request.output, pageCount: prepared.result.document.pages.count,
                           seconds: Date().timeIntervalSince(start), warnings: notes,
                           quality: quality)
    }

    /// What a layout still set, but not as asked: blocks split against the rules, fallbacks.
    public func warnings(_ result: Paginator.Result) -> [String] {
        result.overflows.map { "\($0): warning: this block is taller than a page and was split against the pagination rules" }
            + result.problems.filter { !$0.isError }.map { refined($0).description }
    }

    /// The booklet imposed for saddle stitching: two pages a side on landscape sheets.
    public func impose(_ request: BuildRequest) throws -> (pages: Int, sheets: Int) {
        try Self.checkOutput(request.output, request: request)
        let prepared = try prepare(request)
        let document = prepared.result.document
        try Self.makeFolder(of: request.output, request: request)
        let (date, _) = Self.sourceDate(request, metadata: prepared.sources.booklet.metadata)
        try Imposer(fonts: prepared.fonts, images: prepared.images)
            .impose(document, paperThickness: prepared.sources.layout.paperThickness, metadata: metadata(prepared.sources, date: date), to: request.output)
        return (document.pages.count, Imposer.order(pageCount: document.pages.count).count / 2)
    }

    /// PNG previews of chosen pages (all when `pages` is empty), or a contact sheet of all pages.
    public func preview(_ request: BuildRequest, pages: [Int], contactSheet: Bool, resolution: Double, folder: String) throws -> [String] {
        try Self.checkOutput(folder + "/preview.png", request: request)
        let prepared = try prepare(request)
        let document = prepared.result.document
        let name = URL(fileURLWithPath: request.output).deletingPathExtension().lastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let renderer = PreviewRenderer(fonts: prepared.fonts, images: prepared.images)
        if contactSheet {
            let path = folder + "/\(name)-contact.png"
            try renderer.contactSheet(document, resolution: resolution, to: path)
            return [path]
        }
        let numbers = pages.isEmpty ? document.pages.map(\.number) : pages
        for number in numbers where !(1...document.pages.count).contains(number) {
            throw RenderError.cannotWrite(SourceLocation(file: request.booklet), "there is no page \(number); the booklet has \(document.pages.count) pages")
        }
        return try renderer.pages(document, numbers: numbers, resolution: resolution, prefix: folder + "/\(name)")
    }

    /// Lays out a request without rendering, for `katern check --report`.
    public func layOut(_ request: BuildRequest) throws -> (Paginator.Result, Layout) {
        let prepared = try prepare(request)
        return (prepared.result, prepared.sources.layout)
    }

    /// The quality report of laid-out pages under the layout's rules.
    public func quality(_ document: PagedDocument, layout: Layout) -> QualityReport {
        QualityReport(document: document, audit: PaginationAudit(rules: layout.pagination, page: layout.page),
                      looseWordSpace: layout.typography.looseWordSpace)
    }

    /// A problem with one character (no font has it, a fallback sets it) is reported at the
    /// character's own line and column, found in its block's source from the block's line on.
    func refined(_ problem: LayoutProblem) -> LayoutProblem {
        let scalar: Unicode.Scalar
        switch problem.shaping {
        case .missingCharacter(let s)?: scalar = s
        case .fallback(let s, _, _)?: scalar = s
        default: return problem
        }
        guard let start = problem.location.line, let data = FileManager.default.contents(atPath: problem.location.file),
              let text = String(data: data, encoding: .utf8) else { return problem }
        var refined = problem
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().dropFirst(start - 1) {
            if let at = line.unicodeScalars.firstIndex(of: scalar) {
                refined.location.line = index + 1
                refined.location.column = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: at) + 1
                return refined
            }
        }
        return problem
    }

    /// An output may never overwrite a source: a path inside the booklet, the editions, the
    /// fonts, the layouts, the hyphenation or the language folders (or the layout file itself),
    /// or an existing folder, is an error before anything is built.
    public static func checkOutput(_ path: String, request: BuildRequest) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw RenderError.cannotWrite(SourceLocation(file: path), "the output is a folder; name a PDF file (such as \(path)/booklet.pdf)")
        }
        let output = ProjectFiles.realPath(path)
        let project = request.project
        let sources = [request.booklet, request.editions, request.fonts] + ["Booklets", "Layouts", "Hyphenation", "Languages"]
            .map { project == "." ? $0 : (project as NSString).appendingPathComponent($0) }
        for folder in sources where ProjectFiles(root: folder).contains(output) {
            throw RenderError.cannotWrite(SourceLocation(file: path), "the output would be written among the sources (in \(folder)); choose an --output outside it, such as Output/")
        }
        if output == ProjectFiles.realPath(request.layout) {
            throw RenderError.cannotWrite(SourceLocation(file: path), "the output would overwrite the layout file; choose another --output")
        }
    }

    /// Makes sure the folder a PDF goes into exists: the project's `Output/` is made when it is
    /// missing (a fresh clone may lack it); any other missing folder is an error naming it.
    static func makeFolder(of path: String, request: BuildRequest) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw RenderError.cannotWrite(SourceLocation(file: path), "\(folder) is a file, not a folder; choose another --output")
            }
            return
        }
        guard folder == URL(fileURLWithPath: request.outputFolder).standardizedFileURL.path else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "the output folder \(folder) does not exist; create it or choose another --output")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw RenderError.cannotWrite(SourceLocation(file: path), "cannot create the output folder \(folder) (\(error.localizedDescription)); choose another --output")
        }
    }

    /// Who the cover names: the edition's hospital with its logo, or the publisher.
    public func imprint(for sources: Sources, images: ImagePainter) throws -> Imprint {
        guard let edition = sources.edition else { return Imprint(name: sources.booklet.metadata.publisher) }
        let logo = try edition.logo.map { logo in
            try images.probe(path: logo.path, format: logo.format == .png ? .png : logo.format == .jpeg ? .jpeg : .svg, location: logo.location)
        }
        let alt = sources.language.labels.logo.replacingOccurrences(of: "{name}", with: edition.name)
        var imprint = Imprint(name: edition.name, department: edition.department, logo: logo, logoAlt: alt)
        imprint.location = edition.locations["name"] ?? SourceLocation(file: edition.file)
        return imprint
    }

    func metadata(_ sources: Sources, date: Date) -> PDFMetadata {
        let meta = sources.booklet.metadata
        var subject = meta.subject ?? [meta.kind, meta.title].filter { !$0.isEmpty }.joined(separator: ": ")
        var author = meta.publisher
        if let edition = sources.edition {
            author = edition.name
            let name = edition.name + (edition.department.map { ", " + $0 } ?? "")
            subject += " (" + sources.language.labels.edition.replacingOccurrences(of: "{name}", with: name) + ")"
        }
        return PDFMetadata(title: meta.title, author: author, subject: subject, keywords: meta.keywords,
                           creator: "katern \(Self.version)", date: date, language: meta.language)
    }

    /// A Pango shaper on the fonts in `request.fonts` (after checking that every font of the
    /// layout is there), with the language's hyphenation dictionary, Katern's exception list for
    /// the language (`Hyphenation/<lang>.txt`) and the booklet's own exceptions.
    public func makeShaper(_ request: BuildRequest, booklet: Booklet, layout: Layout,
                           warmup: ShaperWarmup? = nil, store: ShapingStore? = nil, patterns: HyphenationPatterns? = nil,
                           fonts given: FontSet? = nil) throws -> PangoShaper {
        let language = booklet.metadata.language
        FontSet.prepare()
        let fonts: FontSet
        if let given {
            fonts = given  // made for this language and checked against these fonts (`Prefetch`)
        } else {
            fonts = try FontSet(folder: request.fonts, language: language)
            try fonts.check(layout.fonts)
        }
        var hyphenator: Hyphenator?
        if BuildCache.needsHyphenation(layout) {
            let h = try Hyphenator(language: language, leftMin: layout.typography.hyphenLeftMin,
                                   rightMin: layout.typography.hyphenRightMin,
                                   location: booklet.metadata.languageLocation ?? SourceLocation(file: request.booklet + "/" + BookletLoader.indexFile),
                                   patterns: patterns ?? (warmup?.language == language ? warmup?.patterns() : nil))
            let base = String(language.split(separator: "-").first ?? "")
            h.addExceptions(file: "\(request.hyphenation)/\(base).txt")
            h.addExceptions(file: "\(request.hyphenation)/\(language).txt")
            h.addExceptions(booklet.metadata.hyphenation)
            hyphenator = h
        }
        return PangoShaper(fonts: fonts, hyphenator: hyphenator, language: language,
                           breaking: LineBreaking(rawValue: layout.typography.lineBreaking) ?? .totalFit, store: store)
    }

    /// The date written into the PDF: `SOURCE_DATE_EPOCH` when set, otherwise the booklet's
    /// `date` from its front matter; never the clock, so that a rebuild gives the same bytes.
    /// Without either, the newest modification time of the sources, with a warning (two fresh
    /// clones differ in it).
    /// `SOURCE_DATE_EPOCH` (reproducible builds' convention): whole seconds since 1970-01-01
    /// UTC, up to the end of the year 9999 (a PDF date has four digits for the year); nil when it
    /// is not set. Anything else is an error, never a date made up.
    public static func sourceDateEpoch() throws -> Int? {
        guard let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), text.utf8.count <= 12,
              let seconds = Int(text), seconds <= 253_402_300_799 else {
            throw RenderError.cannotWrite(SourceLocation(file: "SOURCE_DATE_EPOCH"),
                                          "'\(text.prefix(40))' is not a date: give whole seconds since 1970-01-01 UTC (such as 1714521600), up to the year 9999, or unset it")
        }
        return seconds
    }

    static func sourceDate(_ request: BuildRequest, metadata: BookletMetadata) -> (Date, String?) {
        if let seconds = try? sourceDateEpoch() {
            return (Date(timeIntervalSince1970: TimeInterval(seconds)), nil)
        }
        if let date = metadata.date, let seconds = CivilDate.seconds(of: date) {
            return (Date(timeIntervalSince1970: TimeInterval(seconds)), nil)
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
        let warning = "\(request.booklet)/\(BookletLoader.indexFile): warning: the booklet has no date: the PDF takes its files' newest modification time, which differs between clones; add 'date: YYYY-MM-DD' to the front matter or set SOURCE_DATE_EPOCH"
        return (Date(timeIntervalSince1970: newest.timeIntervalSince1970.rounded(.down)), warning)
    }
}

/// The last chapters of a booklet shaped on another thread while the pagination shapes the first
/// ones (with fonts, a shaper and a hyphenator of its own; Pango is safe to use from two threads
/// with a font map each, see `PangoThreadsTests`): the pagination finds them in the shared store.
/// It takes the cover first (the pagination makes it after the content), then the contact page
/// and the colophon, then the sections (a chapter's blocks from one heading to the next) that
/// hold the last 60 % of the chapters' text, last first, and then, once the pagination's first
/// pass has found the content pages (`expect`), their running footers, which the pagination
/// makes last; it stops once the pagination is done. Its font set comes from `Prefetch`, waited
/// for on its own thread. What it shapes is exactly what the pagination would: a build's pages
/// are the same with it or without it.
final class Preshaping: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stopped = false
    /// Signalled when the first pass's pages are known (`expect`) or the thread is to stop.
    private let furnitureKnown = DispatchSemaphore(value: 0)
    private var furniture: [Paginator.Furniture]?

    /// Nil when there is nothing worth a thread (a tenth of the text or less), or `KATERN_THREADS=1`.
    init?(pipeline: Pipeline, request: BuildRequest, sources: Pipeline.Sources, imprint: Imprint?, store: ShapingStore, patterns: HyphenationPatterns?,
          fonts: @escaping @Sendable () -> FontSet? = { nil }) {
        guard ProcessInfo.processInfo.environment["KATERN_THREADS"] != "1" else { return nil }
        guard let mine = Self.lastSections(of: sources.booklet) else { return nil }
        // (The pipeline and the sources are plain values, read only on the thread.)
        nonisolated(unsafe) let pipeline = pipeline, sources = sources
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            defer { done.signal(); Trace.mark("preshaping: done") }
            guard !isStopped, let shaper = try? pipeline.makeShaper(request, booklet: sources.booklet, layout: sources.layout,
                                                                    store: store, patterns: patterns, fonts: fonts()) else { return }
            // The cover first: the pagination makes it after the content.
            Paginator.preshapeCover(metadata: sources.booklet.metadata, imprint: imprint, layout: sources.layout, shaper: shaper)
            Trace.mark("preshaping: cover")
            Self.shape(mine, of: sources, shaper: shaper, stop: { isStopped })
            Trace.mark("preshaping: last sections")
            // Then the running footers, once the pagination's first pass has found its pages.
            furnitureKnown.wait()
            if let pages = takeFurniture() {
                Paginator.preshapeFurniture(pages, layout: sources.layout, shaper: shaper, stop: { isStopped })
            }
        }
    }

    /// The sections (a chapter's blocks from one heading to the next) that hold the last 60 % of
    /// the chapters' text, or nil when they are not worth a thread (a tenth of the text or less).
    static func lastSections(of booklet: Booklet) -> [Chapter]? {
        var pieces: [(chapter: Chapter, size: Int)] = []
        for chapter in booklet.chapters {
            var start = 0
            for (index, block) in chapter.blocks.enumerated() where index > start {
                if case .heading = block.kind {
                    pieces.append((Chapter(file: chapter.file, blocks: Array(chapter.blocks[start..<index])), 0))
                    start = index
                }
            }
            pieces.append((Chapter(file: chapter.file, blocks: Array(chapter.blocks[start...])), 0))
        }
        for index in pieces.indices { pieces[index].size = pieces[index].chapter.blocks.plainTexts.reduce(0) { $0 + $1.utf8.count } }
        let total = pieces.reduce(0) { $0 + $1.size }
        var taken = 0, first = pieces.count
        while first > 1, (taken + pieces[first - 1].size) * 5 <= total * 3 { first -= 1; taken += pieces[first].size }
        guard first < pieces.count, taken * 10 >= total else { return nil }
        return pieces[first...].map(\.chapter)
    }

    /// Shapes `sections` of the booklet, and its contact page and colophon, as the pagination
    /// will (`Paginator.preshape`), until `stop`.
    static func shape(_ sections: [Chapter], of sources: Pipeline.Sources, shaper: TextShaper, stop: () -> Bool) {
        Paginator.preshape(sections, contact: sources.booklet.contact, colophon: sources.booklet.colophon,
                           metadata: sources.booklet.metadata, layout: sources.layout, shaper: shaper,
                           labels: sources.language.labels, imageAspect: { _ in nil }, qrCode: { _ in nil }, stop: stop)
    }

    /// The content pages of the pagination's first pass, whose footers the thread shapes next.
    func expect(_ pages: [Paginator.Furniture]) {
        lock.lock()
        furniture = pages
        lock.unlock()
        furnitureKnown.signal()
    }

    private func takeFurniture() -> [Paginator.Furniture]? {
        lock.lock()
        defer { lock.unlock() }
        return stopped ? nil : furniture
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// Tells the thread to stop and waits for it (its fonts are let go on it).
    func finish() {
        lock.lock()
        stopped = true
        lock.unlock()
        furnitureKnown.signal()
        done.wait()
    }
}

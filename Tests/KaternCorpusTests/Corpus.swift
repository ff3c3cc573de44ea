import Foundation
import Katern
import KaternDocument
import KaternLayout
import KaternStyle
import KaternTestSupport
import Testing

/// The booklets the properties and golden dumps run on: the seven corpus booklets in
/// `Tests/Corpus/` (each aimed at content the ALL booklet lacks), the edition corpus with its
/// edition, and the ALL booklet with its layouts and sample editions.
struct CorpusCase: Sendable, CustomTestStringConvertible, Hashable {
    var name: String
    var booklet: String
    var edition: String?
    var editions: String?
    var layout: String = "Layouts/a5.yaml"
    /// The Markdown has no template tags, so its words can be compared with the PDF's directly.
    var plainSource = true

    var testDescription: String { name }

    static let root = CLI.projectRoot

    static let all: [CorpusCase] = {
        var cases = ["diacritics", "lists", "quotes", "contacts", "figures", "chapters"].map {
            CorpusCase(name: $0, booklet: "Tests/Corpus/\($0)/booklet")
        }
        // Tables, boxes, checklists, a glossary, captions, JPEG and QR codes (table cells stand
        // side by side on the PDF's lines: the page model's checks cover their words).
        cases.append(CorpusCase(name: "elements", booklet: "Tests/Corpus/elements/booklet", plainSource: false))
        cases.append(CorpusCase(name: "edition", booklet: "Tests/Corpus/edition/booklet", editions: "Tests/Corpus/edition/Editions", plainSource: false))
        cases.append(CorpusCase(name: "edition-ziekenhuis-west", booklet: "Tests/Corpus/edition/booklet", edition: "ziekenhuis-west",
                                editions: "Tests/Corpus/edition/Editions", plainSource: false))
        cases.append(CorpusCase(name: "all", booklet: "Booklets/all", plainSource: false))
        cases.append(CorpusCase(name: "opname", booklet: "Booklets/opname", plainSource: false))
        cases.append(CorpusCase(name: "opname-large-print", booklet: "Booklets/opname", layout: "Layouts/a5-large-print.yaml", plainSource: false))
        cases.append(CorpusCase(name: "all-large-print", booklet: "Booklets/all", layout: "Layouts/a5-large-print.yaml", plainSource: false))
        for edition in ["noordwest", "rivierenland", "sint-anna"] {
            cases.append(CorpusCase(name: "all-\(edition)", booklet: "Booklets/all", edition: edition, plainSource: false))
        }
        return cases
    }()

    func request(output: String) -> BuildRequest {
        BuildRequest(project: Self.root, booklet: Self.root + "/" + booklet, layout: Self.root + "/" + layout,
                     output: output, edition: edition, editions: editions.map { Self.root + "/" + $0 })
    }

    /// The Markdown files of the booklet (and the edition's passages), for the words they hold.
    var sourceFiles: [String] {
        var files: [String] = []
        for folder in [booklet] + (edition != nil ? [editions ?? "Editions"] : []) {
            let base = Self.root + "/" + folder
            guard let enumerator = FileManager.default.enumerator(atPath: base) else { continue }
            for case let file as String in enumerator where file.hasSuffix(".md") { files.append(base + "/" + file) }
        }
        return files.sorted()
    }
}

/// A corpus case laid out and built once per test run (in process), shared by the tests.
struct Built: @unchecked Sendable {
    var document: PagedDocument
    var quality: QualityReport
    var layout: Layout
    var pdf: String
    var booklet: Booklet

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [CorpusCase: Built] = [:]
    static let folder: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("katern-corpus-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static func of(_ corpusCase: CorpusCase) throws -> Built {
        lock.lock()
        defer { lock.unlock() }
        if let built = cache[corpusCase] { return built }
        let pipeline = Pipeline()
        let request = corpusCase.request(output: folder + "/\(corpusCase.name).pdf")
        let prepared = try pipeline.prepare(request)
        _ = try pipeline.render(prepared, request: request)
        let built = Built(document: prepared.result.document,
                          quality: pipeline.quality(prepared.result.document, layout: prepared.sources.layout),
                          layout: prepared.sources.layout, pdf: request.output, booklet: prepared.sources.booklet)
        cache[corpusCase] = built
        return built
    }
}

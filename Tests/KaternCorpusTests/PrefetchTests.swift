import Foundation
import Katern
import KaternDocument
import KaternStyle
import KaternTestSupport
import Testing

/// A build of its own reads the layout and makes its font sets on another thread while the
/// booklet is read (`Prefetch`). What it takes from there is what it would have made itself (the
/// edition's colours, the layout's fonts), and an error is the one a build without that thread
/// reports: the same step, the same order, the same words.
@Suite struct PrefetchTests {
    /// The error lines of `prepare` (prefetching), and those of the same steps without it.
    func errors(_ request: BuildRequest) -> (prefetched: [String], without: [String]) {
        let pipeline = Pipeline()
        func lines(_ body: () throws -> Void) -> [String] {
            do { try body(); return [] } catch { return Pipeline.messages(of: error, building: request.output) }
        }
        let prefetched = lines { _ = try pipeline.prepare(request) }
        let without = lines {
            let sources = try pipeline.load(request)
            _ = try pipeline.makeShaper(request, booklet: sources.booklet, layout: sources.layout)
        }
        return (prefetched, without)
    }

    /// A copy of the project's sources to break.
    func project() throws -> (root: String, request: BuildRequest) {
        let root = try CLI.temporaryFolder()
        for folder in ["Booklets", "Layouts", "Fonts", "Editions", "Hyphenation", "Languages"] {
            try FileManager.default.copyItem(atPath: CLI.projectRoot + "/" + folder, toPath: root + "/" + folder)
        }
        return (root, BuildRequest(project: root, output: root + "/out.pdf"))
    }

    func replace(_ old: String, with new: String, in file: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(old), "\(file) no longer has \(old)")
        try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
    }

    @Test func theEditionsColoursAreTheLayouts() throws {
        for id in ["noordwest", "sint-anna"] {
            let request = BuildRequest(project: CLI.projectRoot, edition: id)
            let prepared = try Pipeline().prepare(request)
            let loaded = try Pipeline().load(request)
            #expect(prepared.sources.layout == loaded.layout)
            #expect(prepared.sources.layout != (try LayoutLoader(file: request.layout).load()))
        }
    }

    @Test func aBrokenBookletComesBeforeABrokenLayout() throws {
        let (root, request) = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try replace("language:", with: "language: [", in: root + "/Booklets/all/index.md")
        try "page: [\n".write(toFile: root + "/Layouts/a5.yaml", atomically: true, encoding: .utf8)
        let (prefetched, without) = errors(request)
        #expect(!prefetched.isEmpty && prefetched == without)
        #expect(prefetched.first?.contains("index.md") == true)
    }

    @Test func aBrokenLayoutIsTheLayoutsError() throws {
        let (root, request) = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try replace("  accent:", with: "  accent: [\n  x:", in: root + "/Layouts/a5.yaml")
        let (prefetched, without) = errors(request)
        #expect(!prefetched.isEmpty && prefetched == without)
        #expect(prefetched.first?.contains("a5.yaml") == true)
    }

    @Test func aMissingFontIsTheCheckOfTheFonts() throws {
        let (root, request) = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.removeItem(atPath: root + "/Fonts/Lato")
        let (prefetched, without) = errors(request)
        #expect(!prefetched.isEmpty && prefetched == without)
        #expect(prefetched.first?.contains("Lato") == true)
    }

    @Test func anEditionsColourTheLayoutLacks() throws {
        let (root, request) = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try replace("  tint:", with: "  tinted:", in: root + "/Editions/noordwest.yaml")
        var edition = request
        edition.edition = "noordwest"
        let (prefetched, without) = errors(edition)
        #expect(!prefetched.isEmpty && prefetched == without)
        #expect(prefetched.first?.contains("noordwest.yaml") == true)
    }
}

import Foundation
import KaternDocument
import KaternLayout
import KaternRender

/// The machinery of `katern watch` and `katern serve`: builds requests again and again in one
/// process, reusing what did not change (parsed and typeset files, the layout, the shaper with
/// its shaped paragraphs, the fonts, written pages: `BuildCache`), and keeps the last good
/// pages of each request, so that a failed rebuild leaves them (and the PDF) as they were.
/// Not thread-safe: one thread builds (the server's readers take `Snapshot`s, plain values).
public final class LiveBuild {
    /// What one request's last build gave.
    public struct Snapshot: Sendable {
        /// Counts the builds of this request (1: the first).
        public var version: Int
        public var request: BuildRequest
        /// The last good pages (nil until a build succeeded: plain values, drawn with any
        /// thread's own `FontRegistry`), their quality report, and that build's report.
        public var document: PagedDocument?
        public var quality: QualityReport?
        public var report: BuildReport?
        /// The errors of the last build, `file:line: error: ...` (empty when it succeeded).
        public var errors: [String]
        public var milliseconds: Int
        public var failed: Bool { !errors.isEmpty }
    }

    public let strict: Bool
    private var cache = BuildCache(base: nil)
    private var snapshots: [BuildRequest: Snapshot] = [:]
    /// The folders of the images the pages placed, for the watcher.
    private var imageFolders: Set<String> = []

    public init(strict: Bool = false) {
        self.strict = strict
    }

    /// Builds `request` (writing its PDF) and returns its snapshot; a failed build keeps the last
    /// good pages and PDF and records the errors.
    @discardableResult
    public func build(_ request: BuildRequest) -> Snapshot {
        let start = Date()
        var snapshot = snapshots[request] ?? Snapshot(version: 0, request: request, errors: [], milliseconds: 0)
        snapshot.version += 1
        do {
            let (report, prepared) = try Pipeline().buildKeeping(request, reusing: cache, strict: strict)
            snapshot.document = prepared.result.document
            snapshot.quality = report.quality
            snapshot.report = report
            snapshot.errors = []
            for page in prepared.result.document.pages {
                for image in page.images { imageFolders.insert((image.image.path as NSString).deletingLastPathComponent) }
            }
        } catch {
            snapshot.errors = Pipeline.messages(of: error, building: request.output)
            // An image that is missing (or broken) is watched for where the Markdown places it.
            imageFolders.formUnion(Self.placedImageFolders(request.booklet))
        }
        snapshot.milliseconds = Int((Date().timeIntervalSince(start) * 1000).rounded())
        snapshots[request] = snapshot
        return snapshot
    }

    /// The folders of the images the booklet's Markdown files place (`![alt](path)`), read from
    /// the text: a build that failed has no pages to tell them.
    static func placedImageFolders(_ booklet: String) -> Set<String> {
        var folders: Set<String> = []
        let pattern = try! NSRegularExpression(pattern: #"!\[[^\]]*\]\(\s*<?([^)\s>]+)"#)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: booklet)) ?? [] where name.hasSuffix(".md") {
            guard let text = try? String(contentsOfFile: (booklet as NSString).appendingPathComponent(name), encoding: .utf8) else { continue }
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 1), in: text), !text[range].contains(":") else { continue }
                let path = (booklet as NSString).appendingPathComponent(String(text[range]))
                folders.insert(((path as NSString).standardizingPath as NSString).deletingLastPathComponent)
            }
        }
        return folders
    }

    /// The last snapshot of `request`, if it was built.
    public func snapshot(_ request: BuildRequest) -> Snapshot? { snapshots[request] }

    /// Everything the builds so far read: the booklet's folder, the layouts' folders, the
    /// editions, the fonts, the hyphenation exceptions, the language resources and the folders of
    /// the images the pages placed.
    public var roots: FileWatcher.Roots { roots(for: Array(snapshots.keys)) }

    /// What builds of `requests` read (as `roots`), known before they are built.
    public func roots(for requests: [BuildRequest]) -> FileWatcher.Roots {
        var roots = FileWatcher.Roots()
        for request in requests {
            roots.folders.formUnion([request.booklet, request.editions, request.fonts, request.hyphenation, request.languages])
            roots.files.insert(request.layout)
        }
        roots.folders.formUnion(imageFolders)
        return roots
    }

    /// The PDFs the builds write (a watcher ignores them).
    public var outputs: Set<String> { Set(snapshots.keys.map(\.output)) }

    /// Tells the builder what changed: a change to the fonts, the hyphenation exceptions or the
    /// language resources makes the next builds start afresh (the shaper and its shaped
    /// paragraphs depend on them); other changes reuse everything the changed files did not touch.
    public func changed(_ paths: [String]) {
        let deep = snapshots.keys.flatMap { [$0.fonts, $0.hyphenation, $0.languages] }.map(FileWatcher.absolute)
        let absolute = paths.map(FileWatcher.absolute)
        if absolute.contains(where: { path in deep.contains { path == $0 || path.hasPrefix($0 + "/") } }) {
            cache = BuildCache(base: nil)
        }
    }

    /// Forgets a request's snapshot (a server drops requests nobody looks at any more).
    public func forget(_ request: BuildRequest) {
        snapshots[request] = nil
    }
}

import Foundation
import Katern
import KaternDocument
import KaternLayout
import KaternRender

/// What `katern serve` shows, kept up to date: for each edition and layout someone looks at, the
/// last good pages (as a watching build keeps them), which pages changed in the last rebuild, the
/// quality findings and the errors. One thread builds (`LiveBuild` is not thread-safe), one
/// watches the files, one draws page images; the server's handlers read plain values.
public final class PreviewSession: @unchecked Sendable {
    /// An edition (nil: the base booklet) in a layout (the name of a file in `Layouts/`).
    public struct Target: Hashable, Sendable {
        public var edition: String?
        public var layout: String
    }

    /// One target's state, as the page shows it.
    public struct View: Sendable {
        public var snapshot: LiveBuild.Snapshot
        /// For each page, the build that last changed it (an image URL names it, so the browser
        /// fetches only the pages that changed).
        public var revisions: [Int]
        public var builtAt: Date
    }

    /// The request with no edition and the default layout; every target is this with its own
    /// edition and layout.
    public let base: BuildRequest
    private let live: LiveBuild
    private let builder = DispatchQueue(label: "katern.preview.build")
    private let drawer = DispatchQueue(label: "katern.preview.draw")
    private let lock = NSLock()
    private var views: [Target: View] = [:]
    private var lastAsked: [Target: Date] = [:]
    private var subscribers: [UUID: AsyncStream<String>.Continuation] = [:]
    private var images: [String: [UInt8]] = [:]
    private var editionIDs: [String] = []
    /// The editions folder's errors (two files for one id...), shown with every target's errors.
    private var editionErrors: [String] = []
    /// Images are drawn by this renderer: a new one after an image file changed (it keeps what it decoded).
    private var renderer = PreviewRenderer(fonts: FontRegistry(), images: ImagePainter())
    /// In-flight page images, by key: identical requests wait for one drawing.
    private var drawing: [String: [CheckedContinuation<[UInt8]?, Never>]] = [:]
    /// Names this process's page revisions, so that a browser's cached images of another run
    /// (revisions start at 1 in every run) are never taken for this run's.
    public let run = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    /// At most this many pages listen for rebuilds at once.
    let maxSubscribers = 64
    /// A target nobody asked for in this long is no longer rebuilt on changes.
    let idle: TimeInterval = 600

    public init(base: BuildRequest, strict: Bool = false) {
        self.base = base
        live = LiveBuild(strict: strict)
        (editionIDs, editionErrors) = Self.scanEditions(base)
    }

    /// The errors every view shows: the editions folder's.
    public var sharedErrors: [String] { lock.withLock { editionErrors } }

    // MARK: What can be shown

    /// The editions' ids (rescanned after every change to the files).
    public var editions: [String] {
        lock.lock()
        defer { lock.unlock() }
        return editionIDs
    }

    /// The layouts: the files in the project's `Layouts/` folder, by name, and the layout the
    /// server was started with.
    public var layouts: [String: String] {
        var found: [String: String] = [:]
        let folder = (base.project as NSString).appendingPathComponent("Layouts")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".yaml") && !name.hasPrefix(".") {
            found[String(name.dropLast(5))] = (folder as NSString).appendingPathComponent(name)
        }
        found[defaultLayout] = base.layout
        return found
    }

    public var defaultLayout: String { URL(fileURLWithPath: base.layout).deletingPathExtension().lastPathComponent }

    /// The target for a page's query (nil values: the defaults); nil when the edition or the
    /// layout does not exist. Only known names are ever turned into paths.
    public func target(edition: String?, layout: String?) -> Target? {
        let edition = edition.flatMap { $0.isEmpty ? nil : $0 }
        if let edition, !editions.contains(edition) { return nil }
        let layout = layout.flatMap { $0.isEmpty ? nil : $0 } ?? defaultLayout
        guard layouts[layout] != nil else { return nil }
        return Target(edition: edition, layout: layout)
    }

    func request(_ target: Target) -> BuildRequest {
        var request = base
        request.edition = target.edition
        request.layout = layouts[target.layout] ?? base.layout
        request.output = (request.outputFolder as NSString).appendingPathComponent(request.outputName())
        return request
    }

    static func scanEditions(_ base: BuildRequest) -> ([String], [String]) {
        let loader = EditionLoader(folder: base.editions, projectFolder: base.project)
        guard loader.folderExists else { return ([], []) }
        do {
            return (try loader.scan().map(\.id), [])
        } catch {
            return ([], Pipeline.messages(of: error, building: base.editions))
        }
    }

    // MARK: Building

    /// The target's view, built first if it never was (on the build thread).
    public func view(_ target: Target) async -> View {
        let known = lock.withLock {
            lastAsked[target] = Date()
            return views[target]
        }
        if let known { return known }
        return await withCheckedContinuation { continuation in
            builder.async {
                continuation.resume(returning: self.lookedUp(target) ?? self.build(target))
            }
        }
    }

    private func lookedUp(_ target: Target) -> View? {
        lock.lock()
        defer { lock.unlock() }
        return views[target]
    }

    /// Builds a target (on the build thread) and records which pages changed.
    /// `changed`: the files changed since the last build (a page that places a changed image is
    /// a changed page, though its page model is the same).
    @discardableResult
    private func build(_ target: Target, changed: Set<String> = []) -> View {
        let snapshot = live.build(request(target))
        lock.lock()
        defer { lock.unlock() }
        let old = views[target]
        var revisions: [Int] = []
        if let pages = snapshot.document?.pages {
            let before = old?.snapshot.document?.pages ?? []
            for (index, page) in pages.enumerated() {
                let same = index < before.count && before[index] == page
                    && !page.images.contains { changed.contains(FileWatcher.absolute($0.image.path)) }
                revisions.append(same ? old?.revisions[index] ?? snapshot.version : snapshot.version)
            }
        } else {
            revisions = old?.revisions ?? []
        }
        let view = View(snapshot: snapshot, revisions: revisions, builtAt: Date())
        views[target] = view
        return view
    }

    /// Watches what the builds read, and on every change rebuilds the targets someone looked
    /// at lately and tells the pages. Runs until the process ends.
    public func watch() {
        Thread.detachNewThread { [self] in
            let watcher = FileWatcher()
            var watched: FileWatcher.Roots?
            while true {
                let (roots, outputs) = builder.sync { (live.roots, live.outputs) }
                if roots != watched {
                    watcher.ignored = outputs
                    watcher.watch(roots)
                    watched = roots
                }
                let changes = watcher.next(timeout: 0.5)
                guard !changes.isEmpty else { continue }
                // A folder deleted and made again is watched anew at the next round.
                watched = nil
                let changed = Set(changes.map(FileWatcher.absolute))
                builder.sync {
                    live.changed(changes)
                    let (ids, errors) = Self.scanEditions(base)
                    lock.lock()
                    editionIDs = ids
                    editionErrors = errors
                    // Decoded images are dropped: a file replaced under the same name is read again.
                    renderer = PreviewRenderer(fonts: FontRegistry(), images: ImagePainter())
                    let now = Date()
                    let active = lastAsked.filter { now.timeIntervalSince($0.value) < idle }.map(\.key)
                    for target in views.keys where !active.contains(target) { views[target] = nil }
                    lock.unlock()
                    for target in active where target.edition == nil || ids.contains(target.edition!) { build(target, changed: changed) }
                }
                publish("build")
            }
        }
    }

    // MARK: Telling the pages

    /// A stream of events for one page (server-sent events): "build" after every rebuild.
    /// nil when `maxSubscribers` pages listen already. Every 15 seconds a "ping" comes too: a
    /// page that went away is noticed when it cannot be written to.
    public func subscribe() -> AsyncStream<String>? {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let full = lock.withLock {
            guard subscribers.count < maxSubscribers else { return true }
            subscribers[id] = continuation
            return false
        }
        if full { return nil }
        continuation.onTermination = { [weak self] _ in self?.unsubscribe(id) }
        return stream
    }

    /// Pings the pages every 15 seconds (for as long as the process runs).
    public func keepAlive() {
        Thread.detachNewThread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 15)
                publish("ping")
            }
        }
    }

    private func unsubscribe(_ id: UUID) {
        lock.lock()
        subscribers[id] = nil
        lock.unlock()
    }

    private func publish(_ event: String) {
        lock.lock()
        let all = Array(subscribers.values)
        lock.unlock()
        for continuation in all { continuation.yield(event) }
    }

    // MARK: Page images

    /// Page `number` of the target's last good pages as PNG at `resolution` pixels per inch
    /// (drawn from the page model: nothing is built); nil when there is no such page.
    public func png(_ target: Target, page number: Int, resolution: Double) async -> [UInt8]? {
        let view = await view(target)
        guard let document = view.snapshot.document, number >= 1, number <= document.pages.count else { return nil }
        let key = "\(target.edition ?? "")|\(target.layout)|\(number)|\(view.revisions[number - 1])|\(resolution)"
        if let known = lock.withLock({ images[key] }) { return known }
        return await withCheckedContinuation { continuation in
            // The first request for an image draws it; the same requests meanwhile wait for it.
            let first = lock.withLock {
                drawing[key, default: []].append(continuation)
                return drawing[key]!.count == 1
            }
            guard first else { return }
            drawer.async { [self] in
                let painter = lock.withLock { renderer }
                let bytes = try? painter.png(document.pages[number - 1], of: document, resolution: resolution)
                let waiting = lock.withLock {
                    if let bytes {
                        if images.count >= 512 { images.removeAll() }
                        images[key] = bytes
                    }
                    return drawing.removeValue(forKey: key) ?? []
                }
                for waiter in waiting { waiter.resume(returning: bytes) }
            }
        }
    }
}

import Foundation
import KaternDocument
import KaternStyle
import KaternText

/// What a build of its own reads and makes on another thread while the main thread reads the
/// booklet (the second core is idle then): the layout, with the edition's colours, and the font
/// sets of the pagination and of the preshaping thread (`Preshaping`), each with the layout's
/// fonts loaded (`FontSet.check`). The main thread takes what it would otherwise make itself,
/// only when it is what it would make: the same colours, the booklet's language, the layout's
/// fonts. Whatever failed here is left for the main thread to do again, so that an error is
/// reported by the step and in the order that a build without prefetching reports it.
/// The font sets are handed out in the order they are made, each as soon as it is made: the
/// pagination's first (the main thread waits for that one only), then the preshaping thread's
/// (which that thread waits for itself).
final class Prefetch: @unchecked Sendable {
    private let layoutReady = DispatchSemaphore(value: 0)
    private var layout: (overrides: [String: Color], layout: Result<Layout, Error>)?
    /// One a set: signalled when it is made, or when it will never be (then its slot is nil).
    private let setReady: [DispatchSemaphore]
    private var fontSets: [FontSet?]
    private var fontsChecked: [FontSpec] = []
    private let language: String?
    private var layoutTaken = false
    private let lock = NSLock()
    private var setsTaken = 0

    /// `language`: the one index.md names (`BookletLoader.peekLanguage`), for the font sets;
    /// `sets`: how many font sets to make (two: one for the preshaping thread).
    init(request: BuildRequest, language: String?, sets: Int) {
        self.language = language
        setReady = (0..<sets).map { _ in DispatchSemaphore(value: 0) }
        fontSets = Array(repeating: nil, count: sets)
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            var overrides: [String: Color]?
            if let id = request.edition {
                let edition = try? EditionLoader(folder: request.editions, projectFolder: request.project).load(id: id)
                overrides = edition.map(Pipeline.colorOverrides)
            } else {
                overrides = [:]
            }
            var loaded: Layout?
            if let overrides {
                let result = Result { try LayoutLoader(file: request.layout, colorOverrides: overrides).load() }
                layout = (overrides, result)
                loaded = try? result.get()
            }
            Trace.mark("prefetch: layout read")
            layoutReady.signal()
            var made = 0
            // (Each slot is written before its semaphore is signalled, and read after it.)
            defer { for index in made..<sets { setReady[index].signal() } }
            guard let language, let loaded else { return }
            lock.lock()
            fontsChecked = loaded.fonts
            lock.unlock()
            var first: FontSet?
            for index in 0..<sets {
                // The second on the first's fontconfig configuration (the folder read once).
                let fresh = first.map { FontSet(sharingConfigurationOf: $0, language: language) } ?? (try? FontSet(folder: request.fonts, language: language))
                guard let set = fresh, (try? set.check(loaded.fonts)) != nil else { return }
                if first == nil { first = set }
                lock.lock()
                fontSets[index] = set
                lock.unlock()
                setReady[index].signal()
                made += 1
                Trace.mark("prefetch: font set \(index + 1) made")
            }
        }
    }

    /// The layout read with `overrides` (or its error), or nil when it was read with other
    /// colours or not at all. Waits for it; once.
    func layout(overrides: [String: Color]) -> Result<Layout, Error>? {
        guard !layoutTaken else { return nil }
        layoutTaken = true
        layoutReady.wait()
        guard let layout, layout.overrides == overrides else { return nil }
        return layout.layout
    }

    /// The next font set, for `language` with `fonts` loaded, or nil (none left, or not such a
    /// set). Waits for that set only; each caller gets a set of its own, from any thread.
    func fontSet(language: String, fonts: [FontSpec]) -> FontSet? {
        lock.lock()
        let index = setsTaken
        setsTaken += 1
        lock.unlock()
        guard index < setReady.count else { return nil }
        setReady[index].wait()
        lock.lock()
        defer { lock.unlock() }
        let set = fontSets[index]
        fontSets[index] = nil
        guard language == self.language, fonts == fontsChecked else { return nil }
        return set
    }

    /// Waits for the thread, and lets the font sets not taken go (on this thread; call it once the
    /// preshaping thread has taken its own).
    func finish() {
        lock.lock()
        let first = setsTaken
        setsTaken = setReady.count
        lock.unlock()
        for index in first..<setReady.count { setReady[index].wait() }
        lock.lock()
        fontSets = fontSets.map { _ in nil }
        lock.unlock()
    }
}

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
final class Prefetch: @unchecked Sendable {
    private let layoutReady = DispatchSemaphore(value: 0)
    private let fontsReady = DispatchSemaphore(value: 0)
    private var layout: (overrides: [String: Color], layout: Result<Layout, Error>)?
    private var fontSets: [FontSet] = []
    private var fontsChecked: [FontSpec] = []
    private let language: String?
    private var layoutTaken = false, fontsTaken = false

    /// `language`: the one index.md names (`BookletLoader.peekLanguage`), for the font sets;
    /// `sets`: how many font sets to make (two: one for the preshaping thread).
    init(request: BuildRequest, language: String?, sets: Int) {
        self.language = language
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
            defer { fontsReady.signal() }
            guard let language, let loaded else { return }
            for _ in 0..<sets {
                guard let set = try? FontSet(folder: request.fonts, language: language), (try? set.check(loaded.fonts)) != nil else { return }
                fontSets.append(set)
            }
            fontsChecked = loaded.fonts
            Trace.mark("prefetch: font sets made")
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

    /// A font set for `language` with `fonts` loaded, or nil. Waits for them; from one thread.
    func fontSet(language: String, fonts: [FontSpec]) -> FontSet? {
        if !fontsTaken { fontsReady.wait(); fontsTaken = true }
        guard language == self.language, fonts == fontsChecked, !fontSets.isEmpty else { return nil }
        return fontSets.removeFirst()
    }

    /// Lets the font sets not taken go (on this thread, after the preshaping took its own).
    func finish() {
        if !fontsTaken { fontsReady.wait(); fontsTaken = true }
        fontSets.removeAll()
    }
}

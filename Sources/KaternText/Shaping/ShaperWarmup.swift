import Foundation

/// What a shaper needs that can start before the sources are read, on another thread while the
/// main thread reads them: fontconfig's start-up (the system configuration, which Pango reads
/// even for a private font set: about 4 ms) and the hyphenation patterns of the booklet's
/// language (about 10 ms for Dutch). fontconfig starts under `FontSet`'s lock, so a font set
/// made meanwhile waits for it; the patterns are handed over by `patterns()`.
public final class ShaperWarmup: @unchecked Sendable {
    /// The language whose patterns load (nil: only fontconfig starts).
    public let language: String?
    private let done = DispatchSemaphore(value: 0)
    private var loaded: HyphenationPatterns?
    private var waited = false

    /// `first` runs on the warm-up thread before fontconfig starts (what the reading of the
    /// sources needs early).
    public init(language: String?, first: (@Sendable () -> Void)? = nil) {
        self.language = language
        DispatchQueue.global(qos: .userInitiated).async {
            first?()
            FontSet.prepare()
            if let language { self.loaded = HyphenationPatterns(language: language) }
            self.done.signal()
        }
    }

    /// The patterns, once loaded (nil: no dictionary for the language). From one thread.
    public func patterns() -> HyphenationPatterns? {
        if !waited { done.wait(); waited = true }
        return loaded
    }
}

import Foundation
import KaternDocument

/// What a shaper needs that can start before the sources are read, on another thread: `first`
/// (the text patterns' regular expressions), fontconfig's start-up (the system configuration,
/// which Pango reads even for a private font set: about 4 ms) and the hyphenation patterns of the
/// booklet's language (about 2 ms for Dutch from `HyphenationCache`, 10 ms parsed). fontconfig
/// starts under `FontSet`'s lock, so a font set made meanwhile waits for it; the patterns are
/// handed over by `patterns()`.
///
/// A command can start one before its command line is parsed (`startEarly`, the second core is
/// idle meanwhile); the build takes it (`take`) when it loads the booklet's language.
public final class ShaperWarmup: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Signalled once the language is known (and again by each reader, a gate left open).
    private let known = DispatchSemaphore(value: 0)
    private var guess: String?
    private var loaded: HyphenationPatterns?
    private var waited = false

    /// The language whose patterns load (nil: only fontconfig starts).
    public var language: String? {
        known.wait()
        defer { known.signal() }
        return guess
    }

    /// `first` runs on the warm-up thread before fontconfig starts (what the reading of the
    /// sources needs early).
    public convenience init(language: String?, first: (@Sendable () -> Void)? = nil) {
        self.init(first: first) { language }
    }

    /// `language` is found on the warm-up thread (reading a file, say); `language` (the property)
    /// waits for it.
    init(first: (@Sendable () -> Void)?, language find: @escaping @Sendable () -> String?) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            guess = find()
            known.signal()
            first?()
            Trace.mark("warm-up: text patterns")
            FontSet.prepare()
            if let guess { loaded = HyphenationPatterns(language: guess) }
            Trace.mark("warm-up: fontconfig, hyphenation patterns")
            done.signal()
        }
    }

    /// The patterns, once loaded (nil: no dictionary for the language). From one thread.
    public func patterns() -> HyphenationPatterns? {
        if !waited { done.wait(); waited = true }
        return loaded
    }

    private static let earlyLock = NSLock()
    nonisolated(unsafe) private static var early: ShaperWarmup?

    /// Starts a warm-up for the language `guess` finds (a booklet's, read ahead of the command
    /// line's parser), for `take` to hand to the build. A wrong guess costs the loading of other
    /// patterns on an idle core, never a result: `take` checks the language.
    public static func startEarly(first: (@Sendable () -> Void)?, guess: @escaping @Sendable () -> String?) {
        let warmup = ShaperWarmup(first: first, language: guess)
        earlyLock.lock()
        early = warmup
        earlyLock.unlock()
    }

    /// The warm-up started early when it loads `language`'s patterns; otherwise a new one for
    /// `language` (what the early one did that holds for any language, fontconfig's start-up and
    /// `first`, is not done twice).
    public static func take(language: String?, first: (@Sendable () -> Void)?) -> ShaperWarmup {
        earlyLock.lock()
        let started = early
        early = nil
        earlyLock.unlock()
        if let started, started.language == language { return started }
        return ShaperWarmup(language: language, first: first)
    }
}

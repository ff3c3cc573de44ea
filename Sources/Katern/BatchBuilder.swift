import Foundation
import KaternDocument
import KaternLayout
import KaternText

/// Builds the base booklet and many editions, `jobs` at a time, in one process: each worker
/// thread keeps its own font map and shaper, and the workers share what they shaped, the pages
/// they wrote and the hyphenation patterns (`BatchShared`), so the text the editions share is
/// shaped once in the batch; the base booklet is parsed once. The first target is built alone
/// (the others read their sources and make their shapers meanwhile), then the rest in
/// parallel. An edition that fails is reported and the others are still built.
public struct BatchBuilder {
    public struct Outcome: Sendable {
        public var edition: String?
        public var output: String
        public var pages: Int?
        public var milliseconds: Int
        public var quality: String?
        /// The quality report's numbers.
        public var summary: QualityReport.Summary?
        /// `file:line: error: message` when the build failed, warnings otherwise.
        public var messages: [String]
        public var failed: Bool
        /// What `--strict` fails on (the same as for a single build).
        public var strictFindings: [String] = []
    }

    public let base: BuildRequest
    public let jobs: Int
    /// Under `--strict`, a build with findings fails (and writes no PDF), as a single build does.
    public let strict: Bool

    public init(base: BuildRequest, jobs: Int, strict: Bool = false) {
        self.base = base
        self.jobs = max(1, jobs)
        self.strict = strict
    }

    /// Builds each target (nil: the base booklet), writing `<folder>/<booklet>[-<id>][-print].pdf`;
    /// `progress` is called as each build finishes, with the number done so far.
    public func build(_ targets: [String?], folder: String, print: Bool, progress: @escaping @Sendable (Int, Outcome) -> Void) -> [Outcome] {
        // Fontconfig starts on another thread while the base booklet is read.
        let fonts = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: fonts) { FontSet.prepareForThreads() }
        let booklet = try? Pipeline().loadBase(base)
        fonts.wait()
        let results = Results(count: targets.count)
        let next = Counter()
        let request = base
        let isStrict = strict
        // The workers share what they shape; the first target is built alone, so that the
        // text the editions have in common is shaped once, and not by every worker at once.
        let shared = BatchShared()
        let first = DispatchSemaphore(value: 0)
        let firstDone = Flag()
        let workers = min(jobs, max(1, targets.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let cache = BuildCache(base: booklet, shared: shared)
            if worker != 0 {
                // While the first target is built: this worker's sources, fonts and hyphenation.
                // (When the first target is the base booklet, its last sections too, into the
                // shared store, until it is built; another first target, in a shard, is not
                // preshaped: its sections may be the edition's own.)
                cache.warm(request, preshapingUntil: targets.first == .some(nil) ? { firstDone.isSet } : nil)
                Trace.mark("batch: worker warmed")
                first.wait()
                first.signal()
            }
            while let index = next.take(below: targets.count) {
                defer { if index == 0 { firstDone.set(); first.signal() } }
                Trace.mark("batch: build \(index) starts")
                let edition = targets[index]
                var r = request
                r.edition = edition
                r.print = print
                r.output = (folder as NSString).appendingPathComponent(r.outputName(print: print))
                let start = Date()
                var outcome = Outcome(edition: edition, output: r.output, pages: nil, milliseconds: 0, quality: nil, messages: [], failed: true)
                do {
                    let report = try Pipeline().build(r, reusing: cache, strict: isStrict)
                    outcome.pages = report.pageCount
                    outcome.quality = report.quality.summaryLine
                    outcome.summary = report.quality.summary
                    outcome.messages = report.warnings
                    outcome.strictFindings = report.strictFindings
                    outcome.failed = false
                } catch {
                    outcome.messages = Pipeline.messages(of: error, building: r.output)
                }
                outcome.milliseconds = Int(Date().timeIntervalSince(start) * 1000)
                progress(results.store(outcome, at: index), outcome)
            }
        }
        return results.all
    }

    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
        func set() { lock.lock(); value = true; lock.unlock() }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func take(below limit: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard value < limit else { return nil }
            value += 1
            return value - 1
        }
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [Outcome?]
        private var finished = 0
        init(count: Int) { outcomes = Array(repeating: nil, count: count) }
        func store(_ outcome: Outcome, at index: Int) -> Int {
            lock.lock()
            defer { lock.unlock() }
            outcomes[index] = outcome
            finished += 1
            return finished
        }
        var all: [Outcome] {
            lock.lock()
            defer { lock.unlock() }
            return outcomes.compactMap { $0 }
        }
    }
}

import ArgumentParser
import Foundation
import Katern

/// `katern bench`: how fast Katern builds. The ALL booklet built again and again in one process
/// (warm), then a batch of generated editions built in parallel, as `--all-editions` does, with
/// the peak memory of a build process.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure build time and batch throughput.")

    @OptionGroup var sources: SourceOptions

    @Option(help: ArgumentHelp("In-process builds of the booklet to time.", valueName: "n"))
    var runs: Int = 10

    @Option(help: ArgumentHelp("Generated editions in the batch.", valueName: "n"))
    var editionCount: Int = 50

    @Option(name: .shortAndLong, help: ArgumentHelp("Parallel builds in the batch (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if runs < 1 { throw ValidationError("--runs must be at least 1") }
        if editionCount < 1 { throw ValidationError("--edition-count must be at least 1") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("katern-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }

        // 1. The booklet, in process.
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let request = sources.request(edition: nil, output: scratch + "/all.pdf")
            let start = Date()
            _ = try runReporting { try Pipeline().build(request) }
            times.append(Date().timeIntervalSince(start) * 1000)
        }
        let sorted = times.sorted()
        say(String(format: "booklet, in process: median %.0f ms, best %.0f ms, first %.0f ms (%d runs)",
                     sorted[sorted.count / 2], sorted[0], times[0], times.count))

        // 2. A batch of generated editions, each in its own process, `jobs` at a time.
        let project = scratch + "/project"
        let folder = project + "/Editions"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let samples = try runReporting { try sources.editionLoader.editionFiles() }
        let sampleFolder = sources.editionLoader.folder
        guard !samples.isEmpty else { throw ValidationError("no sample editions in \(sampleFolder) to generate a batch from") }
        for item in try FileManager.default.contentsOfDirectory(atPath: sampleFolder) where !item.hasSuffix(".yaml") {
            try FileManager.default.copyItem(atPath: sampleFolder + "/" + item, toPath: folder + "/" + item)
        }
        for n in 1...max(1, editionCount) {
            let sample = try String(contentsOfFile: samples[(n - 1) % samples.count], encoding: .utf8)
            var lines = sample.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for i in lines.indices {
                if lines[i].hasPrefix("id:") { lines[i] = String(format: "id: bench-%03d", n) }
                if lines[i].hasPrefix("name:") { lines[i] = String(format: "name: \"Ziekenhuis %03d\"", n) }
            }
            try lines.joined(separator: "\n").write(toFile: String(format: "%@/bench-%03d.yaml", folder, n), atomically: true, encoding: .utf8)
        }
        let out = scratch + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var copy = sources
        copy.editions = folder
        let batchSources = copy
        let cores = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let ids: [String?] = (1...max(1, editionCount)).map { String(format: "bench-%03d", $0) }
        let start = Date()
        let outcomes = BatchBuilder(base: batchSources.request(edition: nil), jobs: cores).build(ids, folder: out, print: false) { _, _ in }
        let seconds = Date().timeIntervalSince(start)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let failed = outcomes.filter(\.failed).count
        for outcome in outcomes where outcome.failed { printError(outcome.messages.joined(separator: "\n")) }
        say(String(format: "%d editions, %d at a time: %.2f s (%.0f ms an edition, %.1f editions/s), peak memory %.0f MiB, %d failed",
                     ids.count, min(cores, ids.count), seconds, seconds * 1000 / Double(ids.count), Double(ids.count) / seconds,
                     Double(usage.ru_maxrss) / 1024, failed))
        if failed > 0 { throw ExitCode(1) }
    }
}

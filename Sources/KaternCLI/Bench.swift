import ArgumentParser
import Foundation
import Katern

/// `katern bench`: how fast Katern builds, the four figures of the performance table, each
/// with the peak memory of the process that did the work:
/// 1. the booklet as a whole `katern build` process (start-up included), and in process;
/// 2. a batch of generated editions (`build --all-editions`, one process, `--jobs` at a time);
/// 3. a rebuild in the same process after one paragraph changed (what watch mode does);
/// 4. a long document (generated paragraphs), and one a tenth as long, to show the growth.
/// Whole processes are this very executable, started with `posix_spawn` and reaped with `wait4`
/// (which gives their peak memory).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Measure build time, batch throughput, rebuilds and long documents.")

    @OptionGroup var sources: SourceOptions

    @Option(help: ArgumentHelp("Builds of the booklet to time (whole process and in process).", valueName: "n"))
    var runs: Int = 10

    @Option(help: ArgumentHelp("Generated editions in the batch.", valueName: "n"))
    var editionCount: Int = 50

    @Option(name: .shortAndLong, help: ArgumentHelp("Parallel builds in the batch (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("Paragraphs of the long document (0: skip it).", valueName: "n"))
    var longParagraphs: Int = 20_000

    func validate() throws {
        if runs < 1 { throw ValidationError("--runs must be at least 1") }
        if editionCount < 1 { throw ValidationError("--edition-count must be at least 1") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if longParagraphs < 0 || longParagraphs > 1_000_000 { throw ValidationError("--long-paragraphs must be between 0 and 1000000") }
    }

    func run() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("katern-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let base = sources.request(edition: nil)
        let common = ["--project", base.project, "--booklet", base.booklet, "--layout", base.layout, "--fonts", base.fonts]

        // 1. The booklet: whole processes, then in process.
        var whole: [Child.Outcome] = []
        for _ in 0..<runs {
            whole.append(try Child.run(["build"] + common + ["--output", scratch + "/all.pdf"]))
        }
        var times: [Double] = []
        for _ in 0..<runs {
            let request = sources.request(edition: nil, output: scratch + "/all.pdf")
            let start = Date()
            _ = try runReporting { try Pipeline().build(request) }
            times.append(Date().timeIntervalSince(start))
        }
        say(String(format: "booklet, whole process: median %.0f ms (best %.0f), peak memory %.0f MiB; in process: median %.0f ms, first %.0f ms (%d runs each)",
                   median(whole.map(\.seconds)) * 1000, whole.map(\.seconds).min()! * 1000, whole.map(\.peakMiB).max()!,
                   median(times) * 1000, times[0] * 1000, runs))

        // 2. A batch of generated editions, as CI builds them: one process, `jobs` at a time.
        let folder = scratch + "/Editions"
        try generateEditions(into: folder)
        let cores = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let batch = try Child.run(["build", "--all-editions"] + common + ["--editions", folder, "--output-folder", scratch + "/batch", "--jobs", "\(cores)"])
        let built = editionCount + 1
        say(String(format: "%d editions and the base booklet, %d at a time: %.2f s (%.0f ms a PDF), peak memory %.0f MiB",
                   editionCount, min(cores, built), batch.seconds, batch.seconds * 1000 / Double(built), batch.peakMiB))

        // 3. One paragraph changed, rebuilt in the same process (the path watch mode takes).
        try rebuild(scratch: scratch)

        // 4. A long document, and one a tenth as long.
        if longParagraphs > 0 {
            var results: [(Int, Child.Outcome, Int)] = []
            for count in [max(1, longParagraphs / 10), longParagraphs] {
                let booklet = scratch + "/long-\(count)"
                try generateLongBooklet(paragraphs: count, into: booklet)
                let outcome = try Child.run(["build", "--project", base.project, "--booklet", booklet, "--layout", base.layout,
                                             "--fonts", base.fonts, "--output", scratch + "/long.pdf"])
                results.append((count, outcome, outcome.pages))
            }
            for (count, outcome, pages) in results {
                say(String(format: "long document, %d paragraphs (%d pages): %.2f s, peak memory %.0f MiB",
                           count, pages, outcome.seconds, outcome.peakMiB))
            }
            if results.count == 2 {
                say(String(format: "ten times the paragraphs: %.1f times the time, %.1f times the memory",
                           results[1].1.seconds / results[0].1.seconds, results[1].1.peakMiB / results[0].1.peakMiB))
            }
        }
    }

    /// Builds the booklet (copied), then changes one paragraph and builds again with the same
    /// cache, several times: the median of the rebuilds.
    private func rebuild(scratch: String) throws {
        let copy = scratch + "/rebuild"
        try FileManager.default.copyItem(atPath: sources.request(edition: nil).booklet, toPath: copy)
        let chapters = try FileManager.default.contentsOfDirectory(atPath: copy).filter { $0.hasSuffix(".md") && $0 != "index.md" }.sorted()
        guard let chapter = chapters.dropFirst(2).first ?? chapters.first else { return }
        let file = copy + "/" + chapter
        let original = try String(contentsOfFile: file, encoding: .utf8)
        // The first paragraph of the chapter (a line of text after a blank line, not a heading).
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let paragraph = lines.indices.first(where: { $0 > 0 && lines[$0 - 1].isEmpty && (lines[$0].first?.isLetter ?? false) }) else { return }
        let cache = BuildCache(base: nil)
        var request = sources.request(edition: nil, output: scratch + "/rebuild.pdf")
        request.booklet = copy
        _ = try runReporting { try Pipeline().build(request, reusing: cache) }
        var times: [Double] = []
        for n in 0..<max(3, runs) {
            // A text not seen before each time: nothing of that paragraph can come from a cache.
            lines[paragraph] = "Nog \(n + 1) woorden erbij. " + original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[paragraph]
            try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let start = Date()
            _ = try runReporting { try Pipeline().build(request, reusing: cache) }
            times.append(Date().timeIntervalSince(start))
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        say(String(format: "one paragraph changed, rebuilt in process: median %.0f ms, best %.0f ms (%d rebuilds; %@ line %d), peak memory of this process %.0f MiB",
                   median(times) * 1000, times.min()! * 1000, times.count, chapter, paragraph + 1, Double(usage.ru_maxrss) / 1024))
    }

    private func generateEditions(into folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let samples = try runReporting { try sources.editionLoader.editionFiles() }
        let sampleFolder = sources.editionLoader.folder
        guard !samples.isEmpty else { throw ValidationError("no sample editions in \(sampleFolder) to generate a batch from") }
        for item in try FileManager.default.contentsOfDirectory(atPath: sampleFolder) where !item.hasSuffix(".yaml") {
            try FileManager.default.copyItem(atPath: sampleFolder + "/" + item, toPath: folder + "/" + item)
        }
        for n in 1...editionCount {
            let sample = try String(contentsOfFile: samples[(n - 1) % samples.count], encoding: .utf8)
            var lines = sample.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for i in lines.indices {
                if lines[i].hasPrefix("id:") { lines[i] = String(format: "id: bench-%03d", n) }
                if lines[i].hasPrefix("name:") { lines[i] = String(format: "name: \"Ziekenhuis %03d\"", n) }
            }
            try lines.joined(separator: "\n").write(toFile: String(format: "%@/bench-%03d.yaml", folder, n), atomically: true, encoding: .utf8)
        }
    }

    /// A booklet of `paragraphs` paragraphs made of the ALL booklet's own paragraphs, in
    /// chapters of 200 with a section heading every 10.
    private func generateLongBooklet(paragraphs: Int, into folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = sources.request(edition: nil).booklet
        var texts: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: source).sorted() where name.hasSuffix(".md") && name != "index.md" {
            let text = try String(contentsOfFile: source + "/" + name, encoding: .utf8)
            texts += text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { ($0.first?.isLetter ?? false) && !$0.contains("{{") && !$0.contains("\n") && $0.count > 80 }
        }
        guard !texts.isEmpty else { throw ValidationError("the booklet has no paragraphs to make a long document of") }
        var chapterNames: [String] = []
        var written = 0
        while written < paragraphs {
            let number = chapterNames.count + 1
            var body = "# Hoofdstuk \(number)\n\n"
            for i in 0..<min(200, paragraphs - written) {
                if i > 0 && i % 10 == 0 { body += "## Deel \(number).\(i / 10)\n\n" }
                body += texts[(written + i) % texts.count] + "\n\n"
            }
            written += min(200, paragraphs - written)
            let name = String(format: "h%04d.md", number)
            try body.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
            chapterNames.append(name)
        }
        let index = """
            ---
            title: "Een lang boekje"
            kind: "Proef"
            language: nl-NL
            publisher: "Katern"
            subject: "Een lang boekje om te meten"
            date: 2024-05-01
            chapters: [\(chapterNames.joined(separator: ", "))]
            ---

            """
        try index.write(toFile: folder + "/index.md", atomically: true, encoding: .utf8)
    }

    private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}

/// A child process of this very executable, its wall time and peak memory (from `wait4`).
enum Child {
    struct Outcome {
        var seconds: Double
        var peakMiB: Double
        /// The pages the build reported ("...: 24 pages in ..."), 0 if none.
        var pages: Int
    }

    static func run(_ arguments: [String]) throws -> Outcome {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("katern-bench-child-\(getpid()).log").path
        defer { unlink(log) }
        let output = log + ".out"
        defer { unlink(output) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var pid: pid_t = 0
        let start = Date()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw ValidationError("could not start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Date().timeIntervalSince(start)
        guard status == 0 else {
            let message = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw ValidationError("katern \(arguments.joined(separator: " ")) failed:\n\(message)")
        }
        let report = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        let pages = report.firstMatch(of: #/: (\d+) pages in/#).flatMap { Int($0.1) } ?? 0
        return Outcome(seconds: seconds, peakMiB: Double(usage.ru_maxrss) / 1024, pages: pages)
    }
}

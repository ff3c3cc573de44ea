import ArgumentParser
import Foundation
import Katern
import KaternDocument

/// `katern build --all-editions`: the base booklet and every edition (or this shard's share of
/// them), `jobs` at a time in worker threads that each keep their fonts and shaped text. Shows a
/// progress bar on a terminal and a line per PDF otherwise, writes a JSON manifest, and exits 1
/// if any build failed (or, with --strict, had a finding), after building all the others.
struct BatchBuild {
    let sources: SourceOptions
    let jobs: Int
    let strict: Bool
    let outputFolder: String
    /// This run builds shard `index` of `count` (1-based): every count-th target.
    var shard: (index: Int, count: Int) = (1, 1)
    var print = false

    static func parseShard(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else { return nil }
        return (parts[0], parts[1])
    }

    func run() throws {
        let editions = try runReporting { try sources.editionIDs(note: { say("note: \($0)") }) }
        let all: [String?] = [nil] + editions.map { Optional($0) }
        let targets = all.enumerated().filter { $0.offset % shard.count == shard.index - 1 }.map(\.element)
        try runReporting {
            try Pipeline.checkOutput(outputFolder + "/manifest.json", request: sources.request(edition: nil))
            try Self.prepareFolder(outputFolder)
        }
        let shardNote = shard.count > 1 ? " (shard \(shard.index) of \(shard.count))" : ""
        let workers = min(jobs, max(1, targets.count))
        say("Building \(targets.count) of \(all.count) PDFs\(shardNote), \(workers) at a time")
        let progressBar = ProgressBar(total: targets.count)
        let started = Date()
        let outcomes = BatchBuilder(base: sources.request(edition: nil), jobs: jobs, strict: strict)
            .build(targets, folder: outputFolder, print: print) { done, outcome in
                let name = outcome.edition.map { "edition \($0)" } ?? "booklet"
                let line = outcome.failed ? "\(name): FAILED" : "\(outcome.output): \(outcome.pages ?? 0) pages in \(outcome.milliseconds) ms"
                // On a terminal a bar on standard error; in a log a line per PDF.
                if progressBar.shown { progressBar.draw(done, line) } else if isatty(STDOUT_FILENO) == 0 { say("[\(done)/\(targets.count)] \(line)") }
            }
        progressBar.finish()
        let manifest = outputFolder + "/manifest" + (shard.count > 1 ? "-\(shard.index)-of-\(shard.count)" : "") + ".json"
        try runReporting { try Manifest(outcomes: outcomes, request: sources.request(edition: nil), shard: shard).write(to: manifest) }
        let failed = outcomes.filter(\.failed)
        for failure in failed {
            printError("\(failure.edition.map { "edition \($0)" } ?? "booklet") failed:")
            for message in failure.messages { printError(message) }
        }
        say("\(targets.count - failed.count) of \(targets.count) built in \(Int(Date().timeIntervalSince(started) * 1000)) ms; manifest: \(manifest)")
        Trace.print()
        if !failed.isEmpty { throw ExitCode(1) }
    }

    /// The output folder exists (made when missing) and can be written, or one clear error.
    static func prepareFolder(_ folder: String) throws {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw DocumentError.unreadable(SourceLocation(file: folder), reason: "the output folder cannot be made (\(error.localizedDescription)); choose another --output-folder")
            }
        } else if !isDirectory.boolValue {
            throw DocumentError.unreadable(SourceLocation(file: folder), reason: "the output folder is a file; choose another --output-folder")
        }
        guard access(folder, W_OK) == 0 else {
            throw DocumentError.unreadable(SourceLocation(file: folder), reason: "the output folder cannot be written to; choose another --output-folder or fix its permissions")
        }
    }
}

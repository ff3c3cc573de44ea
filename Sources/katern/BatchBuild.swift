import ArgumentParser
import Foundation
import Katern
import KaternDocument

/// `katern build --all-editions`: the base booklet and every edition (or this shard's share of
/// them), `jobs` at a time in worker threads that each keep their fonts and shaped text. Shows a
/// progress bar on a terminal and a line per PDF otherwise, writes a JSON manifest, and exits 1
/// if any build failed, after building all the others.
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
        let editions = sources.editionLoader.scan()
        let all: [String?] = [nil] + editions.map(\.id)
        let targets = all.enumerated().filter { $0.offset % shard.count == shard.index - 1 }.map(\.element)
        let shardNote = shard.count > 1 ? " (shard \(shard.index) of \(shard.count))" : ""
        let workers = min(jobs, max(1, targets.count))
        write("Building \(targets.count) of \(all.count) PDFs\(shardNote), \(workers) at a time\n")
        let terminal = isatty(STDOUT_FILENO) != 0
        let started = Date()
        let count = targets.count
        let outcomes = BatchBuilder(base: sources.request(edition: nil), jobs: jobs)
            .build(targets, folder: outputFolder, print: print) { done, outcome in
                let name = outcome.edition.map { "edition \($0)" } ?? "booklet"
                let line = outcome.failed ? "\(name): FAILED" : "\(outcome.output): \(outcome.pages ?? 0) pages in \(outcome.milliseconds) ms"
                if terminal {
                    let width = 30, filled = width * done / max(1, count)
                    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                    FileHandle.standardOutput.write(Data("\r\u{1B}[K[\(bar)] \(done)/\(count) \(line)".utf8))
                } else {
                    FileHandle.standardOutput.write(Data("[\(done)/\(count)] \(line)\n".utf8))
                }
            }
        if terminal { write("\n") }
        let manifest = outputFolder + "/manifest" + (shard.count > 1 ? "-\(shard.index)-of-\(shard.count)" : "") + ".json"
        try Manifest(outcomes: outcomes).write(to: manifest)
        let failed = outcomes.filter(\.failed)
        for failure in failed {
            printError("\(failure.edition.map { "edition \($0)" } ?? "booklet") failed:")
            for message in failure.messages { printError(message) }
        }
        let findings = outcomes.filter { !$0.failed && !($0.quality?.hasPrefix("quality: 0 overfull, 0 loose") ?? true) }
        Swift.print("\(targets.count - failed.count) of \(targets.count) built in \(Int(Date().timeIntervalSince(started) * 1000)) ms; manifest: \(manifest)")
        if !failed.isEmpty || (strict && !findings.isEmpty) { throw ExitCode(1) }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

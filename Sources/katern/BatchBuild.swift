import ArgumentParser
import Foundation
import Katern
import KaternDocument

/// `katern build --all-editions`: the base booklet and every edition, each built by a `katern
/// build` child process (so one edition's failure cannot take the others down, and each has its
/// own fonts and memory), `jobs` at a time. Prints a line per finished build as it comes, then a
/// summary; exits 1 if any build failed, after building all the others.
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

    struct Outcome: Sendable {
        var name: String
        var edition: String?
        var path: String
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run() throws {
        let editions = sources.editionLoader.scan()
        let all: [String?] = [nil] + editions.map(\.id)
        let targets = all.enumerated().filter { $0.offset % shard.count == shard.index - 1 }.map(\.element)
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let results = Results(count: targets.count)
        let next = Counter()
        let started = Date()
        let shardNote = shard.count > 1 ? " (shard \(shard.index) of \(shard.count))" : ""
        FileHandle.standardOutput.write(Data("Building \(targets.count) of \(all.count) PDFs\(shardNote), \(min(jobs, max(1, targets.count))) at a time\n".utf8))
        let terminal = isatty(STDOUT_FILENO) != 0
        let (sources, strict, folder, print) = (self.sources, self.strict, self.outputFolder, self.print)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, targets.count))) { _ in
            while let index = next.take(below: targets.count) {
                let outcome = Self.build(targets[index], executable: executable, sources: sources, strict: strict, folder: folder, print: print)
                let done = results.store(outcome, at: index)
                let first = outcome.stdout.split(separator: "\n").first.map(String.init) ?? ""
                let line = outcome.status == 0 ? first : "\(outcome.name): FAILED"
                if terminal {
                    let width = 30, filled = width * done / max(1, targets.count)
                    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                    FileHandle.standardOutput.write(Data("\r\u{1B}[K[\(bar)] \(done)/\(targets.count) \(line)".utf8))
                } else {
                    FileHandle.standardOutput.write(Data("[\(done)/\(targets.count)] \(line)\n".utf8))
                }
            }
        }
        if terminal { FileHandle.standardOutput.write(Data("\n".utf8)) }
        let failed = results.all.filter { $0.status != 0 }
        let manifest = outputFolder + "/manifest" + (shard.count > 1 ? "-\(shard.index)-of-\(shard.count)" : "") + ".json"
        try Manifest(outcomes: results.all).write(to: manifest)
        for failure in failed {
            printError("\(failure.name) failed:")
            printError(failure.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        Swift.print("\(targets.count - failed.count) of \(targets.count) built in \(Int(Date().timeIntervalSince(started) * 1000)) ms; manifest: \(manifest)")
        if !failed.isEmpty { throw ExitCode(1) }
    }

    static func build(_ edition: String?, executable: String, sources: SourceOptions, strict: Bool, folder: String, print: Bool) -> Outcome {
        let name = URL(fileURLWithPath: sources.booklet).standardizedFileURL.lastPathComponent + (edition.map { "-" + $0 } ?? "") + (print ? "-print" : "")
        let path = "\(folder)/\(name).pdf"
        var arguments = ["build", "--booklet", sources.booklet, "--layout", sources.layout, "--fonts", sources.fonts,
                         "--editions", sources.editions, "--output", path]
        if print { arguments.append("--print") }
        if let edition { arguments += ["--edition", edition] }
        if strict { arguments.append("--strict") }
        let label = edition.map { "edition \($0)" } ?? "booklet"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            return Outcome(name: label, edition: edition, path: path, status: 127, stdout: "", stderr: "cannot start \(executable): \(error)")
        }
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Outcome(name: label, edition: edition, path: path, status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// The next job index, shared by the workers.
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

    /// The outcomes, in target order.
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

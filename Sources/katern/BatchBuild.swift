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

    struct Outcome: Sendable {
        var name: String
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run() throws {
        let editions = sources.editionLoader.scan()
        let targets: [String?] = [nil] + editions.map(\.id)
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let results = Results(count: targets.count)
        let next = Counter()
        let started = Date()
        FileHandle.standardOutput.write(Data("Building \(targets.count) PDFs (the booklet and \(editions.count) editions), \(min(jobs, targets.count)) at a time\n".utf8))
        DispatchQueue.concurrentPerform(iterations: min(jobs, targets.count)) { _ in
            while let index = next.take(below: targets.count) {
                let outcome = Self.build(targets[index], executable: executable, sources: sources, strict: strict, folder: outputFolder)
                let done = results.store(outcome, at: index)
                let line = outcome.status == 0
                    ? outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                    : "\(outcome.name): FAILED"
                FileHandle.standardOutput.write(Data("[\(done)/\(targets.count)] \(line)\n".utf8))
            }
        }
        let failed = results.all.filter { $0.status != 0 }
        for failure in failed {
            printError("\(failure.name) failed:")
            printError(failure.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        print("\(targets.count - failed.count) of \(targets.count) built in \(Int(Date().timeIntervalSince(started) * 1000)) ms")
        if !failed.isEmpty { throw ExitCode(1) }
    }

    static func build(_ edition: String?, executable: String, sources: SourceOptions, strict: Bool, folder: String) -> Outcome {
        let name = URL(fileURLWithPath: sources.booklet).standardizedFileURL.lastPathComponent + (edition.map { "-" + $0 } ?? "")
        var arguments = ["build", "--booklet", sources.booklet, "--layout", sources.layout, "--fonts", sources.fonts,
                         "--editions", sources.editions, "--output", "\(folder)/\(name).pdf"]
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
            return Outcome(name: label, status: 127, stdout: "", stderr: "cannot start \(executable): \(error)")
        }
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Outcome(name: label, status: process.terminationStatus, stdout: stdout, stderr: stderr)
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

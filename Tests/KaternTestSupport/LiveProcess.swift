import Foundation

/// A `katern` that keeps running (`watch`, `serve`): its output is collected as it comes, a test
/// waits for a line, changes files, and stops it with a signal.
public final class LiveProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    private let done = DispatchGroup()

    public init(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        for (pipe, isError) in [(outPipe, false), (errPipe, true)] {
            done.enter()
            DispatchQueue.global().async { [self] in
                while true {
                    let chunk = pipe.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    lock.lock()
                    if isError { err.append(chunk) } else { out.append(chunk) }
                    lock.unlock()
                }
                done.leave()
            }
        }
    }

    public var stdout: String { lock.lock(); defer { lock.unlock() }; return String(decoding: out, as: UTF8.self) }
    public var stderr: String { lock.lock(); defer { lock.unlock() }; return String(decoding: err, as: UTF8.self) }

    /// The lines of standard output so far.
    public var lines: [String] { stdout.split(separator: "\n").map(String.init) }

    /// Waits until standard output has at least `count` lines for which `matching` holds (or the
    /// process ended, or `timeout` passed); returns those lines.
    @discardableResult
    public func waitForLines(_ count: Int = 1, timeout: TimeInterval = 60, matching: (String) -> Bool) -> [String] {
        let end = Date().addingTimeInterval(timeout)
        while true {
            let found = lines.filter(matching)
            if found.count >= count || !process.isRunning || Date() > end { return found }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    /// Sends `signal` (SIGINT: Ctrl-C) and waits for the process to end; returns its status.
    public func stop(_ signal: Int32 = SIGINT) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        done.wait()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

extension CLI {
    /// A copy of the project's sources (booklet, layouts, fonts, editions, hyphenation, language
    /// resources) in a fresh temporary folder, for tests that change them.
    public static func copyOfProject() throws -> String {
        let folder = try temporaryFolder()
        for name in ["Booklets", "Layouts", "Fonts", "Editions", "Hyphenation", "Languages"] {
            try FileManager.default.copyItem(atPath: projectRoot + "/" + name, toPath: folder + "/" + name)
        }
        return folder
    }
}

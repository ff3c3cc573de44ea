import Foundation

/// Runs the built `katern` executable from the project folder, as a user would.
public enum CLI {
    public static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The `katern` built beside this test bundle.
    public static var executable: String {
        // KATERN_EXECUTABLE runs the tests against another build (an older one, to see a test fail).
        if let other = ProcessInfo.processInfo.environment["KATERN_EXECUTABLE"] { return other }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        if folder.lastPathComponent.hasSuffix(".xctest") { folder = folder.deletingLastPathComponent() }
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("katern").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("katern").path
    }

    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public static func katern(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try run(executable, arguments, environment: environment)
    }

    public static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:], in directory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? projectRoot)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes drained at once: a child that fills one while the other is read would block.
        nonisolated(unsafe) var errData = Data()
        let errorRead = DispatchGroup()
        errorRead.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            errorRead.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errorRead.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary folder.
    public static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("katern-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Copies the shipped booklet into a temporary folder, for tests that break it.
    public static func copyOfBooklet() throws -> String {
        let folder = try temporaryFolder() + "/all"
        try FileManager.default.copyItem(atPath: projectRoot + "/Booklets/all", toPath: folder)
        return folder
    }
}

/// The share of the seed's words found, in order, in a text: the longest common subsequence of
/// the two word lists, over the seed's word count. Words are reduced as `seed-coverage` does.
public enum SeedCoverage {
    /// `joiningLineEndHyphens`: a hyphen at a line end joins the two halves (as seed-coverage does).
    public static func words(_ text: String, joiningLineEndHyphens: Bool = true) -> [Substring] {
        var t = text.precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\u{AD}", with: "")
        if joiningLineEndHyphens { t = t.replacingOccurrences(of: #"(\w)-\s*\n\s*(\w)"#, with: "$1$2", options: .regularExpression) }
        let lower = t.lowercased()
        var result: [Substring] = []
        var start: String.Index?
        for index in lower.indices {
            let c = lower[index]
            let isWord = (c.isLetter || c.isNumber) && c != "_"
            if isWord, start == nil { start = index }
            if !isWord, let s = start { result.append(lower[s..<index]); start = nil }
        }
        if let s = start { result.append(lower[s...]) }
        return result
    }

    public static func share(of source: String, in output: String) -> Double {
        let a = words(source), b = words(output)
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        for i in 1...max(1, a.count) where !a.isEmpty {
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
            }
            swap(&previous, &current)
        }
        return 100 * Double(previous[b.count]) / Double(max(1, a.count))
    }
}

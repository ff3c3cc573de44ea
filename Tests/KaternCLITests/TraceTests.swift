import Foundation
import KaternTestSupport
import Testing

/// `KATERN_TRACE` (Benchmarks/trace): a build prints where its time went, step by step, in time
/// order, and nothing of the kind without it; `KATERN_TIMING` says how many of Pango 1.50's
/// font-pattern tasks ran on the asking thread (CPangoMatch), none with `KATERN_PANGO_THREADS=1`.
@Suite struct TraceTests {
    func build(_ environment: [String: String]) throws -> CLI.Result {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CLI.katern(["build", "--project", CLI.projectRoot, "--output", folder + "/all.pdf"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    @Test func aTracedBuildSaysWhereItsTimeWent() throws {
        let start = try build(["KATERN_TRACE": "1"]).stderr.split(separator: "\n").filter { $0.hasPrefix("trace: ") }
        // "trace: 12.3 ms  main  sources read"
        let marks = start.map { line -> (Double, String, String) in
            let parts = line.dropFirst("trace: ".count).components(separatedBy: "  ")
            return (Double(parts[0].replacingOccurrences(of: " ms", with: "")) ?? -1, parts.count > 1 ? parts[1] : "", parts.count > 2 ? parts[2] : "")
        }
        #expect(marks.allSatisfy { $0.0 >= 0 }, "\(start)")
        #expect(marks.map(\.0) == marks.map(\.0).sorted(), "\(start)")
        let mainSteps = marks.filter { $0.1 == "main" }.map(\.2)
        for step in ["process started", "command line parsed", "sources read", "pages laid out", "PDF written", "end"] {
            #expect(mainSteps.contains(step), "\(step) missing: \(start)")
        }
        #expect(mainSteps.first == "process started" && mainSteps.last == "end", "\(mainSteps)")
        #expect(marks.contains { $0.1.hasPrefix("thread ") && $0.2 == "preshaping: done" }, "\(start)")
        #expect(try build([:]).stderr.contains("trace:") == false)
    }

    /// The count comes from the executable itself: it shows that the dynamic loader resolved
    /// Pango's g_thread_new to Katern's (a link change that lost that would show 0).
    @Test func pangoFontPatternTasksRunOnTheAskingThread() throws {
        let version = try CLI.run("/usr/bin/env", ["pkg-config", "--modversion", "pango"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let count = { (stderr: String) -> Int? in
            stderr.firstMatch(of: #/Pango font-pattern tasks run on the asking thread so far: (\d+)/#).flatMap { Int($0.1) }
        }
        let inline = try #require(count(try build(["KATERN_TIMING": "1"]).stderr))
        let threads = try #require(count(try build(["KATERN_TIMING": "1", "KATERN_PANGO_THREADS": "1"]).stderr))
        #expect(threads == 0)
        if version.hasPrefix("1.50.") {
            // Two tasks a font pattern; a build makes dozens of patterns.
            #expect(inline >= 20, "Pango \(version): \(inline)")
        } else {
            #expect(inline == 0, "Pango \(version): \(inline)")
        }
    }
}

import Foundation
import KaternTestSupport
import Testing

/// `katern serve` in a copy of the project, checked from outside: raw HTTP requests (Python's
/// http.client: answers, 404s, no path traversal) and Chromium through Selenium
/// (`Tests/Browser/preview_test.py`). The browser part is skipped when Chromium, its driver or
/// Selenium is missing; `Scripts/setup --checkers` installs them, so the test command runs it.
@Suite(.serialized) struct ServeTests {
    static let script = CLI.projectRoot + "/Tests/Browser/preview_test.py"

    /// A Python with Selenium: the checkers' (where `Scripts/setup --checkers` installs it).
    static var seleniumPython: String? {
        let candidates = [Checkers.find().map { URL(fileURLWithPath: $0.outloud).deletingLastPathComponent().appendingPathComponent("python").path },
                          "/usr/bin/python3"].compactMap { $0 }
        return candidates.first { (try? CLI.run($0, ["-c", "import selenium"]).status) == 0 }
    }

    static var hasChromium: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
    }

    /// Starts `katern serve --port 0` in a copy of the project (with a narrow layout that has
    /// loose lines) and returns it with its address.
    func start() throws -> (LiveProcess, String, String) {
        let project = try CLI.copyOfProject()
        let layout = try String(contentsOfFile: project + "/Layouts/a5.yaml", encoding: .utf8)
        try layout.replacingOccurrences(of: "    outer: 15mm", with: "    outer: 52mm")
            .write(toFile: project + "/Layouts/narrow.yaml", atomically: true, encoding: .utf8)
        let serve = try LiveProcess(["serve", "--port", "0"], in: project)
        let line = serve.waitForLines { $0.hasPrefix("Serving the preview on ") }
        let address = try #require(line.first?.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }.map(String.init), "\(serve.stdout)\n\(serve.stderr)")
        return (serve, address, project)
    }

    @Test func answersOnlyWhatItServes() throws {
        let (serve, address, project) = try start()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let result = try CLI.run("/usr/bin/python3", [Self.script, "http", address])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(serve.stop() == 0)
        #expect(serve.stdout.hasSuffix("stopped serving\n"), "\(serve.stdout)")
    }

    @Test func aPortInUseIsAClearError() throws {
        let (serve, address, project) = try start()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let port = String(address.split(separator: ":").last!.dropLast())
        let second = try CLI.run(CLI.executable, ["serve", "--port", port], in: project)
        #expect(second.status == 1, "\(second.stdout)\n\(second.stderr)")
        #expect(second.stderr.contains("error: cannot serve on 127.0.0.1:\(port): the port is in use; choose another --port"), "\(second.stderr)")
        #expect(serve.stop() == 0)
    }

    @Test(.enabled(if: ServeTests.hasChromium && ServeTests.seleniumPython != nil, "needs chromium, chromium-driver and Selenium (Scripts/setup --checkers)"))
    func showsSpreadsLiveEditsEditionsErrorsAndFindingsInChromium() throws {
        let (serve, address, project) = try start()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let shots = CLI.projectRoot + "/.build/screenshots"
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        let result = try CLI.run(try #require(Self.seleniumPython), [Self.script, "browser", address, project, shots])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)\n\(serve.stderr)")
        #expect(serve.stop() == 0)
    }
}

import Foundation
import KaternTestSupport
import Testing

/// `katern check --report` and `--strict` end to end.
@Suite struct ReportTests {
    @Test func theReportIsCleanAndReadableByMachines() throws {
        let text = try CLI.katern(["check", "--report"])
        #expect(text.status == 0)
        #expect(text.stdout == text.stdout.split(separator: "\n").filter { $0.hasPrefix("quality: ") }.joined() + "\n")
        #expect(text.stdout.hasPrefix("quality: 0 overfull, 0 loose"))
        let json = try CLI.katern(["check", "--report", "json"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["findings"] as? [Any])?.isEmpty == true)
        let summary = object?["summary"] as? [String: Any]
        #expect(summary?["widows"] as? Int == 0 && summary?["strandedHeadings"] as? Int == 0)
    }

    @Test func strictFailsOnFindingsWithTheirPlaces() throws {
        // Greedy breaking leaves loose lines: the report finds them and --strict fails.
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let layout = folder + "/greedy.yaml"
        let text = try String(contentsOfFile: CLI.projectRoot + "/Layouts/a5.yaml", encoding: .utf8)
        try (text + "\nline-breaking: greedy\n").write(toFile: layout, atomically: true, encoding: .utf8)
        let report = try CLI.katern(["check", "--report", "--layout", layout, "--strict"])
        #expect(report.status == 1)
        #expect(report.stdout.contains(": loose: word space"))
        #expect(report.stdout.split(separator: "\n").contains { $0.range(of: #"^Booklets/all/\d\d-[a-z-]+\.md:\d+: warning: page \d+: "#, options: .regularExpression) != nil })
        let output = folder + "/out.pdf"
        let build = try CLI.katern(["build", "--layout", layout, "--strict", "--output", output])
        #expect(build.status == 1)
        #expect(build.stderr.contains(": error: page "))
        let clean = try CLI.katern(["build", "--strict", "--output", output])
        #expect(clean.status == 0, "\(clean.stderr)")
    }

    @Test func theLargePrintLayoutBuildsCleanly() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CLI.katern(["build", "--layout", "Layouts/a5-large-print.yaml", "--edition", "sint-anna", "--strict",
                                     "--output", folder + "/lp.pdf"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("quality: 0 overfull, 0 loose"))
        let fonts = try CLI.run("/usr/bin/pdffonts", [folder + "/lp.pdf"]).stdout
        #expect(!fonts.contains("CharisSIL"), "large print is set in Lato only")
    }
}

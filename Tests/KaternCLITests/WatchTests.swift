import Foundation
import KaternTestSupport
import Testing

/// `katern watch` in a copy of the project: it rebuilds on a saved change, reports errors with
/// their file and line without stopping or touching the last good PDF, treats a burst of saves
/// as one change, and stops cleanly on Ctrl-C.
@Suite(.serialized) struct WatchTests {
    static let chapter = "Booklets/all/01-acute-lymfatische-leukemie.md"

    func pdfText(_ path: String) throws -> String {
        try CLI.run("/usr/bin/pdftotext", ["-enc", "UTF-8", path, "-"]).stdout
    }

    func rebuilds(_ watch: LiveProcess) -> Int { watch.lines.filter { $0.hasPrefix("[") }.count }

    @Test func rebuildsOnAChangeKeepsTheLastGoodPDFOnAnErrorAndStopsOnCtrlC() throws {
        let project = try CLI.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let watch = try LiveProcess(["watch"], in: project, environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        let first = watch.waitForLines { $0.contains("Output/all.pdf: ") }
        #expect(first.count == 1, "\(watch.stdout)\n\(watch.stderr)")
        #expect(first.first?.range(of: #"^\[\d\d:\d\d:\d\d\] Output/all\.pdf: \d+ pages in \d+ ms; quality: "#, options: .regularExpression) != nil, "\(first)")
        let pdf = project + "/Output/all.pdf"

        // A changed paragraph: rebuilt, the file named, the new text in the PDF.
        let chapter = project + "/" + Self.chapter
        let text = try String(contentsOfFile: chapter, encoding: .utf8)
        try text.replacingOccurrences(of: "Het beenmerg is het orgaan", with: "Het rode beenmerg is het orgaan")
            .write(toFile: chapter, atomically: true, encoding: .utf8)
        let second = watch.waitForLines(2) { $0.contains("Output/all.pdf: ") }
        #expect(second.count == 2, "\(watch.stdout)\n\(watch.stderr)")
        #expect(second.last?.contains("(\(Self.chapter) changed)") == true, "\(second)")
        #expect(try pdfText(pdf).contains("Het rode beenmerg"))

        // A broken layout: the error with its file and line, the PDF as it was, the watch goes on.
        let good = try Data(contentsOf: URL(fileURLWithPath: pdf))
        let layout = project + "/Layouts/a5.yaml"
        let layoutText = try String(contentsOfFile: layout, encoding: .utf8)
        try (layoutText + "\nmargins-of-error: 3\n").write(toFile: layout, atomically: true, encoding: .utf8)
        let failed = watch.waitForLines { $0.contains("build failed (Layouts/a5.yaml changed); the last good PDF is kept") }
        #expect(failed.count == 1, "\(watch.stdout)\n\(watch.stderr)")
        let end = Date().addingTimeInterval(10)
        while !watch.stderr.contains("unknown key 'margins-of-error'") && Date() < end { Thread.sleep(forTimeInterval: 0.05) }
        #expect(watch.stderr.range(of: #"Layouts/a5\.yaml:\d+: error: unknown key 'margins-of-error'"#, options: .regularExpression) != nil, "\(watch.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == good)

        // Fixed again: built again.
        try layoutText.write(toFile: layout, atomically: true, encoding: .utf8)
        #expect(watch.waitForLines(3) { $0.contains("Output/all.pdf: ") }.count == 3, "\(watch.stdout)\n\(watch.stderr)")

        // Ctrl-C: exit status 0, a goodbye, no temporary file left.
        #expect(watch.stop() == 0, "\(watch.stderr)")
        #expect(watch.stdout.hasSuffix("stopped watching\n"), "\(watch.stdout)")
        let left = try FileManager.default.contentsOfDirectory(atPath: project + "/Output").filter { $0.hasPrefix(".katern.") }
        #expect(left.isEmpty, "\(left)")
        #expect(!watch.stderr.contains("Fatal error"), "\(watch.stderr)")
    }

    @Test func aBurstOfSavesIsOneRebuild() throws {
        let project = try CLI.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let watch = try LiveProcess(["watch"], in: project)
        #expect(watch.waitForLines { $0.contains("Output/all.pdf: ") }.count == 1, "\(watch.stderr)")
        let chapter = project + "/" + Self.chapter
        let text = try String(contentsOfFile: chapter, encoding: .utf8)
        // Five saves at once, as an editor that writes, renames and sets attributes: one change.
        for n in 1...5 {
            try text.replacingOccurrences(of: "Het beenmerg", with: "Het beenmerg (\(n))").write(toFile: chapter, atomically: true, encoding: .utf8)
        }
        #expect(watch.waitForLines(2) { $0.contains("Output/all.pdf: ") }.count == 2)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(rebuilds(watch) == 2, "\(watch.stdout)")
        #expect(try pdfText(project + "/Output/all.pdf").contains("Het beenmerg (5)"))
        // A change outside what the build reads is not a rebuild.
        try "notes".write(toFile: project + "/notes.txt", atomically: true, encoding: .utf8)
        Thread.sleep(forTimeInterval: 1)
        #expect(rebuilds(watch) == 2, "\(watch.stdout)")
        #expect(watch.stop() == 0)
    }

    @Test func watchesAnEditionAndItsLogo() throws {
        let project = try CLI.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let watch = try LiveProcess(["watch", "--edition", "noordwest"], in: project)
        #expect(watch.waitForLines { $0.contains("Output/all-noordwest.pdf: ") }.count == 1, "\(watch.stderr)")
        let edition = project + "/Editions/noordwest.yaml"
        let text = try String(contentsOfFile: edition, encoding: .utf8)
        try text.replacingOccurrences(of: "name: \"Noordwest Medisch Centrum\"", with: "name: \"Noordwest Ziekenhuisgroep\"")
            .write(toFile: edition, atomically: true, encoding: .utf8)
        #expect(watch.waitForLines(2) { $0.contains("Output/all-noordwest.pdf: ") }.count == 2, "\(watch.stdout)\n\(watch.stderr)")
        #expect(try pdfText(project + "/Output/all-noordwest.pdf").contains("Noordwest Ziekenhuisgroep"))
        // The logo is read by the build: a change to it is a rebuild too.
        let logo = project + "/Editions/logos/noordwest.svg"
        try (try String(contentsOfFile: logo, encoding: .utf8)).write(toFile: logo, atomically: true, encoding: .utf8)
        #expect(watch.waitForLines(3) { $0.contains("Output/all-noordwest.pdf: ") }.count == 3, "\(watch.stdout)\n\(watch.stderr)")
        #expect(watch.stop() == 0)
    }

    @Test func aFontChangeStartsAfreshAndAllEditionsAreWatched() throws {
        let project = try CLI.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let watch = try LiveProcess(["watch", "--all-editions"], in: project)
        let first = watch.waitForLines { $0.contains("PDFs built") }
        #expect(first.first?.contains("4 of 4 PDFs built") == true, "\(watch.stdout)\n\(watch.stderr)")
        // A broken edition fails alone; the others are built.
        let edition = project + "/Editions/sint-anna.yaml"
        let text = try String(contentsOfFile: edition, encoding: .utf8)
        try (text + "\nunknown-key: 1\n").write(toFile: edition, atomically: true, encoding: .utf8)
        let second = watch.waitForLines(2) { $0.contains("PDFs built") }
        #expect(second.last?.contains("3 of 4 PDFs built") == true, "\(second)")
        #expect(second.last?.contains("1 failed, their last good PDFs are kept") == true, "\(second)")
        try text.write(toFile: edition, atomically: true, encoding: .utf8)
        #expect(watch.waitForLines(2) { $0.contains("4 of 4 PDFs built") }.count == 2, "\(watch.stdout)")
        // A font file touched: everything is set again, the same.
        let font = project + "/Fonts/Lato/Lato-Regular.ttf"
        try Data(contentsOf: URL(fileURLWithPath: font)).write(to: URL(fileURLWithPath: font))
        #expect(watch.waitForLines(3) { $0.contains("4 of 4 PDFs built") }.count == 3, "\(watch.stdout)")
        #expect(watch.stop() == 0)
    }
}

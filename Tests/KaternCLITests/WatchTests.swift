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
        // A change outside what the build reads is not a rebuild, nor are editors' scratch files.
        try "notes".write(toFile: project + "/notes.txt", atomically: true, encoding: .utf8)
        for scratch in [".01-acute-lymfatische-leukemie.md.swp", "4913", "01-acute-lymfatische-leukemie.md~", "#01-acute.md#"] {
            try "scratch".write(toFile: project + "/Booklets/all/" + scratch, atomically: false, encoding: .utf8)
        }
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

/// The class of the watch's defects: a rebuild that reuses a stale part. After each kind of change
/// (text, the booklet's own hyphenation exceptions, the layout's hyphenation, a font the layout
/// names, an edition, the project's exception list, an image replaced under its name), the
/// watching process's PDF is byte for byte a fresh build's, and an error is the fresh build's error.
@Suite(.serialized) struct RebuildIsAFreshBuildTests {
    @Test func everyKindOfChangeGivesAFreshBuildsBytesOrError() throws {
        let project = try CLI.copyOfProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        func edit(_ file: String, _ change: (String) -> String) throws {
            let path = project + "/" + file
            try change(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
        }
        // A figure, to replace its image later.
        try FileManager.default.createDirectory(atPath: project + "/Images", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: project + "/Editions/logos/sint-anna.png", toPath: project + "/Images/figuur.png")
        try edit("Booklets/all/05-vooruitzichten.md") { $0 + "\n![Een figuur](../../Images/figuur.png)\n" }
        let watch = try LiveProcess(["watch", "--edition", "sint-anna"], in: project)
        var builds = 1
        #expect(watch.waitForLines { $0.hasPrefix("[") }.count == 1, "\(watch.stderr)")
        let changes: [(String, () throws -> Void)] = [
            ("a paragraph", { try edit(WatchTests.chapter) { $0.replacingOccurrences(of: "Het beenmerg is", with: "Het beenmerg, ons bloedvormend orgaan, is") } }),
            ("the booklet's exceptions", { try edit("Booklets/all/index.md") { $0.replacingOccurrences(of: "colophon: colofon.md", with: "colophon: colofon.md\nhyphenation: [verplaatsen, bloedcellen, beenmerg]") } }),
            ("the layout's hyphenation off", { try edit("Layouts/a5.yaml") { $0.replacingOccurrences(of: "hyphenate: true", with: "hyphenate: false") } }),
            ("the layout's hyphenation on", { try edit("Layouts/a5.yaml") { $0.replacingOccurrences(of: "hyphenate: false", with: "hyphenate: true") } }),
            ("a font that is not there", { try edit("Layouts/a5.yaml") { $0.replacingOccurrences(of: "font: Lato", with: "font: Nosuch Sans") } }),
            ("the font back", { try edit("Layouts/a5.yaml") { $0.replacingOccurrences(of: "font: Nosuch Sans", with: "font: Lato") } }),
            ("the edition's colour", { try edit("Editions/sint-anna.yaml") { $0.replacingOccurrences(of: "#8c2339", with: "#23398c") } }),
            ("the project's exceptions", { try edit("Hyphenation/nl.txt") { $0 + "\nleu-ke-mie\n" } }),
            ("an image replaced", { try FileManager.default.removeItem(atPath: project + "/Images/figuur.png")
                                    try HostileProject.png.write(to: URL(fileURLWithPath: project + "/Images/figuur.png")) }),
        ]
        for (what, change) in changes {
            try change()
            builds += 1
            let lines = watch.waitForLines(builds) { $0.hasPrefix("[") }
            #expect(lines.count == builds, "\(what): no rebuild\n\(watch.stdout)\n\(watch.stderr)")
            let fresh = try CLI.run(CLI.executable, ["build", "--edition", "sint-anna", "--output", project + "/fresh.pdf"], in: project)
            if lines.last?.contains("build failed") == true {
                #expect(fresh.status == 1, "\(what): the watch failed, a fresh build did not")
                let error = fresh.stderr.split(separator: "\n").first.map(String.init) ?? "?"
                let end = Date().addingTimeInterval(10)
                while !watch.stderr.contains(error) && Date() < end { Thread.sleep(forTimeInterval: 0.05) }
                #expect(watch.stderr.contains(error), "\(what): the fresh build's error \(error) is not the watch's:\n\(watch.stderr)")
            } else {
                #expect(fresh.status == 0, "\(what): \(fresh.stderr)")
                let watched = try Data(contentsOf: URL(fileURLWithPath: project + "/Output/all-sint-anna.pdf"))
                let built = try Data(contentsOf: URL(fileURLWithPath: project + "/fresh.pdf"))
                #expect(watched == built, "\(what): the rebuilt PDF differs from a fresh build's")
            }
        }
        #expect(watch.stop() == 0)
    }
}

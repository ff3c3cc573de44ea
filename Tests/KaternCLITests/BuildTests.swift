import Foundation
import KaternTestSupport
import Testing

/// End-to-end: `katern build` on the shipped booklet, checked with poppler-utils.
@Suite(.serialized) struct BuildTests {
    @Test func buildsTheBookletIntoOutputAllPdf() throws {
        let result = try CLI.katern(["build"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(result.stdout)")
        let summary = try #require(lines.first)
        #expect(summary.range(of: #"^Output/all\.pdf: \d+ pages in \d+ ms$"#, options: .regularExpression) != nil, "\(summary)")
        #expect(lines.last?.hasPrefix("quality: 0 overfull, ") == true, "\(result.stdout)")
        let pdf = CLI.projectRoot + "/Output/all.pdf"

        let info = try CLI.run("/usr/bin/pdfinfo", ["-f", "1", "-l", "999", pdf])
        let pages = Int(info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        #expect(pages >= 12)
        let sizes = info.stdout.split(separator: "\n").filter { $0.hasPrefix("Page ") && $0.contains("size:") }
        #expect(sizes.count == pages)
        for line in sizes {
            // "Page    1 size:  419.528 x 595.276 pts": 148 x 210 mm.
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            #expect(numbers.count == 3, "\(line)")
            #expect(abs(numbers[1] - 148 / 25.4 * 72) < 0.01 && abs(numbers[2] - 210 / 25.4 * 72) < 0.01, "\(line)")
        }
        #expect(info.stdout.contains("Title:           Acute lymfatische leukemie (ALL)"))

        let fonts = try CLI.run("/usr/bin/pdffonts", [pdf]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for row in fonts {
            let columns = row.split(separator: " ")
            #expect(columns.count >= 5 && columns[columns.count - 5] == "yes", "not embedded: \(row)")
            #expect(row.contains("Lato") || row.contains("CharisSIL"), "unexpected font: \(row)")
        }

        let text = try CLI.run("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"]).stdout
        let seed = try String(contentsOfFile: CLI.projectRoot + "/Tests/KaternCLITests/Fixtures/seed-all.txt", encoding: .utf8)
        let share = SeedCoverage.share(of: seed, in: text)
        #expect(share >= 99, "seed coverage \(share)%")

        // Chapters in reading order.
        let chapters = ["Klachten en symptomen", "Onderzoek en diagnose", "Behandeling", "Vooruitzichten", "Over Hematon"]
        let positions = chapters.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == chapters.count)
        #expect(positions == positions.sorted())
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["a.pdf", "b.pdf"] {
            let result = try CLI.katern(["build", "--output", folder + "/" + name], environment: ["SOURCE_DATE_EPOCH": "1767225600"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.pdf"))
        let b = try Data(contentsOf: URL(fileURLWithPath: folder + "/b.pdf"))
        #expect(a == b)
        let info = try CLI.run("/usr/bin/pdfinfo", [folder + "/a.pdf"]).stdout
        #expect(info.contains("CreationDate:    Thu Jan  1 00:00:00 2026 UTC"))
        // Written as a PDF date is: with its "D:".
        let raw = try CLI.run("/usr/bin/pdfinfo", ["-rawdates", folder + "/a.pdf"]).stdout
        let dates = raw.split(separator: "\n").filter { $0.hasPrefix("CreationDate:") || $0.hasPrefix("ModDate:") }
        #expect(dates.count == 2 && dates.allSatisfy { $0.hasSuffix(" D:20260101000000Z") }, "\(raw)")
    }

    /// A SOURCE_DATE_EPOCH that is not whole seconds up to the year 9999 is an error: no PDF is
    /// written with a missing or made-up date, and the previous PDF stays.
    @Test(arguments: ["nan", "inf", "1e300", "-5", " 5", "abc", "253402300800", "99999999999999", ""])
    func aSourceDateThatIsNoDateIsAnError(value: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/out.pdf"
        try Data("previous".utf8).write(to: URL(fileURLWithPath: output))
        let result = try CLI.katern(["build", "--output", output], environment: ["SOURCE_DATE_EPOCH": value])
        #expect(result.status == 1)
        #expect(result.stderr.contains("SOURCE_DATE_EPOCH: error: ") && result.stderr.contains("is not a date"), "\(result.stderr)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "previous")
    }

    @Test func helpExplainsTheCommands() throws {
        let top = try CLI.katern(["--help"])
        #expect(top.status == 0)
        #expect(top.stdout.contains("build"))
        #expect(top.stdout.contains("check"))
        let build = try CLI.katern(["build", "--help"])
        for option in ["--booklet", "--layout", "--output", "--fonts"] { #expect(build.stdout.contains(option)) }
    }
}

/// A build shapes its last sections, its cover and its running footers on a second thread
/// (`Preshaping`), and runs Pango 1.50's font-pattern tasks on the thread that asks (CPangoMatch);
/// the PDF is the same byte for byte as a build on one thread (`KATERN_THREADS=1`) and as one with
/// Pango's own threads (`KATERN_PANGO_THREADS=1`), on booklets of every kind.
@Suite struct PreshapingTests {
    static let booklets = ["Booklets/all", "Booklets/opname", "Tests/Corpus/chapters/booklet", "Tests/Corpus/lists/booklet",
                           "Tests/Corpus/elements/booklet", "Tests/Corpus/quotes/booklet", "Tests/Corpus/diacritics/booklet"]

    @Test(arguments: booklets) func aSecondThreadChangesNoByte(_ booklet: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var pdfs: [Data] = []
        for (name, threads, pangoThreads) in [("one.pdf", "1", ""), ("two.pdf", "", ""), ("again.pdf", "", ""), ("pango.pdf", "", "1")] {
            let result = try CLI.katern(["build", "--project", CLI.projectRoot, "--booklet", CLI.projectRoot + "/" + booklet, "--output", folder + "/" + name],
                                        environment: ["SOURCE_DATE_EPOCH": "1767225600", "KATERN_THREADS": threads, "KATERN_PANGO_THREADS": pangoThreads])
            #expect(result.status == 0, "\(result.stderr)")
            pdfs.append(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
        }
        #expect(pdfs[0] == pdfs[1] && pdfs[1] == pdfs[2], "\(booklet)")
        #expect(pdfs[3] == pdfs[1], "\(booklet): Pango's own threads")
    }
}

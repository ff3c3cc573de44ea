import Foundation
import KaternTestSupport
import Testing

/// Print production end to end: the print PDF's boxes, the imposed sheets' order, previews.
@Suite struct PrintTests {
    @Test func thePrintPDFHasTrimAndBleedBoxesAroundTheA5Page() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pdf = folder + "/p.pdf"
        let result = try CLI.katern(["build", "--print", "--output", pdf])
        #expect(result.status == 0, "\(result.stderr)")
        let boxes = try CLI.run("/usr/bin/pdfinfo", ["-box", "-f", "1", "-l", "1", pdf]).stdout
        func box(_ name: String) throws -> [Double] {
            let line = try #require(boxes.split(separator: "\n").first { $0.hasPrefix("Page    1 \(name):") })
            return Array(line.split(separator: " ").compactMap { Double($0) }.dropFirst())  // after the page number
        }
        let trim = try box("TrimBox"), bleed = try box("BleedBox"), media = try box("MediaBox")
        let mm = 72 / 25.4
        #expect(abs((trim[2] - trim[0]) - 148 * mm) < 0.05 && abs((trim[3] - trim[1]) - 210 * mm) < 0.05)
        #expect(abs((trim[0] - bleed[0]) - 3 * mm) < 0.05 && abs((bleed[2] - trim[2]) - 3 * mm) < 0.05)
        #expect(media[0] < bleed[0] && media[2] > bleed[2] && media[3] > bleed[3])
    }

    /// The print PDF is as accessible as the screen PDF: tagged, its crop marks artifacts, and
    /// no error from `katern check --pdf` or (when installed) outloud and pdfua.
    @Test func thePrintPDFIsAccessibleToo() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pdf = folder + "/p.pdf"
        #expect(try CLI.katern(["build", "--print", "--output", pdf]).status == 0)
        let check = try CLI.katern(["check", "--pdf", pdf])
        #expect(check.status == 0, "\(check.stderr)")
        let tree = try CLI.run("/usr/bin/pdfinfo", ["-struct-text", pdf]).stdout
        #expect(tree.contains("Acute lymfatische leukemie (ALL)") && tree.contains("TOCI"))
        let errors = try Checkers.errors(pdf)
        #expect(errors == nil, "\(errors ?? "")")
    }

    @Test func theImposedSheetsAreInSaddleStitchOrder() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pdf = folder + "/i.pdf"
        let result = try CLI.katern(["impose", "--output", pdf])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("24 pages on 6 sheets"))
        let info = try CLI.run("/usr/bin/pdfinfo", [pdf]).stdout
        #expect(info.contains("Pages:           12"))
        #expect(info.contains("841.89 x 595.28 pts (A4)"))
        // The footers' page numbers, left half then right half, on each side.
        func numbers(_ side: Int, x: Int, width: Int) throws -> [Int] {
            let text = try CLI.run("/usr/bin/pdftotext", ["-f", "\(side)", "-l", "\(side)", "-x", "\(x)", "-y", "540", "-W", "\(width)", "-H", "55", pdf, "-"]).stdout
            return text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.filter { $0 <= 24 }
        }
        let expected = [(24, 1), (2, 23), (22, 3), (4, 21)]
        for (index, pair) in expected.enumerated() {
            let left = try numbers(index + 1, x: 0, width: 420), right = try numbers(index + 1, x: 421, width: 420)
            if pair.0 != 24 { #expect(left.contains(pair.0), "side \(index + 1) left: \(left)") }
            if pair.1 != 1 { #expect(right.contains(pair.1), "side \(index + 1) right: \(right)") }
        }
    }

    @Test func previewsArePNGsOfThePageSize() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CLI.katern(["preview", "--pages", "1,3-4", "--resolution", "72", "--folder", folder])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").map { URL(fileURLWithPath: String($0)).lastPathComponent } == ["all-p01.png", "all-p03.png", "all-p04.png"])
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/all-p03.png"))
        #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        func be32(_ offset: Int) -> Int { data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        #expect(be32(16) == 420 && be32(20) == 595, "\(be32(16)) x \(be32(20))")
        let sheet = try CLI.katern(["preview", "--contact-sheet", "--resolution", "20", "--folder", folder])
        #expect(sheet.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/all-contact.png"))
        let bad = try CLI.katern(["preview", "--pages", "99", "--folder", folder])
        #expect(bad.status == 1 && bad.stderr.contains("there is no page 99"))
    }

    @Test func shardsSplitTheEditions() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var built: [String] = []
        for shard in ["1/2", "2/2"] {
            let result = try CLI.katern(["build", "--all-editions", "--shard", shard, "--output-folder", folder])
            #expect(result.status == 0, "\(result.stderr)")
            built += result.stdout.split(separator: "\n").filter { $0.hasPrefix("[") }.map(String.init)
        }
        #expect(built.count == 4)
        let pdfs = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".pdf") }.sorted()
        #expect(pdfs == ["all-noordwest.pdf", "all-rivierenland.pdf", "all-sint-anna.pdf", "all.pdf"])
        #expect(FileManager.default.fileExists(atPath: folder + "/manifest-1-of-2.json"))
    }
}

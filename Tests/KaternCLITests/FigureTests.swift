import Foundation
import KaternTestSupport
import Testing

/// Images in the content: `![alt text](file)` in a paragraph of its own is placed, scaled to the
/// column, tagged as a Figure with its alt text; an image without alt text is an error.
@Suite struct FigureTests {
    func booklet(_ image: String) throws -> String {
        let folder = try CLI.copyOfBooklet()
        try FileManager.default.copyItem(atPath: CLI.projectRoot + "/Editions/logos/sint-anna.png", toPath: folder + "/figuur.png")
        let file = folder + "/02-klachten-en-symptomen.md"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "## Bloedingen", with: image + "\n\n## Bloedingen").write(toFile: file, atomically: true, encoding: .utf8)
        return folder
    }

    @Test func anImageIsPlacedAndTaggedWithItsAltText() throws {
        let folder = try booklet("![Een kruis van vier bloemblaadjes](figuur.png)")
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: folder).deletingLastPathComponent().path) }
        let output = folder + "/../out.pdf"
        let result = try CLI.katern(["build", "--booklet", folder, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let images = try CLI.run("/usr/bin/pdfimages", ["-list", output]).stdout.split(separator: "\n").dropFirst(2)
        #expect(images.contains { $0.contains(" image ") })
        let tree = try CLI.run("/usr/bin/pdfinfo", ["-struct-text", output]).stdout
        #expect(tree.contains("Figure"))
        let objects = try CLI.run("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", output, "-"]).stdout
        #expect(objects.contains("/Alt (Een kruis van vier bloemblaadjes)"))
    }

    /// One image three times (on one page): the PDF holds it once and the page's resources name it
    /// once (a dictionary never repeats a key), so qpdf finds nothing and `check --pdf` (which
    /// reports what qpdf finds damaged) passes.
    @Test func anImageUsedThreeTimesLeavesASoundFile() throws {
        let folder = try booklet((0..<3).map { "![Bloemblaadjes \($0)](figuur.png)" }.joined(separator: "\n\n"))
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: folder).deletingLastPathComponent().path) }
        let output = folder + "/../out.pdf"
        let result = try CLI.katern(["build", "--booklet", folder, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let check = try CLI.run("/usr/bin/qpdf", ["--check", output])
        #expect(check.status == 0 && !check.stdout.contains("WARNING") && !check.stderr.contains("WARNING"), "\(check.stdout)\(check.stderr)")
        let ours = try CLI.katern(["check", "--pdf", output])
        #expect(ours.status == 0, "\(ours.stdout)\(ours.stderr)")
    }

    @Test func anImageWithoutAltTextIsAnError() throws {
        let folder = try booklet("![](figuur.png)")
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: folder).deletingLastPathComponent().path) }
        let output = folder + "/../out.pdf"
        let result = try CLI.katern(["build", "--booklet", folder, "--output", output])
        #expect(result.status == 1)
        #expect(result.stderr.contains("02-klachten-en-symptomen.md:"))
        #expect(result.stderr.contains(": error: the image 'figuur.png' has no alt text"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func anImageOutsideTheBookletIsAnError() throws {
        let folder = try booklet("![Wachtwoorden](../../../../etc/passwd)")
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: folder).deletingLastPathComponent().path) }
        let result = try CLI.katern(["build", "--booklet", folder, "--output", folder + "/../out.pdf"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/02-klachten-en-symptomen.md:"), "\(result.stderr)")
        #expect(result.stderr.contains("leads outside the folder"), "\(result.stderr)")
    }
}

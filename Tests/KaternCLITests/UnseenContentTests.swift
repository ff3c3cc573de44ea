import Foundation
import KaternTestSupport
import Testing

/// What a new user meets outside the ALL booklet, end to end: nothing faked or dropped in
/// silence, and no CI run that passes on partial or different output.
@Suite struct UnseenContentTests {
    /// A project folder in a temporary directory: the repository's sources (booklet, layouts,
    /// fonts, editions, hyphenation, languages) copied, without `Output/`.
    struct Project {
        let root: String

        init() throws {
            root = try CLI.temporaryFolder()
            for folder in ["Booklets", "Layouts", "Fonts", "Editions", "Hyphenation", "Languages"] {
                try FileManager.default.copyItem(atPath: CLI.projectRoot + "/" + folder, toPath: root + "/" + folder)
            }
            try FileManager.default.createDirectory(atPath: root + "/Output", withIntermediateDirectories: false)
        }

        /// A chapter: its path in the project (as errors name it), and where it is.
        static let chapterName = "Booklets/all/02-klachten-en-symptomen.md"
        var chapter: String { root + "/" + Self.chapterName }

        func replace(_ from: String, with to: String, in file: String) throws {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.contains(from), "\(from) not in \(file)")
            try text.replacingOccurrences(of: from, with: to).write(toFile: file, atomically: true, encoding: .utf8)
        }

        func line(of needle: String, in file: String) throws -> Int {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            return try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }) + 1
        }

        /// Runs katern in the project folder, as a user would.
        func katern(_ arguments: [String]) throws -> CLI.Result {
            try CLI.run(CLI.executable, arguments, in: root)
        }

        var outputs: [String] { (try? FileManager.default.contentsOfDirectory(atPath: root + "/Output").sorted()) ?? [] }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    // MARK: nothing faked in silence

    /// A character no font in Fonts/ has is an error at its line with its code point (it was
    /// printed as a hex box, exit 0).
    @Test func aCharacterNoFontHasIsAnError() throws {
        let project = try Project()
        defer { project.remove() }
        try project.replace("De klachten bij acute lymfatische leukemie", with: "De klachten ☃ bij acute lymfatische leukemie", in: project.chapter)
        let line = try project.line(of: "☃", in: project.chapter)
        for command in [["build"], ["check"]] {
            let result = try project.katern(command)
            #expect(result.status == 1)
            // At the character's own line and column ("De klachten " comes before it).
            #expect(result.stderr.contains("\(Project.chapterName):\(line):13: error: the character '☃' (U+2603) is in no font in Fonts/"), "\(result.stderr)")
        }
        #expect(project.outputs.isEmpty)
    }

    /// A weight or slant the family lacks is an error, at the layout's line (for a style) or at
    /// the text's line (for emphasis in a heading set in Lato Black): never faked or swapped.
    @Test func aFaceTheFamilyLacksIsAnError() throws {
        let project = try Project()
        defer { project.remove() }
        let layout = project.root + "/Layouts/a5.yaml"
        try project.replace("heading-2:\n  font: Lato\n  weight: bold", with: "heading-2:\n  font: Lato\n  weight: medium", in: layout)
        let result = try project.katern(["build"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Layouts/a5.yaml:\(try project.line(of: "weight: medium", in: layout)): error: Fonts/ has no medium face of 'Lato'"), "\(result.stderr)")
        #expect(project.outputs.isEmpty)

        let other = try Project()
        defer { other.remove() }
        try other.replace("# Klachten en symptomen", with: "# Klachten en *symptomen*", in: other.chapter)
        let italic = try other.katern(["build"])
        #expect(italic.status == 1)
        #expect(italic.stderr.contains("\(Project.chapterName):1: error: Fonts/ has no black italic face of 'Lato'"), "\(italic.stderr)")
    }

    // MARK: CI traps

    /// A mistyped editions folder is an error (it built the base booklet alone and exited 0).
    @Test func aMistypedEditionsFolderIsAnError() throws {
        let project = try Project()
        defer { project.remove() }
        let result = try project.katern(["build", "--all-editions", "--editions", project.root + "/Editons"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Editons: error: the editions folder not found"), "\(result.stderr)")
        #expect(project.outputs.isEmpty)
    }

    /// A fresh clone has no Output/: it is made, for one build and for a batch's folder.
    @Test func aMissingOutputFolderIsMade() throws {
        let project = try Project()
        defer { project.remove() }
        try FileManager.default.removeItem(atPath: project.root + "/Output")
        let single = try project.katern(["build"])
        #expect(single.status == 0, "\(single.stderr)")
        #expect(project.outputs == ["all.pdf"])
        let batch = try project.katern(["build", "--all-editions", "--jobs", "2", "--output-folder", project.root + "/ci/pdfs"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let made = try FileManager.default.contentsOfDirectory(atPath: project.root + "/ci/pdfs").sorted()
        #expect(made == ["all-noordwest.pdf", "all-rivierenland.pdf", "all-sint-anna.pdf", "all.pdf", "manifest.json"])
    }

    /// Every project file (Hyphenation/ too) comes from the project folder: a build started
    /// elsewhere with --project gives the same bytes as one started in the project.
    @Test func theProjectFolderNotTheWorkingDirectoryDecides() throws {
        let project = try Project()
        defer { project.remove() }
        let inside = try CLI.run(CLI.executable, ["build", "--output", project.root + "/inside.pdf"], in: project.root)
        #expect(inside.status == 0, "\(inside.stderr)")
        let elsewhere = try CLI.run(CLI.executable, ["build", "--project", project.root, "--output", project.root + "/outside.pdf"], in: "/")
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: project.root + "/inside.pdf")) == Data(contentsOf: URL(fileURLWithPath: project.root + "/outside.pdf")))
    }

    /// Without a date (or SOURCE_DATE_EPOCH), the PDF's date comes from file times, which
    /// differ between clones: said as a warning. The sample booklet has a date.
    @Test func aBookletWithoutADateIsWarned() throws {
        let project = try Project()
        defer { project.remove() }
        let index = project.root + "/Booklets/all/index.md"
        try project.replace("date: 2024-05-01", with: "", in: index)
        let result = try project.katern(["build"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("index.md: warning: the booklet has no date"), "\(result.stderr)")
        let strict = try project.katern(["build", "--strict"])
        #expect(strict.status == 1)
        let sample = try project.katern(["build", "--booklet", CLI.projectRoot + "/Booklets/all", "--output", project.root + "/x.pdf"])
        #expect(!sample.stderr.contains("warning"))
    }

    /// Another layout writes a PDF of its own name: the screen PDF is never overwritten.
    @Test func anotherLayoutWritesItsOwnPDF() throws {
        let project = try Project()
        defer { project.remove() }
        #expect(try project.katern(["build"]).status == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: project.root + "/Output/all.pdf"))
        let large = try project.katern(["build", "--layout", project.root + "/Layouts/a5-large-print.yaml"])
        #expect(large.status == 0)
        #expect(large.stdout.contains("Output/all-a5-large-print.pdf"))
        #expect(project.outputs == ["all-a5-large-print.pdf", "all.pdf"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: project.root + "/Output/all.pdf")) == first)
    }

    /// `--output x --impose` writes the imposed PDF beside x, never over it.
    @Test func imposingNeverOverwritesTheScreenPDF() throws {
        let project = try Project()
        defer { project.remove() }
        let output = project.root + "/boekje"
        let result = try project.katern(["build", "--output", output, "--impose", "saddle-stitch"])
        #expect(result.status == 0, "\(result.stderr)")
        let screen = try CLI.run("/usr/bin/pdfinfo", [output]).stdout
        let imposed = try CLI.run("/usr/bin/pdfinfo", [project.root + "/boekje-imposed.pdf"]).stdout
        #expect(screen.contains("Page size:       419.528 x 595.276 pts"), "\(screen)")
        #expect(imposed.contains("Page size:       841.89 x 595.28 pts"), "\(imposed)")
        #expect(imposed.contains("CreationDate:    Wed May  1 00:00:00 2024 UTC"), "the imposed PDF takes the booklet's date, never the clock: \(imposed)")
    }

    /// `--strict` fails a batch on exactly what it fails a single build on (a block taller than
    /// a page, here; the batch only looked at overfull and loose lines).
    @Test func strictIsTheSameForOneBuildAndForABatch() throws {
        let project = try Project()
        defer { project.remove() }
        let long = Array(repeating: "Een heel lang citaat dat maar doorgaat over bijna alles.", count: 80).joined(separator: " ")
        try project.replace("## Bloedingen", with: "> \(long)\n\n## Bloedingen", in: project.chapter)
        try Data("%PDF previous\n%%EOF\n".utf8).write(to: URL(fileURLWithPath: project.root + "/Output/all.pdf"))
        let previous = try Data(contentsOf: URL(fileURLWithPath: project.root + "/Output/all.pdf"))
        let single = try project.katern(["build", "--strict"])
        #expect(single.status == 1)
        #expect(single.stderr.contains("error: this block is taller than a page and was split against the pagination rules (--strict)"), "\(single.stderr)")
        // A strict failure writes nothing: the previous PDF stays.
        #expect(try Data(contentsOf: URL(fileURLWithPath: project.root + "/Output/all.pdf")) == previous)
        try FileManager.default.createDirectory(atPath: project.root + "/Leeg", withIntermediateDirectories: false)
        let batch = try project.katern(["build", "--all-editions", "--strict", "--editions", project.root + "/Leeg"])
        #expect(batch.status == 1, "\(batch.stdout)\(batch.stderr)")
        #expect(batch.stderr.contains("this block is taller than a page"), "\(batch.stderr)")
        let plain = try project.katern(["build"])
        #expect(plain.status == 0)
    }

    // MARK: the command line

    /// Usage errors exit 64 (EX_USAGE), as the README says; options that would be ignored in a
    /// combination are usage errors.
    @Test(arguments: [
        ["build", "--jobs", "0", "--all-editions"],
        ["build", "--all-editions", "--impose", "saddle-stitch"],
        ["build", "--all-editions", "--output", "x.pdf"],
        ["build", "--jobs", "2"],
        ["build", "--output-folder", "x"],
        ["build", "--shard", "1/2"],
        ["build", "--print", "--impose", "saddle-stitch"],
        ["preview", "--contact-sheet", "--pages", "1"],
        ["check", "--pdf", "x.pdf", "--report"],
        ["check", "--pdf", "x.pdf", "--edition", "sint-anna"],
        ["check", "--strict"],
        ["check", "json"],
        ["bench", "--edition-count", "0"],
        ["build", "--bogus"],
    ])
    func aCombinationThatCannotWorkIsAUsageError(arguments: [String]) throws {
        let project = try Project()
        defer { project.remove() }
        let result = try project.katern(arguments)
        #expect(result.status == 64, "\(arguments): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains("Error:") || result.stderr.contains("error:"), "\(result.stderr)")
        #expect(project.outputs.isEmpty)
    }

    /// `bench --edition-count` sets the batch size; `--editions` stays the editions folder.
    @Test func benchCountsItsEditions() throws {
        let project = try Project()
        defer { project.remove() }
        let result = try project.katern(["bench", "--runs", "1", "--edition-count", "2", "--editions", project.root + "/Editions",
                                         "--long-paragraphs", "20", "--jobs", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        // The four figures of the README's performance table, each with its peak memory.
        for figure in ["booklet, whole process: median", "2 editions and the base booklet, 2 at a time",
                       "one paragraph changed, rebuilt in process", "long document, 20 paragraphs", "long document, 2 paragraphs"] {
            #expect(result.stdout.contains(figure), "\(figure) not in \(result.stdout)")
        }
        #expect(result.stdout.components(separatedBy: "peak memory").count - 1 == 5, "\(result.stdout)")
    }

    /// Two headings in Greek have ids of their own (both were "", "used twice").
    @Test func headingsInAnotherScriptHaveTheirOwnIDs() throws {
        let project = try Project()
        defer { project.remove() }
        try project.replace("## Bloedingen", with: "## Θεραπεία\n\nΚείμενο.\n\n## Διάγνωση\n\nΚείμενο.\n\n## Bloedingen", in: project.chapter)
        let result = try project.katern(["check"])
        #expect(result.status == 0, "\(result.stderr)")
    }
}

import Foundation
import KaternTestSupport
import Testing

/// Links as a screen reader and a PDF viewer meet them: each link is one `Link` element that
/// reads as its text (over emphasis, a line break, a page break), goes where it says (headings
/// with ids in any script, headings inside quotes), and `katern check --pdf` finds a link that
/// goes nowhere.
@Suite(.serialized) struct LinkTests {
    /// A small project: the shipped layouts, fonts, hyphenation and languages, and one chapter.
    struct Project {
        let root: String

        init(chapter: String) throws {
            root = try CLI.temporaryFolder()
            for folder in ["Layouts", "Fonts", "Hyphenation", "Languages"] {
                try FileManager.default.copyItem(atPath: CLI.projectRoot + "/" + folder, toPath: root + "/" + folder)
            }
            try FileManager.default.createDirectory(atPath: root + "/Booklets/x", withIntermediateDirectories: true)
            try """
            ---
            title: "Koppelingen"
            kind: "Testboekje"
            publisher: "Tester"
            subject: "Koppelingen"
            language: nl-NL
            date: 2024-05-01
            chapters: [a.md]
            ---

            """.write(toFile: root + "/Booklets/x/index.md", atomically: true, encoding: .utf8)
            try chapter.write(toFile: root + "/Booklets/x/a.md", atomically: true, encoding: .utf8)
        }

        func katern(_ arguments: [String]) throws -> CLI.Result {
            try CLI.run(CLI.executable, arguments + ["--project", root, "--booklet", root + "/Booklets/x"], in: root)
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    static let chapter = """
        # Behandeling

        Zie [de therapie](#θεραπεία), [het café](#café) en [een *nadrukkelijke* koppeling](https://www.example.nl/a).

        Dit is een lange zin met een [koppeling waarvan de tekst heel erg lang is en zeker over twee regels breekt omdat hij zo lang is](https://www.example.nl/een/pad) en daarna gaat de tekst gewoon verder.

        > ## Kop in een citaat {#citaatkop}
        >
        > Tekst in het citaat.

        Zie [de kop in het citaat](#citaatkop). Naam:\tJan Jansen.

        ## Θεραπεία

        Tekst.

        ## In het café {#café}

        Tekst.

        """

    /// The texts of the PDF's `Link` elements, as poppler reads the structure tree.
    static func linkTexts(_ pdf: String) throws -> [String] {
        let lines = try CLI.run("/usr/bin/pdfinfo", ["-struct-text", pdf]).stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.indices.compactMap { i in
            guard lines[i] == "Link (inline)", i + 1 < lines.count, lines[i + 1].hasPrefix("\"") else { return nil }
            return String(lines[i + 1].dropFirst().dropLast())
        }
    }

    @Test func eachLinkIsOneElementReadAsItsTextAndGoesWhereItSays() throws {
        let project = try Project(chapter: Self.chapter)
        defer { project.remove() }
        let pdf = project.root + "/out.pdf"
        let build = try project.katern(["build", "--output", pdf])
        try #require(build.status == 0, "\(build.stderr)")
        let links = try Self.linkTexts(pdf)
        // One element each, whole: emphasis does not split a link, a line break keeps its space.
        for text in ["de therapie", "het café", "een nadrukkelijke koppeling", "de kop in het citaat",
                     "koppeling waarvan de tekst heel erg lang is en zeker over twee regels breekt omdat hij zo lang is"] {
            #expect(links.filter { $0 == text }.count == 1, "\(text) is not one Link element: \(links)")
        }
        // Every annotation goes to a named place the PDF has (ids in Greek and with accents too).
        let check = try CLI.katern(["check", "--pdf", pdf])
        #expect(check.status == 0, "\(check.stderr)")
        let structure = try PDFStructure(pdf)
        let toHeadings = structure.annotations.filter { $0.dest != nil }
        #expect(toHeadings.count >= 3 + 2, "the three links to headings and the contents' entries")
        // A tab reads as a space, and the text in NFC.
        let text = try CLI.run("/usr/bin/pdfinfo", ["-struct-text", pdf]).stdout
        #expect(text.contains("Naam: Jan Jansen."), "a tab is not read as a space")
    }

    /// Text pasted in decomposed form (NFD) is set and read as composed text.
    @Test func decomposedTextReadsComposed() throws {
        let chapter = "# Trema\n\n## Patiënten en coördinatie\n\nDe patiënten en de coördinatie van de zorg.\n".decomposedStringWithCanonicalMapping
        let project = try Project(chapter: chapter)
        defer { project.remove() }
        let pdf = project.root + "/out.pdf"
        try #require(try project.katern(["build", "--output", pdf]).status == 0)
        let text = try CLI.run("/usr/bin/pdfinfo", ["-struct-text", pdf]).stdout
        // Compared as bytes: Swift's strings compare canonically, so "ë" equals "e\u{308}".
        let expected = "De patiënten en de coördinatie van de zorg.".precomposedStringWithCanonicalMapping
        #expect(Data(text.utf8).range(of: Data(expected.utf8)) != nil, "\(text)")
        #expect(!text.unicodeScalars.contains("\u{308}"), "a combining diaeresis in the PDF's text")
    }

    /// A link without text to show is an error at its line (a link nobody can see or read).
    @Test func aLinkWithoutTextIsAnError() throws {
        let project = try Project(chapter: "# Kop\n\nTekst [ ](https://www.example.nl) en meer.\n")
        defer { project.remove() }
        let result = try project.katern(["check"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("a.md:3:"), "\(result.stderr)")
        #expect(result.stderr.contains("a link without text"), "\(result.stderr)")
        // A build says the same, exits 1 and writes no PDF.
        let pdf = project.root + "/out.pdf"
        let build = try project.katern(["build", "--output", pdf])
        #expect(build.status == 1)
        #expect(build.stderr.contains("a.md:3:") && build.stderr.contains("a link without text"), "\(build.stderr)")
        #expect(!FileManager.default.fileExists(atPath: pdf), "a PDF was written")
    }

    /// `katern check --pdf` reports a link whose named destination the PDF lacks.
    @Test func aLinkThatGoesNowhereIsReported() throws {
        let project = try Project(chapter: Self.chapter)
        defer { project.remove() }
        let pdf = project.root + "/out.pdf"
        try #require(try project.katern(["build", "--output", pdf]).status == 0)
        // Rewritten by qpdf as QDF (a form meant for editing by hand), the destination renamed,
        // the offsets fixed by fix-qdf: a valid PDF whose link goes nowhere.
        let qdf = project.root + "/broken.qdf"
        #expect(try CLI.run("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", pdf, qdf]).status == 0)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: qdf))
        let range = try #require(bytes.range(of: Data("/Dest (behandeling)".utf8)))
        bytes.replaceSubrange(range, with: Data("/Dest (nergens)".utf8))
        try bytes.write(to: URL(fileURLWithPath: qdf))
        #expect(try CLI.run("/bin/sh", ["-c", "fix-qdf \"$0\" > \"$1\"", qdf, project.root + "/broken.pdf"]).status == 0)
        let check = try CLI.katern(["check", "--pdf", project.root + "/broken.pdf"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("a link to \"nergens\", a place the PDF does not have"), "\(check.stderr)")
    }

    /// A link's description says where it goes in a sentence, however long the heading: a
    /// heading of 2,000 words listed over many contents lines gave each line's annotation the
    /// whole heading (quadratic: 1.3 s of finishing for 10,000 words).
    @Test func descriptionsStayShort() throws {
        let heading = Array(repeating: "lange kop", count: 1000).joined(separator: " ")
        let project = try Project(chapter: "# Kop\n\nTekst.\n\n## \(heading)\n\nTekst.\n")
        defer { project.remove() }
        let pdf = project.root + "/out.pdf"
        let build = try project.katern(["build", "--output", pdf])
        try #require(build.status == 0, "\(build.stderr)")
        let annotations = try PDFStructure(pdf).annotations
        #expect(annotations.count > 10, "the long contents entry has a link on each of its lines")
        for annotation in annotations {
            let contents = try #require(annotation.contents)
            #expect(contents.count <= 140, "\(contents.prefix(80))... is \(contents.count) characters")
        }
        #expect(annotations.contains { $0.contents?.hasPrefix("Naar lange kop lange kop") == true && $0.contents?.hasSuffix("…") == true })
    }
}

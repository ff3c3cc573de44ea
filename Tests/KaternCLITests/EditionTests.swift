import Foundation
import KaternTestSupport
import Testing

/// Hospital editions end to end: the samples build and show what is theirs; every kind of bad
/// edition input gets `file:line: error: message`, a non-zero exit and no PDF.
@Suite struct EditionTests {
    /// A project folder in a temporary directory with one edition `x` (and its logo).
    struct Project {
        let root: String
        var editions: String { root + "/Editions" }
        var file: String { editions + "/x.yaml" }
        var output: String { root + "/out.pdf" }

        static let edition = """
            id: x
            name: "St. Anna & \\"De Linde\\" <Noord>"
            department: "Afdeling *Hematologie*"
            logo: logos/logo.svg
            colors:
              accent: "#8c2339"
            contacts:
              phone: "010 - 123 45 67"
              email: "info@st-anna.example"
            flags: [transplantatiecentrum]
            sections:
              - after: behandelplan
                insert: x/lokaal.md
              - omit: immuuntherapie

            """

        init(edition: String = Project.edition) throws {
            root = try CLI.temporaryFolder()
            try FileManager.default.createDirectory(atPath: root + "/Editions/logos", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: root + "/Editions/x", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: CLI.projectRoot + "/Editions/logos/noordwest.svg", toPath: root + "/Editions/logos/logo.svg")
            try "## Bij ons\n\nIn {{hospital.name}} bespreken we elk plan op dinsdag.\n".write(toFile: root + "/Editions/x/lokaal.md", atomically: true, encoding: .utf8)
            try edition.write(toFile: file, atomically: true, encoding: .utf8)
        }

        func edit(_ from: String, _ to: String) throws {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.contains(from))
            try text.replacingOccurrences(of: from, with: to).write(toFile: file, atomically: true, encoding: .utf8)
        }

        func line(of needle: String, in path: String? = nil) throws -> Int {
            let text = try String(contentsOfFile: path ?? file, encoding: .utf8)
            return try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }) + 1
        }

        func build() throws -> CLI.Result {
            try CLI.katern(["build", "--editions", editions, "--edition", "x", "--output", output])
        }

        /// Builds, expects failure without a PDF, returns standard error.
        func failingBuild() throws -> String {
            let result = try build()
            #expect(result.status == 1)
            #expect(!FileManager.default.fileExists(atPath: output))
            #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["Editions"])
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
            let check = try CLI.katern(["check", "--editions", editions, "--edition", "x"])
            #expect(check.status == 1)
            #expect(check.stderr == result.stderr)
            return result.stderr
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    @Test func anEditionShowsItsNameLogoContactsAndPassagesLiterally() throws {
        let project = try Project()
        defer { project.remove() }
        let result = try project.build()
        #expect(result.status == 0, "\(result.stderr)")
        let text = try CLI.run("/usr/bin/pdftotext", ["-enc", "UTF-8", project.output, "-"]).stdout
        let name = "St. Anna & \"De Linde\" <Noord>"
        let cover = text.components(separatedBy: "\u{0C}")[0]
        #expect(cover.contains(name))
        #expect(cover.contains("Afdeling *Hematologie*"))
        #expect(text.components(separatedBy: name).count >= 4, "name on the cover, contact page, colophon and passage")
        #expect(text.contains("In \(name) bespreken we elk plan op dinsdag."))
        #expect(text.contains("010 - 123 45 67"))
        #expect(text.contains("info@st-anna.example"))
        #expect(!text.contains("Immuuntherapie"))
        #expect(text.contains("is een centrum voor stamceltransplantatie"))
        let info = try CLI.run("/usr/bin/pdfinfo", [project.output]).stdout
        #expect(info.contains("Author:          \(name)"))
        #expect(info.contains("Subject:") && info.contains("uitgave van \(name)"))
        // The SVG logo is on the cover as vectors (a form, not an image), read with qpdf.
        #expect(try PDFObjects(project.output).xObjectTypes(page: 0) == ["/Form"])
        let images = try CLI.run("/usr/bin/pdfimages", ["-list", project.output]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!images.contains { $0.split(separator: " ").first == "1" }, "the SVG logo was rasterised")
        // Reproducible: a second build gives the same bytes.
        let first = try Data(contentsOf: URL(fileURLWithPath: project.output))
        #expect(try project.build().status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: project.output)) == first)
        let diff = try CLI.katern(["diff", "--editions", project.editions, "--edition", "x"])
        #expect(diff.status == 0)
        #expect(diff.stdout.contains("+ inserted after #behandelplan: ## Bij ons"))
        #expect(diff.stdout.contains("- omitted: ## Immuuntherapie"))
        #expect(diff.stdout.contains("{{hospital.name}}: 'je ziekenhuis' -> '\(name)'"))
    }

    /// Images in an edition's passages are checked as the booklet's are, at `check` time, with
    /// the passage's file and line: no absolute path, nothing outside the project (not even
    /// through a link), no missing file, no file that is not an image.
    @Test(arguments: [
        ("/etc/passwd", "named by a path relative to this file"),
        ("../../../../../../etc/passwd", "leads outside the folder"),
        ("link.png", "leads outside the folder"),
        ("geen.png", "does not exist"),
        ("nep.png", "is not a PNG, JPEG or SVG file"),
    ])
    func aPassagesImageIsChecked(image: String, problem: String) throws {
        let project = try Project()
        defer { project.remove() }
        try FileManager.default.createSymbolicLink(atPath: project.editions + "/x/link.png", withDestinationPath: "/etc/passwd")
        try "geen plaatje".write(toFile: project.editions + "/x/nep.png", atomically: true, encoding: .utf8)
        let passage = project.editions + "/x/lokaal.md"
        try "## Bij ons\n\nIn {{hospital.name}} bespreken we elk plan op dinsdag.\n\n![De route naar de afdeling](\(image))\n"
            .write(toFile: passage, atomically: true, encoding: .utf8)
        let stderr = try project.failingBuild()
        #expect(stderr.hasPrefix("\(passage):5: error: "), "\(stderr)")
        #expect(stderr.contains(problem), "\(stderr)")
    }

    @Test func anUnknownKey() throws {
        let project = try Project()
        defer { project.remove() }
        try project.edit("colors:", "colours:")
        #expect(try project.failingBuild().hasPrefix("\(project.file):\(try project.line(of: "colours:")): error: unknown key 'colours' in the edition (did you mean 'colors'?)"))
    }

    @Test func aMissingLogo() throws {
        let project = try Project()
        defer { project.remove() }
        try project.edit("logos/logo.svg", "logos/none.svg")
        #expect(try project.failingBuild() == "\(project.file):4: error: the logo file \(project.editions)/logos/none.svg does not exist\n")
    }

    @Test(arguments: ["../../etc/passwd", "/etc/passwd", "logos/link.png"])
    func aLogoOutsideTheProject(path: String) throws {
        let project = try Project()
        defer { project.remove() }
        try FileManager.default.createSymbolicLink(atPath: project.editions + "/logos/link.png", withDestinationPath: "/etc/passwd")
        try project.edit("logos/logo.svg", path)
        let stderr = try project.failingBuild()
        #expect(stderr.hasPrefix("\(project.file):4: error: the logo path '\(path)' "))
        #expect(stderr.contains("leads outside the project folder") || stderr.contains("is absolute"))
    }

    @Test func aLogoThatIsNotAnImage() throws {
        let project = try Project()
        defer { project.remove() }
        try "not an image".write(toFile: project.editions + "/logos/fake.png", atomically: true, encoding: .utf8)
        try project.edit("logos/logo.svg", "logos/fake.png")
        #expect(try project.failingBuild() == "\(project.file):4: error: the logo \(project.editions)/logos/fake.png is not an image; use an SVG, PNG or JPEG file\n")
    }

    @Test func anUndefinedVariable() throws {
        let project = try Project()
        defer { project.remove() }
        let passage = project.editions + "/x/lokaal.md"
        try "## Bij ons\n\nBel {{hospital.nurse.name}} gerust.\n".write(toFile: passage, atomically: true, encoding: .utf8)
        let stderr = try project.failingBuild()
        #expect(stderr.hasPrefix("\(passage):3: error: variable '{{hospital.nurse.name}}' is not defined by \(project.file)"))
    }

    @Test func aSectionThatDoesNotExist() throws {
        let project = try Project()
        defer { project.remove() }
        try project.edit("omit: immuuntherapie", "omit: imuuntherapie")
        #expect(try project.failingBuild() == "\(project.file):\(try project.line(of: "omit:")): error: there is no section with id 'imuuntherapie' in the booklet (did you mean 'immuuntherapie'?)\n")
    }

    @Test func anInvalidColour() throws {
        let project = try Project()
        defer { project.remove() }
        try project.edit("\"#8c2339\"", "\"#8c23zz\"")
        #expect(try project.failingBuild() == "\(project.file):6: error: invalid colour '#8c23zz' for 'accent'; write it as '#rrggbb', such as '#1d6b45'\n")
    }

    @Test func aColourTheLayoutDoesNotHave() throws {
        let project = try Project()
        defer { project.remove() }
        try project.edit("  accent: \"#8c2339\"", "  brand: \"#8c2339\"")
        #expect(try project.failingBuild().hasPrefix("\(project.file):6: error: the layout has no colour 'brand' to override; its colours are accent, "))
    }

    /// An edition's id is its file name: one whose id differs is an error for `check` and for
    /// every build that reads it (it used to pass `check` and then be impossible to build).
    @Test func anEditionWhoseIDIsNotItsFileName() throws {
        let project = try Project()
        defer { project.remove() }
        try Project.edition.write(toFile: project.editions + "/y.yaml", atomically: true, encoding: .utf8)
        let expected = "\(project.editions)/y.yaml:1: error: the edition's id 'x' differs from its file name 'y'; name the file x.yaml or set id: y\n"
        let check = try CLI.katern(["check", "--editions", project.editions])
        #expect(check.status == 1)
        #expect(check.stderr == expected)
        let build = try CLI.katern(["build", "--editions", project.editions, "--edition", "y", "--output", project.output])
        #expect(build.status == 1)
        #expect(build.stderr == expected)
        #expect(!FileManager.default.fileExists(atPath: project.output))
    }

    @Test func allEditionsBuildsEveryEditionAndFailsAloneOnABrokenOne() throws {
        let project = try Project()
        defer { project.remove() }
        var broken = Project.edition.replacingOccurrences(of: "id: x", with: "id: z")
        broken = broken.replacingOccurrences(of: "logos/logo.svg", with: "logos/none.svg")
        try broken.write(toFile: project.editions + "/z.yaml", atomically: true, encoding: .utf8)
        let out = project.root + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        let result = try CLI.katern(["build", "--all-editions", "--editions", project.editions, "--output-folder", out])
        #expect(result.status == 1)
        #expect(result.stdout.contains("2 of 3 built"))
        #expect(result.stdout.contains("edition z: FAILED"))
        #expect(result.stderr.contains("z.yaml:4: error: the logo file"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["all-x.pdf", "all.pdf", "manifest.json"])
        let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"status\" : \"failed\"") && manifest.contains("\"sha256\" : "))
    }

    /// A batch shares shaped paragraphs between its workers (the first target is built alone,
    /// the others take what it shaped) and each worker keeps its pages: every PDF of a batch,
    /// one worker or two, is byte for byte the PDF a single build of that edition writes.
    @Test func aBatchWritesTheBytesOfSingleBuilds() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for jobs in ["1", "2"] {
            let result = try CLI.katern(["build", "--all-editions", "--jobs", jobs, "--output-folder", folder + "/batch" + jobs])
            #expect(result.status == 0, "\(result.stderr)")
        }
        for id in [nil, "noordwest", "rivierenland", "sint-anna"] as [String?] {
            let name = id.map { "all-\($0).pdf" } ?? "all.pdf"
            let single = try CLI.katern(["build", "--output", folder + "/" + name] + (id.map { ["--edition", $0] } ?? []))
            #expect(single.status == 0, "\(single.stderr)")
            let expected = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            for jobs in ["1", "2"] {
                let batch = try Data(contentsOf: URL(fileURLWithPath: folder + "/batch" + jobs + "/" + name))
                #expect(batch == expected, "\(name), \(jobs) at a time: the batch's PDF differs from a single build's")
            }
        }
    }

    /// An edition is found by its file, not by listing every edition: two files for another id
    /// do not stop it (they fail that id, and a batch, with the reason).
    @Test func anEditionIsFoundByItsFile() throws {
        let project = try Project()
        defer { project.remove() }
        let other = Project.edition.replacingOccurrences(of: "id: x", with: "id: b")
        try other.write(toFile: project.editions + "/b.yaml", atomically: true, encoding: .utf8)
        try other.write(toFile: project.editions + "/b.yml", atomically: true, encoding: .utf8)
        let x = try CLI.katern(["build", "--editions", project.editions, "--edition", "x", "--output", project.output])
        #expect(x.status == 0, "\(x.stderr)")
        let b = try CLI.katern(["build", "--editions", project.editions, "--edition", "b", "--output", project.root + "/b.pdf"])
        #expect(b.status == 1 && b.stderr.contains("duplicate edition id 'b'"), "\(b.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.root + "/b.pdf"))
        let missing = try CLI.katern(["build", "--editions", project.editions, "--edition", "y", "--output", project.output])
        // (An id with no file lists the folder, which reports the two files for 'b' first.)
        #expect(missing.status == 1 && missing.stderr.contains("error:"), "\(missing.stderr)")
        let batch = try CLI.katern(["build", "--all-editions", "--editions", project.editions, "--output-folder", project.root + "/out"])
        #expect(batch.status != 0 && batch.stderr.contains("duplicate edition id 'b'"), "\(batch.stdout)\(batch.stderr)")
    }

    @Test func theSampleEditionsBuildInParallel() throws {
        let result = try CLI.katern(["build", "--all-editions", "--jobs", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("4 of 4 built"))
        for (id, name) in [("rivierenland", "Ziekenhuis Rivierenland Midden"), ("sint-anna", "Sint Annagasthuis"), ("noordwest", "Noordwest Medisch Centrum")] {
            let pdf = CLI.projectRoot + "/Output/all-\(id).pdf"
            let text = try CLI.run("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"]).stdout
            #expect(text.components(separatedBy: "\u{0C}")[0].contains(name))
        }
        // The logos on the covers: the SVG ones as vectors, the PNG one as an image.
        for (id, kind) in [("rivierenland", "/Form"), ("sint-anna", "/Image"), ("noordwest", "/Form")] {
            #expect(try PDFObjects(CLI.projectRoot + "/Output/all-\(id).pdf").xObjectTypes(page: 0) == [kind], "\(id): logo on the cover")
        }
        let noordwest = try CLI.run("/usr/bin/pdftotext", ["-enc", "UTF-8", CLI.projectRoot + "/Output/all-noordwest.pdf", "-"]).stdout
        #expect(!noordwest.contains("Immuuntherapie"))
        let rivierenland = try CLI.run("/usr/bin/pdftotext", ["-enc", "UTF-8", CLI.projectRoot + "/Output/all-rivierenland.pdf", "-"]).stdout
        #expect(rivierenland.contains("Behandelplan in Ziekenhuis Rivierenland Midden"))
    }

    @Test func editionsAreListed() throws {
        let result = try CLI.katern(["editions"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").map { $0.split(separator: "\t")[0] } == ["noordwest", "rivierenland", "sint-anna"])
    }

    /// Section operations that cannot be done as written are errors at their line: a chapter
    /// replaced by a passage without its own chapter title, a chapter title inserted inside a
    /// chapter, a passage whose heading id the booklet already has (even when an omit later in
    /// the list would take one of the two away), two operations in one item.
    @Test(arguments: [
        ("  - replace: behandeling\n    with: x/lokaal.md\n", "is a chapter: the passage that replaces it must begin"),
        ("  - after: behandelplan\n    insert: x/hoofdstuk.md\n", "a new chapter can only be inserted after a whole chapter"),
        ("  - after: behandelplan\n    insert: x/dubbel.md\n  - omit: controles\n", "clashes with the booklet"),
        ("  - replace: behandelplan\n    with: x/lokaal.md\n    omit: immuuntherapie\n", "start each operation with '- '"),
    ])
    func anOperationThatCannotBeDoneIsAnError(operations: String, message: String) throws {
        let project = try Project()
        defer { project.remove() }
        try "# Ons hoofdstuk\n\nTekst.\n".write(toFile: project.editions + "/x/hoofdstuk.md", atomically: true, encoding: .utf8)
        try "## Controles\n\nTekst.\n".write(toFile: project.editions + "/x/dubbel.md", atomically: true, encoding: .utf8)
        let text = try String(contentsOfFile: project.file, encoding: .utf8)
        let start = try #require(text.range(of: "sections:\n"))
        try (String(text[..<start.upperBound]) + operations).write(toFile: project.file, atomically: true, encoding: .utf8)
        let stderr = try project.failingBuild()
        #expect(stderr.hasPrefix(project.file + ":"), "\(stderr)")
        #expect(stderr.contains(message), "\(stderr)")
    }

    /// A passage that begins with a chapter title, inserted after a whole chapter, is a chapter:
    /// it opens a page, its title in the footer and in the contents.
    @Test func aChapterInsertedAfterAChapterOpensAPage() throws {
        let project = try Project()
        defer { project.remove() }
        try "# Ons eigen hoofdstuk\n\nTekst van ons.\n".write(toFile: project.editions + "/x/hoofdstuk.md", atomically: true, encoding: .utf8)
        try project.edit("  - after: behandelplan\n    insert: x/lokaal.md", "  - after: behandeling\n    insert: x/hoofdstuk.md")
        #expect(try project.build().status == 0)
        let dump = try CLI.katern(["dump", "--editions", project.editions, "--edition", "x"]).stdout
        let page = try #require(dump.components(separatedBy: "\npage ").first { $0.contains("heading(level: 1): Ons eigen hoofdstuk") })
        #expect(page.contains("[Ons eigen hoofdstuk]"), "\(page.prefix(200))")
    }

    /// A booklet without a contact page still prints an edition's contacts, on a page of their own.
    @Test func contactsWithoutAContactPage() throws {
        let project = try Project()
        defer { project.remove() }
        let booklet = try CLI.copyOfBooklet()
        defer { try? FileManager.default.removeItem(atPath: (booklet as NSString).deletingLastPathComponent) }
        let index = booklet + "/index.md"
        try String(contentsOfFile: index, encoding: .utf8).replacingOccurrences(of: "contact: vragen.md\n", with: "")
            .write(toFile: index, atomically: true, encoding: .utf8)
        let result = try CLI.katern(["build", "--booklet", booklet, "--editions", project.editions, "--edition", "x", "--output", project.output])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try CLI.run("/usr/bin/pdftotext", [project.output, "-"]).stdout
        #expect(text.contains("Contact") && text.contains("010 - 123 45 67"), "the contacts are lost")
    }

    /// Printed values say something: an empty or blank name or department is an error; a
    /// character that reorders the text (a right-to-left override) too.
    @Test(arguments: [("department: \"Afdeling *Hematologie*\"", "department: \" \"", "is empty"),
                      ("name: \"St. Anna", "name: \"\\u202ESt. Anna", "bidirectional control")])
    func aValueThatPrintsWrongIsAnError(from: String, to: String, message: String) throws {
        let project = try Project()
        defer { project.remove() }
        try project.edit(from, to)
        let stderr = try project.failingBuild()
        #expect(stderr.hasPrefix("\(project.file):"), "\(stderr)")
        #expect(stderr.contains(message), "\(stderr)")
    }
}

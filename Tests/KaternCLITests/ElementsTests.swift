import Foundation
import KaternTestSupport
import Testing

/// Tables, boxes, checklists, glossaries, captions, JPEG photos and QR codes, end to end on the
/// sample booklet `Booklets/opname`, checked with tools other than Katern: zbarimg decodes the
/// printed QR code, pdfimages extracts the photo, qpdf reads the structure tree. Malformed
/// forms are errors at their line, and no PDF is written.
@Suite struct ElementsTests {
    static let built: (folder: String, pdf: String) = {
        let folder = try! CLI.temporaryFolder()
        let pdf = folder + "/opname.pdf"
        let result = try! CLI.katern(["build", "--booklet", "Booklets/opname", "--output", pdf])
        precondition(result.status == 0, result.stderr)
        return (folder, pdf)
    }()

    func copyOfOpname() throws -> String {
        let folder = try CLI.temporaryFolder() + "/opname"
        try FileManager.default.copyItem(atPath: CLI.projectRoot + "/Booklets/opname", toPath: folder)
        return folder
    }

    func edit(_ file: String, _ from: String, _ to: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(from))
        try text.replacingOccurrences(of: from, with: to).write(toFile: file, atomically: true, encoding: .utf8)
    }

    func line(of needle: String, in file: String) throws -> Int {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }) + 1
    }

    /// Builds the edited copy: the error, at the line, and no PDF.
    func failing(_ folder: String, _ arguments: [String] = []) throws -> String {
        let output = folder + "/../out.pdf"
        let result = try CLI.katern(["build", "--booklet", folder, "--output", output] + arguments)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
        return result.stderr
    }

    @Test func theQRCodeDecodesToItsAddress() throws {
        let zbar = "/usr/bin/zbarimg"
        try #require(FileManager.default.isExecutableFile(atPath: zbar), "zbarimg (Debian zbar-tools) is needed: ./Scripts/setup installs it")
        _ = try CLI.run("/usr/bin/pdftoppm", ["-r", "150", "-png", Self.built.pdf, Self.built.folder + "/page"])
        let pages = try FileManager.default.contentsOfDirectory(atPath: Self.built.folder).filter { $0.hasPrefix("page") }.sorted()
        var decoded: [String] = []
        for page in pages {
            let result = try CLI.run(zbar, ["-q", "--raw", Self.built.folder + "/" + page])
            decoded += result.stdout.split(separator: "\n").map(String.init)
        }
        #expect(decoded == ["https://www.example.nl/opname/film"])
    }

    /// The photo is in the PDF as the JPEG file itself (DCTDecode), byte for byte.
    @Test func aJPEGIsEmbeddedAsItIs() throws {
        let list = try CLI.run("/usr/bin/pdfimages", ["-list", Self.built.pdf]).stdout
        #expect(list.split(separator: "\n").contains { $0.contains(" jpeg ") && $0.contains("1200   800") }, "\(list)")
        // The photo is the only image: the SVG route map is drawn as vectors (a form).
        #expect(list.split(separator: "\n").dropFirst(2).count == 1, "\(list)")
        let objects = try PDFObjects(Self.built.pdf)
        #expect((0..<16).contains { objects.xObjectTypes(page: $0) == ["/Form"] })
        let prefix = Self.built.folder + "/img"
        _ = try CLI.run("/usr/bin/pdfimages", ["-j", Self.built.pdf, prefix])
        let extracted = try FileManager.default.contentsOfDirectory(atPath: Self.built.folder).filter { $0.hasPrefix("img") && $0.hasSuffix(".jpg") }
        #expect(extracted.count == 1)
        let original = try Data(contentsOf: URL(fileURLWithPath: CLI.projectRoot + "/Booklets/opname/images/ziekenhuis.jpg"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: Self.built.folder + "/" + extracted[0])) == original)
    }

    /// The structure tree has the table's parts with the header cells' scope, the boxes as
    /// asides (mapped to Div), the figures with their captions, the checklists as lists.
    @Test func theNewFormsAreTagged() throws {
        let objects = try CLI.run("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", Self.built.pdf, "-"]).stdout
        for type in ["Table", "THead", "TBody", "TR", "TH", "TD", "Aside", "Caption", "Figure", "L", "LI", "LBody"] {
            #expect(objects.contains("/S /\(type)\n") || objects.contains("/S /\(type) "), "no \(type) element")
        }
        #expect(objects.contains("/Scope /Column"))
        #expect(objects.contains("/RoleMap") && objects.contains("/Aside /Div"))
        #expect(objects.contains("/Alt (QR-code naar https://www.example.nl/opname/film: "))
        let ours = try CLI.katern(["check", "--pdf", Self.built.pdf])
        #expect(ours.status == 0, "\(ours.stdout)\(ours.stderr)")
        let qpdf = try CLI.run("/usr/bin/qpdf", ["--check", Self.built.pdf])
        #expect(qpdf.status == 0, "\(qpdf.stdout)")
    }

    /// `katern check --pdf` finds a table whose grid does not close and header cells without
    /// their scope (the PDF edited with qpdf's QDF form: one cell's type and one Scope renamed).
    @Test(arguments: [("/S /TD", "/S /TX", "its grid does not close"), ("/Scope /Column", "/Scopx /Column", "table header cells without /Scope")])
    func checkFindsABrokenTable(from: String, to: String, message: String) throws {
        let folder = try CLI.temporaryFolder()
        let qdf = folder + "/qdf.pdf", broken = folder + "/broken.pdf"
        #expect(try CLI.run("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", Self.built.pdf, qdf]).status == 0)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: qdf))
        let range = try #require(bytes.range(of: Data(from.utf8)))
        bytes.replaceSubrange(range, with: Data(to.utf8))
        try bytes.write(to: URL(fileURLWithPath: qdf))
        #expect(try CLI.run("/bin/sh", ["-c", "/usr/bin/fix-qdf \"$0\" > \"$1\"", qdf, broken]).status == 0)
        let check = try CLI.katern(["check", "--pdf", broken])
        #expect(check.status == 1)
        #expect(check.stderr.contains(message), "\(check.stderr)")
    }

    @Test func aRaggedTableRowIsAnErrorAtItsLine() throws {
        let folder = try copyOfOpname()
        let file = folder + "/03-weer-thuis.md"
        try edit(file, "| Omeprazol 20 mg | 1 | | | Een halfuur voor het ontbijt innemen |", "| Omeprazol 20 mg | 1 | Een halfuur voor het ontbijt innemen |")
        let at = try line(of: "| Omeprazol 20 mg", in: file)
        let stderr = try failing(folder)
        #expect(stderr.hasPrefix("\(file):\(at): error: this table row has 3 cells and the header has 5"), "\(stderr)")
    }

    @Test func anUnknownKindOfBoxIsAnError() throws {
        let folder = try copyOfOpname()
        let file = folder + "/03-weer-thuis.md"
        try edit(file, "> [!TIP]", "> [!HINT]")
        let stderr = try failing(folder)
        #expect(stderr.hasPrefix("\(file):\(try line(of: "[!HINT]", in: file)): error: '[!HINT]' is no kind of box"), "\(stderr)")
    }

    @Test func anImageThatIsNotWhatItsNameSaysIsAnError() throws {
        let folder = try copyOfOpname()
        try FileManager.default.removeItem(atPath: folder + "/images/ziekenhuis.jpg")
        try FileManager.default.copyItem(atPath: CLI.projectRoot + "/Editions/logos/sint-anna.png", toPath: folder + "/images/ziekenhuis.jpg")
        let file = folder + "/02-op-de-afdeling.md"
        let stderr = try failing(folder)
        #expect(stderr.hasPrefix("\(file):\(try line(of: "ziekenhuis.jpg", in: file)): error: the image"), "\(stderr)")
        #expect(stderr.contains("is named .jpg but is a PNG file; rename it to .png"), "\(stderr)")
    }

    /// Images a build cannot print faithfully are errors at the line that places them, in
    /// `check` as in `build`: an SVG with text (its fonts would be the machine's), a JPEG cut
    /// short, a photo stored sideways.
    @Test(arguments: [("route.svg", "Tests/KaternCLITests/Fixtures/images/text.svg", "holds text"),
                      ("ziekenhuis.jpg", "", "cut short or damaged"),
                      ("ziekenhuis.jpg", "Tests/KaternCLITests/Fixtures/images/sideways.jpg", "EXIF orientation (6)")])
    func anImageThatWouldNotPrintFaithfullyIsAnError(name: String, replacement: String, message: String) throws {
        let folder = try copyOfOpname()
        let target = folder + "/images/" + name
        if replacement.isEmpty {
            let whole = try Data(contentsOf: URL(fileURLWithPath: target))
            try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: target))
        } else {
            try FileManager.default.removeItem(atPath: target)
            try FileManager.default.copyItem(atPath: CLI.projectRoot + "/" + replacement, toPath: target)
        }
        let file = folder + "/02-op-de-afdeling.md"
        let expected = "\(file):\(try line(of: "images/" + name, in: file)): error: the image"
        let stderr = try failing(folder)
        #expect(stderr.hasPrefix(expected) && stderr.contains(message), "\(stderr)")
        let check = try CLI.katern(["check", "--booklet", folder])
        #expect(check.status == 1 && check.stderr.contains(expected) && check.stderr.contains(message), "\(check.stderr)")
    }

    @Test func anAddressTooLongForAPrintedQRCodeIsAnError() throws {
        let folder = try copyOfOpname()
        let file = folder + "/01-voorbereiden.md"
        try edit(file, "qr:https://www.example.nl/opname/film", "qr:https://www.example.nl/" + String(repeating: "lang", count: 150))
        let stderr = try failing(folder)
        #expect(stderr.hasPrefix("\(file):\(try line(of: "(qr:", in: file)): error: "), "\(stderr)")
        #expect(stderr.contains("too long for a QR code"), "\(stderr)")
    }

    @Test func aQRCodeToAnAddressThatMayNotBeALinkIsAnError() throws {
        let folder = try copyOfOpname()
        let file = folder + "/01-voorbereiden.md"
        try edit(file, "qr:https://www.example.nl/opname/film", "qr:javascript:alert(1)")
        let stderr = try failing(folder)
        #expect(stderr.hasPrefix("\(file):\(try line(of: "(qr:", in: file)): error: a 'javascript:' address may not become"), "\(stderr)")
    }

    /// A photo too coarse for print is a warning; under --strict an error, and no PDF.
    @Test func aCoarsePhotoIsAWarningAndUnderStrictAnError() throws {
        let folder = try copyOfOpname()
        let small = CLI.projectRoot + "/Tests/Corpus/elements/booklet/images/foto-klein.jpg"
        try FileManager.default.removeItem(atPath: folder + "/images/ziekenhuis.jpg")
        try FileManager.default.copyItem(atPath: small, toPath: folder + "/images/ziekenhuis.jpg")
        let file = folder + "/02-op-de-afdeling.md"
        let output = folder + "/../out.pdf"
        let warned = try CLI.katern(["build", "--booklet", folder, "--output", output])
        #expect(warned.status == 0, "\(warned.stderr)")
        #expect(warned.stderr.contains("\(file):\(try line(of: "ziekenhuis.jpg", in: file)): warning: the image ziekenhuis.jpg prints at"), "\(warned.stderr)")
        try FileManager.default.removeItem(atPath: output)
        let stderr = try failing(folder, ["--strict"])
        #expect(stderr.contains("ppi"), "\(stderr)")
    }
}

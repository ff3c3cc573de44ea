import Foundation

/// Hostile and careless input, generated: each case makes a small project (a short booklet, the
/// repository's layouts, fonts, hyphenation and language files) and spoils it in one way, as a
/// careless or hostile user would. The test runs each through `katern` and checks what every
/// case must show: no signal, no hang, no file outside the project read, no dangerous link, no
/// corrupt or partial PDF and no temporary file left, the previous PDF intact, and an error that
/// names a file (and a line where the input has one).
public struct HostileCase: Sendable, CustomStringConvertible {
    public enum Outcome: Sendable {
        /// Exit 1 with `file:line: error: ...` (or `file: error:`), the message containing `text`.
        case error(at: String, containing: String)
        /// Built (exit 0).
        case built
        /// Usage error (exit 64).
        case usage
    }

    public var name: String
    public var outcome: Outcome
    /// Extra arguments after `build` (the default command).
    public var arguments: [String] = []
    /// Spoils the project (its root folder).
    public var spoil: @Sendable (HostileProject) throws -> Void
    /// A shell prefix for the run (`ulimit -f 64;`) or a signal to send after a delay.
    public var shell: String = ""
    public var signalAfter: (signal: Int32, seconds: Double)? = nil

    public var description: String { name }

    public init(_ name: String, _ outcome: Outcome, arguments: [String] = [], shell: String = "",
                signalAfter: (Int32, Double)? = nil, spoil: @escaping @Sendable (HostileProject) throws -> Void) {
        self.name = name
        self.outcome = outcome
        self.arguments = arguments
        self.shell = shell
        self.signalAfter = signalAfter.map { (signal: $0.0, seconds: $0.1) }
        self.spoil = spoil
    }
}

/// A small project in a temporary folder to spoil: `Booklets/b` (an index and two chapters),
/// the repository's `Layouts`, `Fonts`, `Hyphenation` and `Languages`, an `Editions` folder with
/// one edition `x`, and `Output/` holding a previous `b.pdf`.
public struct HostileProject: Sendable {
    public let root: String
    public var booklet: String { root + "/Booklets/b" }
    public var chapter: String { booklet + "/een.md" }
    public var index: String { booklet + "/index.md" }
    public var layout: String { root + "/Layouts/a5.yaml" }
    public var edition: String { root + "/Editions/x.yaml" }
    public var output: String { root + "/Output/b.pdf" }

    public static let png = Data([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x02,
                                  0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a, 0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41,
                                  0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x44, 0x0c, 0x10, 0x0a, 0x00, 0x1f, 0xee, 0x03, 0xfd, 0x8b, 0x5f, 0x14,
                                  0xd4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])

    public static let index = """
        ---
        title: "Proef"
        kind: "Patiëntenfolder"
        language: nl-NL
        publisher: "Katern"
        date: 2024-05-01
        chapters:
          - een.md
          - twee.md
        contact: vragen.md
        colophon: colofon.md
        ---

        > Een citaat op de eerste bladzijde.

        """

    public init() throws {
        root = try CLI.temporaryFolder()
        let fm = FileManager.default
        for folder in ["Layouts", "Fonts", "Hyphenation", "Languages"] {
            try fm.copyItem(atPath: CLI.projectRoot + "/" + folder, toPath: root + "/" + folder)
        }
        try fm.createDirectory(atPath: booklet, withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/Editions/x", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/Output", withIntermediateDirectories: true)
        try write(Self.index, to: index)
        try write("# Een\n\nDe eerste alinea van het boekje, met een paar woorden.\n\n## Verder\n\n- een punt\n- nog een punt\n\nBel 030 - 760 38 90.\n", to: chapter)
        try write("# Twee\n\nDe tweede alinea.\n\n![Een plaatje](plaatje.png)\n", to: booklet + "/twee.md")
        try write("# Vragen?\n\nBel ons.\n", to: booklet + "/vragen.md")
        try write("© Katern 2024\n", to: booklet + "/colofon.md")
        try Self.png.write(to: URL(fileURLWithPath: booklet + "/plaatje.png"))
        try Self.png.write(to: URL(fileURLWithPath: root + "/Editions/logo.png"))
        try write("id: x\nname: \"Ziekenhuis X\"\nlogo: logo.png\ncontacts:\n  web: \"https://www.x.example\"\nsections:\n  - after: verder\n    insert: x/lokaal.md\n", to: edition)
        try write("## Lokaal\n\nBij ons gaat het zo.\n", to: root + "/Editions/x/lokaal.md")
        // A previous PDF at the output path: it must survive every failed build.
        try Data("%PDF-1.5 previous\n%%EOF\n".utf8).write(to: URL(fileURLWithPath: output))
    }

    public func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    public func replace(_ from: String, with to: String, in path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard text.contains(from) else { throw SupportError("'\(from)' not in \(path)") }
        try write(text.replacingOccurrences(of: from, with: to), to: path)
    }

    public func append(_ text: String, to path: String) throws {
        try write(try String(contentsOfFile: path, encoding: .utf8) + text, to: path)
    }

    /// A file outside the project whose text must never reach a PDF.
    public static func secret() throws -> String {
        let folder = try CLI.temporaryFolder()
        let path = folder + "/secret.md"
        try "# Geheim\n\nroot:x:0:0:GEHEIM-buiten-het-project\n".write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    public func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// The hostile cases, class by class.
public enum HostileCorpus {
    static func nested(_ depth: Int, _ marker: (Int) -> String) -> String {
        (0..<depth).map { String(repeating: "  ", count: $0 * 2) + marker($0) + "niveau" }.joined(separator: "\n")
    }

    static func layoutValue(_ name: String, _ from: String, _ to: String, _ message: String) -> HostileCase {
        HostileCase("layout: \(name)", .error(at: "Layouts/a5.yaml", containing: message)) { p in
            try p.replace(from, with: to, in: p.layout)
        }
    }

    public static let cases: [HostileCase] = links + symlinks + crashes + hangs + memory + output + lostText + fonts + errors

    // 1. Files outside the project, through symbolic links.
    static let symlinks: [HostileCase] = [
        HostileCase("a chapter that links out", .error(at: "Booklets/b/index.md", containing: "leads outside")) { p in
            try FileManager.default.removeItem(atPath: p.chapter)
            try FileManager.default.createSymbolicLink(atPath: p.chapter, withDestinationPath: try HostileProject.secret())
        },
        HostileCase("a chapter in a linked folder", .error(at: "Booklets/b/index.md", containing: "leads outside")) { p in
            let secret = try HostileProject.secret()
            try FileManager.default.createSymbolicLink(atPath: p.booklet + "/map", withDestinationPath: (secret as NSString).deletingLastPathComponent)
            try p.replace("  - een.md", with: "  - map/secret.md", in: p.index)
        },
        HostileCase("a contact page that links to /etc/passwd", .error(at: "Booklets/b/index.md", containing: "leads outside")) { p in
            try FileManager.default.removeItem(atPath: p.booklet + "/vragen.md")
            try FileManager.default.createSymbolicLink(atPath: p.booklet + "/vragen.md", withDestinationPath: "/etc/passwd")
        },
        HostileCase("a colophon that links to /etc/passwd", .error(at: "Booklets/b/index.md", containing: "leads outside")) { p in
            try FileManager.default.removeItem(atPath: p.booklet + "/colofon.md")
            try FileManager.default.createSymbolicLink(atPath: p.booklet + "/colofon.md", withDestinationPath: "/etc/passwd")
        },
        HostileCase("an image that links out", .error(at: "Booklets/b/twee.md:5", containing: "leads outside")) { p in
            try FileManager.default.removeItem(atPath: p.booklet + "/plaatje.png")
            try FileManager.default.createSymbolicLink(atPath: p.booklet + "/plaatje.png", withDestinationPath: "/usr/share/pixmaps/debian-logo.png")
        },
        HostileCase("an edition's passage that links out", .error(at: "Editions/x.yaml:8", containing: "leads outside"), arguments: ["--edition", "x"]) { p in
            try FileManager.default.removeItem(atPath: p.root + "/Editions/x/lokaal.md")
            try FileManager.default.createSymbolicLink(atPath: p.root + "/Editions/x/lokaal.md", withDestinationPath: try HostileProject.secret())
        },
        HostileCase("a link inside the project is fine", .built) { p in
            try FileManager.default.moveItem(atPath: p.chapter, toPath: p.root + "/gedeeld.md")
            try FileManager.default.createSymbolicLink(atPath: p.chapter, withDestinationPath: "../../gedeeld.md")
        },
    ]

    // 2. What crashed (a signal).
    static let crashes: [HostileCase] = [
        HostileCase("lists nested 1,100 deep", .error(at: "Booklets/b/een.md", containing: "nested more than")) { p in
            try p.append("\n" + nested(1100, { _ in "- " }) + "\n", to: p.chapter)
        },
        HostileCase("numbered lists nested 1,100 deep", .error(at: "Booklets/b/een.md", containing: "nested more than")) { p in
            try p.append("\n" + nested(1100, { _ in "1. " }) + "\n", to: p.chapter)
        },
        HostileCase("mixed lists nested 1,100 deep", .error(at: "Booklets/b/een.md", containing: "nested more than")) { p in
            try p.append("\n" + nested(1100, { $0 % 2 == 0 ? "- " : "1. " }) + "\n", to: p.chapter)
        },
        HostileCase("quotes 10,000 deep", .error(at: "Booklets/b/een.md", containing: "nested more than")) { p in
            try p.append("\n" + String(repeating: ">", count: 10_000) + " diep\n", to: p.chapter)
        },
        HostileCase("an image that is a folder", .error(at: "Booklets/b/twee.md:5", containing: "is a folder")) { p in
            try FileManager.default.removeItem(atPath: p.booklet + "/plaatje.png")
            try FileManager.default.createDirectory(atPath: p.booklet + "/plaatje.png", withIntermediateDirectories: false)
        },
        HostileCase("a logo that is a folder", .error(at: "Editions/x.yaml:3", containing: "is a folder"), arguments: ["--edition", "x"]) { p in
            try FileManager.default.removeItem(atPath: p.root + "/Editions/logo.png")
            try FileManager.default.createDirectory(atPath: p.root + "/Editions/logo.png", withIntermediateDirectories: false)
        },
        layoutValue("inner: infmm", "inner: 19mm", "inner: infmm", "must be from"),
        layoutValue("tracking: 1e12", "tracking: 0.06", "tracking: 1e12", "must be a number from"),
        layoutValue("tracking: nan", "tracking: 0.06", "tracking: nan", "must be a number from"),
        layoutValue("size: 1e9pt", "size: 9.8pt", "size: 1e9pt", "must be from 4pt to 200pt"),
        layoutValue("size: 1e308pt", "size: 9.8pt", "size: 1e308pt", "must be from 4pt to 200pt"),
        layoutValue("bullet: \"\"", "bullet: \"•\"", "bullet: \"\"", "must not be empty"),
        layoutValue("an empty notes title", "title: \"Notities\"", "title: \"\"", "must not be empty"),
        layoutValue("rule-spacing: 0mm", "rule-spacing: 8mm", "rule-spacing: 0mm", "must be from 4mm"),
    ]

    // 3. Hangs and superlinear cost.
    static let hangs: [HostileCase] = [
        HostileCase("one paragraph of 256 KB", .built) { p in
            let words = ["behandeling", "patiënt", "bloed", "onderzoek", "de", "een", "leukemie", "en", "met", "chemotherapie"]
            var text = "", n = 0
            while text.utf8.count < 256 * 1024 { text += words[n % words.count] + " "; n += 7 }
            try p.append("\n" + text + "\n", to: p.chapter)
        },
        HostileCase("a heading of 10,000 words", .built) { p in
            try p.append("\n## " + Array(repeating: "lange kop", count: 5000).joined(separator: " ") + "\n\nTekst.\n", to: p.chapter)
        },
        HostileCase("a letter with 100,000 marks", .error(at: "Booklets/b/een.md:3", containing: "stacked on one letter")) { p in
            try p.replace("De eerste", with: "A" + String(repeating: "\u{301}", count: 100_000) + " eerste", in: p.chapter)
        },
        HostileCase("YAML aliases that expand to millions", .error(at: "Booklets/b/index.md", containing: "aliases expand to more than")) { p in
            var yaml = "variables:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
            for i in 1..<8 { yaml += "  a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
            try p.replace("chapters:", with: yaml + "chapters:", in: p.index)
        },
        // Katern reads keys as text: these are one key twice (Yams alone tells the tags apart).
        HostileCase("a variable given twice, once with a tag", .error(at: "Booklets/b/index.md", containing: "duplicate keys: 1")) { p in
            try p.replace("chapters:", with: "variables:\n  \"1\": een\n  !!int 1: twee\nchapters:", in: p.index)
        },
        HostileCase("a layout key given twice, once with a tag", .error(at: "Layouts/a5.yaml", containing: "duplicate keys")) { p in
            try p.append("\n!!str page: {}\n", to: p.root + "/Layouts/a5.yaml")
        },
        HostileCase("an image that is a named pipe", .error(at: "Booklets/b/twee.md:5", containing: "named pipe")) { p in
            try FileManager.default.removeItem(atPath: p.booklet + "/plaatje.png")
            mkfifo(p.booklet + "/plaatje.png", 0o644)
        },
        HostileCase("a logo that is a named pipe", .error(at: "Editions/x.yaml:3", containing: "named pipe"), arguments: ["--edition", "x"]) { p in
            try FileManager.default.removeItem(atPath: p.root + "/Editions/logo.png")
            mkfifo(p.root + "/Editions/logo.png", 0o644)
        },
        HostileCase("a font that is a named pipe", .error(at: "Fonts/pijp.ttf", containing: "named pipe")) { p in
            mkfifo(p.root + "/Fonts/pijp.ttf", 0o644)
        },
        HostileCase("a named pipe among the fonts' other files", .built) { p in
            mkfifo(p.root + "/Fonts/LEESMIJ", 0o644)
        },
        HostileCase("a chapter that is a named pipe", .error(at: "Booklets/b/index.md", containing: "named pipe")) { p in
            try FileManager.default.removeItem(atPath: p.chapter)
            mkfifo(p.chapter, 0o644)
        },
    ]

    /// A PNG whose header says 20,000 x 20,000 pixels (the file itself is small).
    static func hugePNG() -> Data {
        var data = HostileProject.png
        data.replaceSubrange(16..<24, with: [0x00, 0x00, 0x4e, 0x20, 0x00, 0x00, 0x4e, 0x20])
        return data
    }

    // 4. Memory.
    static let memory: [HostileCase] = [
        HostileCase("an image of 20,000 x 20,000 pixels", .error(at: "Booklets/b/twee.md:5", containing: "megapixels")) { p in
            try hugePNG().write(to: URL(fileURLWithPath: p.booklet + "/plaatje.png"))
        },
        HostileCase("a logo of 20,000 x 20,000 pixels", .error(at: "Editions/x.yaml:3", containing: "megapixels"), arguments: ["--edition", "x"]) { p in
            try hugePNG().write(to: URL(fileURLWithPath: p.root + "/Editions/logo.png"))
        },
    ]

    // 5. Corrupt or missing output.
    static let output: [HostileCase] = [
        HostileCase("a full disk", .error(at: "Output/b.pdf", containing: "disk full"), shell: "ulimit -f 16;") { _ in },
        HostileCase("a full disk for every edition", .error(at: "", containing: "failed"), arguments: ["--all-editions", "--output-folder", "Output"],
                    shell: "ulimit -f 16;") { _ in },
        HostileCase("SIGTERM during a build", .error(at: "", containing: ""), signalAfter: (SIGTERM, 0.4)) { p in
            var text = ""
            while text.utf8.count < 400 * 1024 { text += "bloedonderzoek en behandeling van leukemie met chemotherapie " }
            try p.append("\n" + text + "\n", to: p.chapter)
        },
        HostileCase("SIGINT during a build", .error(at: "", containing: ""), signalAfter: (SIGINT, 0.4)) { p in
            var text = ""
            while text.utf8.count < 400 * 1024 { text += "bloedonderzoek en behandeling van leukemie met chemotherapie " }
            try p.append("\n" + text + "\n", to: p.chapter)
        },
        HostileCase("temporary files of a killed run", .built) { p in
            try Data("half".utf8).write(to: URL(fileURLWithPath: p.root + "/Output/.katern.999999.1.b.pdf.tmp"))
        },
        HostileCase("an output that is a source", .error(at: "Booklets/b/index.md", containing: "among the sources"), arguments: ["--output", "Booklets/b/index.md"]) { _ in },
        HostileCase("an output in the layouts", .error(at: "Layouts/nieuw.pdf", containing: "among the sources"), arguments: ["--output", "Layouts/nieuw.pdf"]) { _ in },
        HostileCase("an edition id of 235 letters", .error(at: "Editions/", containing: "id"), arguments: ["--edition", String(repeating: "a", count: 235)]) { p in
            let id = String(repeating: "a", count: 235)
            try p.write("id: \(id)\nname: \"Lang\"\n", to: p.root + "/Editions/\(id).yaml")
        },
    ]

    // 6. Text lost in silence.
    static let lostText: [HostileCase] = [
        HostileCase("a NUL in a chapter", .error(at: "Booklets/b/een.md:3:", containing: "NUL")) { p in
            try p.replace("De eerste", with: "De\u{0} eerste", in: p.chapter)
        },
        HostileCase("a NUL in the title", .error(at: "Booklets/b/index.md:2", containing: "NUL")) { p in
            try p.replace("title: \"Proef\"", with: "title: \"Pro\\0ef\"", in: p.index)
        },
        HostileCase("a NUL in an edition's name", .error(at: "Editions/x.yaml:2", containing: "NUL"), arguments: ["--edition", "x"]) { p in
            try p.replace("name: \"Ziekenhuis X\"", with: "name: \"Zieken\\0huis X\"", in: p.edition)
        },
        HostileCase("U+FFFF", .error(at: "Booklets/b/een.md:3:", containing: "noncharacter")) { p in
            try p.replace("De eerste", with: "De " + String(Character(Unicode.Scalar(0xFFFF)!)) + "eerste", in: p.chapter)
        },
        HostileCase("U+FDD0", .error(at: "Booklets/b/een.md:3:", containing: "noncharacter")) { p in
            try p.replace("De eerste", with: "De " + String(Character(Unicode.Scalar(0xFDD0)!)) + "eerste", in: p.chapter)
        },
        HostileCase("a control character", .error(at: "Booklets/b/een.md:3:", containing: "control character")) { p in
            try p.replace("De eerste", with: "De \u{7}eerste", in: p.chapter)
        },
        HostileCase("invalid UTF-8", .error(at: "Booklets/b/een.md:3:", containing: "not UTF-8")) { p in
            var data = try Data(contentsOf: URL(fileURLWithPath: p.chapter))
            data.insert(contentsOf: [0xFF, 0xFE], at: 10)
            try data.write(to: URL(fileURLWithPath: p.chapter))
        },
        layoutValue("size: 0pt", "size: 9.8pt", "size: 0pt", "must be from 4pt"),
        layoutValue("leading: 0", "  leading: 14pt", "  leading: 0", "must be from 4pt"),
        layoutValue("leading under the size", "  leading: 14pt", "  leading: 5pt", "overprint"),
        layoutValue("list indent: 500mm", "indent: 5mm", "indent: 500mm", "must be from 2mm to 40mm"),
        layoutValue("page width 1e308mm", "width: 148mm", "width: 1e308mm", "must be from 50mm"),
        layoutValue("footer baseline 1000mm", "baseline: 11mm", "baseline: 1000mm", "must be from 2mm to 100mm"),
        layoutValue("paper thickness 1000mm", "paper-thickness: 0.1mm", "paper-thickness: 1000mm", "must be from 0mm to 1mm"),
        HostileCase("a partial in the text", .error(at: "Booklets/b/een.md:3", containing: "partial")) { p in
            try p.replace("De eerste", with: "De {{> deel}} eerste", in: p.chapter)
        },
        HostileCase("lists nested 24 deep", .error(at: "Booklets/b/een.md", containing: "nested more than")) { p in
            try p.append("\n" + nested(24, { _ in "- " }) + "\n", to: p.chapter)
        },
    ]

    // 7. Dangerous links.
    static func link(_ uri: String) -> HostileCase {
        HostileCase("a link to \(uri)", .error(at: "Booklets/b/een.md:3", containing: "link")) { p in
            try p.replace("De eerste alinea", with: "De [eerste](<\(uri)>) alinea", in: p.chapter)
        }
    }

    static let links: [HostileCase] = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java%0ascript:alert(1)", "vbscript:msgbox(1)",
                                       "data:text/html;base64,PHN2Zz4=", "file:///etc/passwd", "smb://server/share", "../../etc/passwd",
                                       "javascript :alert(1)"].map(link) + [
        HostileCase("an edition's web address javascript:", .error(at: "Editions/x.yaml:5", containing: "may not become a link"), arguments: ["--edition", "x"]) { p in
            try p.replace("https://www.x.example", with: "javascript:alert(1)", in: p.edition)
        },
        HostileCase("a link to a heading that is not there", .error(at: "Booklets/b/een.md:3", containing: "no heading has that id")) { p in
            try p.replace("De eerste alinea", with: "De [eerste](#nergens) alinea", in: p.chapter)
        },
        HostileCase("a link to a heading", .built) { p in
            try p.replace("De eerste alinea", with: "De [eerste](#verder) alinea", in: p.chapter)
        },
    ]

    // 9. Fonts.
    static let fonts: [HostileCase] = [
        HostileCase("a garbage font", .error(at: "Fonts/CharisSIL/CharisSIL-Regular.ttf", containing: "cannot be read as a font")) { p in
            try Data(repeating: 0x41, count: 5000).write(to: URL(fileURLWithPath: p.root + "/Fonts/CharisSIL/CharisSIL-Regular.ttf"))
        },
        HostileCase("a truncated font", .error(at: "Fonts/CharisSIL/CharisSIL-Regular.ttf", containing: "cannot be read as a font")) { p in
            let path = p.root + "/Fonts/CharisSIL/CharisSIL-Regular.ttf"
            try Data(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(3000)).write(to: URL(fileURLWithPath: path))
        },
        HostileCase("a font that is a folder", .error(at: "Fonts/map.ttf", containing: "not a regular file")) { p in
            try FileManager.default.createDirectory(atPath: p.root + "/Fonts/map.ttf", withIntermediateDirectories: false)
        },
    ]

    // 10. Errors that point at the cause.
    static let errors: [HostileCase] = [
        HostileCase("a batch into a folder that cannot be made", .error(at: "gewoon-bestand", containing: "cannot be made"),
                    arguments: ["--all-editions", "--output-folder", "gewoon-bestand/pdfs"]) { p in
            try p.write("geen map\n", to: p.root + "/gewoon-bestand")
        },
        HostileCase("an editions folder that is a file", .error(at: "Editions", containing: "editions folder"), arguments: ["--all-editions", "--editions", "Editions/x.yaml"]) { _ in },
        HostileCase("a truncated image", .error(at: "Booklets/b/twee.md:5", containing: "plaatje.png")) { p in
            try Data(HostileProject.png.prefix(40)).write(to: URL(fileURLWithPath: p.booklet + "/plaatje.png"))
        },
        HostileCase("a text file named .png", .error(at: "Booklets/b/twee.md:5", containing: "not a PNG, JPEG or SVG")) { p in
            try p.write("geen plaatje\n", to: p.booklet + "/plaatje.png")
        },
        HostileCase("an unknown language", .error(at: "Booklets/b/index.md:4", containing: "language")) { p in
            try p.replace("language: nl-NL", with: "language: xx-XX", in: p.index)
        },
        HostileCase("an empty chapter entry", .error(at: "Booklets/b/index.md:9", containing: "empty")) { p in
            try p.replace("  - twee.md", with: "  - \"\"", in: p.index)
        },
        HostileCase("date 2024-13-45", .error(at: "Booklets/b/index.md:6", containing: "date")) { p in
            try p.replace("date: 2024-05-01", with: "date: 2024-13-45", in: p.index)
        },
        HostileCase("escape codes in a file name", .error(at: "Booklets/b/index.md:8", containing: "is listed but there is no file")) { p in
            try p.replace("  - een.md", with: "  - \"\\e[31mrood\\e[0m.md\"", in: p.index)
        },
    ]
}

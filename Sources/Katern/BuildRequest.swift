import Foundation
import KaternLayout

/// What to build: the project folder, and in it (unless named otherwise) the booklet folder, the
/// layout file, the fonts, the editions, the hyphenation exceptions, the language resources and
/// the output path. Every default is resolved from the project folder, never from the working
/// directory, so that a build gives the same bytes wherever it is started.
public struct BuildRequest: Sendable, Hashable {
    /// The project folder: it holds `Booklets/`, `Layouts/`, `Fonts/`, `Editions/`,
    /// `Hyphenation/`, `Languages/` and `Output/`; sources must stay inside it.
    public var project: String
    public var booklet: String
    public var layout: String
    public var fonts: String
    public var output: String
    /// The id of a hospital edition in `editions`, or nil for the base booklet.
    public var edition: String?
    public var editions: String
    /// Katern's hyphenation exception lists, `<language>.txt`.
    public var hyphenation: String
    /// Language resources, `<language>.yaml`.
    public var languages: String
    /// The print PDF: bleed, crop marks, TrimBox and BleedBox.
    public var print = false

    public static let defaultBooklet = "Booklets/all"
    public static let defaultLayout = "Layouts/a5.yaml"
    public static let defaultFonts = "Fonts"
    public static let defaultEditions = "Editions"
    public static let defaultOutputFolder = "Output"

    /// `nil` for any path takes the project's default for it.
    public init(project: String = ".", booklet: String? = nil, layout: String? = nil, fonts: String? = nil,
                output: String? = nil, edition: String? = nil, editions: String? = nil, print: Bool = false) {
        func inProject(_ path: String) -> String { project == "." ? path : (project as NSString).appendingPathComponent(path) }
        self.project = project
        self.booklet = booklet ?? Self.defaultBooklet(in: project)
        self.layout = layout ?? inProject(Self.defaultLayout)
        self.fonts = fonts ?? inProject(Self.defaultFonts)
        self.editions = editions ?? inProject(Self.defaultEditions)
        self.hyphenation = inProject("Hyphenation")
        self.languages = inProject("Languages")
        self.edition = edition
        self.print = print
        self.output = ""
        self.output = output ?? (outputFolder as NSString).appendingPathComponent(outputName())
    }

    /// The booklet a project builds when none is named: `Booklets/all`, or else the only folder
    /// in `Booklets/` that holds an index.md (as `katern init` makes it).
    public static func defaultBooklet(in project: String) -> String {
        let booklets = project == "." ? "Booklets" : (project as NSString).appendingPathComponent("Booklets")
        let standard = project == "." ? defaultBooklet : (project as NSString).appendingPathComponent(defaultBooklet)
        guard !FileManager.default.fileExists(atPath: standard) else { return standard }
        let candidates = ((try? FileManager.default.contentsOfDirectory(atPath: booklets)) ?? []).filter {
            !$0.hasPrefix(".") && FileManager.default.fileExists(atPath: "\(booklets)/\($0)/index.md")
        }
        return candidates.count == 1 ? (booklets as NSString).appendingPathComponent(candidates[0]) : standard
    }

    /// The project's output folder, where PDFs go unless named otherwise.
    public var outputFolder: String {
        project == "." ? Self.defaultOutputFolder : (project as NSString).appendingPathComponent(Self.defaultOutputFolder)
    }

    /// The file name of this request's PDF: `<booklet>[-<edition>][-<layout>][-print].pdf`; the
    /// layout's name is added for any layout but the project's default one, so that builds with
    /// two layouts never overwrite each other.
    public func outputName(print: Bool? = nil) -> String {
        let name = URL(fileURLWithPath: booklet).standardizedFileURL.lastPathComponent
        var parts = [name]
        if let edition { parts.append(edition) }
        let defaultLayout = URL(fileURLWithPath: (project as NSString).appendingPathComponent(Self.defaultLayout)).standardizedFileURL.path
        if URL(fileURLWithPath: layout).standardizedFileURL.path != defaultLayout {
            parts.append(URL(fileURLWithPath: layout).deletingPathExtension().lastPathComponent)
        }
        if print ?? self.print { parts.append("print") }
        return parts.joined(separator: "-") + ".pdf"
    }

    /// A path beside `output` with `suffix` before its extension: `all.pdf` -> `all-imposed.pdf`.
    public static func sibling(of output: String, suffix: String) -> String {
        let url = URL(fileURLWithPath: output)
        let stem = url.pathExtension.lowercased() == "pdf" ? url.deletingPathExtension().lastPathComponent : url.lastPathComponent
        let folder = (output as NSString).deletingLastPathComponent
        let name = stem + suffix + ".pdf"
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }
}

/// What a build made.
public struct BuildReport: Sendable {
    public var output: String
    public var pageCount: Int
    public var seconds: Double
    /// Problems that still gave pages (a block taller than a page, a character set in a fallback
    /// font, no date), as `file:line: warning: ...`.
    public var warnings: [String]
    /// The layout quality report of the pages.
    public var quality: QualityReport

    /// What `--strict` fails on: every warning and every finding of the quality report, the same
    /// for a single build and for a batch.
    public var strictFindings: [String] {
        warnings + quality.findings.map { "\($0.file)\($0.line.map { ":\($0)" } ?? ""): error: page \($0.page): \($0.kind)\($0.detail.isEmpty ? "" : ": " + $0.detail)" }
    }
}

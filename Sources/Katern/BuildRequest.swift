import Foundation
import KaternLayout

/// What to build: the booklet folder, the layout file, the fonts folder and the output path.
public struct BuildRequest: Sendable, Equatable {
    public var booklet: String
    public var layout: String
    public var fonts: String
    public var output: String
    /// The id of a hospital edition in `editions`, or nil for the base booklet.
    public var edition: String?
    public var editions: String
    /// Logos and local passages must lie inside this folder.
    public var project: String
    /// Katern's hyphenation exception lists, `<language>.txt`.
    public var hyphenation: String = "Hyphenation"
    /// The print PDF: bleed, crop marks, TrimBox and BleedBox.
    public var print = false

    public static let defaultBooklet = "Booklets/all"
    public static let defaultLayout = "Layouts/a5.yaml"
    public static let defaultFonts = "Fonts"
    public static let defaultEditions = "Editions"

    public init(booklet: String = defaultBooklet, layout: String = defaultLayout, fonts: String = defaultFonts,
                output: String? = nil, edition: String? = nil, editions: String = defaultEditions, project: String = ".",
                print: Bool = false, suffix: String = "") {
        self.booklet = booklet
        self.layout = layout
        self.fonts = fonts
        self.edition = edition
        self.editions = editions
        self.project = project
        let name = URL(fileURLWithPath: booklet).standardizedFileURL.lastPathComponent
        self.print = print
        self.output = output ?? "Output/\(name)\(edition.map { "-" + $0 } ?? "")\(print ? "-print" : "")\(suffix).pdf"
    }
}

/// What a build made.
public struct BuildReport: Sendable {
    public var output: String
    public var pageCount: Int
    public var seconds: Double
    /// Problems that still gave pages (a block taller than a page), as `file:line: warning: ...`.
    public var warnings: [String]
    /// The layout quality report of the pages.
    public var quality: QualityReport
}

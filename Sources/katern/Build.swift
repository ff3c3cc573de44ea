import ArgumentParser
import Foundation
import Katern

/// `katern build`: typeset a booklet into a PDF.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Typeset a booklet into a PDF.",
        discussion: "With no options, builds Booklets/all with Layouts/a5.yaml into Output/all.pdf.")

    @Option(name: .shortAndLong, help: ArgumentHelp("The booklet folder (holds index.md and the chapter files).", valueName: "folder"))
    var booklet: String = BuildRequest.defaultBooklet

    @Option(name: .shortAndLong, help: ArgumentHelp("The layout file.", valueName: "file"))
    var layout: String = BuildRequest.defaultLayout

    @Option(name: .long, help: ArgumentHelp("The folder of font files; fonts are loaded from here only.", valueName: "folder"))
    var fonts: String = BuildRequest.defaultFonts

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the PDF (default: Output/<booklet name>.pdf).", valueName: "file"))
    var output: String?

    @Flag(help: "Fail when the build has warnings.")
    var strict = false

    func run() throws {
        let request = BuildRequest(booklet: booklet, layout: layout, fonts: fonts, output: output)
        let report = try runReporting { try Pipeline().build(request) }
        for warning in report.warnings { printError(warning) }
        print("\(report.output): \(report.pageCount) pages in \(Int((report.seconds * 1000).rounded())) ms")
        if strict && !report.warnings.isEmpty {
            printError("error: \(report.warnings.count) warning(s) and --strict is set")
            throw ExitCode(1)
        }
    }
}

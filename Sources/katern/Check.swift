import ArgumentParser
import Katern
import KaternDocument
import KaternLayout
import KaternRender

/// `katern check`: read and validate the sources without rendering.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the booklet, the layout and the editions for errors without writing a PDF.",
        discussion: "Without --edition, checks the base booklet and every edition in the editions folder.")

    @OptionGroup var sources: SourceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Check only this edition (its id).", valueName: "id"))
    var edition: String?

    enum ReportFormat: String, ExpressibleByArgument { case text, json }

    @Flag(help: "Lay the pages out and print the quality report.")
    var report = false

    @Argument(help: ArgumentHelp("With --report: text (the default) or json.", valueName: "format"))
    var format: ReportFormat?

    @Flag(help: "Exit 1 when the quality report has findings (with --report).")
    var strict = false

    @Option(name: .customLong("pdf"), help: ArgumentHelp("Check a built PDF as an accessibility checker would.", valueName: "file"))
    var pdf: String?

    func run() throws {
        if let pdf {
            let findings = try runReporting { try PDFChecker().check(pdf) }
            for finding in findings { printError("\(pdf): error: \(finding)") }
            guard findings.isEmpty else { throw ExitCode(1) }
            print("\(pdf): tagged, with language and title; headings, figures and contents in order")
            return
        }
        if format != nil && !report {
            throw ValidationError("a report format goes with --report: katern check --report json")
        }
        if report {
            let quality = try runReporting { () -> QualityReport in
                let pipeline = Pipeline()
                let (result, layout) = try pipeline.layOut(sources.request(edition: edition))
                return pipeline.quality(result.document, layout: layout)
            }
            print(format == .json ? try quality.json() : quality.text, terminator: "")
            if strict && !quality.findings.isEmpty { throw ExitCode(1) }
            return
        }
        try runReporting {
            let pipeline = Pipeline()
            var ids: [String?] = [nil]
            if let edition {
                ids = [edition]
            } else {
                ids += try sources.editionLoader.loadAll().map(\.id)
            }
            for id in ids {
                let request = sources.request(edition: id)
                let loaded = try pipeline.load(request)
                _ = try pipeline.makeShaper(request, booklet: loaded.booklet, layout: loaded.layout)
                _ = try pipeline.imprint(for: loaded, images: .init())
                print("\(id.map { "edition \($0)" } ?? "booklet \(request.booklet)"): ok")
            }
        }
    }
}

import ArgumentParser
import Katern
import KaternDocument
import KaternLayout
import KaternRender

/// `katern check`: read and validate the sources without rendering.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the booklet, the layout and the editions for errors (they are read and laid out) without writing a PDF.",
        discussion: "Without --edition, checks the base booklet and every edition in the editions folder.")

    @OptionGroup var sources: SourceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Check only this edition (its id).", valueName: "id"), completion: EditionCompletion.ids)
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

    func validate() throws {
        if pdf != nil && (report || edition != nil || format != nil || strict) {
            throw ValidationError("--pdf checks a built PDF on its own; it does not take --report, --edition or --strict")
        }
        if format != nil && !report { throw ValidationError("a report format goes with --report: katern check --report json") }
        if strict && !report { throw ValidationError("--strict goes with --report (katern check --report --strict)") }
    }

    func run() throws {
        if let pdf {
            let findings = try runReporting { try PDFChecker().check(pdf) }
            for finding in findings { printError("\(pdf): error: \(finding)") }
            guard findings.isEmpty else { throw ExitCode(1) }
            say("\(pdf): tagged (PDF/UA-1: artifacts, links, metadata, fonts), with language and title; headings, figures and contents in order")
            return
        }
        if report {
            let quality = try runReporting { () -> QualityReport in
                let pipeline = Pipeline()
                let (result, layout) = try pipeline.layOut(sources.request(edition: edition))
                return pipeline.quality(result.document, layout: layout)
            }
            say(format == .json ? try quality.json() : quality.text, terminator: "")
            if strict && !quality.findings.isEmpty { throw ExitCode(1) }
            return
        }
        try runReporting {
            let pipeline = Pipeline()
            var ids: [String?] = [nil]
            if let edition {
                ids = [edition]
            } else {
                ids += try sources.editionIDs(note: { say("note: \($0)") }).map { Optional($0) }
            }
            // Each edition is checked on its own: every broken one is reported, not just the first.
            var errors: [any LocatedError] = []
            for id in ids {
                let request = sources.request(edition: id)
                do {
                    // Read, check and lay out everything (fonts, images, every character), without drawing.
                    let prepared = try pipeline.prepare(request)
                    for warning in pipeline.warnings(prepared.result) { printError(warning) }
                    say("\(id.map { "edition \($0)" } ?? "booklet \(request.booklet)"): ok")
                } catch let error as LocatedError {
                    errors.append(error)
                } catch let list as LocatedErrors {
                    errors += list.errors
                }
            }
            // An error of the base booklet shows in every edition: each is said once.
            var said = Set<String>()
            errors = errors.filter { said.insert($0.description).inserted }
            if !errors.isEmpty { throw LocatedErrors(errors) }
        }
    }
}

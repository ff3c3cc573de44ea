import ArgumentParser
import Foundation
import Katern

/// `katern build`: typeset a booklet, or one or all of its hospital editions, into PDFs.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Typeset a booklet (or its hospital editions) into PDFs.",
        discussion: """
            With no options, builds Booklets/all with Layouts/a5.yaml into Output/all.pdf. \
            --edition <id> builds one hospital edition into Output/all-<id>.pdf; --all-editions \
            builds the base booklet and every edition, in parallel, and fails if any of them failed.
            """)

    @OptionGroup var sources: SourceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the PDF (default: Output/<booklet>[-<edition>].pdf).", valueName: "file"))
    var output: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Build this hospital edition (its id, see `katern editions`).", valueName: "id"))
    var edition: String?

    @Flag(help: "Build the base booklet and every edition, in parallel.")
    var allEditions = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Parallel builds with --all-editions (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("The folder --all-editions writes into.", valueName: "folder"))
    var outputFolder: String = "Output"


    @Flag(help: "Fail when the build has warnings or the quality report has findings.")
    var strict = false

    func validate() throws {
        if allEditions && (edition != nil || output != nil) {
            throw ValidationError("--all-editions builds every edition into Output/; it does not take --edition or --output")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        if allEditions {
            try BatchBuild(sources: sources, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, strict: strict,
                           outputFolder: outputFolder).run()
            return
        }
        let request = sources.request(edition: edition, output: output)
        let report = try runReporting { try Pipeline().build(request) }
        for warning in report.warnings { printError(warning) }
        print("\(report.output): \(report.pageCount) pages in \(Int((report.seconds * 1000).rounded())) ms")
        print(report.quality.summaryLine)
        if strict && !(report.warnings.isEmpty && report.quality.findings.isEmpty) {
            for finding in report.quality.findings { printError("\(finding.file)\(finding.line.map { ":\($0)" } ?? ""): error: page \(finding.page): \(finding.kind) \(finding.detail)") }
            printError("error: \(report.warnings.count + report.quality.findings.count) finding(s) and --strict is set")
            throw ExitCode(1)
        }
    }
}

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

    @Flag(help: "The print PDF: bleed (from the layout), crop marks, TrimBox and BleedBox (Output/<name>-print.pdf).")
    var print = false

    @Option(help: ArgumentHelp("Also impose the booklet: saddle-stitch (two A5 pages a side on A4 landscape).", valueName: "scheme"))
    var impose: String?

    @Option(help: ArgumentHelp("With --all-editions: build only shard i of n (1-based), for CI matrix jobs.", valueName: "i/n"))
    var shard: String?

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
        if let impose, impose != "saddle-stitch" { throw ValidationError("--impose takes saddle-stitch, not '\(impose)'") }
        if shard != nil && !allEditions { throw ValidationError("--shard goes with --all-editions") }
        if let shard, BatchBuild.parseShard(shard) == nil { throw ValidationError("--shard must be i/n with 1 <= i <= n, such as 2/4") }
    }

    func run() throws {
        if allEditions {
            try BatchBuild(sources: sources, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, strict: strict,
                           outputFolder: outputFolder, shard: shard.flatMap(BatchBuild.parseShard) ?? (1, 1), print: print).run()
            return
        }
        var request = sources.request(edition: edition, output: output)
        request.print = print
        if output == nil && print { request.output = sources.request(edition: edition).output.replacingOccurrences(of: ".pdf", with: "-print.pdf") }
        let report = try runReporting { try Pipeline().build(request) }
        if impose != nil {
            var imposed = request
            imposed.output = request.output.replacingOccurrences(of: ".pdf", with: "-imposed.pdf")
            let result = try runReporting { try Pipeline().impose(imposed) }
            Swift.print("\(imposed.output): \(result.pages) pages on \(result.sheets) sheets, saddle-stitch")
        }
        for warning in report.warnings { printError(warning) }
        Swift.print("\(report.output): \(report.pageCount) pages in \(Int((report.seconds * 1000).rounded())) ms")
        Swift.print(report.quality.summaryLine)
        if strict && !(report.warnings.isEmpty && report.quality.findings.isEmpty) {
            for finding in report.quality.findings { printError("\(finding.file)\(finding.line.map { ":\($0)" } ?? ""): error: page \(finding.page): \(finding.kind) \(finding.detail)") }
            printError("error: \(report.warnings.count + report.quality.findings.count) finding(s) and --strict is set")
            throw ExitCode(1)
        }
    }
}

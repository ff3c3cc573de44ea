import ArgumentParser
import Foundation
import Katern
import KaternDocument

/// `katern build`: typeset a booklet, or one or all of its hospital editions, into PDFs.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Typeset a booklet (or its hospital editions) into PDFs.",
        discussion: """
            With no options, builds Booklets/all with Layouts/a5.yaml into Output/all.pdf. \
            --edition <id> builds one hospital edition into Output/all-<id>.pdf; --all-editions \
            builds the base booklet and every edition, in parallel, and fails if any of them failed. \
            Another layout than the default adds its name: Output/all-a5-large-print.pdf. \
            Exit status: 0 built, 1 an error (or a finding under --strict), 64 a usage error.
            """)

    @OptionGroup var sources: SourceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the PDF (default: <project>/Output/<booklet>[-<edition>][-<layout>].pdf).", valueName: "file"))
    var output: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Build this hospital edition (its id, see `katern editions`).", valueName: "id"), completion: EditionCompletion.ids)
    var edition: String?

    @Flag(help: "Build the base booklet and every edition, in parallel.")
    var allEditions = false

    @Flag(help: "The print PDF: bleed (from the layout), crop marks, TrimBox and BleedBox (Output/<name>-print.pdf).")
    var print = false

    @Option(help: ArgumentHelp("Also impose the booklet: saddle-stitch (two A5 pages a side on A4 landscape), written beside the PDF as <name>-imposed.pdf.", valueName: "scheme"))
    var impose: String?

    @Option(help: ArgumentHelp("With --all-editions: build only shard i of n (1-based), for CI matrix jobs.", valueName: "i/n"))
    var shard: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("With --all-editions: parallel builds (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp("With --all-editions: the folder to write into (default: <project>/Output; made if missing).", valueName: "folder"))
    var outputFolder: String?

    @Flag(help: "Fail when the build has warnings or the quality report has findings.")
    var strict = false

    func validate() throws {
        if allEditions {
            if edition != nil { throw ValidationError("--all-editions builds every edition; it does not take --edition") }
            if output != nil { throw ValidationError("--all-editions names its PDFs itself; use --output-folder instead of --output") }
            if impose != nil { throw ValidationError("--impose does not go with --all-editions; impose one booklet or edition at a time") }
        } else {
            if shard != nil { throw ValidationError("--shard goes with --all-editions") }
            if jobs != nil { throw ValidationError("--jobs goes with --all-editions") }
            if outputFolder != nil { throw ValidationError("--output-folder goes with --all-editions; use --output for one PDF") }
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let impose, impose != "saddle-stitch" { throw ValidationError("--impose takes saddle-stitch, not '\(impose)'") }
        if impose != nil && print { throw ValidationError("--impose imposes the screen pages; build the print PDF (--print) in a run of its own") }
        if let shard, BatchBuild.parseShard(shard) == nil { throw ValidationError("--shard must be i/n with 1 <= i <= n, such as 2/4") }
    }

    func run() throws {
        if allEditions {
            try BatchBuild(sources: sources, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, strict: strict,
                           outputFolder: outputFolder ?? sources.request(edition: nil).outputFolder,
                           shard: shard.flatMap(BatchBuild.parseShard) ?? (1, 1), print: print).run()
            return
        }
        Trace.mark("command line parsed")
        defer { Trace.print() }  // (a failed build's trace too)
        let request = sources.request(edition: edition, output: output, print: print)
        var imposed: BuildRequest?
        if impose != nil {
            var other = request
            other.output = BuildRequest.sibling(of: request.output, suffix: "-imposed")
            guard other.output != request.output else { throw ValidationError("the imposed PDF would overwrite \(request.output); give --output a name ending in .pdf") }
            imposed = other
        }
        let report = try runReporting { try Pipeline().build(request, strict: strict) }
        if let imposed {
            let result = try runReporting { try Pipeline().impose(imposed) }
            say("\(imposed.output): \(result.pages) pages on \(result.sheets) sheets, saddle-stitch")
        }
        for warning in report.warnings { printError(warning) }
        say("\(report.output): \(report.pageCount) pages in \(Int((report.seconds * 1000).rounded())) ms")
        say(report.quality.summaryLine)
    }
}

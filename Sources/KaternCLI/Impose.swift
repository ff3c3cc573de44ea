import ArgumentParser
import Foundation
import Katern

/// `katern impose`: the booklet (or an edition) imposed for saddle stitching.
struct Impose: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impose",
        abstract: "Impose the booklet for saddle stitching: two pages a side on A4 landscape sheets.",
        discussion: """
            The A5 pages go two-up in folding order (for 16 pages: 16-1, 2-15, 14-3, ...), for \
            short-edge duplex printing, padded to a multiple of four. Inner sheets move towards the \
            spine by the layout's paper thickness (creep). Writes Output/<name>[-<edition>]-imposed.pdf.
            """)

    @OptionGroup var sources: SourceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The edition to impose (its id).", valueName: "id"))
    var edition: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the imposed PDF.", valueName: "file"))
    var output: String?

    func run() throws {
        var request = sources.request(edition: edition, output: output)
        if output == nil { request.output = BuildRequest.sibling(of: request.output, suffix: "-imposed") }
        let result = try runReporting { try Pipeline().impose(request) }
        say("\(request.output): \(result.pages) pages on \(result.sheets) sheets, saddle-stitch")
    }
}

/// `katern preview`: pages, or a contact sheet of all pages, as PNG.
struct Preview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render pages, or a contact sheet of all pages, to PNG (for reviews).")

    @OptionGroup var sources: SourceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The edition (its id).", valueName: "id"))
    var edition: String?

    @Option(help: ArgumentHelp("Pages to render, such as 1,3-5 (default: all).", valueName: "list"))
    var pages: String?

    @Flag(help: "One PNG of all pages as spreads.")
    var contactSheet = false

    @Option(help: ArgumentHelp("Pixels per inch.", valueName: "ppi"))
    var resolution: Double = 80

    @Option(help: ArgumentHelp("The folder to write into (default: <project>/Output/previews).", valueName: "folder"))
    var folder: String?

    func validate() throws {
        if contactSheet && pages != nil { throw ValidationError("--contact-sheet shows every page; it does not take --pages") }
        guard (10...600).contains(resolution) else { throw ValidationError("--resolution must be from 10 to 600") }
        if let pages, Self.parse(pages) == nil { throw ValidationError("--pages takes page numbers and ranges, such as 1,3-5") }
    }

    static func parse(_ text: String) -> [Int]? {
        var result: [Int] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !bounds.isEmpty, bounds.count <= 2, bounds.allSatisfy({ $0 != nil && $0! > 0 && $0! <= 10_000 }) else { return nil }
            let from = bounds[0]!, to = bounds.last!!
            guard from <= to, result.count + (to - from) <= 10_000 else { return nil }
            result += Array(from...to)
        }
        return result
    }

    func run() throws {
        let request = sources.request(edition: edition)
        let paths = try runReporting {
            try Pipeline().preview(request, pages: pages.flatMap(Self.parse) ?? [], contactSheet: contactSheet,
                                   resolution: resolution, folder: folder ?? request.outputFolder + "/previews")
        }
        for path in paths { say(path) }
    }
}

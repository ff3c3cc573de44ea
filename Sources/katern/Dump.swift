import ArgumentParser
import Foundation
import Katern

/// `katern dump`: the page model as text (what each page holds, where, from which source line),
/// without rendering: for reading a layout, reviewing a change, and the golden tests.
struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the laid-out pages as text: every line's position, role, text and source file:line.")

    @OptionGroup var sources: SourceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The edition (its id).", valueName: "id"))
    var edition: String?

    func run() throws {
        let request = sources.request(edition: edition)
        let (result, _) = try runReporting { try Pipeline().layOut(request) }
        let root = FileManager.default.currentDirectoryPath
        say(result.document.dump(relativeTo: root), terminator: "")
    }
}

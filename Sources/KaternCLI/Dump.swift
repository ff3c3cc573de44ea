import ArgumentParser
import Foundation
import Katern
import KaternLayout

/// `katern dump`: the page model as text (what each page holds, where, from which source line),
/// without rendering: for reading a layout, reviewing a change, and the golden tests.
struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the laid-out pages as text: every line's position, role, text and source file:line.")

    @OptionGroup var sources: SourceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The edition (its id).", valueName: "id"), completion: EditionCompletion.ids)
    var edition: String?

    @Flag(help: "Also print each line's glyph runs: the font file, size, glyph ids and text.")
    var glyphs = false

    @Flag(help: "Print the PDF's structure tree as planned from the pages (element types, actual texts, alt texts) instead of the pages.")
    var structure = false

    func run() throws {
        let request = sources.request(edition: edition)
        let prepared = try runReporting { try Pipeline().prepare(request) }
        let result = prepared.result
        let root = FileManager.default.currentDirectoryPath
        if structure {
            let document = result.document
            let plan = StructurePlan(document, labels: prepared.sources.language.labels)
            say(plan.dump { page, mcid in
                plan.pages[page].pieces[mcid].parts.map { part -> String in
                    guard case .line(let line) = document.pages[page].items[part.item] else { return "[image]" }
                    let text = Array(line.runs.map(\.text).joined().utf8)
                    let bytes = part.bytes ?? 0..<text.count
                    return String(decoding: text[min(bytes.lowerBound, text.count)..<min(bytes.upperBound, text.count)], as: UTF8.self)
                }.joined()
            }, terminator: "")
            return
        }
        say(result.document.dump(relativeTo: root, glyphs: glyphs), terminator: "")
    }
}

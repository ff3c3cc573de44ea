import ArgumentParser
import Foundation
import Katern
import KaternDocument

/// `katern editions`: list the hospital editions.
struct Editions: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "editions", abstract: "List the hospital editions.")

    @OptionGroup var sources: SourceOptions

    func run() throws {
        let all = try runReporting { try sources.editionLoader.loadAll() }
        for edition in all {
            let operations = edition.sections.map { op -> String in
                switch op.kind {
                case .insertAfter: return "insert after #\(op.section)"
                case .replace: return "replace #\(op.section)"
                case .omit: return "omit #\(op.section)"
                }
            }
            let details = (operations + edition.flags.sorted().map { "flag \($0)" }).joined(separator: ", ")
            say("\(edition.id)\t\(edition.name)\t\(edition.file)\(details.isEmpty ? "" : "\t" + details)")
        }
    }
}

/// `katern diff --edition <id>`: what an edition changes against the base booklet.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what an edition changes against the base booklet, section by section.")

    @OptionGroup var sources: SourceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The edition to compare (its id).", valueName: "id"))
    var edition: String

    func run() throws {
        try runReporting {
            let pipeline = Pipeline()
            let base = try pipeline.load(sources.request(edition: nil))
            let edited = try pipeline.load(sources.request(edition: edition))
            let diff = EditionDiff(base: base.booklet, edition: edited.booklet,
                                   baseVariables: EditionResolver(booklet: base.base, edition: nil).variables,
                                   editionVariables: EditionResolver(booklet: edited.base, edition: edited.edition).variables,
                                   operations: edited.edition?.sections ?? [])
            say(diff.report(editionName: "\(edition) (\(edited.edition?.name ?? ""))"), terminator: "")
        }
    }
}

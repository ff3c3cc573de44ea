import ArgumentParser
import Foundation
import Katern

/// `katern init`: a new booklet project that builds at once.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new booklet project that builds at once.",
        discussion: """
            Makes the project's folders: Booklets/boekje (a short sample booklet), Layouts/ (the \
            standard A5 layouts), Fonts/, Hyphenation/, Languages/, Schemas/ (for editors), \
            Editions/voorbeeld.yaml (a commented hospital edition) and Output/. The folder must \
            be new or empty; nothing is overwritten.
            """)

    @Argument(help: ArgumentHelp("The folder to create the project in (default: the current folder, which must be empty).", valueName: "folder"))
    var folder: String = "."

    func run() throws {
        let made = try runReporting { try ProjectScaffold.create(at: folder, resources: try ProjectScaffold.resources()) }
        say("Created a booklet project in \(folder == "." ? "this folder" : folder):")
        for path in made.filter({ !$0.contains("/") || $0.hasSuffix("/") || $0.hasPrefix("Booklets/") || $0.hasPrefix("Editions/") }) {
            say("  \(path)")
        }
        let into = folder == "." ? "" : "cd \(folder) && "
        say("Next: \(into)katern build (Output/boekje.pdf), or katern serve for a live preview in the browser.")
    }
}

/// `katern new edition <id>`: a commented edition file and a placeholder logo.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new hospital edition (katern new edition <id>).",
        discussion: """
            Writes Editions/<id>.yaml with every key of an edition (the optional ones commented \
            out) and a placeholder logo Editions/logos/<id>.svg, and says what to fill in. It \
            builds as it is: katern build --edition <id>.
            """)

    @Argument(help: ArgumentHelp("What to create: edition.", valueName: "kind"))
    var kind: String

    @Argument(help: ArgumentHelp("The edition's id: lower-case letters, digits and '-', such as sint-anna.", valueName: "id"))
    var id: String

    @OptionGroup var sources: SourceOptions

    func validate() throws {
        guard kind == "edition" else { throw ValidationError("katern new makes an edition: katern new edition <id>, not '\(kind)'") }
    }

    func run() throws {
        let editions = sources.request(edition: nil).editions
        let made = try runReporting { try ProjectScaffold.newEdition(id: id, editions: editions) }
        say("Created \(made.file) and a placeholder logo \(made.logo).")
        say("Fill in: \(EditionTemplate.toFill.joined(separator: ", ")), and replace the logo with the hospital's own (SVG, PNG or JPEG).")
        say("Optional (commented out): colors, contacts.nurse, variables, flags, sections.")
        say("See it: katern watch --edition \(id), or katern serve and pick '\(id)'.")
    }
}

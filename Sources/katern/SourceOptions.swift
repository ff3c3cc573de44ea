import ArgumentParser
import Foundation
import Katern
import KaternDocument

/// The options that name the sources, shared by the subcommands.
struct SourceOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("The booklet folder (holds index.md and the chapter files).", valueName: "folder"))
    var booklet: String = BuildRequest.defaultBooklet

    @Option(name: .shortAndLong, help: ArgumentHelp("The layout file.", valueName: "file"))
    var layout: String = BuildRequest.defaultLayout

    @Option(name: .long, help: ArgumentHelp("The folder of font files; fonts are loaded from here only.", valueName: "folder"))
    var fonts: String = BuildRequest.defaultFonts

    @Option(name: .long, help: ArgumentHelp("The folder of hospital editions (<id>.yaml).", valueName: "folder"))
    var editions: String = BuildRequest.defaultEditions

    func request(edition: String?, output: String? = nil) -> BuildRequest {
        BuildRequest(booklet: booklet, layout: layout, fonts: fonts, output: output, edition: edition, editions: editions,
                     project: project)
    }

    /// The project folder: the one that holds the editions folder. Logos and local passages must lie inside it.
    var project: String { URL(fileURLWithPath: editions).standardizedFileURL.deletingLastPathComponent().path }

    var editionLoader: EditionLoader { EditionLoader(folder: editions, projectFolder: project) }
}

import ArgumentParser
import Foundation
import Katern
import KaternDocument

/// Shell completion of edition ids: the `.yaml` files of `Editions/` in the current folder (or of
/// the folder `--editions` names on the line being completed).
enum EditionCompletion {
    static let ids: CompletionKind = .custom { words, _, _ in
        var folder = "Editions"
        if let flag = words.firstIndex(of: "--editions"), flag + 1 < words.count { folder = words[flag + 1] }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
            .map { String($0.prefix { $0 != "." }) }.sorted()
    }
}

/// The options that name the sources, shared by the subcommands. Paths given here are taken as
/// written (relative to the current folder); what is not given comes from the project folder.
struct SourceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The project folder, which holds Booklets/, Layouts/, Fonts/, Editions/, Hyphenation/, Languages/ and Output/ (default: the current folder).", valueName: "folder"))
    var project: String = "."

    @Option(name: .shortAndLong, help: ArgumentHelp("The booklet folder, with index.md and the chapter files (default: <project>/Booklets/all, or the only booklet in <project>/Booklets).", valueName: "folder"))
    var booklet: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("The layout file (default: <project>/Layouts/a5.yaml).", valueName: "file"),
            completion: .file(extensions: ["yaml", "yml"]))
    var layout: String?

    @Option(name: .long, help: ArgumentHelp("The folder of font files; fonts are loaded from here only (default: <project>/Fonts).", valueName: "folder"))
    var fonts: String?

    @Option(name: .long, help: ArgumentHelp("The folder of hospital editions, <id>.yaml (default: <project>/Editions).", valueName: "folder"))
    var editions: String?

    @OptionGroup var diagnostics: DiagnosticOptions

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: project, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("the project folder '\(project)' does not exist")
        }
    }

    func request(edition: String?, output: String? = nil, print: Bool = false) -> BuildRequest {
        BuildRequest(project: project, booklet: booklet, layout: layout, fonts: fonts, output: output, edition: edition,
                     editions: editions, print: print)
    }

    var editionLoader: EditionLoader {
        EditionLoader(folder: request(edition: nil).editions, projectFolder: project)
    }

    /// The ids of the editions to build with `--all-editions` or check: every edition in the
    /// folder. A folder named with `--editions` must exist; without `--editions`, a project that
    /// has no `Editions/` folder has no editions (and `note` says so).
    func editionIDs(note: (String) -> Void) throws -> [String] {
        let loader = editionLoader
        if editions == nil && !loader.folderExists {
            note("no editions folder \(loader.folder): the base booklet only")
            return []
        }
        return try loader.scan().map(\.id)
    }
}

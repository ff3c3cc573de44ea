import ArgumentParser
import Foundation
import Katern
import KaternDocument
import KaternRender

/// `katern schema`: the JSON Schemas of the layout, the edition and the booklet's front matter,
/// made from the key tables Katern checks files with.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Write the JSON Schemas of layout, edition and front matter files, for editors.",
        discussion: """
            Without a name, writes layout.schema.json, edition.schema.json and \
            booklet.schema.json into <project>/Schemas/; with one (layout, edition or booklet), \
            prints that schema. A YAML file that starts with \
            '# yaml-language-server: $schema=../Schemas/edition.schema.json' is then checked and \
            completed while it is typed in VS Code (with the YAML extension) and other editors.
            """)

    @Argument(help: ArgumentHelp("layout, edition or booklet: print this schema.", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("The project folder (default: the current folder).", valueName: "folder"))
    var project: String = "."

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: project, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("the project folder '\(project)' does not exist")
        }
        if let name, SettingsFile(rawValue: name) == nil {
            throw ValidationError("there is no schema '\(name)'; choose layout, edition or booklet")
        }
    }

    func run() throws {
        if let name, let file = SettingsFile(rawValue: name) {
            say(file.schema, terminator: "")
            return
        }
        let folder = (project as NSString).appendingPathComponent("Schemas")
        try runReporting {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw RenderError.cannotWrite(SourceLocation(file: folder), "cannot make the schemas' folder (\(error.localizedDescription))")
            }
            for file in SettingsFile.allCases {
                let path = (folder as NSString).appendingPathComponent(file.fileName)
                try TemporaryFiles.write(Data(file.schema.utf8), to: path)
                say(path)
            }
        }
    }
}

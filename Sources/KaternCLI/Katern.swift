import ArgumentParser
import Katern
import KaternRender

@main
struct KaternCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "katern",
        abstract: "Typesets patient information booklets into print-ready A5 PDFs.",
        discussion: """
            Katern reads a booklet (CommonMark chapters with YAML front matter, in Booklets/<name>/), \
            a layout (page geometry and styles, in Layouts/<name>.yaml) and the fonts in Fonts/, \
            and writes a PDF to Output/. Run it from the project folder.
            """,
        version: Pipeline.version,
        subcommands: [Build.self, Watch.self, Serve.self, Init.self, New.self, Schema.self, Check.self, Dump.self, Editions.self, Diff.self, Impose.self, Preview.self, Bench.self, ManifestCommand.self])

    /// Before anything else: a signal removes the run's temporary files before it ends.
    static func main() {
        TemporaryFiles.installSignalHandlers()
        main(nil)
    }
}

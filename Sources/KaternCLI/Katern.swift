import ArgumentParser
import Katern
import KaternRender
import KaternDocument

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
        Trace.mark("process started")
        TemporaryFiles.installSignalHandlers()
        warmUpEarly(CommandLine.arguments)
        main(nil)
    }

    /// A command that builds one PDF starts its warm-up (the text patterns, fontconfig, the
    /// booklet's hyphenation patterns) on the idle core while the parser reads the command line
    /// (about 5 ms). The booklet is found from `--project` and `--booklet` as written: a guess,
    /// which the build checks (`ShaperWarmup.take`); a wrong one costs an idle core's time only.
    static func warmUpEarly(_ arguments: [String]) {
        guard arguments.count > 1, ["build", "dump", "impose", "preview"].contains(arguments[1]),
              !arguments.contains("--all-editions") else { return }
        // The last one given, as the parser takes it.
        func value(_ names: String...) -> String? {
            for (index, argument) in arguments.enumerated().dropFirst(2).reversed() {
                for name in names {
                    if argument == name, index + 1 < arguments.count { return arguments[index + 1] }
                    if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
                }
            }
            return nil
        }
        Pipeline.warmUpEarly(project: value("--project"), booklet: value("--booklet", "-b"))
    }
}

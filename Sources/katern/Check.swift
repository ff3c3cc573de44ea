import ArgumentParser
import Katern

/// `katern check`: read and validate the sources without rendering.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a booklet and a layout for errors without writing a PDF.")

    @Option(name: .shortAndLong, help: ArgumentHelp("The booklet folder.", valueName: "folder"))
    var booklet: String = BuildRequest.defaultBooklet

    @Option(name: .shortAndLong, help: ArgumentHelp("The layout file.", valueName: "file"))
    var layout: String = BuildRequest.defaultLayout

    @Option(name: .long, help: ArgumentHelp("The folder of font files.", valueName: "folder"))
    var fonts: String = BuildRequest.defaultFonts

    func run() throws {
        let request = BuildRequest(booklet: booklet, layout: layout, fonts: fonts)
        try runReporting {
            let pipeline = Pipeline()
            let (booklet, layout) = try pipeline.load(request)
            _ = try pipeline.makeShaper(fonts: request.fonts, layout: layout, language: booklet.metadata.language,
                                        location: .init(file: request.booklet + "/index.md"))
            print("\(request.booklet): \(booklet.chapters.count) chapters, layout \(request.layout): ok")
        }
    }
}

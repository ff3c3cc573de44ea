import ArgumentParser
import Katern
import KaternDocument

/// `katern check`: read and validate the sources without rendering.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the booklet, the layout and the editions for errors without writing a PDF.",
        discussion: "Without --edition, checks the base booklet and every edition in the editions folder.")

    @OptionGroup var sources: SourceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Check only this edition (its id).", valueName: "id"))
    var edition: String?

    func run() throws {
        try runReporting {
            let pipeline = Pipeline()
            var ids: [String?] = [nil]
            if let edition {
                ids = [edition]
            } else {
                ids += try sources.editionLoader.loadAll().map(\.id)
            }
            for id in ids {
                let request = sources.request(edition: id)
                let loaded = try pipeline.load(request)
                _ = try pipeline.makeShaper(fonts: request.fonts, layout: loaded.layout, language: loaded.booklet.metadata.language,
                                            location: .init(file: request.booklet + "/index.md"))
                _ = try pipeline.imprint(for: loaded, images: .init())
                print("\(id.map { "edition \($0)" } ?? "booklet \(request.booklet)"): ok")
            }
        }
    }
}

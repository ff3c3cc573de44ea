import Foundation
import KaternTestSupport
import Testing

/// Broken sources that a build now reads on two threads at once (the booklet on one, the layout
/// and the fonts on the other): the command says what is wrong at the file, exits 1, and leaves
/// the previous PDF as it was; a layout that is a named pipe is never read (no hang).
@Suite struct PrefetchedSourcesTests {
    func project() throws -> String {
        let root = try CLI.temporaryFolder()
        for folder in ["Booklets", "Layouts", "Fonts", "Editions", "Hyphenation", "Languages"] {
            try FileManager.default.copyItem(atPath: CLI.projectRoot + "/" + folder, toPath: root + "/" + folder)
        }
        try Data("previous".utf8).write(to: URL(fileURLWithPath: root + "/out.pdf"))
        return root
    }

    func build(_ root: String, _ extra: [String] = []) throws -> CLI.Result {
        try CLI.katern(["build", "--project", root, "--output", root + "/out.pdf"] + extra)
    }

    func expectPreviousKept(_ root: String) throws {
        #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/out.pdf")) == Data("previous".utf8))
        let left = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix(".katern.") }
        #expect(left.isEmpty, "temporary files left: \(left)")
    }

    @Test func aBrokenBookletIsReportedBeforeABrokenLayout() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let index = root + "/Booklets/all/index.md"
        try (try String(contentsOfFile: index, encoding: .utf8)).replacingOccurrences(of: "language:", with: "language: [")
            .write(toFile: index, atomically: true, encoding: .utf8)
        try "page: [\n".write(toFile: root + "/Layouts/a5.yaml", atomically: true, encoding: .utf8)
        let result = try build(root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Booklets/all/index.md:") && result.stderr.contains("error: invalid YAML"), "\(result.stderr)")
        #expect(!result.stderr.contains("a5.yaml"), "\(result.stderr)")
        try expectPreviousKept(root)
    }

    @Test func aLayoutThatIsANamedPipeIsNotRead() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let pipe = root + "/Layouts/pipe.yaml"
        #expect(mkfifo(pipe, 0o600) == 0)
        let result = try build(root, ["--layout", pipe])
        #expect(result.status == 1)
        #expect(result.stderr.contains("pipe.yaml: error: the layout file") && result.stderr.contains("is a named pipe (FIFO), not a file"), "\(result.stderr)")
        try expectPreviousKept(root)
    }

    @Test func aMissingFontFamilyIsReportedAtTheLayout() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.removeItem(atPath: root + "/Fonts/Lato")
        let result = try build(root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("a5.yaml:") && result.stderr.contains("Lato"), "\(result.stderr)")
        try expectPreviousKept(root)
    }
}

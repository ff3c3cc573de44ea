import Foundation
import KaternTestSupport
import Testing

/// Bad input: each gets `file:line: error: message` on standard error, a non-zero exit, no stack
/// trace, and no PDF (nor a temporary file) left behind.
@Suite struct BadInputTests {
    /// Builds into a fresh folder and checks the failure; returns standard error.
    func failingBuild(_ arguments: [String]) throws -> String {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/out.pdf"
        let result = try CLI.katern(["build", "--output", output] + arguments)
        #expect(result.status != 0)
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        return result.stderr
    }

    func line(of needle: String, in file: String) throws -> Int {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }) + 1
    }

    @Test func aMissingBookletFolder() throws {
        let stderr = try failingBuild(["--booklet", "Booklets/does-not-exist"])
        #expect(stderr == "Booklets/does-not-exist: error: booklet folder not found; pass an existing folder with --booklet (it must hold an index.md)\n")
    }

    @Test func brokenFrontMatter() throws {
        let booklet = try CLI.copyOfBooklet()
        defer { try? FileManager.default.removeItem(atPath: booklet) }
        let index = booklet + "/index.md"
        var text = try String(contentsOfFile: index, encoding: .utf8)
        text = text.replacingOccurrences(of: "language: nl-NL", with: "language: [nl-NL")
        try text.write(toFile: index, atomically: true, encoding: .utf8)
        let stderr = try failingBuild(["--booklet", booklet])
        #expect(stderr.hasPrefix(index + ":"))
        #expect(stderr.contains(": error: invalid YAML"))
    }

    @Test func anUnknownLayoutKey() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let layout = folder + "/layout.yaml"
        let text = try String(contentsOfFile: CLI.projectRoot + "/Layouts/a5.yaml", encoding: .utf8)
        // (The body's only: heading-3 has the same lines, and would be a second error.)
        let body = try #require(text.range(of: "  leading: 14pt\n  color: text"))
        try text.replacingCharacters(in: body, with: "  leading: 14pt\n  colour: text").write(toFile: layout, atomically: true, encoding: .utf8)
        let stderr = try failingBuild(["--layout", layout])
        #expect(stderr.hasPrefix("\(layout):\(try line(of: "colour: text", in: layout)): error: unknown key 'colour' in body (did you mean 'color'?)"))
    }

    @Test func aFontThatIsNotInFonts() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let layout = folder + "/layout.yaml"
        let text = try String(contentsOfFile: CLI.projectRoot + "/Layouts/a5.yaml", encoding: .utf8)
        try text.replacingOccurrences(of: "font: Charis SIL", with: "font: DejaVu Sans")
            .write(toFile: layout, atomically: true, encoding: .utf8)
        let stderr = try failingBuild(["--layout", layout])
        #expect(stderr.hasPrefix("\(layout):\(try line(of: "font: DejaVu Sans", in: layout)): error: font 'DejaVu Sans' is not in Fonts/"))
    }

    @Test func anOutputFolderThatDoesNotExist() throws {
        let result = try CLI.katern(["build", "--output", "/nonexistent-katern-folder/all.pdf"])
        #expect(result.status != 0)
        #expect(result.stderr == "/nonexistent-katern-folder/all.pdf: error: the output folder /nonexistent-katern-folder does not exist; create it or choose another --output\n")
    }

    @Test func anOutputPathThatCannotBeWritten() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let blocked = folder + "/taken.pdf"
        try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: false)
        let result = try CLI.katern(["build", "--output", blocked])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix(blocked + ": error: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["taken.pdf"])
    }
}

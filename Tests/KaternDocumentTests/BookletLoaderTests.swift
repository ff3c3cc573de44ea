import Testing
@testable import KaternDocument

@Suite struct BookletLoaderTests {
    @Test func readsMetadataOpeningAndChaptersInOrder() throws {
        let booklet = try TemporaryBooklet([
            "index.md": minimalIndex.replacingOccurrences(of: "  - een.md", with: "  - twee.md\n  - een.md"),
            "een.md": "# Een\n\nTekst een.\n",
            "twee.md": "# Twee\n\nTekst twee.\n",
        ])
        defer { booklet.remove() }
        let loaded = try BookletLoader(folder: booklet.folder).load()
        #expect(loaded.metadata.title == "Test")
        #expect(loaded.metadata.language == "nl-NL")
        #expect(loaded.chapters.map(\.title) == ["Twee", "Een"])
        #expect(loaded.opening.count == 1)
        #expect(loaded.chapters[0].blocks[1].location == SourceLocation(file: booklet.folder + "/twee.md", line: 3))
    }

    @Test func aMissingFolderIsAnError() {
        #expect(throws: DocumentError.missingBookletFolder(SourceLocation(file: "/nonexistent/booklet"))) {
            try BookletLoader(folder: "/nonexistent/booklet").load()
        }
    }

    @Test func brokenFrontMatterNamesTheLine() throws {
        let booklet = try TemporaryBooklet([
            "index.md": "---\ntitle: \"Test\nlanguage: nl-NL\n---\n",
        ])
        defer { booklet.remove() }
        do {
            _ = try BookletLoader(folder: booklet.folder).load()
            Issue.record("no error")
        } catch let error as DocumentError {
            #expect(error.location.file == booklet.folder + "/index.md")
            #expect(error.location.line != nil)
            #expect(error.description.contains("invalid YAML"))
        }
    }

    @Test func anUnknownFrontMatterKeyIsAnErrorAtItsLine() throws {
        let booklet = try TemporaryBooklet([
            "index.md": minimalIndex.replacingOccurrences(of: "publisher:", with: "publsher:"),
            "een.md": "# Een\n",
        ])
        defer { booklet.remove() }
        do {
            _ = try BookletLoader(folder: booklet.folder).load()
            Issue.record("no error")
        } catch let error as DocumentError {
            #expect(error.location.line == 5)
            #expect(error.message.contains("unknown key 'publsher'"))
            #expect(error.message.contains("did you mean 'publisher'"))
        }
    }

    @Test func aListedChapterThatDoesNotExistIsAnErrorAtItsLine() throws {
        let booklet = try TemporaryBooklet(["index.md": minimalIndex])
        defer { booklet.remove() }
        do {
            _ = try BookletLoader(folder: booklet.folder).load()
            Issue.record("no error")
        } catch let error as DocumentError {
            #expect(error.location.line == 7)
            #expect(error.message.contains("'een.md' is listed but there is no file"))
        }
    }

    @Test func aChapterMustStartWithItsTitle() throws {
        let booklet = try TemporaryBooklet(["index.md": minimalIndex, "een.md": "Tekst zonder titel.\n"])
        defer { booklet.remove() }
        #expect(throws: DocumentError.content(SourceLocation(file: booklet.folder + "/een.md", line: 1),
                                              "a chapter must begin with its level-1 heading ('# Title')")) {
            try BookletLoader(folder: booklet.folder).load()
        }
    }

    @Test func frontMatterKeepsLineNumbers() throws {
        let parts = try FrontMatter.split("---\na: 1\nb: 2\n---\n\n# Titel\n", file: "x.md")
        #expect(parts.yaml == "a: 1\nb: 2")
        #expect(parts.yamlLineOffset == 1)
        #expect(parts.bodyLineOffset == 4)
        #expect(throws: DocumentError.self) { try FrontMatter.split("---\na: 1\n", file: "x.md") }
    }
}

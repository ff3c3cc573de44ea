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

    /// A colophon (or chapter) may begin with a thematic break: it is content, not front matter.
    /// Front matter in a file other than index.md is an error (its keys would not be read).
    @Test func onlyIndexHasFrontMatter() throws {
        let booklet = try TemporaryBooklet([
            "index.md": minimalIndex.replacingOccurrences(of: "chapters:", with: "colophon: colofon.md\nchapters:"),
            "een.md": "# Een\n\nTekst.\n",
            "colofon.md": "---\n\nDeze uitgave is van Hematon.\n\n---\n\n© Hematon 2024\n",
        ])
        defer { booklet.remove() }
        let loaded = try BookletLoader(folder: booklet.folder).load()
        #expect(loaded.colophon.plainTexts == ["Deze uitgave is van Hematon.", "© Hematon 2024"])
        try "---\ntitel: Een\n---\n# Een\n".write(toFile: booklet.folder + "/een.md", atomically: true, encoding: .utf8)
        #expect(throws: DocumentError.self) { try BookletLoader(folder: booklet.folder).load() }
    }

    /// Heading ids are unique over the chapters and the contact page (which the contents lists).
    @Test func aContactHeadingMayNotTakeAChaptersID() throws {
        let booklet = try TemporaryBooklet([
            "index.md": minimalIndex.replacingOccurrences(of: "chapters:", with: "contact: vragen.md\nchapters:"),
            "een.md": "# Een\n\n## Vragen?\n\nTekst.\n",
            "vragen.md": "# Vragen?\n\nBel ons.\n",
        ])
        defer { booklet.remove() }
        do {
            _ = try BookletLoader(folder: booklet.folder).load()
            Issue.record("no error")
        } catch let error as DocumentError {
            #expect(error.location == SourceLocation(file: booklet.folder + "/vragen.md", line: 1))
            #expect(error.message.contains("heading id 'vragen' is used twice"))
        }
    }

    @Test func aDateMustExist() throws {
        for date in ["2024-13-45", "2024-02-30", "24-05-01", "2024-5-1"] {
            let booklet = try TemporaryBooklet(["index.md": minimalIndex.replacingOccurrences(of: "chapters:", with: "date: \(date)\nchapters:"),
                                                "een.md": "# Een\n"])
            defer { booklet.remove() }
            #expect(throws: DocumentError.self, "\(date)") { try BookletLoader(folder: booklet.folder).load() }
        }
    }
}

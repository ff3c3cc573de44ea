import Foundation
import KaternDocument
import Testing
@testable import KaternStyle

@Suite struct LayoutLoaderTests {
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    func shippedLayout() throws -> String {
        try String(contentsOfFile: Self.projectRoot + "/Layouts/a5.yaml", encoding: .utf8)
    }

    func load(_ text: String) throws -> Layout {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("katern-layout-\(UUID().uuidString).yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        return try LayoutLoader(file: file).load()
    }

    /// The (first) error loading `text` gives: every bad value is reported in one run, so an
    /// edit that repeats in the file gives one error for each place.
    func loadError(_ text: String) throws -> DocumentError? {
        do {
            _ = try load(text)
            return nil
        } catch let error as DocumentError {
            return error
        } catch let errors as LocatedErrors {
            return errors.errors.first as? DocumentError
        }
    }

    /// Every bad value of a layout is reported in one run, each at its own line.
    @Test func everyBadValueIsReportedAtOnce() throws {
        var text = try shippedLayout()
        text = text.replacingOccurrences(of: "  size: 9.8pt", with: "  size: 0pt").replacingOccurrences(of: "  leading: 25pt", with: "  leading: 0pt")
        do {
            _ = try load(text)
            Issue.record("a broken layout loaded")
        } catch let errors as LocatedErrors {
            #expect(errors.errors.map(\.location.line) == [line(of: "  size: 0pt", in: text), line(of: "  leading: 0pt", in: text)])
            #expect(errors.errors.map(\.message).allSatisfy { $0.contains("must be from 4pt") })
        }
    }

    /// The line of `text` that contains `needle` (1-based).
    func line(of needle: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    @Test func theShippedLayoutIsA5WithMirroredMargins() throws {
        let layout = try load(try shippedLayout())
        #expect(abs(layout.page.width.millimetres - 148) < 0.001)
        #expect(abs(layout.page.height.millimetres - 210) < 0.001)
        #expect(layout.page.leftMargin(pageNumber: 3) == layout.page.inner)
        #expect(layout.page.leftMargin(pageNumber: 4) == layout.page.outer)
        #expect(layout.body.font.family == "Charis SIL")
        #expect(layout.heading(level: 1).size > layout.heading(level: 2).size)
        #expect(layout.heading(level: 2).size > layout.body.size)
        #expect(layout.quote.panel != nil)
    }

    @Test func stylesInheritFromBody() throws {
        let layout = try load(try shippedLayout())
        #expect(layout.list.bulletFont.family == layout.body.font.family)
        #expect(layout.colophon.color != layout.body.color)
        #expect(layout.heading(level: 2).spaceAfter == .pt(3))
    }

    @Test func anUnknownKeyIsAnErrorAtItsLine() throws {
        let text = try shippedLayout().replacingOccurrences(of: "  leading: 14pt\n  color: text", with: "  leading: 14pt\n  colour: text")
        let error = try #require(try loadError(text))
        #expect(error.location.line == line(of: "colour: text", in: text))
        #expect(error.message.contains("unknown key 'colour'"))
        #expect(error.message.contains("did you mean 'color'"))
    }

    @Test func aLengthWithoutAUnitIsAnError() throws {
        let text = try shippedLayout().replacingOccurrences(of: "size: 9.8pt", with: "size: 9.8")
        let error = try #require(try loadError(text))
        #expect(error.location.line == line(of: "size: 9.8", in: text))
        #expect(error.message.contains("must be a length with a unit"))
    }

    @Test func aWrongTypeIsAnError() throws {
        let text = try shippedLayout().replacingOccurrences(of: "  hyphenate: true\n  word-spacing", with: "  hyphenate: [yes]\n  word-spacing")
        let error = try #require(try loadError(text))
        #expect(error.message.contains("hyphenate must be true or false"))
        #expect(error.location.line == line(of: "hyphenate: [yes]", in: text))
    }

    @Test func anUnknownColourIsAnError() throws {
        let text = try shippedLayout().replacingOccurrences(of: "  panel: tint", with: "  panel: teal")
        let error = try #require(try loadError(text))
        #expect(error.message.contains("unknown colour 'teal'"))
        #expect(error.location.line == line(of: "panel: teal", in: text))
    }

    @Test func lengthsParseInUnits() {
        #expect(Length.parse("10pt") == .pt(10))
        #expect(Length.parse("25.4mm")?.points == 72)
        #expect(Length.parse("1cm") == .mm(10))
        #expect(Length.parse("12") == nil)
        #expect(Color.parse(hex: "#00677f")?.description == "#00677f")
        #expect(Color.parse(hex: "teal") == nil)
    }

    /// Every number of a layout is finite and in its declared range, at its line.
    @Test(arguments: [
        ("inner: 19mm", "inner: infmm", "must be from"),
        ("tracking: 0.06", "tracking: nan", "must be a number from"),
        ("size: 9.8pt", "size: 1e308pt", "must be from 4pt to 200pt"),
        ("  leading: 14pt", "  leading: 5pt", "overprint"),
        ("indent: 5mm", "indent: 500mm", "from 2mm to 40mm"),
        ("rule-spacing: 8mm", "rule-spacing: 0mm", "from 4mm to 50mm"),
        ("bullet: \"•\"", "bullet: \"\"", "must not be empty"),
        ("baseline: 11mm", "baseline: 30mm", "would print over the text"),
        ("    bottom: 21mm", "    bottom: 5mm", "would print over the text"),
    ])
    func aValueOutOfRangeIsAnErrorAtItsLine(from: String, to: String, message: String) throws {
        let text = try shippedLayout().replacingOccurrences(of: from, with: to)
        #expect(text != (try shippedLayout()), "\(from) not in the layout")
        let error = try #require(try loadError(text))
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.location.line != nil)
    }

    /// The schema and the loader agree: every key the shipped layout uses is declared.
    @Test func theSchemaDeclaresEveryKeyTheLoaderReads() {
        #expect(LayoutLoader.topKeys == LayoutSchema.keys.map(\.name))
        #expect(LayoutSchema.keys.contains { $0.name == "pull-quote" })
    }
}

/// The README's layout tables are made from the layout's declarations: they cannot drift.
/// `KATERN_UPDATE_GOLDEN=1` (`./Scripts/update-golden`) writes them into the README.
@Suite struct LayoutDocumentationTests {
    static let readme = LayoutLoaderTests.projectRoot + "/README.md"
    static let start = "<!-- layout keys: made from LayoutSchema -->\n", end = "<!-- end of layout keys -->"

    static var generated: String {
        "Text styles take these keys:\n\n" + SettingsTable.markdown(LayoutSchema.text)
            + "\nThe layout's keys (a style is \"a text style\"; `.` separates nested keys):\n\n" + SettingsTable.markdown(LayoutSchema.keys)
    }

    @Test func theReadmesLayoutTablesAreTheSchemas() throws {
        let text = try String(contentsOfFile: Self.readme, encoding: .utf8)
        let from = try #require(text.range(of: Self.start)), to = try #require(text.range(of: Self.end))
        let current = String(text[from.upperBound..<to.lowerBound])
        if ProcessInfo.processInfo.environment["KATERN_UPDATE_GOLDEN"] != nil {
            try text.replacingCharacters(in: from.upperBound..<to.lowerBound, with: Self.generated).write(toFile: Self.readme, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == Self.generated, "the README's layout tables differ from LayoutSchema; run ./Scripts/update-golden")
        #expect(Set(LayoutSchema.text.map(\.name)) == TextStyleKeys.names)
    }
}

/// A layout path that is there but is no file is said to be what it is, and never read (a
/// named pipe would block the read for ever).
@Suite struct LayoutPathTests {
    @Test func aNamedPipeOrAFolderIsNotALayoutFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("katern-layoutpath-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/a5.yaml", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/pipe.yaml", 0o600) == 0)
        for (name, kind) in [("pipe.yaml", "a named pipe (FIFO)"), ("a5.yaml", "a folder")] {
            do {
                _ = try LayoutLoader(file: folder + "/" + name).load()
                Issue.record("\(name) was read as a layout")
            } catch let error as DocumentError {
                #expect(error.message.contains("is \(kind), not a file"), "\(error.message)")
                #expect(error.location.file == folder + "/" + name)
            }
        }
    }
}

import Foundation
import Katern
import KaternDocument
import KaternTestSupport
import Testing

/// The README's tables of the edition's and the front matter's keys are made from the key tables
/// the loaders check with: they cannot drift. `./Scripts/update-golden` writes them.
@Suite struct KeyTableTests {
    static let readme = CLI.projectRoot + "/README.md"

    static let tables: [(start: String, end: String, text: String)] = [
        ("<!-- edition keys: made from EditionSchema -->\n", "<!-- end of edition keys -->",
         "An edition's keys (`.` separates nested keys):\n\n" + SettingsTable.markdown(EditionSchema.keys)
            + "\nEach item of `sections` is `after` + `insert`, `replace` + `with`, or `omit`:\n\n" + SettingsTable.markdown(EditionSchema.section)),
        ("<!-- front matter keys: made from FrontMatterSchema -->\n", "<!-- end of front matter keys -->",
         "The front matter's keys:\n\n" + SettingsTable.markdown(FrontMatterSchema.keys)),
    ]

    @Test func theReadmesKeyTablesAreTheSchemas() throws {
        var text = try String(contentsOfFile: Self.readme, encoding: .utf8)
        for table in Self.tables {
            let from = try #require(text.range(of: table.start)), to = try #require(text.range(of: table.end))
            if ProcessInfo.processInfo.environment["KATERN_UPDATE_GOLDEN"] != nil {
                text.replaceSubrange(from.upperBound..<to.lowerBound, with: table.text)
                continue
            }
            #expect(String(text[from.upperBound..<to.lowerBound]) == table.text, "the README's table after \(table.start) differs; run ./Scripts/update-golden")
        }
        if ProcessInfo.processInfo.environment["KATERN_UPDATE_GOLDEN"] != nil {
            try text.write(toFile: Self.readme, atomically: true, encoding: .utf8)
        }
    }
}

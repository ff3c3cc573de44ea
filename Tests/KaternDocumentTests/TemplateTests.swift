import Foundation
import Testing
@testable import KaternDocument

/// Template variables and conditional passages, rendered after parsing.
@Suite struct TemplateTests {
    func resolve(_ markdown: String, flags: Set<String>, variables: [String: String] = [:]) throws -> [Block] {
        let blocks = try CommonMarkConverter(file: "t.md").blocks(from: markdown)
        let renderer = TemplateRenderer(variables: variables, flags: flags, owner: "the edition")
        return try renderer.render(blocks)
    }

    /// A conditional passage inside a paragraph may hold emphasis, strong text and links: the
    /// paragraph's spans are rendered as one template ("not balanced" before).
    @Test func anInlineConditionalMayHoldEmphasis() throws {
        let source = "Voor. {{#flag}}Tekst met *nadruk* en **kracht**.{{/flag}} Na."
        let on = try resolve(source, flags: ["flag"])
        #expect(on.first?.kind == .paragraph([TextSpan("Voor. Tekst met "), TextSpan("nadruk", emphasis: true), TextSpan(" en "),
                                              TextSpan("kracht", strong: true), TextSpan(". Na.")]))
        let off = try resolve(source, flags: [])
        #expect(off.first?.kind == .paragraph([TextSpan("Voor. Na.")]))  // one space where the passage was
        let inverted = try resolve("{{^flag}}Alleen *zonder*.{{/flag}}", flags: [])
        #expect(inverted.first?.kind == .paragraph([TextSpan("Alleen "), TextSpan("zonder", emphasis: true), TextSpan(".")]))
        // A paragraph that was only a passage that is off leaves nothing behind.
        #expect(try resolve("{{#flag}}*Weg*{{/flag}}", flags: []).isEmpty)
    }

    @Test func aVariableInsideEmphasisIsLiteralText() throws {
        let blocks = try resolve("In *{{hospital.name}}* en [{{hospital.name}}](https://x.example).", flags: [],
                                 variables: ["hospital.name": "St. *Anna* & <Noord>"])
        #expect(blocks.first?.kind == .paragraph([TextSpan("In "), TextSpan("St. *Anna* & <Noord>", emphasis: true), TextSpan(" en "),
                                                  TextSpan("St. *Anna* & <Noord>", link: "https://x.example"), TextSpan(".")]))
    }

    @Test func unbalancedAndUnsupportedTagsAreErrorsAtTheirLine() throws {
        #expect(throws: DocumentError.self) { try resolve("\n\nEen {{#flag}}open passage.", flags: ["flag"]) }
        do {
            _ = try resolve("\n\nTekst {{> deel}} hier.", flags: [])
            Issue.record("no error")
        } catch let error as DocumentError {
            #expect(error.location.line == 3)
            #expect(error.message.contains("partial"))
        }
        do {
            _ = try resolve("Bel {{hospital.phon}}.", flags: [], variables: ["hospital.phone": "1"])
            Issue.record("no error")
        } catch let error as DocumentError {
            #expect(error.message.contains("did you mean '{{hospital.phone}}'"))
        }
    }

    /// Variables fill a link's address and an image's alt text too.
    @Test func variablesInLinksAndAltText() throws {
        let blocks = try resolve("[Website]({{hospital.web}})\n\n![Plattegrond van {{hospital.name}}](kaart.png)", flags: [],
                                 variables: ["hospital.web": "https://x.example/a", "hospital.name": "Ziekenhuis West"])
        #expect(blocks[0].kind == .paragraph([TextSpan("Website", link: "https://x.example/a")]))
        guard case .figure(_, let alt, _) = blocks[1].kind else { Issue.record("no figure"); return }
        #expect(alt == "Plattegrond van Ziekenhuis West")
    }

    /// A list item that was only a passage that is off goes, and the numbers close up.
    @Test func anEmptiedListItemGoes() throws {
        let blocks = try resolve("1. Eerste stap.\n2. {{#edition}}Bel ons.{{/edition}}\n3. Derde stap.\n", flags: [])
        guard case .list(true, 1, let items) = blocks[0].kind else { Issue.record("\(blocks)"); return }
        #expect(items.map(\.plainTexts) == [["Eerste stap."], ["Derde stap."]])
        #expect(try resolve("- {{#edition}}alleen{{/edition}}\n", flags: []).isEmpty)
    }
}

/// What `katern diff` reports.
@Suite struct EditionDiffTests {
    func section(_ id: String, _ title: String, file: String, _ text: String) -> [Block] {
        [Block(.heading(level: 2, id: id, content: [TextSpan(title)]), at: SourceLocation(file: file, line: 1)),
         Block(.paragraph([TextSpan(text)]), at: SourceLocation(file: file, line: 3))]
    }

    func booklet(_ blocks: [Block]) -> Booklet {
        Booklet(metadata: BookletMetadata(title: "T", kind: "K", language: "nl-NL", publisher: "P"), opening: [],
                chapters: [Chapter(file: "c.md", blocks: [Block(.heading(level: 1, id: "c", content: [TextSpan("C")]), at: SourceLocation(file: "c.md", line: 1))] + blocks)],
                colophon: [])
    }

    /// A section replaced by a passage whose heading has another id shows as replaced.
    @Test func aReplacementWithAnotherIDIsAReplacement() {
        let base = booklet(section("oud", "Oud", file: "c.md", "Tekst."))
        let edition = booklet(section("nieuw", "Nieuw", file: "p.md", "Andere tekst."))
        let operation = SectionOperation(kind: .replace(file: "p.md"), section: "oud", location: SourceLocation(file: "e.yaml", line: 4))
        let diff = EditionDiff(base: base, edition: edition, baseVariables: [:], editionVariables: [:], operations: [operation])
        #expect(diff.changes.count == 1)
        guard case .replaced(let old, let new)? = diff.changes.first else { Issue.record("\(diff.changes)"); return }
        #expect(old.id == "oud" && new.id == "nieuw")
    }

    /// A heading whose text changes (a flag) shows the change.
    @Test func aChangedTitleShowsInTheReport() {
        let base = booklet(section("s", "Sectie", file: "c.md", "Tekst."))
        let edition = booklet(section("s", "Sectie bij ons", file: "c.md", "Tekst."))
        let report = EditionDiff(base: base, edition: edition, baseVariables: [:], editionVariables: [:]).report(editionName: "x")
        #expect(report.contains("- title: Sectie\n") && report.contains("+ title: Sectie bij ons"), "\(report)")
    }
}

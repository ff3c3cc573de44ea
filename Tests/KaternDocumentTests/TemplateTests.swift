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
        #expect(off.first?.kind == .paragraph([TextSpan("Voor.  Na.")]))
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
        guard case .figure(_, let alt) = blocks[1].kind else { Issue.record("no figure"); return }
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

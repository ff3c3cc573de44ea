import Testing
@testable import KaternDocument

@Suite struct CommonMarkConverterTests {
    let converter = CommonMarkConverter(file: "h.md", lineOffset: 10)

    @Test func headingsParagraphsListsAndQuotesBecomeBlocksWithLines() throws {
        let blocks = try converter.blocks(from: """
            # Klachten en symptomen

            De klachten zijn
            niet specifiek.

            ## Hoe vaak komt ALL voor?

            - bleekheid
            - koorts en nachtzweten

            > ALL is een zeldzame aandoening.
            """)
        #expect(blocks.count == 5)
        #expect(blocks[0] == Block(.heading(level: 1, id: "klachten-en-symptomen", content: [TextSpan("Klachten en symptomen")]),
                                   at: SourceLocation(file: "h.md", line: 11)))
        #expect(blocks[1].kind == .paragraph([TextSpan("De klachten zijn niet specifiek.")]))
        #expect(blocks[1].location.line == 13)
        #expect(blocks[2].kind == .heading(level: 2, id: "hoe-vaak-komt-all-voor", content: [TextSpan("Hoe vaak komt ALL voor?")]))
        guard case .list(let ordered, _, let items) = blocks[3].kind else { Issue.record("not a list"); return }
        #expect(!ordered)
        #expect(items.map { $0.first?.kind } == [.paragraph([TextSpan("bleekheid")]), .paragraph([TextSpan("koorts en nachtzweten")])])
        #expect(blocks[3].location.line == 18)
        guard case .quote(let inner) = blocks[4].kind else { Issue.record("not a quote"); return }
        #expect(inner.first?.kind == .paragraph([TextSpan("ALL is een zeldzame aandoening.")]))
    }

    @Test func emphasisAndLinksBecomeSpans() throws {
        let blocks = try converter.blocks(from: "Lees **meer** op [hematon.nl](https://hematon.nl).")
        #expect(blocks.first?.kind == .paragraph([
            TextSpan("Lees "), TextSpan("meer", strong: true), TextSpan(" op "),
            TextSpan("hematon.nl", link: "https://hematon.nl"), TextSpan("."),
        ]))
    }

    @Test func rawHTMLStaysLiteralText() throws {
        let blocks = try converter.blocks(from: "St. Anna & <b>De Linde</b>")
        #expect(blocks.first?.kind == .paragraph([TextSpan("St. Anna & <b>De Linde</b>")]))
    }

    @Test func explicitHeadingIDsAreTakenOffTheText() throws {
        let blocks = try converter.blocks(from: "## Bijwerkingen {#side-effects}")
        #expect(blocks.first?.kind == .heading(level: 2, id: "side-effects", content: [TextSpan("Bijwerkingen")]))
    }

    @Test func slugsFoldAccentsAndPunctuation() {
        #expect(Slug.make("Patiëntenboekje: wat nú?") == "patientenboekje-wat-nu")
        #expect(Slug.make("Laboratorium- of bloedonderzoek") == "laboratorium-of-bloedonderzoek")
    }
}

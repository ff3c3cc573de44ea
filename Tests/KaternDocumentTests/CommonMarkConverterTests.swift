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

    /// Headings in other scripts get ids of their own letters: two Greek headings no longer
    /// both become "" (and "used twice").
    @Test func slugsKeepTheLettersOfEveryScript() {
        #expect(Slug.make("Θεραπεία") == "θεραπεία")
        #expect(Slug.make("Διάγνωση και θεραπεία") == "διάγνωση-και-θεραπεία")
        #expect(Slug.make("Θεραπεία") != Slug.make("Διάγνωση"))
        #expect(Slug.make("Лечение") == "лечение")
        #expect(Slug.make("治疗") == "治疗")
    }

    /// A numbered list keeps its start number (`7.` starts at 7).
    @Test func orderedListsKeepTheirStartNumber() throws {
        let blocks = try converter.blocks(from: "7. zeven\n8. acht\n\n0) nul\n1) een\n")
        guard case .list(true, 7, let items) = blocks[0].kind else { Issue.record("\(blocks[0].kind)"); return }
        #expect(items.count == 2)
        guard case .list(true, 0, _) = blocks[1].kind else { Issue.record("\(blocks[1].kind)"); return }
    }

    /// A quote holds what the source puts in it: a list, a figure, a quote; nothing is dropped.
    @Test func aQuoteHoldsListsFiguresAndQuotes() throws {
        let blocks = try converter.blocks(from: """
            > Neem mee:
            >
            > - uw medicijnen
            > - uw pas
            >
            > > Een citaat in het citaat.
            >
            > ![Een tekening](tekening.png)
            """)
        guard case .quote(let inner) = blocks[0].kind else { Issue.record("not a quote"); return }
        #expect(inner.count == 4)
        #expect(inner.plainTexts == ["Neem mee:", "uw medicijnen", "uw pas", "Een citaat in het citaat.", "Een tekening"])
        guard case .list(false, 1, _) = inner[1].kind, case .quote = inner[2].kind, case .figure(_, "Een tekening", _) = inner[3].kind else {
            Issue.record("\(inner.map(\.kind))"); return
        }
    }

    /// Lists and quotes nested deeper than the limit are an error at their line (a stack
    /// overflow otherwise, with 1,100 levels); inline markup likewise.
    @Test func nestingIsBounded() throws {
        let deep = (0..<40).map { String(repeating: "  ", count: $0) + "- niveau \($0)" }.joined(separator: "\n")
        #expect(throws: DocumentError.self) { try converter.blocks(from: deep) }
        let quotes = String(repeating: ">", count: 10_000) + " diep"
        do {
            _ = try converter.blocks(from: quotes)
            Issue.record("no error")
        } catch let error as DocumentError {
            #expect(error.location.line == 11)
            #expect(error.message.contains("nested more than \(CommonMarkConverter.maximumNesting) deep"))
        }
        let shallow = (0..<CommonMarkConverter.maximumNesting).map { String(repeating: "  ", count: $0) + "- niveau \($0)" }.joined(separator: "\n")
        _ = try converter.blocks(from: shallow)
        let emphasis = String(repeating: "*a ", count: 200) + "x" + String(repeating: " a*", count: 200)
        #expect(throws: DocumentError.self) { try converter.blocks(from: emphasis) }
    }

    /// Images must be files inside the booklet, named by a relative path.
    @Test func anImageIsARelativeFile() throws {
        for url in ["/etc/passwd", "https://example.org/x.png", "file:///etc/passwd", "data:image/png;base64,AAAA"] {
            #expect(throws: DocumentError.self) { try converter.blocks(from: "![Een plaatje](\(url))") }
        }
        let blocks = try converter.blocks(from: "![Een plaatje](plaatjes/mijn%20foto.png)")
        guard case .figure(let path, _, _) = blocks[0].kind else { Issue.record("no figure"); return }
        #expect(path.hasSuffix("/plaatjes/mijn foto.png"))
    }
}

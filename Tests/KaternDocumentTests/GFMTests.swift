import Testing
@testable import KaternDocument

/// GitHub-flavoured Markdown through cmark-gfm: pipe tables (with alignment, every row checked
/// against the header), task lists as checklists, `> [!KIND]` boxes, glossaries, captions and
/// QR codes; each malformed form is an error at its line.
@Suite struct GFMTests {
    let converter = CommonMarkConverter(file: "g.md", lineOffset: 2)

    func error(_ markdown: String) -> DocumentError? {
        do { _ = try converter.blocks(from: markdown); return nil } catch let error as DocumentError { return error } catch { return nil }
    }

    @Test func aTableHasItsHeaderRowsAlignmentsAndRowLines() throws {
        let blocks = try converter.blocks(from: """
            Tekst.

            | Medicijn | Ochtend | Avond |
            |:--|:-:|--:|
            | Paracetamol *500 mg* | 2 | 2 |
            | Omeprazol | | 1 |
            """)
        guard case .table(let table) = blocks[1].kind else { Issue.record("\(blocks[1].kind)"); return }
        #expect(blocks[1].location.line == 5)
        #expect(table.alignments == [.left, .center, .right])
        #expect(table.header.map(\.plainText) == ["Medicijn", "Ochtend", "Avond"])
        #expect(table.rows.map { $0.map(\.plainText) } == [["Paracetamol 500 mg", "2", "2"], ["Omeprazol", "", "1"]])
        #expect(table.rows[0][0] == [TextSpan("Paracetamol "), TextSpan("500 mg", emphasis: true)])
        #expect(table.rowLocations.map(\.line) == [7, 8])
    }

    /// GitHub pads a short row and drops a long row's extra cells; a booklet must not, so a
    /// ragged row is an error at its own line (an escaped pipe is no cell boundary).
    @Test(arguments: [("| a | b |\n|---|---|\n| 1 |", 5, "has 1 cell and the header has 2"),
                      ("| a | b |\n|---|---|\n| 1 | 2 | 3 |", 5, "has 3 cells and the header has 2"),
                      ("a | b\n---|---\n1 | 2 | 3", 5, "has 3 cells")])
    func aRaggedRowIsAnError(markdown: String, line: Int, message: String) throws {
        let found = try #require(error(markdown))
        #expect(found.location.line == line)
        #expect(found.message.contains(message), "\(found.message)")
        #expect(throws: Never.self) { _ = try converter.blocks(from: "| a | b |\n|---|---|\n| 1 \\| 2 | 3 |") }
    }

    @Test func aTableWithoutAHeaderNameIsAnError() throws {
        let found = try #require(error("| | b |\n|---|---|\n| 1 | 2 |"))
        #expect(found.message.contains("column 1 of this table has no header"))
    }

    @Test func aTaskListIsAChecklistAlsoInAQuote() throws {
        let blocks = try converter.blocks(from: "- [ ] paspoort\n- [x] zorgpas\n\n> - [ ] pyjama\n> - [X] bril\n")
        guard case .checklist(let items, let checked) = blocks[0].kind else { Issue.record("\(blocks[0].kind)"); return }
        #expect(items.map(\.plainTexts) == [["paspoort"], ["zorgpas"]])
        #expect(checked == [false, true])
        guard case .quote(let inner) = blocks[1].kind, case .checklist(let quoted, let ticks) = inner[0].kind else { Issue.record("\(blocks[1].kind)"); return }
        #expect(quoted.map(\.plainTexts) == [["pyjama"], ["bril"]])
        #expect(ticks == [false, true])
    }

    @Test func aListMixingBoxesAndPlainItemsIsAnError() throws {
        let found = try #require(error("- [ ] paspoort\n- zorgpas\n"))
        #expect(found.location.line == 4)
        #expect(found.message.contains("mixes checklist items"))
        #expect(error("1. [ ] paspoort\n2. [ ] zorgpas\n")?.message.contains("numbered list cannot be a checklist") == true)
    }

    @Test func everyKindOfBoxAndNothingElse() throws {
        for kind in CalloutKind.allCases {
            let blocks = try converter.blocks(from: "> [!\(kind.rawValue.uppercased())]\n> Bel direct bij *koorts*.\n")
            guard case .callout(let found, let inner) = blocks[0].kind else { Issue.record("\(blocks[0].kind)"); continue }
            #expect(found == kind)
            #expect(inner == [Block(.paragraph([TextSpan("Bel direct bij "), TextSpan("koorts", emphasis: true), TextSpan(".")]), at: SourceLocation(file: "g.md", line: 3))])
        }
        // On one line with its text, too.
        guard case .callout(.tip, let inner) = try converter.blocks(from: "> [!TIP] Drink veel water.")[0].kind else { Issue.record("no tip"); return }
        #expect(inner.plainTexts == ["Drink veel water."])
        let unknown = try #require(error("> [!DANGER]\n> Pas op.\n"))
        #expect(unknown.location.line == 3)
        #expect(unknown.message.contains("'[!DANGER]' is no kind of box"))
        #expect(try #require(error("> [!NOTE]\n")).message.contains("box is empty"))
        // A quote that merely starts with a bracket stays a quote.
        guard case .quote = try converter.blocks(from: "> [Noot] dit is een citaat.")[0].kind else { Issue.record("not a quote"); return }
    }

    @Test func aGlossaryCollectsItsTermsOverBlankLines() throws {
        let blocks = try converter.blocks(from: """
            **Infuus**
            : Een dun slangetje
            in een bloedvat.
            **Nuchter**
            : Niets eten, *niets* drinken.

            **Visite**
            : Het bezoek van de arts.

            Gewone tekst.
            """)
        guard case .glossary(let entries) = blocks[0].kind else { Issue.record("\(blocks[0].kind)"); return }
        #expect(entries.map(\.term.plainText) == ["Infuus", "Nuchter", "Visite"])
        #expect(entries.map(\.definition.plainText) == ["Een dun slangetje in een bloedvat.", "Niets eten, niets drinken.", "Het bezoek van de arts."])
        #expect(entries.map(\.location.line) == [3, 6, 9])
        #expect(entries[1].definition.contains(TextSpan("niets", emphasis: true)))
        #expect(blocks[1].kind == .paragraph([TextSpan("Gewone tekst.")]))
        #expect(try #require(error("**Infuus**\n: Een slangetje.\n**Nuchter**\n")).message.contains("'Nuchter' has no definition"))
    }

    @Test func aFigureTakesItsCaptionFromItsTitleOrAnItalicLine() throws {
        let blocks = try converter.blocks(from: "![Een plattegrond](kaart.png \"De route\")\n\n![Een foto](foto.jpg)\n*De hal*\n")
        guard case .figure(_, "Een plattegrond", let first) = blocks[0].kind, case .figure(_, "Een foto", let second) = blocks[1].kind else {
            Issue.record("\(blocks.map(\.kind))"); return
        }
        #expect(first.plainText == "De route")
        #expect(second.plainText == "De hal")
        #expect(throws: DocumentError.self) { try converter.blocks(from: "![Beide](x.png \"Titel\")\n*Regel*\n") }
    }

    @Test func aQRCodeKeepsItsAddress() throws {
        let blocks = try converter.blocks(from: "![Film over de opname](qr:https://www.example.nl/film?a=1&b=2 \"Bekijk de film\")")
        #expect(blocks[0].kind == .qrCode(address: "https://www.example.nl/film?a=1&b=2", alt: "Film over de opname", caption: [TextSpan("Bekijk de film")]))
        #expect(error("![Leeg](qr:)")?.message.contains("has no address") == true)
    }

    /// What parsed before still parses the same: a plain quote, a plain list, strikethrough-like
    /// tildes and footnote-like brackets stay literal text.
    @Test func plainCommonMarkIsUnchanged() throws {
        let blocks = try converter.blocks(from: "> Een citaat.\n\n- een\n- twee\n\nEen ~~doorgehaald~~ woord[^1].\n")
        guard case .quote = blocks[0].kind, case .list(false, 1, _) = blocks[1].kind else { Issue.record("\(blocks.map(\.kind))"); return }
        #expect(blocks[2].kind == .paragraph([TextSpan("Een ~~doorgehaald~~ woord[^1].")]))
    }
}

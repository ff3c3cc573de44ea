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

    /// A table inside a quote, a box or starting on a list item's line: its rows' cells are
    /// counted from the row's own column (the '>' and the marker are no cells).
    @Test func aTableInAQuoteABoxOrAListItemIsATable() throws {
        for markdown in ["> | Wat | Hoe |\n> |---|---|\n> | a | b |\n", "> [!WARNING]\n> | Wat | Hoe |\n> |---|---|\n> | a | b |\n",
                         "- | Wat | Hoe |\n  |---|---|\n  | a | b |\n"] {
            let blocks = try converter.blocks(from: markdown)
            var tables = 0
            blocks.forEachBlock { if case .table(let t) = $0.kind, t.rows.map({ $0.map(\.plainText) }) == [["a", "b"]] { tables += 1 } }
            #expect(tables == 1, "\(markdown): \(blocks.map(\.kind))")
        }
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

    /// The `[!KIND]` line goes before what follows is read: a figure or a glossary right after
    /// it is one; an escaped bracket keeps a quote a quote.
    @Test func aBoxsMarkerLeavesWhatFollowsAsItIs() throws {
        guard case .callout(.note, let inner) = try converter.blocks(from: "> [!NOTE]\n> ![Een cirkel](c.png \"Bijschrift\")\n")[0].kind,
              case .figure(_, "Een cirkel", let caption) = inner.first?.kind else { Issue.record("no figure in the box"); return }
        #expect(caption.plainText == "Bijschrift")
        guard case .callout(.tip, let glossary) = try converter.blocks(from: "> [!TIP]\n> **Infuus**\n> : Een dun slangetje.\n")[0].kind,
              case .glossary(let entries) = glossary.first?.kind else { Issue.record("no glossary in the box"); return }
        #expect(entries.map(\.term.plainText) == ["Infuus"])
        for escaped in ["> \\[!NOTE] is letterlijk.", "> &#91;!DANGER] ook."] {
            guard case .quote(let inner) = try converter.blocks(from: escaped)[0].kind else { Issue.record("\(escaped) is no quote"); continue }
            #expect(inner.plainTexts.first?.hasPrefix("[!") == true)
        }
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
        // Outside ASCII: percent-encoded, as a link's address is (the host must be ASCII already).
        #expect(try converter.blocks(from: "![Café](qr:https://www.example.nl/café?ü=1)")[0].kind
                == .qrCode(address: "https://www.example.nl/caf%C3%A9?%C3%BC=1", alt: "Café", caption: []))
        #expect(error("![Café](qr:https://café.example.nl/)")?.message.contains("punycode") == true)
        // A caption of white space is none.
        guard case .figure(_, _, let none) = try converter.blocks(from: "![Een plaatje](p.png \"   \")")[0].kind else { Issue.record("no figure"); return }
        #expect(none.isEmpty)
        #expect(error("- [ ]\n- [ ] iets\n")?.message.contains("has a box and no text") == true)
    }

    /// What parsed before still parses the same: a plain quote, a plain list; a reference to a
    /// footnote that has no note stays the literal text it is.
    @Test func plainCommonMarkIsUnchanged() throws {
        let blocks = try converter.blocks(from: "> Een citaat.\n\n- een\n- twee\n\nEen woord[^x] en ~niet~ dit.\n")
        guard case .quote = blocks[0].kind, case .list(false, 1, _) = blocks[1].kind else { Issue.record("\(blocks.map(\.kind))"); return }
        #expect(blocks[2].kind == .paragraph([TextSpan("Een woord[^x] en "), TextSpan("niet", strike: true), TextSpan(" dit.")]))
    }

    @Test func strikethroughIsAPropertyOfTheText() throws {
        let blocks = try converter.blocks(from: "Een ~~oud *en* nieuw~~ woord.")
        #expect(blocks[0].kind == .paragraph([TextSpan("Een "), TextSpan("oud ", strike: true), TextSpan("en", emphasis: true, strike: true),
                                              TextSpan(" nieuw", strike: true), TextSpan(" woord.")]))
    }

    /// Footnotes: each reference prints its number in superscript and links to its note; the
    /// notes, numbered in the order of their first references, go at the end of the file.
    @Test func footnotesAreNumberedLinkedAndCollected() throws {
        let converter = CommonMarkConverter(file: "/b/03-weer-thuis.md")
        let blocks = try converter.blocks(from: "Eerst[^b], dan[^a], weer[^b].\n\n[^a]: Noot A.\n\n[^b]: Noot *B*.\n")
        #expect(blocks[0].kind == .paragraph([TextSpan("Eerst"), TextSpan("¹", link: "#fn-03-weer-thuis-1"), TextSpan(", dan"),
                                              TextSpan("²", link: "#fn-03-weer-thuis-2"), TextSpan(", weer"), TextSpan("¹", link: "#fn-03-weer-thuis-1"), TextSpan(".")]))
        guard case .notes(let notes) = blocks.last?.kind else { Issue.record("\(blocks.map(\.kind))"); return }
        #expect(notes.map(\.number) == [1, 2])
        #expect(notes.map(\.id) == ["fn-03-weer-thuis-1", "fn-03-weer-thuis-2"])
        #expect(notes.map(\.blocks.plainTexts) == [["Noot B."], ["Noot A."]])
        #expect(Footnote.superscript(120) == "¹²⁰")
    }

    @Test func aNoteNoReferenceNamesIsAnError() throws {
        let found = try #require(error("Tekst[^a].\n\n[^a]: Noot A.\n\n[^b]: Vergeten.\n"))
        #expect(found.location.line == 7)
        #expect(found.message.contains("[^b] is never referenced"))
    }

    /// Only ASCII backticks or tildes open a fence, as for cmark-gfm: a line of U+1FEF (a
    /// character canonically equal to "`") is text, and a note after it that no reference names
    /// is still an error (it was taken for a fence's content and left out in silence).
    @Test func aLookalikeFenceHidesNoNote() throws {
        let found = try #require(error("Tekst.\n\n\u{1FEF}\u{1FEF}\u{1FEF}\n\n[^z]: Niemand noemt mij.\n"))
        #expect(found.location.line == 7)  // (line 5 of the text, after the converter's 2)
        #expect(found.message.contains("[^z] is never referenced"))
        // A real fence still hides what looks like a note.
        #expect(error("Tekst.\n\n```\n[^z]: code\n```\n") == nil)
    }
}

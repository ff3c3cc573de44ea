import Foundation
import KaternDocument
import KaternStyle
import Testing
@testable import KaternText

@Suite struct PangoShaperTests {
    static let fontsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fonts").path

    let fonts: FontSet
    let shaper: PangoShaper

    init() throws {
        FontSet.prepare()
        fonts = try FontSet(folder: Self.fontsFolder, language: "nl")
        shaper = PangoShaper(fonts: fonts, hyphenator: try Hyphenator(language: "nl-NL", location: SourceLocation(file: "t")), language: "nl")
    }

    func style(_ family: String = "Charis SIL", align: Alignment = .justify, hyphenate: Bool = true) -> TextStyle {
        TextStyle(font: FontSpec(family: family, location: SourceLocation(file: "layout.yaml", line: 3)), size: .pt(10),
                  leading: .pt(14), color: .black, align: align, hyphenate: hyphenate)
    }

    @Test func onlyTheFamiliesInFontsAreThere() throws {
        #expect(fonts.families == ["Charis SIL", "Lato"] || fonts.families.contains("Charis SIL"))
        #expect(throws: TextError.self) { try fonts.check([FontSpec(family: "DejaVu Sans", location: SourceLocation(file: "l.yaml", line: 9))]) }
        do {
            try fonts.check([FontSpec(family: "DejaVu Sans", location: SourceLocation(file: "l.yaml", line: 9))])
        } catch let error as TextError {
            #expect(error.location == SourceLocation(file: "l.yaml", line: 9))
            #expect(error.message.hasPrefix("font 'DejaVu Sans' is not in Fonts/"))
        }
        try fonts.check([FontSpec(family: "Lato", weight: .black, location: SourceLocation(file: "l.yaml"))])
    }

    @Test func linesFitTheWidthAndKeepTheText() {
        let text = "De hematoloog zal je onderzoeken. Hij kijkt daarbij vooral naar opgezette lymfeklieren, naar de grootte van de lever en milt, verschijnselen van een infectie, bloedingen en blauwe plekken."
        let shaped = shaper.shape([TextSpan(text)], style: style(), width: .pt(150))
        #expect(shaped.lines.count > 3)
        for line in shaped.lines { #expect(line.width <= .pt(150.5), "\(line.text) \(line.width) \(line.xOffset)") }
        let joined = shaped.lines.map { $0.hyphenated ? String($0.text.dropLast()) : $0.text + " " }.joined()
        #expect(joined.trimmingCharacters(in: .whitespaces) == text)
    }

    @Test func longWordsAreHyphenatedInNarrowColumns() {
        let text = "stamceltransplantatie beenmergonderzoek chemotherapie lymfeklierkanker bloedonderzoek"
        let shaped = shaper.shape([TextSpan(text)], style: style(), width: .pt(90))
        #expect(shaped.lines.contains { $0.hyphenated })
    }

    @Test func identicalRequestsAreShapedOnce() {
        let a = shaper.shape([TextSpan("1")], style: style(align: .left), width: .pt(100))
        let b = shaper.shape([TextSpan("1")], style: style(align: .left), width: .pt(100))
        #expect(a.id == b.id)
    }

    /// A word whose syllables lie in different style spans (`lym*fo*blasten`) is hyphenated as
    /// one word: it may break after "lymfo", which no span holds on its own.
    @Test func aWordOverStyleSpansIsHyphenatedAsOneWord() {
        let spans = [TextSpan("lym"), TextSpan("fo", emphasis: true), TextSpan("blasten en meer")]
        let probe = shaper.shape([TextSpan("lym"), TextSpan("fo-", emphasis: true)], style: style(align: .left, hyphenate: false), width: .pt(400))
        let shaped = shaper.shape(spans, style: style(align: .left), width: probe.lines[0].width + .pt(1))
        #expect(shaped.lines.first?.text == "lymfo-", "\(shaped.lines.map(\.text))")
        #expect(shaped.problems.isEmpty)
    }

    /// Phone numbers, a number and its unit, and dates (with no-break spaces from the
    /// typographer) never break, at any width: Unicode allows a break after "-" before a no-break
    /// space, which left "bel 030 -" at a line end.
    @Test func phoneNumbersUnitsAndDatesNeverBreak() {
        let typographer = Typographer()
        let raw = "Bel 030 - 760 38 90 of 020-5665555, ook op 1 januari 2025 en op 3 mei. Neem 5 mg per dag, bij 38,5 °C of meer "
            + "belt u 088 - 75 555 55 of +31 20 566 5555; ongeveer 10 % merkt dat. Ook 020-566 91 11, (020) 566 91 12 en "
            + "+31 (0)20 566 91 13, met 20 mg/kg of 3,5 mmol/l, van 1–3 januari 2025, op 15/01/2025 of 15-01-2025."
        let text = typographer.apply(raw)
        let kept = ["030 - 760 38 90", "1 januari 2025", "3 mei", "5 mg", "38,5 °C", "088 - 75 555 55", "+31 20 566 5555", "10 %",
                    "020-566 91 11", "(020) 566 91 12", "+31 (0)20 566 91 13", "20 mg/kg", "3,5 mmol/l", "1–3 januari 2025",
                    "15/01/2025", "15-01-2025"]
        for protected in kept { #expect(text.contains(protected.replacingOccurrences(of: " ", with: "\u{A0}")), "\(protected)") }
        // From the narrowest width the longest of them fits in (about 80 pt at 10 pt) up.
        for width in stride(from: 110.0, through: 300.0, by: 3.0) {
            for align in [Alignment.justify, .left] {
                let lines = shaper.shape([TextSpan(text)], style: style(align: align), width: .pt(width)).lines.map(\.text)
                for protected in kept {
                    let glued = protected.replacingOccurrences(of: " ", with: "\u{A0}")
                    #expect(lines.contains { $0.contains(glued) }, "'\(protected)' broken at \(width) pt: \(lines)")
                }
            }
        }
    }

    /// A web or e-mail address longer than the line breaks at its slashes and dots (no hyphen is
    /// added); no line runs into the margin.
    @Test func longAddressesBreakInsideTheColumn() {
        let text = "Zie https://www.voorbeeldziekenhuis.example/afdelingen/hematologie/patientenvoorlichting/acute-leukemie of mail verpleegkundig.specialist.hematologie@voorbeeldziekenhuis.example vandaag."
        for width in stride(from: 90.0, through: 300.0, by: 7.0) {
            let lines = shaper.shape([TextSpan(text)], style: style(), width: .pt(width)).lines
            #expect(lines.allSatisfy { !$0.overfull }, "overfull at \(width): \(lines.map(\.text))")
            let set = lines.map { $0.hyphenated ? String($0.text.dropLast()) : $0.text }.joined()
            #expect(set.replacingOccurrences(of: " ", with: "") == text.replacingOccurrences(of: " ", with: ""),
                    "text changed at \(width): \(lines.map(\.text))")
        }
    }

    /// A character no font in Fonts/ has is a problem the layout stage reports (it would print
    /// as a box); a face the family lacks (Lato has no medium) too; a character only another
    /// family has is set in it, and said.
    @Test func missingCharactersAndFacesAreReported() {
        let snowman = shaper.shape([TextSpan("Een sneeuwpop ☃ hier.")], style: style(), width: .pt(200))
        #expect(snowman.problems == [.missingCharacter("☃")])
        var medium = style("Lato")
        medium.font.weight = .medium
        let shaped = shaper.shape([TextSpan("Tekst")], style: medium, width: .pt(200))
        #expect(shaped.problems.contains { if case .missingFace(family: "Lato", weight: "medium", italic: false, _) = $0 { return true } else { return false } },
                "\(shaped.problems)")
        var black = style("Lato")
        black.font.weight = .black
        let italic = shaper.shape([TextSpan("Zwaar "), TextSpan("schuin", emphasis: true)], style: black, width: .pt(200))
        #expect(italic.problems.contains { if case .missingFace(family: "Lato", weight: "black", italic: true, _) = $0 { return true } else { return false } },
                "\(italic.problems)")
        #expect(shaper.shape([TextSpan("Gewoon, "), TextSpan("schuin", emphasis: true), TextSpan(" en "), TextSpan("vet", strong: true)],
                             style: style(), width: .pt(200)).problems.isEmpty)
    }

    /// The layout's own fonts are checked face by face, at the layout's line.
    @Test func aWeightTheFamilyLacksIsAnErrorAtTheLayoutLine() {
        do {
            try fonts.check([FontSpec(family: "Lato", weight: .medium, location: SourceLocation(file: "l.yaml", line: 12))])
            Issue.record("no error")
        } catch let error as TextError {
            #expect(error.location == SourceLocation(file: "l.yaml", line: 12))
            #expect(error.message.contains("no medium face of 'Lato'"), "\(error.message)")
            #expect(error.message.contains("regular"))
        } catch { Issue.record("\(error)") }
    }

    /// An address shorter than about half the line is never broken (not after "//", not before
    /// "@"): it moves to the next line whole.
    @Test func shortAddressesStayWhole() {
        for address in ["https://www.hematon.nl/all", "info@hematon.nl", "www.hematon.nl/all"] {
            let own = shaper.shape([TextSpan(address)], style: style(align: .left), width: .pt(1000)).lines[0].width.points
            for width in stride(from: (own / 0.4).rounded(.up), through: 400.0, by: 4.0) {
                let lines = shaper.shape([TextSpan("Bel de patiënt krijgt een afspraak bij de polikliniek voor \(address) en vraag naar de afdeling.")],
                                         style: style(), width: .pt(width)).lines.map(\.text)
                #expect(lines.contains { $0.contains(address) }, "\(address) broken at \(width): \(lines)")
            }
        }
    }

    /// A ligature formed over a hyphenation point ("stof-filter" as "ff") shows its letters only:
    /// the soft hyphen is no part of the line's text, which the PDF's text comes from.
    @Test func ligaturesOverAHyphenationPointShowNoSoftHyphen() {
        let shaped = shaper.shape([TextSpan("De stoffilter en de koffiefilter, de grafficus en de hoffiguur.")], style: style(), width: .pt(400))
        let text = shaped.lines.flatMap(\.runs).map(\.text).joined()
        #expect(!text.contains("\u{AD}"))
        #expect(text == "De stoffilter en de koffiefilter, de grafficus en de hoffiguur.")
        // Every glyph run covers its text and glyphs exactly, cluster by cluster.
        for run in shaped.lines.flatMap(\.runs) {
            #expect(run.clusterBytes.reduce(0, +) == run.text.utf8.count)
            #expect(run.clusterGlyphs.reduce(0, +) == run.glyphs.count)
        }
    }
}

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
}

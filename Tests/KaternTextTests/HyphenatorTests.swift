import KaternDocument
import Testing
@testable import KaternText

@Suite struct HyphenatorTests {
    let hyphenator: Hyphenator

    init() throws {
        hyphenator = try Hyphenator(language: "nl-NL", location: SourceLocation(file: "test"))
    }

    @Test func breaksDutchWordsAtDictionaryPoints() {
        // bloed-on-der-zoek, with at least two letters before and three after a break.
        let points = hyphenator.breakPoints("bloedonderzoek")
        #expect(points.contains(5))
        #expect(points.allSatisfy { $0 >= 2 && "bloedonderzoek".count - $0 >= 3 })
        #expect(!hyphenator.breakPoints("stamceltransplantatie").isEmpty)
    }

    @Test func leavesShortWordsNumbersAndAddressesWhole() {
        #expect(hyphenator.breakPoints("bloed").isEmpty)
        #expect(hyphenator.hyphenate("030 760 34 60") == "030 760 34 60")
        #expect(hyphenator.hyphenate("lotgenotencontact@hematon.nl") == "lotgenotencontact@hematon.nl")
        #expect(hyphenator.hyphenate("www.hematon.nl") == "www.hematon.nl")
        #expect(hyphenator.hyphenate("hematon.nl/agenda") == "hematon.nl/agenda")
    }

    @Test func marksBreaksWithSoftHyphensAndKeepsTheText() {
        let text = "De beenmergpunctie, daarna chemotherapie."
        let hyphenated = hyphenator.hyphenate(text)
        #expect(hyphenated.contains("\u{AD}"))
        #expect(hyphenated.replacingOccurrences(of: "\u{AD}", with: "") == text)
    }
}

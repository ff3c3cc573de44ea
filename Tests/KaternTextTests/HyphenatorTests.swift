import Foundation
import KaternDocument
import Testing
@testable import KaternText

@Suite struct HyphenatorTests {
    static let exceptions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Hyphenation/nl.txt").path

    let hyphenator: Hyphenator

    init() throws {
        hyphenator = try Hyphenator(language: "nl-NL", leftMin: 3, rightMin: 3, location: SourceLocation(file: "test"))
        hyphenator.addExceptions(file: Self.exceptions)
    }

    /// The word with its breaks marked by "-".
    func marked(_ word: String) -> String {
        let points = Set(hyphenator.breakPoints(word))
        return word.enumerated().map { (points.contains($0.offset) ? "-" : "") + String($0.element) }.joined()
    }

    @Test(arguments: [
        ("bloedonderzoek", "bloed-on-der-zoek"),
        ("lymfoblasten", "lym-fo-blas-ten"),
        ("beenmergpunctie", "been-merg-punc-tie"),
        ("chemotherapie", "che-mo-the-ra-pie"),
        ("stamceltransplantatie", "stam-cel-trans-plan-ta-tie"),
        ("Philadelphiachromosoom", "Phi-la-del-phia-chro-mo-soom"),
        ("beenmergonderzoek", "been-merg-on-der-zoek"),
        ("behandeling", "behan-de-ling"),
        ("leukemie", "leu-ke-mie"),
    ])
    func dutchWordsBreakWhereTheyShould(word: String, expected: String) {
        #expect(marked(word) == expected)
    }

    /// Words with a diaeresis or accent break where the Dutch patterns say (as pyphen, reading
    /// the same dictionary, gives them). The dictionary is ISO-8859-1: fed UTF-8 and read by
    /// byte, it broke "patiëntend-ossier" and never "patiënten".
    @Test(arguments: [
        ("patiëntendossier", "pati-ën-ten-dos-sier"),
        ("patiënten", "pati-ën-ten"),
        ("coördinatie", "coör-di-na-tie"),
        ("geïnformeerd", "geïn-for-meerd"),
        ("coöperatie", "coö-pe-ra-tie"),
        ("hygiënemaatregelen", "hygi-ëne-maat-re-ge-len"),
        ("beëindigen", "beëin-di-gen"),
        ("financiële", "finan-ci-ële"),
        ("bacteriën", "bac-te-riën"),
        ("geëvalueerd", "geë-va-lu-eerd"),
        ("efficiënt", "effi-ci-ënt"),
        ("Patiëntendossier", "Pati-ën-ten-dos-sier"),
    ])
    func wordsWithDiacriticsBreakWhereThePatternsSay(word: String, expected: String) {
        #expect(marked(word) == expected)
    }

    /// The same word, its "ë" written as "e" and a combining diaeresis, breaks the same way.
    @Test func decomposedLettersBreakAsComposedOnes() {
        #expect(marked("patie\u{308}nten".precomposedStringWithCanonicalMapping) == "pati-ën-ten")
        let decomposed = "patie\u{308}ntendossier"
        #expect(hyphenator.hyphenate(decomposed).replacingOccurrences(of: "\u{AD}", with: "") == decomposed)
    }

    @Test func theDictionaryNamesItsEncoding() {
        #expect(hyphenator.encoding == .isoLatin1)
    }

    @Test func keepsAtLeastThreeLettersEachSideAndNoOneLetterSyllable() {
        for word in ["dagen", "acute", "patiënten", "infecties", "ziekenhuizen", "bloedcellen", "vereniging"] {
            let points = hyphenator.breakPoints(word)
            #expect(points.allSatisfy { $0 >= 3 && word.count - $0 >= 3 }, "\(word): \(points)")
            #expect(zip(points, points.dropFirst()).allSatisfy { $1 - $0 >= 2 }, "\(word): \(points)")
        }
        #expect(hyphenator.breakPoints("dagen").isEmpty)
        #expect(hyphenator.breakPoints("acute").isEmpty)
    }

    @Test func leavesNumbersAddressesAndMarkedWordsAlone() {
        for text in ["030 760 34 60", "030 - 760 38 90", "lotgenotencontact@hematon.nl", "www.hematon.nl",
                     "hematon.nl/agenda", "https://www.hematon.nl/leukemie", "2018", "25-jarigen",
                     "be\u{AD}handeling"] {
            #expect(hyphenator.hyphenate(text) == text, "\(text)")
        }
    }

    @Test func marksBreaksWithSoftHyphensAndKeepsTheText() {
        let text = "De beenmergpunctie, daarna chemotherapie."
        let hyphenated = hyphenator.hyphenate(text)
        #expect(hyphenated == "De been\u{AD}merg\u{AD}punc\u{AD}tie, daarna che\u{AD}mo\u{AD}the\u{AD}ra\u{AD}pie.")
        #expect(hyphenated.replacingOccurrences(of: "\u{AD}", with: "") == text)
    }

    @Test func aBookletsOwnExceptionsWin() {
        hyphenator.addExceptions(["hema-ton"])
        #expect(marked("Hematon") == "Hema-ton")
    }
}

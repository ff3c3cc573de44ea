import Foundation
import Testing
@testable import KaternDocument

@Suite struct LinkerTests {
    let linker = Linker()

    func links(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for span in linker.apply([TextSpan(text)]) { if let link = span.link { result[span.text] = link } }
        return result
    }

    @Test func webAddressesEmailAndPhoneNumbersBecomeLinks() {
        let found = links("Kijk op www.hematon.nl of hematon.nl/agenda, mail lotgenotencontact@hematon.nl of bel 030\u{A0}-\u{A0}760\u{A0}38\u{A0}90.")
        #expect(found["www.hematon.nl"] == "https://www.hematon.nl")
        #expect(found["hematon.nl/agenda"] == "https://hematon.nl/agenda")
        #expect(found["lotgenotencontact@hematon.nl"] == "mailto:lotgenotencontact@hematon.nl")
        #expect(found["030\u{A0}-\u{A0}760\u{A0}38\u{A0}90"] == "tel:0307603890")
    }

    @Test func theTextStaysTheSameAndOrdinaryNumbersAreNoLinks() {
        let text = "Bij 20 tot 30% van de patiënten, in 2018, op dag 14."
        let spans = linker.apply([TextSpan(text)])
        #expect(spans.plainText == text)
        #expect(spans.allSatisfy { $0.link == nil })
    }

    @Test func phoneNumbersInEveryFormAndAddressesWithDigits() {
        let found = links("Bel 020-566 91 11, (020) 566 91 12 of +31 (0)20 566 91 13; mail afdeling.3-5@example.nl of zie www.example.nl/folders/10-12.")
        #expect(found["020-566 91 11"] == "tel:0205669111")
        #expect(found["(020) 566 91 12"] == "tel:0205669112")
        #expect(found["+31 (0)20 566 91 13"] == "tel:+31205669113")
        #expect(found["afdeling.3-5@example.nl"] == "mailto:afdeling.3-5@example.nl")
        #expect(found["www.example.nl/folders/10-12"] == "https://www.example.nl/folders/10-12")
    }

    /// The quick look that spares most text the regular expression never hides a link: on
    /// texts mixing words, addresses, digits of other scripts, fractions and punctuation, it
    /// says "maybe" wherever the expression finds anything.
    @Test func theQuickLookNeverHidesALink() {
        let pieces = ["patiënten", "zie", "hematon.nl", "www.example.org/pad", "info@st-anna.example", "030 - 760 38 90",
                      "٣٠٣", "½", "²", "https://x.eu", "naam.be", "e.g.", "drie:", "coördinatie", "a.b.c", "mg/kg", "9:30",
                      "ziekenhuis.com", "x", "—", "Ⅻ", "೧೨೩೪೫೬೭೮೯", "tel", "leuk.example", "://", "www."]
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) % n }
        var checked = 0
        for _ in 0..<3000 {
            let text = (0..<(1 + next(6))).map { _ in pieces[next(pieces.count)] }.joined(separator: [" ", "", ". ", ", "][next(4)])
            let found = Linker.pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            if found { checked += 1 }
            #expect(!found || Linker.mayHoldLink(text), "the quick look hides a link in '\(text)'")
        }
        #expect(checked > 500)
        #expect(!Linker.mayHoldLink("De patiënten en de coördinatie van de zorg."))
        // Found by this test: addresses under .be, .eu and .net were never linked.
        #expect(links("Zie leukemie.be en hematon.eu.") == ["leukemie.be": "https://leukemie.be", "hematon.eu": "https://hematon.eu"])
    }
}

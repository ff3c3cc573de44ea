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
}

import Testing
@testable import KaternDocument

@Suite struct TypographerTests {
    let typographer = Typographer()

    @Test func phoneNumbersDoNotBreak() {
        #expect(typographer.apply("bel 030 - 760 38 90 of") == "bel 030\u{A0}-\u{A0}760\u{A0}38\u{A0}90 of")
        #expect(typographer.apply("Of bel 030 760 34 60.") == "Of bel 030\u{A0}760\u{A0}34\u{A0}60.")
    }

    @Test func numbersKeepTheirUnits() {
        #expect(typographer.apply("ongeveer 5 % en 20 mg") == "ongeveer 5\u{A0}% en 20\u{A0}mg")
        #expect(typographer.apply("30 tot 40%") == "30 tot 40%")
        #expect(typographer.apply("tussen 9 en 22") == "tussen 9 en 22")
    }

    @Test func rangesGetAnEnDashButCompoundsKeepTheirHyphen() {
        #expect(typographer.apply("in 2018-2020 en bij 20-30 patiënten") == "in 2018–2020 en bij 20–30 patiënten")
        #expect(typographer.apply("18- tot 25-jarigen") == "18- tot 25-jarigen")
        #expect(typographer.apply("CAR-T-celtherapie") == "CAR-T-celtherapie")
    }

    @Test func aSpacedHyphenBetweenWordsBecomesAnEnDash() {
        #expect(typographer.apply("de ziekte - en dat is") == "de ziekte\u{A0}– en dat is")
    }

    /// A phone number keeps its hyphen (it is no number range), in every Dutch form.
    @Test func phoneNumbersKeepTheirHyphensAndStayTogether() {
        #expect(typographer.apply("bel 020-566 91 11 nu") == "bel 020-566\u{A0}91\u{A0}11 nu")
        #expect(typographer.apply("bel (020) 566 91 11 nu") == "bel (020)\u{A0}566\u{A0}91\u{A0}11 nu")
        #expect(typographer.apply("bel +31 (0)20 566 91 11") == "bel +31\u{A0}(0)20\u{A0}566\u{A0}91\u{A0}11")
        #expect(typographer.apply("bel 0800-022 66 22") == "bel 0800-022\u{A0}66\u{A0}22")
    }

    @Test(arguments: ["10 mL", "120 mmHg", "5000 IE", "20 mg/kg", "80 µmol", "5 μg", "250 mcg", "3,5 mmol/l", "17.00 uur"])
    func aNumberKeepsItsUnit(written: String) {
        #expect(typographer.apply("met \(written) per dag") == "met " + written.replacingOccurrences(of: " ", with: "\u{A0}") + " per dag")
    }

    @Test func aDateRangeStaysTogether() {
        #expect(typographer.apply("van 1–3 januari 2025 tot") == "van 1–3\u{A0}januari\u{A0}2025 tot")
        #expect(typographer.apply("van 1-3 januari") == "van 1–3\u{A0}januari")
    }

    /// Smart punctuation makes an opening quote of the apostrophe of 't and 's: it is an apostrophe.
    @Test func elisionsTakeAnApostrophe() {
        #expect(typographer.apply("Het is ‘t beste, ‘s ochtends in de jaren ‘90.") == "Het is ’t beste, ’s ochtends in de jaren ’90.")
        #expect(typographer.apply("Ze zijn ‘handig’ en ‘toch’.") == "Ze zijn ‘handig’ en ‘toch’.")
    }

    /// A link's text is what the address says: never given an en dash or a no-break space.
    @Test func linkTextIsLeftAlone() {
        let spans = [TextSpan("https://www.example.nl/folders/10-12", link: "https://www.example.nl/folders/10-12"),
                     TextSpan("030 - 760 38 90", link: "tel:0307603890")]
        let set = typographer.apply(spans)
        #expect(set[0].text == "https://www.example.nl/folders/10-12")
        #expect(set[1].text == "030\u{A0}-\u{A0}760\u{A0}38\u{A0}90")
    }
}

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
}

@testable import KaternRender
import Testing

/// The content-stream reader `katern check --pdf` counts marked content with: a real lexer, so no
/// text on the page is taken for an operator, and malformed content is an error, never a crash.
@Suite struct MarkedContentTests {
    @Test func sequencesAndUnmarkedPaintingAreCounted() throws {
        let census = try MarkedContent.census(Array("""
        /Artifact BMC 0 0 10 10 re f EMC
        /P << /MCID 0 >> BDC BT (Hallo) Tj ET EMC
        /Span<</MCID 1>>BDC BT [(a) -3 (b)] TJ ET EMC
        BT (los) Tj ET 0 0 1 1 re f
        """.utf8))
        #expect(census.mcids == [0, 1])
        #expect(census.unmarked == 2)
    }

    @Test func textThatLooksLikeOperatorsIsText() throws {
        let census = try MarkedContent.census(Array("""
        /P << /MCID 4 >> BDC
        BT (/Private << /MCID 9 >> BDC \\) EMC \\( \\\\) Tj <2F50726976617465> Tj (nested (paren) BDC) Tj ET
        % a comment: /Private << /MCID 3 >> BDC
        EMC
        """.utf8))
        #expect(census.mcids == [4])
        #expect(census.unmarked == 0)
    }

    @Test func actualTextSpansAndInlineImagesAreReadThrough() throws {
        let census = try MarkedContent.census(Array("""
        /P << /MCID 0 >> BDC
        /Span << /ActualText <feff0066> >> BDC BT <0001> Tj ET EMC
        BI /W 2 /H 1 /BPC 8 /CS /G ID \u{0}EMC BDC\u{1} EI
        EMC
        """.utf8))
        #expect(census.mcids == [0])
        #expect(census.unmarked == 0)
    }

    @Test func malformedContentIsAnError() {
        for bad in ["/P << /MCID 0 >> BDC (open string", "EMC", "/P << /MCID 0 >> BDC", "<abc", "BI /W 1 ID xx", ") Tj"] {
            #expect(throws: MarkedContent.Failure.self, "\(bad)") { try MarkedContent.census(Array(bad.utf8)) }
        }
    }

    /// Random bytes and mutated content: an error or a result, never a crash or a hang.
    @Test func fuzzedContentNeverCrashes() {
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let seed = Array("/P << /MCID 0 >> BDC BT [(a) -3 <00ff>] TJ ET EMC /Artifact BMC 0 0 1 1 re f EMC BI /W 1 ID x EI (s\\)) Tj % c\n".utf8)
        let alphabet = Array("()<>[]{}/%\\ \n BDCEMIT".utf8)
        var read = 0
        for _ in 0..<3000 {
            var bytes = seed
            for _ in 0..<Int(next() % 8) {
                let position = Int(next() % UInt64(bytes.count + 1))
                switch next() % 3 {
                case 0: if position < bytes.count { bytes.remove(at: position) }
                case 1: bytes.insert(alphabet[Int(next() % UInt64(alphabet.count))], at: position)
                default: if position < bytes.count { bytes[position] = UInt8(next() % 256) }
                }
            }
            if let census = try? MarkedContent.census(bytes) {
                read += 1
                #expect(census.mcids.count <= 8)
            }
        }
        // Some mutations leave the content readable, some do not: both paths ran.
        #expect(read > 0 && read < 3000)
    }
}

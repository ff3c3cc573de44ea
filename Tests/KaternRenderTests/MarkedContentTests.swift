@testable import KaternRender
import Testing

/// The content-stream pass that marks artifacts and numbers marked content: a real lexer, so no
/// text on the page is taken for an operator, and malformed content is an error, never a crash.
@Suite struct MarkedContentTests {
    func rewrite(_ text: String) throws -> (String, [String], Int) {
        let result = try MarkedContent.rewrite(Array(text.utf8))
        return (String(decoding: result.data, as: UTF8.self), result.tags, result.unmarked)
    }

    @Test func artifactsBecomeBMCAndTheRestIsNumberedInOrder() throws {
        let (out, tags, unmarked) = try rewrite("""
        /Private << /MCID 0 >> BDC
        0 0 10 10 re f
        EMC
        /P << /MCID 1 >> BDC
        BT (Hallo) Tj ET
        EMC
        /Span << /MCID 2 >> BDC
        BT [(a) -3 (b)] TJ ET
        EMC
        """)
        #expect(tags == ["Artifact", "P", "Span"])
        #expect(unmarked == 0)
        #expect(out.contains("/Artifact BMC\n0 0 10 10 re f"))
        #expect(out.contains("/P << /MCID 0 >> BDC") && out.contains("/Span << /MCID 1 >> BDC"))
        #expect(!out.contains("/Private"))
    }

    @Test func textThatLooksLikeOperatorsIsText() throws {
        let (out, tags, unmarked) = try rewrite("""
        /P << /MCID 4 >> BDC
        BT (/Private << /MCID 9 >> BDC \\) EMC \\( \\\\) Tj <2F50726976617465> Tj (nested (paren) BDC) Tj ET
        % a comment: /Private << /MCID 3 >> BDC
        EMC
        """)
        #expect(tags == ["P"])
        #expect(unmarked == 0)
        #expect(out.contains("(/Private << /MCID 9 >> BDC \\) EMC \\( \\\\) Tj"))
        #expect(out.contains("/P << /MCID 0 >> BDC"))
    }

    @Test func actualTextSpansAndInlineImagesPassThrough() throws {
        let (out, tags, _) = try rewrite("""
        /P << /MCID 0 >> BDC
        /Span << /ActualText <feff0066> >> BDC BT <0001> Tj ET EMC
        BI /W 2 /H 1 /BPC 8 /CS /G ID \u{0}EMC BDC\u{1} EI
        EMC
        """)
        #expect(tags == ["P"])
        #expect(out.contains("/Span << /ActualText <feff0066> >> BDC"))
        #expect(out.contains("ID \u{0}EMC BDC\u{1} EI"))
    }

    @Test func unmarkedPaintingIsCounted() throws {
        let (_, _, unmarked) = try rewrite("BT (los) Tj ET 0 0 1 1 re f /P << /MCID 0 >> BDC BT (in) Tj ET EMC")
        #expect(unmarked == 2)
        let census = try MarkedContent.census(Array("/P << /MCID 3 >> BDC (x) Tj EMC /Artifact BMC 0 0 1 1 re f EMC".utf8))
        #expect(census.mcids == [3] && census.unmarked == 0)
    }

    @Test func malformedContentIsAnError() {
        for bad in ["/P << /MCID 0 >> BDC (open string", "EMC", "/P << /MCID 0 >> BDC", "<abc", "BI /W 1 ID xx", ") Tj"] {
            #expect(throws: MarkedContent.Failure.self, "\(bad)") { try MarkedContent.rewrite(Array(bad.utf8)) }
        }
    }

    /// Random bytes and mutated content: an error or a result, never a crash or a hang.
    @Test func fuzzedContentNeverCrashes() {
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let seed = Array("/P << /MCID 0 >> BDC BT [(a) -3 <00ff>] TJ ET EMC /Private << /MCID 1 >> BDC 0 0 1 1 re f EMC BI /W 1 ID x EI (s\\)) Tj % c\n".utf8)
        let alphabet = Array("()<>[]{}/%\\ \n BDCEMIT".utf8)
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
            if let result = try? MarkedContent.rewrite(bytes) {
                #expect(result.data.count <= bytes.count + 16 * result.tags.count)
            }
            _ = try? MarkedContent.census(bytes)
        }
    }
}

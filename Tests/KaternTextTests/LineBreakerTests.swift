import Testing
@testable import KaternText

/// The greedy breaker on constructed paragraphs: every character 1 pt wide, spaces stretchable.
@Suite struct LineBreakerTests {
    /// "aaa bbb ..." with a hyphenation point inside words marked by "|".
    func input(_ text: String, hyphen: Double = 1) -> LineBreakInput {
        var advances: [Double] = [], spaces: [Bool] = [], breaks: [LineBreakInput.BreakPoint] = []
        for c in text {
            if c == "|" { breaks.append(.init(index: advances.count, hyphenated: true)); continue }
            advances.append(1)
            spaces.append(c == " ")
            if c == " " { breaks.append(.init(index: advances.count)) }
        }
        breaks.append(.init(index: advances.count, forced: true))
        return LineBreakInput(advances: advances, isSpace: spaces, breaks: breaks, hyphenWidth: hyphen)
    }

    @Test func fillsEachLineAsFarAsItGoes() {
        let lines = LineBreaker.greedy(input("aaa bbb ccc ddd"), width: 8)
        #expect(lines.map(\.start) == [0, 8])
        #expect(lines.map(\.naturalWidth) == [7, 7])
        #expect(lines.map(\.spaces) == [1, 1])
        #expect(lines.last?.forced == true)
        #expect(lines.first?.forced == false)
    }

    @Test func breaksAtAHyphenationPointAndCountsTheHyphen() {
        // "aaa bb|bb": "aaa bb-" is 7 wide and fits 7; the rest goes on.
        let lines = LineBreaker.greedy(input("aaa bb|bb cc"), width: 7)
        #expect(lines.count == 2)
        #expect(lines[0].hyphenated)
        #expect(lines[0].naturalWidth == 7)
        #expect(lines[1].start == 6)
    }

    @Test func aWordLongerThanTheLineGetsALineOfItsOwn() {
        let lines = LineBreaker.greedy(input("aa bbbbbbbbbbbb cc"), width: 5)
        #expect(lines.count == 3)
        #expect(lines[1].naturalWidth == 12)
    }

    @Test func theFirstLineLeavesRoomForTheIndent() {
        let lines = LineBreaker.greedy(input("aaa bbb ccc"), width: 8, indent: 2)
        #expect(lines.map(\.start) == [0, 4])
    }
}

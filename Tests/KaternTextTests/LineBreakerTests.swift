import Testing
@testable import KaternText

/// The line breakers on constructed paragraphs: every character 1 pt wide, spaces stretchable.
@Suite struct LineBreakerTests {
    /// "aaa bbb ..." with hyphenation points inside words marked by "|".
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

    func texts(_ lines: [LineBreak], _ text: String) -> [String] {
        let chars = Array(text.replacingOccurrences(of: "|", with: ""))
        return lines.map { String(chars[$0.start..<$0.end]) + ($0.hyphenated ? "-" : "") }
    }

    @Test func greedyFillsEachLineAsFarAsItGoes() {
        let lines = LineBreaker.greedy(input("aaa bbb ccc ddd"), width: 8)
        #expect(lines.map(\.start) == [0, 8])
        #expect(lines.map(\.naturalWidth) == [7, 7])
        #expect(lines.last?.forced == true)
    }

    @Test func greedyBreaksAtAHyphenationPointAndCountsTheHyphen() {
        let lines = LineBreaker.greedy(input("aaa bb|bb cc"), width: 7)
        #expect(lines.count == 2)
        #expect(lines[0].hyphenated)
        #expect(lines[0].naturalWidth == 7)
    }

    @Test func totalFitBalancesWhatGreedyLeavesLoose() {
        // Greedy packs the first line and leaves the second nearly empty, stretched; total fit
        // evens them out.
        let text = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qq rr ss"
        let width = 24.0
        let greedy = LineBreaker.greedy(input(text), width: width)
        let total = TotalFit(mode: .justified).breakLines(input(text), width: width)
        func worst(_ lines: [LineBreak]) -> Double {
            lines.dropLast().map { (width - $0.naturalWidth) / Double(max(1, $0.spaces)) }.max() ?? 0
        }
        #expect(total.allSatisfy { $0.naturalWidth <= width + 0.001 || $0.spaces > 0 })
        #expect(worst(total) <= worst(greedy))
    }

    @Test func neverMoreThanTwoHyphenatedLinesInARow() {
        let text = "aaaaaa|aaaaa bbbbbb|bbbbb cccccc|ccccc dddddd|ddddd eeeeee|eeeee ffffff|fffff gggggg|ggggg"
        let lines = TotalFit(mode: .justified).breakLines(input(text), width: 10)
        var run = 0, longest = 0
        for line in lines { run = line.endsWithHyphen ? run + 1 : 0; longest = max(longest, run) }
        #expect(longest <= 2, "\(texts(lines, text))")
        #expect(lines.allSatisfy { $0.naturalWidth <= 10.001 })
    }

    @Test func theLastFullLineDoesNotEndWithAHyphenWhenItNeedNot() {
        let text = "aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk lll mmm nnn ooo ppp qq|qq"
        let lines = TotalFit(mode: .justified).breakLines(input(text), width: 12)
        #expect(lines.count >= 2)
        #expect(!lines[lines.count - 2].endsWithHyphen, "\(texts(lines, text))")
        #expect(lines.last?.forced == true)
    }

    @Test func aWordLongerThanTheColumnGetsALineOfItsOwnAndTheParagraphEnds() {
        let text = "aa bbbbbbbbbbbbbbbb cc dd"
        for lines in [TotalFit(mode: .justified).breakLines(input(text), width: 8), LineBreaker.greedy(input(text), width: 8)] {
            #expect(texts(lines, text).contains("bbbbbbbbbbbbbbbb"))
            #expect(lines.last?.end == 25)
        }
    }

    @Test func raggedTextEvensOutTheRightEdgeWithoutOverfullLines() {
        let text = "aaaa bb cccccc dd eeee ffffffff gg hhhh iii jjjjjj kk llll"
        let width = 15.0
        let ragged = TotalFit(mode: .ragged).breakLines(input(text), width: width)
        let greedy = LineBreaker.greedy(input(text), width: width)
        #expect(ragged.allSatisfy { $0.naturalWidth <= width })
        func spread(_ lines: [LineBreak]) -> Double {
            let widths = lines.dropLast().map(\.naturalWidth)
            return (widths.max() ?? 0) - (widths.min() ?? 0)
        }
        #expect(spread(ragged) <= spread(greedy))
    }

    @Test func theFirstLineLeavesRoomForTheIndent() {
        let lines = LineBreaker.greedy(input("aaa bbb ccc"), width: 8, indent: 2)
        #expect(lines.map(\.start) == [0, 4])
        let total = TotalFit(mode: .justified).breakLines(input("aaa bbb ccc"), width: 8, indent: 2)
        #expect(total[0].naturalWidth <= 6)
    }
}

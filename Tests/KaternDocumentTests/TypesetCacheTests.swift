import Foundation
@testable import KaternDocument
import Testing

/// A source cache typesets a booklet as a fresh one does whatever it typeset before: the blocks
/// it takes from the last build (counted from a part's start or end) are those a fresh
/// typesetting makes. Random edits of the ALL booklet: blocks put in, left out, changed and
/// swapped, in one place or two, one after another through one cache, as a batch's editions go.
@Suite struct TypesetCacheTests {
    static let booklet: Booklet = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        var booklet = try! BookletLoader(folder: root + "/Booklets/all").load()
        // A date in every round, which the two typographers below bind differently.
        booklet.opening.append(Block(.paragraph([TextSpan("Het spreekuur van 3 mei 2025 gaat door.")]), at: SourceLocation(file: "index.md", line: 1)))
        return booklet
    }()

    /// `blocks` with a few random edits.
    static func edited(_ blocks: [Block], _ random: inout SystemRandomNumberGenerator, seed: Int) -> [Block] {
        var blocks = blocks
        guard !blocks.isEmpty else { return blocks }
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            let i = Int.random(in: 0..<blocks.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0:  // a block of its own put in (a phone number, a date, a unit: what the passes change)
                var block = blocks[i]
                block.kind = .paragraph([TextSpan("Bel 020 - 566 91 11 of kijk op www.voorbeeld.nl, op \(seed % 28 + 1) mei; 5 mg - 10 mg.")])
                blocks.insert(block, at: i)
            case 1 where blocks.count > 1:
                blocks.remove(at: i)
            case 2:  // a hospital's name in a paragraph
                if case .paragraph(var spans) = blocks[i].kind, !spans.isEmpty {
                    spans[0].text = "Ziekenhuis \(seed) - " + spans[0].text
                    blocks[i].kind = .paragraph(spans)
                }
            default:
                blocks.swapAt(i, Int.random(in: 0..<blocks.count, using: &random))
            }
        }
        return blocks
    }

    @Test func aCachedTypesettingIsAFreshOne() {
        var random = SystemRandomNumberGenerator()
        let cache = SourceCache()
        let dutch = Typographer(language: .dutch)
        var other = LanguageResources.dutch
        other.months = ["januari", "februari"]
        let otherTypographer = Typographer(language: other)
        for round in 0..<60 {
            var booklet = Self.booklet
            booklet.chapters = booklet.chapters.map { chapter in
                var c = chapter
                c.blocks = Self.edited(chapter.blocks, &random, seed: round)
                return c
            }
            // Now and then another language's typographer (a watching process whose language file changed).
            let typographer = round % 7 == 6 ? otherTypographer : dutch
            let cached = cache.typeset(booklet, typographer: typographer)
            let fresh = SourceCache().typeset(booklet, typographer: typographer)
            #expect(cached == fresh, "round \(round)")
            if cached != fresh { return }
        }
    }

    @Test func theOtherTypographerTypesetsDifferently() {
        // The test above would not see a stale typographer if both typeset alike.
        var other = LanguageResources.dutch
        other.months = ["januari", "februari"]
        let text = [Block(.paragraph([TextSpan("Op 3 mei 2025 om 10 uur.")]), at: SourceLocation(file: "x.md", line: 1))]
        #expect(Typographer(language: .dutch).apply(text) != Typographer(language: other).apply(text))
    }
}

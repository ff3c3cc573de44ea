import Foundation
import Katern
import KaternLayout
import Testing

/// A pass after the first sets only the table of contents again when the rest comes out as
/// before (the collector and the distributor stand where they stood after the contents): the
/// pages, problems and overflows are those of a pass that sets everything again, on every
/// booklet of the corpus and every layout.
struct ContentsPassTests {
    @Test(arguments: CorpusCase.all) func settingOnlyTheContentsAgainChangesNothing(_ corpusCase: CorpusCase) throws {
        let pipeline = Pipeline()
        let request = corpusCase.request(output: Built.folder + "/contents-pass.pdf")
        let sources = try pipeline.load(request)
        let shaper = try pipeline.makeShaper(request, booklet: sources.booklet, layout: sources.layout)
        let spliced = Paginator(layout: sources.layout, shaper: shaper).paginate(sources.booklet)
        var whole = Paginator(layout: sources.layout, shaper: shaper)
        whole.splicesContents = false
        let full = whole.paginate(sources.booklet)
        #expect(full.splicedPasses == 0)
        #expect(spliced.document == full.document, "\(corpusCase.name): the pages differ")
        #expect(spliced.problems == full.problems && spliced.overflows == full.overflows)
        if sources.layout.contents.position != "none" && corpusCase.name.hasPrefix("all") {
            #expect(spliced.splicedPasses >= 1, "\(corpusCase.name): no pass set only the contents")
        }
    }
}

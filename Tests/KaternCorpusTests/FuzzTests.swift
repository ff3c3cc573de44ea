import Foundation
import Katern
import KaternDocument
import KaternTestSupport
import Testing

/// Mutated corpus files (bit flips, truncations, spliced markup, lines doubled or dropped) fed
/// to the parser and the whole pipeline: whatever comes in, Katern ends with pages or with an
/// error that names a file, never with a crash, a hang or an error without a place. The cases
/// come from a fixed seed (the same run every time); a failure names its case number and seed.
@Suite(.serialized) struct FuzzTests {
    static let seed: UInt64 = 0x4B61_7465_726E_2025
    /// Cases laid out (a bounded count, well under a minute in all); every `renderEvery`-th is
    /// also drawn into a PDF, which poppler must be able to read.
    static let cases = 3000
    static let renderEvery = 50

    /// Markup and template fragments spliced into the text.
    static let fragments = [
        "**", "*", "_", "`", "> ", "- ", "1. ", "7) ", "# ", "## ", "### ", "\n\n", "\n", "  \n", "\\\n", "[", "](", ")", "![", "![x](nergens.png)",
        "{{", "}}", "{{#edition}}", "{{/edition}}", "{{^edition}}", "{{hospital.name}}", "{{> deel}}", "{#id}", "<b>", "</b>", "&amp;", "---\n",
        "***", "\u{AD}", "\u{00A0}", "\u{2028}", "☃", "é", "\u{FEFF}", "\t", "    code", "> > > ", "- - - ", "1. 1. 1. ", "http://", "@",
        "\u{0301}", "Ω", "030 - 760 38 90", "\"", "'",
    ]

    @Test func mutatedSourcesEndInPagesOrInAnErrorWithAPlace() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let booklet = root + "/booklet"
        try FileManager.default.createDirectory(atPath: booklet, withIntermediateDirectories: true)
        let corpus = CorpusCase.all.filter(\.plainSource).flatMap(\.sourceFiles).filter { !$0.hasSuffix("/index.md") }
        let chapters = try corpus.map { try String(contentsOfFile: $0, encoding: .utf8) }
        let index = "---\ntitle: \"Fuzz\"\nkind: \"Test\"\nlanguage: nl-NL\npublisher: \"Katern\"\ndate: 2024-05-01\nchapters:\n  - a.md\n---\n\n> Een citaat.\n"
        var random = SplitMix64(seed: Self.seed)
        let cache = BuildCache(base: nil)
        var outcomes = (pages: 0, errors: 0)
        for number in 0..<Self.cases {
            // Mostly a chapter; sometimes the front matter.
            var indexBytes = Array(index.utf8)
            var chapter = Array(chapters[Int(random.next() % UInt64(chapters.count))].utf8)
            if random.next() % 8 == 0 {
                indexBytes = Self.mutate(indexBytes, &random)
            } else {
                chapter = Self.mutate(chapter, &random)
            }
            try Data(indexBytes).write(to: URL(fileURLWithPath: booklet + "/index.md"))
            try Data(chapter).write(to: URL(fileURLWithPath: booklet + "/a.md"))
            let request = BuildRequest(project: CLI.projectRoot, booklet: booklet, output: root + "/out.pdf")
            let label = "case \(number) of seed \(String(Self.seed, radix: 16))"
            do {
                let prepared = try Pipeline().prepare(request, reusing: cache)
                outcomes.pages += 1
                if number % Self.renderEvery == 0 {
                    _ = try Pipeline().render(prepared, request: request)
                    let info = try CLI.run("/usr/bin/pdfinfo", [request.output])
                    #expect(info.status == 0, "\(label): the PDF cannot be read: \(info.stderr)")
                    try FileManager.default.removeItem(atPath: request.output)
                }
            } catch let error as LocatedError {
                outcomes.errors += 1
                #expect(!error.location.file.isEmpty && !error.message.isEmpty, "\(label): \(error)")
            } catch let errors as LocatedErrors {
                outcomes.errors += 1
                #expect(!errors.errors.isEmpty && errors.errors.allSatisfy { !$0.location.file.isEmpty }, "\(label): \(errors)")
            } catch {
                Issue.record("\(label): an error that names no file: \(error)")
            }
        }
        // The mutations are mild enough that most cases still give pages.
        #expect(outcomes.pages > Self.cases / 4, "\(outcomes)")
        #expect(outcomes.errors > 0, "\(outcomes)")
    }

    /// One to three mutations of the text's bytes or lines.
    /// Invalid UTF-8 is kept as it comes: the reader must refuse it with its line.
    static func mutate(_ text: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = text
        for _ in 0...(random.next() % 3) {
            guard !bytes.isEmpty else { break }
            let at = Int(random.next() % UInt64(bytes.count))
            switch random.next() % 6 {
            case 0:  // a bit flip
                bytes[at] ^= UInt8(1 << (random.next() % 8))
            case 1:  // a truncation
                bytes.removeSubrange(at...)
            case 2, 3:  // spliced markup
                bytes.insert(contentsOf: Array(fragments[Int(random.next() % UInt64(fragments.count))].utf8), at: at)
            case 4:  // a line doubled
                let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
                let line = Int(random.next() % UInt64(lines.count))
                bytes = Array((lines[..<line] + [lines[line]] + lines[line...]).joined(separator: [10]))
            default:  // a line dropped
                var lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
                lines.remove(at: Int(random.next() % UInt64(lines.count)))
                bytes = Array(lines.joined(separator: [10]))
            }
        }
        return bytes
    }
}

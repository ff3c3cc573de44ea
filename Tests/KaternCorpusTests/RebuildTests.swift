import Foundation
import Katern
import KaternTestSupport
import Testing

/// The path a watching process takes: one worker's cache (parsed files, typeset parts, shaped
/// paragraphs, layouts, pages) kept from build to build while the sources change. After every
/// change the PDF is byte for byte the one a build without any cache writes.
@Suite struct RebuildTests {
    @Test func aRebuildAfterAnyEditIsTheFreshBuild() throws {
        let root = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let booklet = root + "/booklet", layout = root + "/layout.yaml"
        try FileManager.default.copyItem(atPath: CLI.projectRoot + "/Booklets/all", toPath: booklet)
        try FileManager.default.copyItem(atPath: CLI.projectRoot + "/Layouts/a5.yaml", toPath: layout)
        let chapters = try FileManager.default.contentsOfDirectory(atPath: booklet).filter { $0.hasSuffix(".md") && $0 != "index.md" }.sorted()
        var random = SplitMix64(seed: 0x5EB1)
        let cache = BuildCache(base: nil)
        var cachedPages = 0
        for step in 0..<7 {
            var what = "nothing (a build on the warm cache)"
            if step > 0 {
                if step == 4 {
                    // The layout: another text colour (a new file identity, the same path).
                    var text = try String(contentsOfFile: layout, encoding: .utf8)
                    text = text.replacingOccurrences(of: "text: \"#1f2a30\"", with: "text: \"#202a30\"")
                    try text.write(toFile: layout, atomically: true, encoding: .utf8)
                    what = "the layout's text colour"
                } else {
                    let file = booklet + "/" + chapters[random.below(chapters.count)]
                    var lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
                    let paragraphs = lines.indices.filter { $0 > 0 && lines[$0 - 1].isEmpty && (lines[$0].first?.isLetter ?? false) }
                    let headings = lines.indices.filter { lines[$0].hasPrefix("## ") }
                    if step == 5, let heading = headings.first {
                        lines[heading] += " en meer"
                        what = "a heading of \(file)"
                    } else {
                        let line = paragraphs[random.below(paragraphs.count)]
                        // Words added (the paragraph may grow onto the next page) or the paragraph cut short.
                        if random.below(2) == 0 {
                            lines[line] = "Dit is een nieuwe zin van stap \(step), met genoeg woorden om een regel te vullen. " + lines[line]
                        } else {
                            lines[line] = String(lines[line].prefix(20)) + "."
                        }
                        what = "line \(line + 1) of \(file)"
                    }
                    try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
                }
            }
            var request = BuildRequest(project: CLI.projectRoot, booklet: booklet, layout: layout, output: root + "/cached.pdf")
            _ = try Pipeline().build(request, reusing: cache)
            request.output = root + "/fresh.pdf"
            _ = try Pipeline().build(request)
            let cached = try Data(contentsOf: URL(fileURLWithPath: root + "/cached.pdf"))
            let fresh = try Data(contentsOf: URL(fileURLWithPath: root + "/fresh.pdf"))
            #expect(cached == fresh, "step \(step), after changing \(what): the rebuild differs from a fresh build")
            cachedPages = cache.pages.hits
        }
        // The cache was used: most pages of most rebuilds came from it.
        #expect(cachedPages > 6 * 10, "\(cachedPages) pages from the cache in 6 rebuilds")
    }
}

import Foundation
import KaternDocument
import KaternLayout
import KaternRender
import KaternTestSupport
import KaternText
import Testing

/// The tagged PDF's structure, on every booklet of the corpus: first as planned from the page
/// model (`StructurePlan`), then as read back from the PDF by qpdf (`PDFStructure`) and poppler
/// (`pdfinfo -struct-text`), and by the PDF/UA checkers `outloud` and `pdfua` when they are
/// installed (`Scripts/setup --checkers` puts them in `.build/a11y`).
@Suite struct StructureTests {
    static func plan(_ built: Built) -> StructurePlan {
        StructurePlan(built.document, labels: LanguageResources.dutch.labels)
    }

    // MARK: the plan, on the page model

    /// Every item is drawn once: furniture as an artifact, the rest in marked content, each
    /// glyph of a line in exactly one piece.
    @Test(arguments: CorpusCase.all)
    func everyItemIsDrawnOnceAsContentOrArtifact(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        let plan = Self.plan(built)
        #expect(plan.pages.count == built.document.pages.count)
        for (pageIndex, page) in built.document.pages.enumerated() {
            let tags = plan.pages[pageIndex]
            var covered: [Int: [Range<Int>?]] = [:]
            for piece in tags.pieces { for part in piece.parts { covered[part.item, default: []].append(part.bytes) } }
            for (index, item) in page.items.enumerated() {
                let structured: Bool
                switch item {
                case .box: structured = false
                case .line(let line): structured = !line.structure.isEmpty
                case .image(let image): structured = !image.structure.isEmpty
                }
                if !structured {
                    #expect(tags.artifacts.contains(index) && covered[index] == nil, "page \(page.number) item \(index): furniture not an artifact")
                    continue
                }
                #expect(!tags.artifacts.contains(index), "page \(page.number) item \(index): content marked as an artifact")
                guard case .line(let line) = item else { continue }
                // The glyph-bearing clusters of the line, each in exactly one part.
                var count: [Int: Int] = [:]
                var start = 0
                for run in line.runs {
                    var byte = start
                    for (bytes, glyphs) in zip(run.clusterBytes, run.clusterGlyphs) {
                        if glyphs > 0 {
                            count[byte, default: 0] += (covered[index] ?? []).filter { $0 == nil || $0!.contains(byte) }.count
                            if count[byte] != 1 { Issue.record("page \(page.number): '\(line.text)' byte \(byte) drawn \(count[byte]!) times") }
                        }
                        byte += bytes
                    }
                    start += run.text.utf8.count
                }
            }
        }
    }

    /// A paragraph, list, item or quote is one element however many pages it runs over: each
    /// node of the page model is one element, with content on every page its lines are on.
    @Test(arguments: CorpusCase.all)
    func anElementOverAPageBreakIsOneElement(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        let plan = Self.plan(built)
        var pagesOfLeaf: [Int: Set<Int>] = [:]
        var typeOfLeaf: [Int: String] = [:]
        var typeOfNode: [Int: String] = [:]
        for (pageIndex, page) in built.document.pages.enumerated() {
            for item in page.items {
                let structure: [StructureNode]
                switch item {
                case .line(let line): structure = line.structure
                case .image(let image): structure = image.structure
                case .box: structure = []
                }
                for node in structure { typeOfNode[node.id] = node.type }
                guard let leaf = structure.last else { continue }
                pagesOfLeaf[leaf.id, default: []].insert(pageIndex)
                typeOfLeaf[leaf.id] = leaf.type
            }
        }
        // As many elements of each type as the page model has nodes of that type: no element
        // was made twice for a paragraph (or list, or quote) split by a page break.
        for type in Set(typeOfNode.values) {
            let nodes = typeOfNode.values.filter { $0 == type }.count
            let elements = plan.elements.filter { $0.type == type }.count
            #expect(elements == nodes, "\(type): \(elements) elements for \(nodes) nodes")
        }
        // Each leaf element's content lies on the pages of its lines.
        let split = pagesOfLeaf.filter { $0.value.count > 1 }
        for (index, element) in plan.elements.enumerated() where typeOfLeaf.values.contains(element.type) {
            let pages = Set(plan.content(of: index).map(\.page))
            if pages.count > 1 {
                #expect(split.values.contains { $0.isSuperset(of: pages) }, "\(element.type) spans pages \(pages.sorted())")
            }
        }
        if corpusCase.name == "all" {
            #expect(!split.isEmpty, "the ALL booklet has paragraphs over a page break")
            #expect(plan.elements.indices.contains { plan.elements[$0].type == "P" && Set(plan.content(of: $0).map(\.page)).count == 2 })
        }
    }

    /// The tree's reading order is the source's: content elements (ids rise in source order)
    /// come in order, also where a quote or figure floated down the page.
    @Test(arguments: CorpusCase.all)
    func theTreeIsInSourceOrder(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        let plan = Self.plan(built)
        var idOf: [Int: Int] = [:]
        for page in built.document.pages {
            for case .line(let line) in page.items {
                for node in line.structure where (1..<StructureNode.notesBase).contains(node.id) { idOf[node.id] = node.id }
            }
        }
        // Leaf content in walk order, by the page model's node ids.
        var order: [Int] = []
        for (page, mcid) in plan.content(of: 0) {
            for part in plan.pages[page].pieces[mcid].parts {
                guard case .line(let line) = built.document.pages[page].items[part.item],
                      let leaf = line.structure.last(where: { (1..<StructureNode.notesBase).contains($0.id) }) else { continue }
                if order.last != leaf.id { order.append(leaf.id) }
            }
        }
        let backwards = zip(order, order.dropFirst()).filter { $0 > $1 }
        #expect(backwards.isEmpty, "content out of source order: \(backwards.prefix(5))")
    }

    /// Lists are L > LI > (Lbl, LBody); the contents are TOC > TOCI > Reference > Link with an
    /// annotation; figures have alt text; the cover's title is the first H1; no heading level
    /// is skipped; every link annotation sits in a Link element that holds text.
    @Test(arguments: CorpusCase.all)
    func elementsHaveTheirStandardShape(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        let plan = Self.plan(built)
        func kids(_ index: Int) -> [StructurePlan.Element] {
            plan.elements[index].children.compactMap { if case .element(let e) = $0 { return plan.elements[e] } else { return nil } }
        }
        func hasContent(_ index: Int) -> Bool { !plan.content(of: index).isEmpty }
        var level = 0
        var firstHeading: Int?
        for (index, _) in plan.walk() {
            let element = plan.elements[index]
            switch element.type {
            case "L":
                #expect(kids(index).allSatisfy { $0.type == "LI" }, "L holds \(kids(index).map(\.type))")
                #expect(["Decimal", "Disc", "None"].contains(element.numbering ?? ""), "a list numbered \(element.numbering ?? "nil")")
            case "LI":
                // A checklist's item has no label (its square to tick is drawn, an artifact).
                let parent = plan.elements.firstIndex { $0.children.contains(.element(index)) }.map { plan.elements[$0] }
                let expected = parent?.numbering == "None" && kids(index).first?.type != "Lbl" ? ["LBody"] : ["Lbl", "LBody"]
                #expect(kids(index).map(\.type) == expected, "LI holds \(kids(index).map(\.type))")
            case "TOC":
                #expect(kids(index).allSatisfy { $0.type == "TOCI" })
            case "TOCI":
                #expect(kids(index).map(\.type) == ["Reference"])
            case "Figure":
                #expect(!(element.alt ?? "").trimmingCharacters(in: .whitespaces).isEmpty, "a figure without alt text")
                #expect(element.box != nil)
            case "Table":
                // THead then TBody; every row as many cells as the header (the grid closes).
                #expect(kids(index).map(\.type) == ["THead", "TBody"], "Table holds \(kids(index).map(\.type))")
                let rows = plan.elements[index].children.flatMap { child -> [Int] in
                    guard case .element(let part) = child else { return [] }
                    return plan.elements[part].children.compactMap { if case .element(let row) = $0 { return row } else { return nil } }
                }
                let widths = rows.map { kids($0).count }
                #expect(Set(widths).count == 1 && widths.allSatisfy { $0 > 0 }, "table rows of \(widths) cells")
            case "TR":
                #expect(!kids(index).isEmpty && kids(index).allSatisfy { $0.type == "TH" || $0.type == "TD" }, "TR holds \(kids(index).map(\.type))")
            case "TH":
                #expect(element.scope == "Column", "a header cell without its scope")
            case "Aside":
                // A warning or note box: its label first, then its text.
                #expect(kids(index).first?.type == "P" && kids(index).count >= 2, "Aside holds \(kids(index).map(\.type))")
            case "Caption":
                let parent = plan.elements.firstIndex { $0.children.contains(.element(index)) }
                #expect(parent.map { kids($0).map(\.type) } == ["Figure", "Caption"], "a caption beside \(parent.map { kids($0).map(\.type) } ?? [])")
                #expect(hasContent(index), "an empty caption")
            case "Link":
                let annotations = element.children.filter { if case .annotation = $0 { return true } else { return false } }
                #expect(!annotations.isEmpty && hasContent(index), "a Link element without its annotation or text")
            default:
                if element.type.count == 2, element.type.hasPrefix("H"), let n = Int(element.type.dropFirst()) {
                    firstHeading = firstHeading ?? index
                    #expect(n <= level + 1, "heading level skips from H\(level) to H\(n)")
                    level = n
                }
            }
        }
        // The first heading is the cover's title.
        let cover = built.document.pages[0]
        let title = cover.lines.filter { $0.role == .coverTitle }.map(\.text).joined(separator: " ")
        let first = try #require(firstHeading)
        #expect(plan.elements[first].type == "H1")
        #expect(plan.content(of: first).allSatisfy { $0.page == 0 } && !title.isEmpty)
        for tags in plan.pages {
            for annotation in tags.annotations {
                #expect(plan.elements[annotation.element].type == "Link")
                #expect(!annotation.contents.isEmpty && !annotation.contents.contains("{target}"))
            }
        }
    }

    /// A word hyphenated at a line end is a Span whose actual text is the whole word, holding
    /// both halves (also over a page break).
    @Test(arguments: CorpusCase.all)
    func hyphenatedWordsReadWhole(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        let plan = Self.plan(built)
        let hyphenated = built.document.pages.flatMap(\.lines).filter { $0.runs.last?.isHyphen == true && !$0.structure.isEmpty }
        let spans = plan.elements.indices.filter { plan.elements[$0].type == "Span" }
        #expect(spans.count <= hyphenated.count)
        #expect(spans.count >= hyphenated.count - hyphenated.filter { !$0.links.isEmpty }.count, "\(spans.count) spans for \(hyphenated.count) hyphenated lines")
        for span in spans {
            let word = try #require(plan.elements[span].actualText)
            #expect(!word.isEmpty && !word.contains(" "), "'\(word)'")
            let parts = plan.content(of: span)
            let halves = parts.map { plan.pages[$0.page].pieces[$0.mcid].parts.count }.reduce(0, +)
            #expect(halves >= 2, "'\(word)' has \(halves) parts")
            // The halves' text, without the hyphen between them, is the word.
            var shown = ""
            for (page, mcid) in parts {
                for part in plan.pages[page].pieces[mcid].parts {
                    guard case .line(let line) = built.document.pages[page].items[part.item], let bytes = part.bytes else { continue }
                    var text = Array(line.runs.filter { !$0.isHyphen }.map(\.text).joined().utf8)
                    text = Array(text[min(bytes.lowerBound, text.count)..<min(bytes.upperBound, text.count)])
                    shown += String(decoding: text, as: UTF8.self)
                }
            }
            #expect(shown == word, "the Span says '\(word)', its halves show '\(shown)'")
        }
    }

    // MARK: the PDF, read back

    /// The PDF's structure, read by qpdf: the plan's elements, figures' alt, the hyphenated
    /// words' actual text, a paragraph's content on two pages, links as Link elements with
    /// described, printable annotations, a structure tab order on every page.
    @Test(arguments: CorpusCase.all)
    func thePDFHoldsThePlannedStructure(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        let plan = Self.plan(built)
        let pdf = try PDFStructure(built.pdf)
        #expect(pdf.elements.map(\.type) == plan.walk().map { plan.elements[$0.element].type }, "the PDF's tree differs from the plan")
        #expect(pdf.elements.filter { $0.type == "Figure" }.allSatisfy { !($0.alt ?? "").isEmpty })
        #expect(pdf.elements.filter { $0.type == "Span" }.allSatisfy { !($0.actualText ?? "").isEmpty })
        // Every MCID of a page is claimed once.
        var claimed: [String: Int] = [:]
        for element in pdf.elements { for c in element.content { claimed["\(c.page):\(c.mcid)", default: 0] += 1 } }
        #expect(claimed.values.allSatisfy { $0 == 1 })
        for (index, tags) in plan.pages.enumerated() {
            #expect((0..<tags.pieces.count).allSatisfy { claimed["\(index):\($0)"] == 1 }, "page \(index + 1): marked content no element claims")
            #expect(pdf.tabs[index] == "/S" && pdf.structParents[index] == index)
        }
        let links = pdf.annotations.filter { $0.subtype == "/Link" }
        #expect(links.count == plan.pages.map(\.annotations.count).reduce(0, +))
        for link in links {
            #expect(!(link.contents ?? "").isEmpty && link.structParent != nil && link.flags & 4 != 0, "\(link)")
            #expect(pdf.elements.contains { $0.type == "Link" && $0.annotations.contains(link.id) && !$0.content.isEmpty })
        }
    }

    /// Poppler reads the structure tree's text (`pdfinfo -struct-text`): it holds the booklet's
    /// words in the source's order (hyphenated words by their actual text), and the text of
    /// each Span is its actual text with one hyphen.
    @Test(arguments: CorpusCase.all)
    func theStructureReadsAsTheSource(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        let tree = try CLI.run("/usr/bin/pdfinfo", ["-struct-text", built.pdf]).stdout
        var actual = try PDFStructure(built.pdf).elements.filter { $0.type == "Span" }.compactMap(\.actualText)[...]
        var text = ""
        var inSpan = false
        var open: String?
        for line in tree.split(separator: "\n", omittingEmptySubsequences: false) {
            // A quoted text may run over several lines (a hard line break in an address).
            var trimmed = line.trimmingCharacters(in: .whitespaces)
            if let started = open {
                open = nil
                trimmed = started + "\n" + String(line)
            }
            if trimmed.hasPrefix("Span") { inSpan = true; continue }
            guard trimmed.hasPrefix("\"") else { inSpan = false; continue }
            guard trimmed.count >= 2, trimmed.hasSuffix("\"") else { open = trimmed; continue }
            let shown = String(trimmed.dropFirst().dropLast())
            if inSpan, let word = actual.popFirst() {
                let withoutOneHyphen = shown.indices.filter { shown[$0] == "-" }.map { i -> String in var s = shown; s.remove(at: i); return s }
                #expect(withoutOneHyphen.contains(word), "Span '\(shown)' says '\(word)'")
                text += word
            } else {
                text += shown
            }
            text += inSpan ? "" : "\n"
            inSpan = false
        }
        #expect(actual.isEmpty)
        // A footnote's reference ("verder¹") is a Link of its own in the tree: its digit is
        // compared apart from the word it follows.
        let superscripts = Set("⁰¹²³⁴⁵⁶⁷⁸⁹")
        func withoutReferences(_ text: String) -> String { String(text.map { superscripts.contains($0) ? " " : $0 }) }
        let treeWords = SeedCoverage.words(withoutReferences(text), joiningLineEndHyphens: false)
        var sourceWords: [Substring] = []
        let booklet = built.booklet
        (booklet.opening + booklet.chapters.flatMap(\.blocks) + booklet.contact + booklet.colophon).forEachBlock { block in
            switch block.kind {
            case .heading(_, _, let content), .paragraph(let content):
                sourceWords += SeedCoverage.words(withoutReferences(content.plainText), joiningLineEndHyphens: false)
            default: break
            }
        }
        // The source's words are a subsequence of the tree's (which has the cover and contents too).
        var position = treeWords.startIndex
        var matched = 0
        for word in sourceWords {
            guard let found = treeWords[position...].firstIndex(of: word) else { break }
            position = found + 1
            matched += 1
        }
        #expect(matched == sourceWords.count, "the tree's text follows the source for \(matched) of \(sourceWords.count) words; then '\(sourceWords.dropFirst(matched).prefix(8).joined(separator: " "))'")
    }

    /// Two independent PDF/UA-1 checkers find no error, and neither does `katern check --pdf`
    /// (run when the checkers are installed: see `Checkers`).
    @Test(.enabled(if: Checkers.find() != nil, "outloud and pdfua are not installed (Scripts/setup --checkers)"), arguments: CorpusCase.all)
    func theCheckersFindNoError(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        let errors = try Checkers.errors(built.pdf)
        #expect(errors == nil, "\(errors ?? "")")
        let ours = try PDFChecker().check(built.pdf)
        #expect(ours.isEmpty, "katern check --pdf: \(ours)")
    }
}

import Foundation
import KaternTestSupport
import Testing

/// The complete, accessible booklet, read back from the PDF: tagged, with language and title,
/// a page count for saddle stitching, an outline, page labels, a table of contents whose
/// numbers are right, and live links.
@Suite(.serialized) struct AccessibilityTests {
    static let built: Result<String, Error> = Result {
        let folder = try CLI.temporaryFolder()
        let result = try CLI.katern(["build", "--edition", "rivierenland", "--output", folder + "/r.pdf"])
        guard result.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        return folder + "/r.pdf"
    }

    func json(_ pdf: String) throws -> [String: Any] {
        let out = try CLI.run("/usr/bin/qpdf", ["--json", "--json-key=outlines", "--json-key=pagelabels", pdf]).stdout
        return try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
    }

    @Test func isTaggedWithLanguageTitleAndAPageCountForSaddleStitching() throws {
        for pdf in [try Self.built.get(), CLI.projectRoot + "/Output/all.pdf"] where FileManager.default.fileExists(atPath: pdf) {
            let info = try CLI.run("/usr/bin/pdfinfo", [pdf]).stdout
            #expect(info.contains("Tagged:          yes"))
            #expect(info.contains("Title:           Acute lymfatische leukemie (ALL)"))
            let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
            #expect(pages % 4 == 0 && pages >= 12)
            let objects = try CLI.run("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", pdf, "-"]).stdout
            #expect(objects.contains("/Lang (nl-NL)"))
            #expect(objects.contains("/Marked true"))
        }
    }

    @Test func theStructureTreeIsInReadingOrder() throws {
        let tree = try CLI.run("/usr/bin/pdfinfo", ["-struct", try Self.built.get()]).stdout
        let kinds = tree.split(separator: "\n").map {
            ($0.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? "").trimmingCharacters(in: CharacterSet(charactersIn: ":"))
        }
        for kind in ["Document", "H1", "H2", "P", "L", "LI", "Lbl", "LBody", "BlockQuote", "Figure", "TOC", "TOCI", "Link"] {
            #expect(kinds.contains(kind), "no \(kind) in the structure tree")
        }
        // The cover's title is the first H1, then the contents' heading and its TOC, then the
        // chapters.
        let h1 = kinds.indices.filter { kinds[$0] == "H1" }
        #expect(h1.count >= 8)
        #expect(h1[0] < kinds.firstIndex(of: "TOC")!)
        #expect(h1[1] < kinds.firstIndex(of: "TOC")! && kinds.firstIndex(of: "TOC")! < h1[2])
    }

    @Test func theOutlineListsEveryChapterAndSection() throws {
        let pdf = try Self.built.get()
        let outlines = try #require(try json(pdf)["outlines"] as? [[String: Any]])
        let titles = outlines.map { $0["title"] as? String ?? "" }
        for chapter in ["Inhoud", "Acute lymfatische leukemie (ALL)", "Klachten en symptomen", "Onderzoek en diagnose", "Behandeling",
                        "Vooruitzichten", "Over Hematon", "Vragen?"] {
            #expect(titles.contains(chapter), "\(chapter) not in the outline")
        }
        let behandeling = try #require(outlines.first { ($0["title"] as? String) == "Behandeling" })
        let sections = (behandeling["kids"] as? [[String: Any]] ?? []).map { $0["title"] as? String ?? "" }
        #expect(sections.contains("Behandelplan"))
        #expect(sections.contains("Behandelplan in Ziekenhuis Rivierenland Midden"))
    }

    @Test func pageLabelsLeaveTheCoverUnnumbered() throws {
        let labels = try #require(try json(try Self.built.get())["pagelabels"] as? [[String: Any]])
        let first = try #require(labels.first?["label"] as? [String: Any])
        #expect(first["/P"] as? String == "u:Omslag")
        #expect(first["/S"] == nil)
        let second = try #require(labels.dropFirst().first)
        #expect(second["index"] as? Int == 1)
        #expect((second["label"] as? [String: Any])?["/S"] as? String == "/D")
        #expect((second["label"] as? [String: Any])?["/St"] as? Int == 2)
    }

    @Test func everyContentsEntryNamesThePageItsHeadingIsOn() throws {
        let pdf = try Self.built.get()
        let pages = try CLI.run("/usr/bin/pdftotext", ["-enc", "UTF-8", "-layout", pdf, "-"]).stdout.components(separatedBy: "\u{0C}")
        // The contents: lines "title ... number" on the pages after the opening page.
        var entries: [(String, Int)] = []
        for page in pages.prefix(5) where page.contains("Inhoud") || !entries.isEmpty && page.split(separator: "\n").contains(where: { $0.range(of: #"\s\d+\s*$"#, options: .regularExpression) != nil }) && !page.contains("Het beenmerg") {
            for line in page.split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard let range = trimmed.range(of: #"\s{2,}(\d+)$"#, options: .regularExpression) else { continue }
                let title = trimmed[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let number = Int(trimmed[range].trimmingCharacters(in: .whitespaces))!
                entries.append((title, number))
            }
        }
        #expect(entries.count >= 30)
        for (title, number) in entries {
            // The heading is on that page (and not before it, after the contents).
            let page = pages[number - 1]
            #expect(page.contains(title), "'\(title)' is not on page \(number)")
        }
    }

    @Test func linksPointWhereTheTextSays() throws {
        let pdf = try Self.built.get()
        let objects = try CLI.run("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", pdf, "-"]).stdout
        for uri in ["https://www.hematon.nl", "mailto:lotgenotencontact@hematon.nl", "tel:0307603890", "tel:0307603460",
                    "https://www.rivierenland-midden.example/hematologie", "mailto:hematologie@rivierenland-midden.example"] {
            #expect(objects.contains("/URI (\(uri))"), "no link to \(uri)")
        }
        // The contents link to the headings' destinations.
        #expect(objects.components(separatedBy: "/Subtype /Link").count > 40)
        #expect(objects.contains("/Dests") || objects.contains("/Names"))
    }
}

/// A second reader of the text: MuPDF (PyMuPDF, installed with the checkers) splits each
/// hyphenated word where the page shows it ("bloed-" / "plaatjes", as the page model's lines
/// have it), on the booklet, an edition and the print PDF. (MuPDF read "bloedp" / "laatjes" when
/// a word's two pieces were in two text objects; poppler reads the word whole, by its
/// `/ActualText`.)
@Suite struct SecondReaderTests {
    @Test(.enabled(if: Checkers.mupdfPython != nil, "PyMuPDF is not installed (Scripts/setup --checkers)"))
    func mupdfSplitsHyphenatedWordsWhereThePageDoes() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, extra) in [("all", [String]()), ("edition", ["--edition", "rivierenland"]), ("print", ["--print"])] {
            let pdf = folder + "/" + name + ".pdf"
            let result = try CLI.katern(["build", "--output", pdf] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            let mupdf = try #require(try Checkers.mupdfText(pdf))
            let muText = "\n" + mupdf.components(separatedBy: .newlines).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n") + "\n"
            // The page model's lines: "  x y role: text  @ file:line".
            let dump = try CLI.katern(["dump"] + extra.filter { $0 != "--print" })
            let lines = dump.stdout.components(separatedBy: "\n").compactMap { line -> String? in
                guard let colon = line.range(of: ": "), let at = line.range(of: "  @ ", options: .backwards), colon.upperBound <= at.lowerBound else { return nil }
                return String(line[colon.upperBound..<at.lowerBound])
            }
            var checked = 0
            var wrong: [String] = []
            for (line, next) in zip(lines, lines.dropFirst()) where line.hasSuffix("-") {
                let head = String(line.dropLast().reversed().prefix { $0.isLetter }.reversed())
                let tail = String(next.prefix { $0.isLetter })
                guard head.count >= 2, tail.count >= 2 else { continue }
                checked += 1
                // MuPDF may keep the hyphen or drop it, but splits where the page does.
                if ![head + "-\n" + tail, head + "\n" + tail].contains(where: { muText.contains($0) }) { wrong.append("\(head)-\(tail)") }
            }
            #expect(checked > 20, "\(name): only \(checked) hyphenated line ends found")
            #expect(wrong.isEmpty, "\(name): MuPDF splits these words elsewhere: \(wrong.prefix(10))")
        }
    }
}

/// `katern check --pdf` reads a PDF back and reports what an accessibility checker would flag.
@Suite struct PDFCheckTests {
    @Test func aBuiltBookletPasses() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try CLI.katern(["build", "--edition", "noordwest", "--output", folder + "/n.pdf"]).status == 0)
        let check = try CLI.katern(["check", "--pdf", folder + "/n.pdf"])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func anUntaggedPDFIsReported() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try CLI.katern(["build", "--output", folder + "/a.pdf"]).status == 0)
        // Poppler's re-rendering keeps the pages but drops the tags, the language and the links.
        #expect(try CLI.run("/usr/bin/pdftocairo", ["-pdf", folder + "/a.pdf", folder + "/plain.pdf"]).status == 0)
        let check = try CLI.katern(["check", "--pdf", folder + "/plain.pdf"])
        #expect(check.status == 1)
        for message in ["no document language", "not marked as a tagged PDF", "page 3: content that is not tagged", "no structure tree"] {
            #expect(check.stderr.contains(message), "\(message) not reported: \(check.stderr)")
        }
    }

    /// A heading that skips a level in the source is set as written, tagged one level lower
    /// (so the PDF's headings skip no level, as PDF/UA asks), with a warning at its line.
    @Test func aHeadingThatSkipsALevelIsTaggedWithoutTheSkip() throws {
        let booklet = try CLI.copyOfBooklet()
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: booklet).deletingLastPathComponent().path) }
        let file = booklet + "/05-vooruitzichten.md"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "## Leeftijd", with: "### Leeftijd").write(toFile: file, atomically: true, encoding: .utf8)
        let output = booklet + "/../b.pdf"
        let build = try CLI.katern(["build", "--booklet", booklet, "--output", output])
        #expect(build.status == 0)
        let line = text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("## Leeftijd") }! + 1
        #expect(build.stderr.contains("05-vooruitzichten.md:\(line): warning: a level-3 heading follows a level-1 heading"), "\(build.stderr)")
        let check = try CLI.katern(["check", "--pdf", output])
        #expect(check.status == 0, "\(check.stderr)")
        let tree = try CLI.run("/usr/bin/pdfinfo", ["-struct-text", output]).stdout
        #expect(tree.contains("H2 (block)\n    \"Leeftijd\""), "Leeftijd is not tagged H2")
    }
}

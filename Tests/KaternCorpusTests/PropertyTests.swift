import Foundation
import KaternDocument
import KaternLayout
import KaternRender
import KaternStyle
import KaternTestSupport
import Testing

/// Properties every booklet of the corpus must have, checked on the PDF with poppler-utils and
/// pyphen (independently of Katern's own code) and on the page model:
/// every source word is in the PDF, in order; no hyphen at a point Dutch hyphenation does not
/// allow; no line wider than the column; no text outside the page's text area but the
/// furniture; no widow, orphan or stranded heading; the contents' page numbers right.
@Suite struct PropertyTests {
    // MARK: every word, in order

    /// The PDF's text holds every word of each paragraph of the Markdown sources in order
    /// (paragraph by paragraph, since quotes and figures may float to the next page).
    @Test(arguments: CorpusCase.all.filter(\.plainSource))
    func everySourceWordIsInThePDFInOrder(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        let pdfWords = try Words.ofPDF(built.pdf, source: Words.sourceText(corpusCase))
        var missing: [String] = []
        for file in corpusCase.sourceFiles {
            for chunk in Words.chunks(ofMarkdown: try String(contentsOfFile: file, encoding: .utf8)) {
                let words = SeedCoverage.words(chunk)
                guard !words.isEmpty, !Words.containsInOrder(pdfWords, words) else { continue }
                missing.append("\(file.replacingOccurrences(of: CLI.projectRoot + "/", with: "")): \(chunk.prefix(80))")
            }
        }
        #expect(missing.isEmpty, "paragraphs whose words are not all in the PDF in order:\n\(missing.joined(separator: "\n"))")
    }

    /// Each block of the resolved booklet (editions, templates and typography applied) is set
    /// whole: its lines in the page model hold its text, character for character.
    @Test(arguments: CorpusCase.all)
    func everyBlockIsSetWhole(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        var expected: [KaternDocument.SourceLocation: String] = [:]
        let booklet = built.booklet
        (booklet.opening + booklet.chapters.flatMap(\.blocks) + booklet.contact + booklet.colophon).forEachBlock { block in
            switch block.kind {
            case .heading(_, _, let content), .paragraph(let content):
                expected[block.location, default: ""] += Words.squeezed(content.plainText)
            case .table(let table):
                // The header at the table's line, each row at its own, cell after cell.
                expected[block.location, default: ""] += Words.squeezed(table.header.map(\.plainText).joined())
                for (row, location) in zip(table.rows, table.rowLocations) {
                    expected[location, default: ""] += Words.squeezed(row.map(\.plainText).joined())
                }
            case .glossary(let entries):
                for entry in entries { expected[entry.location, default: ""] += Words.squeezed(entry.term.plainText + entry.definition.plainText) }
            case .callout(let kind, _):
                // The box's label ("Let op") is set at the box's line, before its text.
                let label = LanguageResources.dutch.labels.boxes[kind] ?? ""
                expected[block.location, default: ""] += Words.squeezed(built.layout.content.callout.label.uppercase ? label.uppercased() : label)
            case .figure(_, _, let caption):
                if !caption.isEmpty { expected[block.location, default: ""] += Words.squeezed(caption.plainText) }
            case .qrCode(let address, let alt, let caption):
                expected[block.location, default: ""] += Words.squeezed((caption.isEmpty ? alt : caption.plainText) + address)
            case .list, .quote, .rule, .checklist, .notes:
                break
            }
        }
        var found: [KaternDocument.SourceLocation: String] = [:]
        let skipped: [Role] = [.bullet, .artifact, .contents, .coverKind, .coverTitle, .coverImprint, .notes]
        for page in built.document.pages {
            for line in page.lines where !skipped.contains(line.role) {
                let text = line.hyphenated && line.text.hasSuffix("-") ? String(line.text.dropLast()) : line.text
                found[line.source, default: ""] += Words.squeezed(text)
            }
        }
        for (location, text) in expected where found[location] != text {
            Issue.record("\(location): the page model holds '\(found[location] ?? "")', the source '\(text)'")
        }
    }

    /// The PDF's text is the source's: no soft hyphen (a ligature formed over a hyphenation
    /// point kept one in its text), no replacement character, no unknown glyph.
    @Test(arguments: CorpusCase.all)
    func thePDFsTextHasNothingTheSourceLacks(_ corpusCase: CorpusCase) throws {
        let text = try PDFText(try Built.of(corpusCase).pdf).text()
        #expect(!text.contains("\u{AD}"), "a soft hyphen in the PDF's text")
        #expect(!text.contains("\u{FFFD}"), "a replacement character in the PDF's text")
    }

    // MARK: hyphenation

    /// Every hyphen at a line end (read from the PDF) is a break the hyph_nl patterns or an
    /// exception list allow, as pyphen judges it; hyphens the text itself has do not count.
    @Test(arguments: CorpusCase.all)
    func noHyphenAtAnIllegalPoint(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        let source = Words.sourceText(corpusCase)
        let lines = try PDFText(built.pdf).lines().map { $0.trimmingCharacters(in: .whitespaces) }
        var breaks: [(before: String, after: String)] = []
        for (line, next) in zip(lines, lines.dropFirst()) {
            guard line.hasSuffix("-"), !line.hasSuffix("--"), !line.hasSuffix(" -"),
                  let before = Words.lastWord(of: String(line.dropLast())), let after = Words.firstWord(of: next) else { continue }
            if source.contains(before + "-" + after) { continue }  // the text's own hyphen
            breaks.append((before, after))
        }
        let patterns = try IndependentHyphenation.positions(breaks.map { $0.before + $0.after })
        var exceptionLines = (try String(contentsOfFile: CLI.projectRoot + "/Hyphenation/nl.txt", encoding: .utf8)).split(separator: "\n").map(String.init)
        exceptionLines += built.booklet.metadata.hyphenation
        let exceptions = IndependentHyphenation.exceptions(exceptionLines)
        var illegal: [String] = []
        for (before, after) in breaks {
            let word = (before + after).lowercased()
            let allowed = exceptions[word] ?? patterns[word] ?? []
            if !allowed.contains(before.count) { illegal.append("\(before)-\(after)") }
        }
        #expect(illegal.isEmpty, "hyphens Dutch hyphenation does not allow: \(illegal)")
        // (A table's cells stand side by side on the PDF's lines: their hyphens are not at a line's end.)
        let outsideTables = built.document.pages.flatMap(\.lines).filter { $0.hyphenated && !$0.structure.contains { $0.type == "Table" } }
        #expect(!breaks.isEmpty || outsideTables.isEmpty, "hyphenated lines in the page model, none found in the PDF")
    }

    /// Phone numbers, a number with its unit and dates of the sources (found here with patterns
    /// of the tests' own) are on one line of the PDF each: never broken, never changed.
    @Test(arguments: CorpusCase.all.filter(\.plainSource))
    func phoneNumbersUnitsAndDatesAreNeverBroken(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        let lines = try PDFText(built.pdf).lines().map { $0.replacingOccurrences(of: "\u{A0}", with: " ") }
        let patterns = [
            #"(?<![\d\w])(?:\+31 (?:\(0\))?\d{2,3}|\(0\d{2,3}\)|0\d{2,3})(?:(?: - | |-)\d{2,4}){1,3}(?!\d)"#,
            #"\b\d+(?:,\d+)? (?:mg|ml|mL|mmHg|IE|mmol/l|µmol/l|mg/kg|mcg|°C|%|km)(?![\p{L}])"#,
            #"\b\d{1,2}(?:–\d{1,2})? (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)(?: \d{4})?\b"#,
            #"\b\d{2}[-/]\d{2}[-/]\d{4}\b"#,
        ]
        var broken: [String] = []
        var checked = 0
        for file in corpusCase.sourceFiles {
            let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "\n", with: " ")
            for pattern in patterns {
                let regex = try NSRegularExpression(pattern: pattern)
                for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let found = String(text[Range(match.range, in: text)!])
                    checked += 1
                    if !lines.contains(where: { $0.contains(found) }) { broken.append(found) }
                }
            }
        }
        #expect(broken.isEmpty, "not on one line as written: \(broken)")
        if corpusCase.name == "contacts" { #expect(checked >= 30, "only \(checked) found") }
    }

    // MARK: geometry

    /// No line of the page model is wider than the column or starts outside it.
    @Test(arguments: CorpusCase.all)
    func noLineIsWiderThanTheColumn(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        let spec = built.layout.page
        for page in built.document.pages where page.kind == .content {
            let left = spec.leftMargin(pageNumber: page.number).points
            for line in page.contentLines {
                #expect(line.origin.x.points >= left - 0.01, "page \(page.number): '\(line.text)' starts left of the column")
                #expect(line.origin.x.points + line.width.points <= left + spec.columnWidth.points + 0.5,
                        "page \(page.number): '\(line.text)' runs past the column by \(line.origin.x.points + line.width.points - left - spec.columnWidth.points) pt")
                #expect(line.origin.y.points <= (spec.top + spec.columnHeight).points + 0.01
                        && line.origin.y.points + line.descent.points <= (spec.top + spec.columnHeight).points + 2,
                        "page \(page.number): '\(line.text)' runs below the column")
            }
            for image in page.images {
                #expect(image.rect.x.points >= left - 0.01 && image.rect.maxX.points <= left + spec.columnWidth.points + 0.01
                        && image.rect.maxY.points <= (spec.top + spec.columnHeight).points + 0.01, "page \(page.number): an image outside the column")
            }
        }
    }

    /// Every word the PDF shows on a page after the cover lies inside the text area (the page
    /// less its margins, on the mirrored sides), or in the footer below it.
    @Test(arguments: CorpusCase.all)
    func noTextOutsideTheTextAreaButTheFurniture(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        let spec = built.layout.page
        let (words, size) = try PDFText(built.pdf).words()
        #expect(abs(size.width - spec.width.points) < 0.5 && abs(size.height - spec.height.points) < 0.5)
        var outside: [String] = []
        for word in words where word.page > 1 {
            let left = spec.leftMargin(pageNumber: word.page).points
            let right = left + spec.columnWidth.points
            let top = spec.top.points, foot = (spec.top + spec.columnHeight).points
            let inColumn = word.xMin >= left - 1 && word.xMax <= right + 1
            let inTextArea = inColumn && word.yMin >= top - 6 && word.yMax <= foot + 4
            let inFooter = word.yMin >= foot && word.yMax <= size.height && word.xMin >= left - 1 && word.xMax <= right + 1
            if !(inTextArea || inFooter) {
                outside.append("page \(word.page): '\(word.text)' at x \(Int(word.xMin))-\(Int(word.xMax)), y \(Int(word.yMin))-\(Int(word.yMax))")
            }
        }
        #expect(outside.isEmpty, "words outside the text area:\n\(outside.prefix(20).joined(separator: "\n"))")
    }

    // MARK: pagination and contents

    /// Pages are filled: a page that is not the last of its chapter (or of the opening) ends no
    /// more than a third of the column short of its foot, unless what comes next could not have
    /// come up (a block kept whole that is taller than the hole).
    @Test(arguments: CorpusCase.all)
    func pagesAreFilled(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        let spec = built.layout.page
        let foot = (spec.top + spec.columnHeight).points
        let pages = built.document.pages.filter { $0.kind == .content && !$0.lines.contains { $0.role == .notes } }
        var holes: [String] = []
        for (page, next) in zip(pages, pages.dropFirst()) where page.chapter == next.chapter && page.chapter != nil {
            let content = page.items.compactMap { item -> Double? in
                switch item {
                case .line(let line) where line.role != .artifact: return (line.origin.y + line.descent).points
                case .image(let image): return image.rect.maxY.points
                default: return nil
                }
            }
            guard let bottom = content.max(), !next.contentLines.isEmpty else { continue }
            let hole = foot - bottom
            // What opens the next page: the first block there, as tall as it is on that page.
            let firstBlock = next.contentLines.first?.block
            let firstLines = next.contentLines.filter { $0.block == firstBlock || $0.quoteID != nil && $0.quoteID == next.contentLines.first?.quoteID }
            let opener = (firstLines.map { ($0.origin.y + $0.descent).points }.max() ?? spec.top.points) - spec.top.points
            if hole > spec.columnHeight.points / 3 && opener < hole {
                holes.append("page \(page.number) ends \(Int(hole)) pt short, though page \(next.number) opens with \(Int(opener)) pt")
            }
        }
        #expect(holes.isEmpty, "\(holes.joined(separator: "\n"))")
    }


    @Test(arguments: CorpusCase.all)
    func noWidowOrphanOrStrandedHeading(_ corpusCase: CorpusCase) throws {
        let quality = try Built.of(corpusCase).quality
        let summary = quality.summary
        #expect(summary.widows == 0 && summary.orphans == 0 && summary.strandedHeadings == 0 && summary.otherPagination == 0,
                "\(quality.text)")
        #expect(summary.overfull == 0)
    }

    /// The contents' page numbers are the pages the headings are on: in the page model, and in
    /// the PDF (its links and structure read back with qpdf by `katern check --pdf`).
    @Test(arguments: CorpusCase.all)
    func theContentsNumbersMatch(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        var anchors: [String: Int] = [:]
        for page in built.document.pages {
            for line in page.lines { if let anchor = line.anchor, anchors[anchor] == nil { anchors[anchor] = page.number } }
        }
        var checked = 0
        for page in built.document.pages {
            let entries = page.lines.filter { $0.role == .contents }
            // The number has a no-break space before it (for readers): trimmed here.
            func value(_ line: LineItem) -> Int? { Int(line.text.trimmingCharacters(in: .whitespaces)) }
            for number in entries where value(number) != nil {
                guard let title = entries.last(where: { $0.block == number.block && value($0) == nil }),
                      let target = title.links.first?.uri.dropFirst() else { continue }
                #expect(anchors[String(target)] == value(number), "contents: '\(title.text)' says \(number.text), its heading is on \(anchors[String(target)] ?? 0)")
                checked += 1
            }
        }
        #expect(checked > 0)
        #expect(try PDFChecker().check(built.pdf).map(\.description).filter { $0.contains("contents") } == [])
    }
}

/// Words of Markdown sources and of PDFs, compared as `seed-coverage` does.
enum Words {
    /// Text without white space and soft hyphens, for comparing set text with its source.
    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{AD}" && $0 != "\u{2028}" }.map(Character.init))
    }

    /// All Markdown of a case, as one string (to tell the text's own hyphens from hyphenation).
    static func sourceText(_ corpusCase: CorpusCase) -> String {
        let raw = corpusCase.sourceFiles.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }.joined(separator: "\n")
        let editionFiles = (corpusCase.editions.map { [CLI.projectRoot + "/" + $0] } ?? [CLI.projectRoot + "/Editions"])
            .flatMap { folder in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).map { folder + "/" + $0 } }
            .filter { $0.hasSuffix(".yaml") }
        return raw + editionFiles.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }.joined(separator: "\n")
    }

    /// The blank-line-separated chunks of a Markdown file's body, with what is not printed
    /// taken out: the front matter, images (their alt text is not shown), link targets, ids.
    static func chunks(ofMarkdown markdown: String) -> [String] {
        var text = markdown
        if text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 4)..<text.endIndex) {
            text = String(text[end.upperBound...])
        }
        for (pattern, template) in [(#"\*"#, ""), (#"!\[[^\]]*\]\([^)]*\)"#, ""), (#"\]\([^)]*\)"#, "]"), (#"\{#[^}]*\}"#, ""), (#"<(https?://[^>]+|[^>@\s]+@[^>]+)>"#, "$1")] {
            text = text.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return text.components(separatedBy: "\n\n").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    /// The PDF's words in reading order; a hyphen at a line end joins the two halves into one
    /// word unless the source has the hyphenated form (then it is the text's own hyphen).
    static func ofPDF(_ pdf: String, source: String) throws -> [Substring] {
        // -layout: pdftotext's reading mode would join "PET-" and "scan" itself, losing the hyphen.
        let lines = try PDFText(pdf).lines().map { $0.trimmingCharacters(in: .whitespaces) }
        var joined = ""
        for (index, line) in lines.enumerated() {
            let next = index + 1 < lines.count ? lines[index + 1] : ""
            if line.hasSuffix("-"), let before = lastWord(of: String(line.dropLast())), let after = firstWord(of: next),
               !source.contains(before + "-" + after) {
                joined += line.dropLast()
            } else {
                joined += line + "\n"
            }
        }
        return SeedCoverage.words(joined, joiningLineEndHyphens: false)
    }

    /// Whether `words` occur in `haystack` in order, close together (within a window that lets
    /// furniture and a floated quote come between).
    static func containsInOrder(_ haystack: [Substring], _ words: [Substring]) -> Bool {
        guard let first = words.first else { return true }
        for start in haystack.indices where haystack[start] == first {
            var position = start + 1
            let limit = min(haystack.count, start + words.count * 2 + 200)
            var matched = 1
            while matched < words.count && position < limit {
                if haystack[position] == words[matched] { matched += 1 }
                position += 1
            }
            if matched == words.count { return true }
        }
        return false
    }

    static func lastWord(of text: String) -> String? {
        let word = String(text.reversed().prefix { $0.isLetter }.reversed())
        return word.isEmpty ? nil : word
    }

    static func firstWord(of text: String) -> String? {
        let word = String(text.trimmingCharacters(in: .whitespaces).prefix { $0.isLetter })
        return word.isEmpty ? nil : word
    }
}

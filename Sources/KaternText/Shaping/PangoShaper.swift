import CPangoFT2
import Foundation
import KaternDocument
import KaternStyle

/// Inline layout with Pango: shapes a paragraph once, as one unbroken line (language from the
/// booklet, soft hyphens from the hyphenator), measures every character, lets `LineBreaker`
/// choose the breaks, and cuts Pango's glyph runs into lines of plain glyph runs (`GlyphRun`),
/// with the word spaces of justified lines widened: the renderer draws exactly what was
/// measured, with no Pango. A hyphen at a break is a real "-" glyph (its own run). Pango's
/// layout is freed as soon as the paragraph is cut into lines.
/// Identical requests (same spans, style and width) are shaped once, and with a `store` once
/// in a whole batch. A shaper belongs to one thread (batch builds give each worker its own, and
/// share a store; a build shapes its last chapters on a second thread, see `Preshaping`). Shapers
/// with font sets of their own shape at the same time (`PangoThreadsTests`); font sets are made
/// and let go under `FontSet.exclusively`.
public final class PangoShaper: TextShaper {
    public let fonts: FontSet
    let hyphenator: Hyphenator?
    /// How paragraphs are broken into lines.
    public let breaking: LineBreaking
    private let language: OpaquePointer?
    private var memo: [Key: ShapedText] = [:]
    /// Paragraphs shaped by the other shapers of a batch with the same fonts and settings.
    let store: ShapingStore?
    /// The hyphen's glyphs in each font (shaped once per font).
    private var hyphens: [FontKey: (runs: [GlyphRun], width: Double)] = [:]
    private let fontInfo = FontInfoCache()
    private var next = 0

    struct Key: Hashable, Sendable {
        var spans: [TextSpan]
        var font: FontKey
        var leading: Double, width: Double
        var align: String, indent: Double, hyphenate: Bool, uppercase: Bool, wordSpacing: Double
    }

    struct FontKey: Hashable, Sendable {
        var font: FontSpec
        var size: Double
        var tracking: Double
    }

    /// How far a justified line may space out its letters at an adjustment ratio of 1, in ems.
    static let letterStretchEm = 0.005

    public init(fonts: FontSet, hyphenator: Hyphenator?, language: String, breaking: LineBreaking = .totalFit, store: ShapingStore? = nil) {
        self.fonts = fonts
        self.store = store
        self.hyphenator = hyphenator
        self.breaking = breaking
        self.language = pango_language_from_string(language)
    }

    deinit {
        FontSet.exclusively {
            hyphens.removeAll()
            memo.removeAll()
            _ = fontInfo
        }
    }

    public func shape(_ spans: [TextSpan], style: TextStyle, width: Length) -> ShapedText {
        let fontKey = FontKey(font: style.font, size: style.size.points, tracking: style.tracking)
        let key = Key(spans: spans, font: fontKey, leading: style.leading.points, width: width.points,
                      align: style.align.rawValue, indent: style.firstLineIndent.points,
                      hyphenate: style.hyphenate, uppercase: style.uppercase, wordSpacing: style.wordSpacing)
        if let done = memo[key] { return done }
        if let done = store?.shaped(key) {
            memo[key] = done
            return done
        }
        let shaped = shapeNew(spans, style: style, width: width, fontKey: fontKey)
        memo[key] = shaped
        store?.insert(shaped, for: key)
        return shaped
    }

    private func shapeNew(_ spans: [TextSpan], style: TextStyle, width: Length, fontKey: FontKey) -> ShapedText {
        let (text, attributes, marked, faces) = attributedText(spans, style: style)
        let linkRanges = marked.filter { $0.uri != Self.strikeMark }
        let strikeRanges = marked.filter { $0.uri == Self.strikeMark }
        let paragraph = PangoParagraph(context: fonts.context, text: text, attributes: attributes, style: style)
        let problems = paragraph.problems(family: style.font.family) { byte in
            // The last face that starts at or before the byte (faces are in text order).
            var low = 0, high = faces.count
            while low < high { let mid = (low + high) / 2; if faces[mid].start <= byte { low = mid + 1 } else { high = mid } }
            let face = low > 0 ? faces[low - 1] : faces.first
            return (face?.weight ?? Int(FontSet.pangoWeight(style.font.weight).rawValue), face?.italic ?? style.font.italic)
        }
        let hyphen = hyphenParagraph(fontKey, style: style)
        var input = paragraph.breakInput(hyphenWidth: hyphen.width, wordSpacing: style.wordSpacing)
        input.addAddressBreaks(paragraph.scalars, minimumWidth: width.points * 0.4)
        input.addEmergencyBreaks(width: width.points - max(0, style.firstLineIndent.points), characters: paragraph.scalars)
        if style.align == .justify { input.letterStretch = style.size.points * Self.letterStretchEm }
        let breaks: [LineBreak]
        switch breaking {
        case .greedy:
            breaks = LineBreaker.greedy(input, width: width.points, indent: style.firstLineIndent.points)
        case .totalFit:
            breaks = TotalFit(mode: style.align == .justify ? .justified : .ragged)
                .breakLines(input, width: width.points, indent: style.firstLineIndent.points)
        }

        var lines: [ShapedLine] = []
        for (index, line) in breaks.enumerated() {
            let available = width.points - (index == 0 ? style.firstLineIndent.points : 0)
            let slack = available - line.naturalWidth
            var spaceAdjust = 0.0, letterAdjust = 0.0
            var offset = index == 0 ? style.firstLineIndent.points : 0
            switch style.align {
            case .justify where line.spaces > 0 && (!line.forced && slack > 0 || slack < 0):
                // Stretch shares the slack between word spaces and (a little) letter spacing, in
                // proportion to what each may give, as the breaker assumed.
                let spaceStretch = line.spaceWidth * 0.5, letterStretch = Double(line.letters) * input.letterStretch
                let letterShare = slack > 0 && spaceStretch + letterStretch > 0 ? letterStretch / (spaceStretch + letterStretch) : 0
                letterAdjust = line.letters > 0 ? slack * letterShare / Double(line.letters) : 0
                spaceAdjust = slack * (1 - letterShare) / Double(line.spaces)
            case .center: offset += max(0, slack) / 2
            case .right: offset += max(0, slack)
            default: break
            }
            // The glyphs have the font's own spaces: narrow or widen them to the style's word spacing too.
            let fontSpace = line.spaces > 0 ? line.spaceWidth / Double(line.spaces) / style.wordSpacing : 0
            let glyphAdjust = spaceAdjust + fontSpace * (style.wordSpacing - 1)
            var (runs, ascent, descent) = paragraph.lineRuns(line, spaceAdjust: glyphAdjust, letterAdjust: letterAdjust, size: style.size.points, fonts: fontInfo)
            if line.hyphenated {
                let end = runs.last?.end ?? 0
                runs += hyphen.runs.map { run in var r = run.shifted(by: end); r.isHyphen = true; return r }
            }
            var spaceAfter = false
            if !line.hyphenated, line.end < line.next, line.end < paragraph.scalars.count, [" ", "\n"].contains(paragraph.scalars[line.end]),
               let last = runs.indices.last, let space = fontInfo.spaceGlyph(runs[last].face) {
                // The space (or hard line break) the line broke at is set after the line's end, in
                // its last run (a glyph without ink drawn alone is dropped by Cairo), so that the
                // PDF's text has it: read by its structure, "leukemie bestaan" is two words, not
                // "leukemiebestaan".
                runs[last].appendSpace(glyph: space)
                spaceAfter = true
            }
            let shown = paragraph.text(from: line.start, to: line.end) + (line.hyphenated ? "-" : "")
            var shaped = ShapedLine(text: shown, width: .pt(line.naturalWidth + spaceAdjust * Double(line.spaces) + letterAdjust * Double(line.letters)),
                                    xOffset: .pt(offset), ascent: .pt(ascent), descent: .pt(descent),
                                    hyphenated: line.hyphenated, naturalWidth: .pt(line.naturalWidth),
                                    spaceAdjust: .pt(spaceAdjust), spaces: line.spaces)
            shaped.available = .pt(available)
            shaped.endsWithHyphen = line.endsWithHyphen
            shaped.wordSpace = line.spaces > 0 ? .pt(line.spaceWidth / Double(line.spaces) + spaceAdjust) : nil
            shaped.em = style.size
            shaped.runs = runs
            // Links: where each link's characters lie on this line, as the glyphs are set.
            for (index, range) in linkRanges.enumerated() where range.start < line.end && range.end > line.start {
                func x(_ i: Int) -> Double {
                    input.offsets[i] - input.offsets[line.start] + spaceAdjust * Double(input.spaceCounts[i] - input.spaceCounts[line.start])
                        + letterAdjust * Double(input.letterCounts[i] - input.letterCounts[line.start])
                }
                let from = max(range.start, line.start), to = min(range.end, line.end)
                let first = paragraph.text(from: line.start, to: from).utf8.count
                // A link that goes on on the next line holds the line's hyphen, or the space it broke at.
                let last = first + paragraph.text(from: from, to: to).utf8.count + (to == line.end && line.hyphenated ? 1 : 0)
                    + (to == line.end && range.end > line.end && spaceAfter ? 1 : 0)
                shaped.links.append(ShapedLink(x: .pt(x(from)), width: .pt(x(to) - x(from) + (to == line.end && line.hyphenated ? hyphen.width : 0)),
                                               bytes: first..<last, uri: range.uri, index: index))
            }
            // Struck-through text: where its characters lie on this line (the line's own spaces at
            // its ends are not struck).
            for range in strikeRanges where range.start < line.end && range.end > line.start {
                func x(_ i: Int) -> Double {
                    input.offsets[i] - input.offsets[line.start] + spaceAdjust * Double(input.spaceCounts[i] - input.spaceCounts[line.start])
                        + letterAdjust * Double(input.letterCounts[i] - input.letterCounts[line.start])
                }
                let from = max(range.start, line.start), to = min(range.end, line.end)
                let width = x(to) - x(from) + (to == line.end && line.hyphenated ? hyphen.width : 0)
                if width > 0 { shaped.strikes.append((.pt(x(from)), .pt(width))) }
            }
            lines.append(shaped)
        }
        next += 1
        return ShapedText(id: next, lines: lines, problems: problems)
    }

    /// A hyphen in the paragraph's base font, shaped once per font: its runs and width.
    private func hyphenParagraph(_ key: FontKey, style: TextStyle) -> (runs: [GlyphRun], width: Double) {
        if let hyphen = hyphens[key] { return hyphen }
        var plain = style
        plain.uppercase = false
        plain.hyphenate = false
        let (text, attributes, _, _) = attributedText([TextSpan("-")], style: plain)
        let paragraph = PangoParagraph(context: fonts.context, text: text, attributes: attributes, style: plain)
        let hyphen = (paragraph.wholeLine(size: style.size.points, fonts: fontInfo), paragraph.width)
        hyphens[key] = hyphen
        return hyphen
    }

    /// A span's requested face: weight (Pango units) and slant, from byte `start` on.
    struct Face {
        var start: Int
        var weight: Int
        var italic: Bool
    }

    /// The paragraph's text (hyphenated, cased) and its Pango attributes (font, language, letter
    /// spacing, bold and italic spans). The text is set as plain text, never as markup.
    /// Hyphenation sees the whole paragraph at once, so a word split over style spans
    /// (`lym*fo*blasten`) is hyphenated as one word.
    private func attributedText(_ spans: [TextSpan], style: TextStyle) -> (String, OpaquePointer, [(start: Int, end: Int, uri: String)], [Face]) {
        let list = pango_attr_list_new()!
        var pieces = spans.map { span -> String in
            var piece = style.uppercase ? span.text.uppercased() : span.text
            // U+2028 (a line break inside a paragraph) is E2 80 A8 in UTF-8: looked for in the bytes.
            if TextScan.contains(piece, "\u{2028}") { piece = piece.replacingOccurrences(of: "\u{2028}", with: "\n") }
            return piece
        }
        if style.hyphenate, let hyphenator {
            var scalars: [Unicode.Scalar] = []
            var code: [Bool] = []
            for (piece, span) in zip(pieces, spans) {
                let before = scalars.count
                scalars.append(contentsOf: piece.unicodeScalars)
                code.append(contentsOf: repeatElement(span.code, count: scalars.count - before))
            }
            let points = hyphenator.breakIndices(in: scalars, protected: { code[$0] })
            if !points.isEmpty {
                var next = points.makeIterator()
                var point = next.next()
                var index = 0
                // Soft hyphens put in the UTF-8 bytes (a scalar starts at each byte that is no
                // continuation byte): appending scalar by scalar to a String is several times slower.
                pieces = pieces.map { piece in
                    var out: [UInt8] = []
                    out.reserveCapacity(piece.utf8.count + 16)
                    for byte in piece.utf8 {
                        if byte & 0xC0 != 0x80 {
                            if index == point { out.append(0xC2); out.append(0xAD); point = next.next() }
                            index += 1
                        }
                        out.append(byte)
                    }
                    return String(decoding: out, as: UTF8.self)
                }
            }
        }
        var text = ""
        var offset = 0
        var characters = 0
        var links: [(start: Int, end: Int, uri: String)] = []
        var strikes: [(start: Int, end: Int, uri: String)] = []
        var faces: [Face] = []
        let baseWeight = Int(FontSet.pangoWeight(style.font.weight).rawValue)
        let boldWeight = max(baseWeight, Int(PANGO_WEIGHT_BOLD.rawValue))
        let description = FontSet.description(of: style.font, size: style.size)
        pango_attr_list_insert(list, pango_attr_font_desc_new(description))
        pango_font_description_free(description)
        // Where a link begins or ends between two letters ("o[f](...)fice"), a zero-width
        // non-joiner keeps a ligature from joining a glyph of the link and one outside it.
        for index in pieces.indices.dropLast() where spans[index].link != spans[index + 1].link {
            if let last = pieces[index].unicodeScalars.last, let next = pieces[index + 1].unicodeScalars.first,
               last.properties.isAlphabetic, next.properties.isAlphabetic {
                pieces[index].unicodeScalars.append("\u{200C}")
            }
        }
        for (piece, span) in zip(pieces, spans) {
            let start = offset
            text += piece
            offset += piece.utf8.count
            let count = piece.unicodeScalars.count
            if let uri = span.link {
                // Neighbouring spans of one link (emphasis inside it) are one link.
                if let last = links.last, last.uri == uri, last.end == characters { links[links.count - 1].end += count }
                else { links.append((characters, characters + count, uri)) }
            }
            if span.strike {
                if let last = strikes.last, last.end == characters { strikes[strikes.count - 1].end += count }
                else { strikes.append((characters, characters + count, Self.strikeMark)) }
            }
            characters += count
            func add(_ attribute: UnsafeMutablePointer<PangoAttribute>) {
                attribute.pointee.start_index = guint(start)
                attribute.pointee.end_index = guint(offset)
                pango_attr_list_insert(list, attribute)
            }
            if span.strong { add(pango_attr_weight_new(PangoWeight(rawValue: UInt32(boldWeight)))) }
            if span.emphasis { add(pango_attr_style_new(PANGO_STYLE_ITALIC)) }
            faces.append(Face(start: start, weight: span.strong ? boldWeight : baseWeight, italic: span.emphasis || style.font.italic))
        }
        if let language { pango_attr_list_insert(list, pango_attr_language_new(language)) }
        if style.tracking != 0 {
            pango_attr_list_insert(list, pango_attr_letter_spacing_new(Int32(style.tracking * style.size.points * Double(PANGO_SCALE))))
        }
        return (text, list, links + strikes, faces)
    }

    /// Marks the character ranges of struck-through text among the link ranges (no address has
    /// this form: it holds a space).
    static let strikeMark = " strike "
}

/// The paragraphs the shapers of one batch have shaped, shared between its worker threads: a
/// paragraph the editions have in common is shaped once in the whole batch, not once a worker.
/// Only shapers with the same fonts, language, hyphenation and line breaking may share one
/// (the batch keeps a store for each such set). Shaped text is a plain value: no Pango object
/// crosses threads.
public final class ShapingStore: @unchecked Sendable {
    private let lock = NSLock()
    private var shapedTexts: [PangoShaper.Key: ShapedText] = [:]

    public init() {}

    func shaped(_ key: PangoShaper.Key) -> ShapedText? {
        lock.lock()
        defer { lock.unlock() }
        return shapedTexts[key]
    }

    func insert(_ shaped: ShapedText, for key: PangoShaper.Key) {
        lock.lock()
        defer { lock.unlock() }
        shapedTexts[key] = shaped
    }
}

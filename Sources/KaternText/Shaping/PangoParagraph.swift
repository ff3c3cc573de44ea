import CPangoFT2
import Foundation
import KaternStyle

/// One paragraph shaped by Pango as a single unbroken line, and the lines cut from it as plain
/// glyph runs (`GlyphRun`: face, size, glyph ids, positions, text, clusters), with the word
/// spaces widened for justification. Owns the layout; frees it in deinit. Lives only while the
/// paragraph is shaped: the lines it gives need no Pango to be drawn. Used only on the thread of
/// its shaper (and its font set).
final class PangoParagraph {
    private let layout: OpaquePointer
    /// The paragraph's UTF-8 text, kept for Pango and Cairo (glyph clusters point into it).
    private let bytes: [CChar]
    /// The byte offset of each character, and one past the end.
    private let byteOffsets: [Int]
    /// The characters (Unicode scalars), one per entry of the break input.
    let scalars: [Unicode.Scalar]
    /// Pango's glyph runs, in text order, with their byte ranges (read once).
    private var glyphRuns: [(start: Int, end: Int, run: UnsafeMutablePointer<PangoGlyphItem>)] = []
    private(set) var width: Double = 0
    private let scale = Double(PANGO_SCALE)

    init(context: OpaquePointer, text: String, attributes: OpaquePointer, style: TextStyle) {
        layout = pango_layout_new(context)!
        bytes = Array(text.utf8CString)
        var offsets: [Int] = []
        offsets.reserveCapacity(text.unicodeScalars.count + 1)
        var offset = 0
        for scalar in text.unicodeScalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        byteOffsets = offsets
        scalars = Array(text.unicodeScalars)
        bytes.withUnsafeBufferPointer { pango_layout_set_text(layout, $0.baseAddress, Int32(offset)) }
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
        pango_layout_set_width(layout, -1)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        width = Double(logical.width) / scale
        glyphRuns = runs.map { run in
            let item = run.pointee.item!.pointee
            return (Int(item.offset), Int(item.offset) + Int(item.length), run)
        }.sorted { $0.start < $1.start }
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    private var characterCount: Int { byteOffsets.count - 1 }

    /// The text of characters `start..<end`, without soft hyphens.
    func text(from start: Int, to end: Int) -> String {
        var slice: [UInt8] = []
        slice.reserveCapacity(byteOffsets[end] - byteOffsets[start])
        var i = byteOffsets[start]
        let stop = byteOffsets[end]
        while i < stop {
            let b = UInt8(bitPattern: bytes[i])
            if b == 0xC2, i + 1 < stop, UInt8(bitPattern: bytes[i + 1]) == 0xAD { i += 2; continue }
            slice.append(b)
            i += 1
        }
        return String(decoding: slice, as: UTF8.self)
    }

    /// The runs of Pango's line(s): a paragraph with hard breaks has one Pango line per part.
    private var runs: [UnsafeMutablePointer<PangoGlyphItem>] {
        var result: [UnsafeMutablePointer<PangoGlyphItem>] = []
        var lineList = pango_layout_get_lines_readonly(layout)
        while let node = lineList {
            let line = node.pointee.data.assumingMemoryBound(to: PangoLayoutLine.self)
            var run = line.pointee.runs
            while let r = run {
                result.append(r.pointee.data.assumingMemoryBound(to: PangoGlyphItem.self))
                run = r.pointee.next
            }
            lineList = node.pointee.next
        }
        return result
    }

    /// What Pango could not set as asked: characters with no glyph in any font (Pango's "unknown"
    /// glyphs, drawn as hex boxes), runs set in another face of the family than the one asked
    /// for (a weight or slant `Fonts/` lacks), and runs that fell back to another family.
    /// `requested` gives the weight and slant asked for at a byte offset.
    func problems(family: String, requested: (Int) -> (weight: Int, italic: Bool)) -> [ShapingProblem] {
        var found: [ShapingProblem] = []
        func add(_ problem: ShapingProblem) { if !found.contains(problem) { found.append(problem) } }
        for run in runs {
            let item = run.pointee.item!.pointee
            let glyphs = run.pointee.glyphs!.pointee
            var unknown = false
            for g in 0..<Int(glyphs.num_glyphs) {
                let glyph = glyphs.glyphs[g].glyph
                guard glyph & PANGO_GLYPH_UNKNOWN_FLAG != 0, glyph != PANGO_GLYPH_EMPTY,
                      let scalar = Unicode.Scalar(glyph & ~PANGO_GLYPH_UNKNOWN_FLAG) else { continue }
                if scalar == "\n" || scalar == "\u{AD}" || scalar.properties.isDefaultIgnorableCodePoint { continue }
                unknown = true
                add(.missingCharacter(scalar))
            }
            guard !unknown, let font = item.analysis.font else { continue }
            let start = Int(item.offset), end = start + Int(item.length)
            let scalars = String(decoding: bytes[start..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self).unicodeScalars
            guard let visible = scalars.first(where: { !$0.properties.isWhitespace && !$0.properties.isDefaultIgnorableCodePoint && $0 != "\u{AD}" }) else { continue }
            let description = pango_font_describe(font)!
            defer { pango_font_description_free(description) }
            let used = String(cString: pango_font_description_get_family(description))
            let usedWeight = Int(pango_font_description_get_weight(description).rawValue)
            let usedItalic = pango_font_description_get_style(description) != PANGO_STYLE_NORMAL
            let want = requested(start)
            if used.caseInsensitiveCompare(family) != .orderedSame {
                add(.fallback(visible, family: family, used: used))
            } else if Self.weightName(usedWeight) != Self.weightName(want.weight) || usedItalic != want.italic {
                add(.missingFace(family: family, weight: Self.weightName(want.weight), italic: want.italic,
                                 used: "\(used) \(Self.weightName(usedWeight))\(usedItalic ? " italic" : "")"))
            }
        }
        return found
    }

    /// The name of the nearest named weight (thin 100 ... black 900).
    static func weightName(_ weight: Int) -> String {
        let names = [(100, "thin"), (300, "light"), (400, "regular"), (500, "medium"), (600, "semibold"),
                     (700, "bold"), (800, "heavy"), (900, "black")]
        return names.min { abs($0.0 - weight) < abs($1.0 - weight) }!.1
    }

    /// Advances per character, spaces, and break opportunities from Pango's analysis.
    func breakInput(hyphenWidth: Double, wordSpacing: Double = 1) -> LineBreakInput {
        let count = characterCount
        var advances = [Double](repeating: 0, count: count)
        // The character that starts at each byte (-1: inside a character).
        var characterAt = [Int](repeating: -1, count: (byteOffsets.last ?? 0) + 1)
        for (index, offset) in byteOffsets.enumerated() { characterAt[offset] = index }
        for (_, _, run) in glyphRuns {
            let item = run.pointee.item!.pointee
            let glyphs = run.pointee.glyphs!.pointee
            for g in 0..<Int(glyphs.num_glyphs) {
                let byte = Int(item.offset) + Int(glyphs.log_clusters[g])
                if byte >= 0, byte < characterAt.count, characterAt[byte] >= 0 {
                    advances[characterAt[byte]] += Double(glyphs.glyphs[g].geometry.width) / scale
                }
            }
        }
        var attrCount: Int32 = 0
        let attrs = pango_layout_get_log_attrs_readonly(layout, &attrCount)!
        var isSpace = [Bool](repeating: false, count: count)
        var breaks: [LineBreakInput.BreakPoint] = []
        for i in 0..<count {
            let byte = byteOffsets[i]
            let c = bytes[byte]
            isSpace[i] = c == 0x20 || c == 0x09
            if c == 0x0A {  // a hard line break: the line ends before it
                breaks.append(.init(index: i + 1, forced: true))
                advances[i] = 0
                isSpace[i] = true
            }
        }
        for i in 1..<max(1, count) where attrs[i].is_line_break != 0 && bytes[byteOffsets[i - 1]] != 0x0A {
            // Never next to a no-break space (or word joiner): they hold phone numbers, a number
            // and its unit and dates together (Unicode allows a break after "-" before one).
            if isGlue(i) || isGlue(i - 1) { continue }
            // Nor after the en dash of a number range ("1–3 januari", "20–30").
            if scalars[i - 1] == "–", i >= 2, scalars[i - 2].properties.numericType != nil, scalars[i].properties.numericType != nil { continue }
            // Nor after a slash inside a word ("mg/kg", "mmol/l", "en/of"); addresses get breaks of their own.
            if scalars[i - 1] == "/", i >= 2, Self.isWordCharacter(scalars[i - 2]), Self.isWordCharacter(scalars[i]) { continue }
            // A break inside a cluster (a ligature formed across a hyphenation point, "f-f") would
            // split the glyph: leave it out.
            if advances[i] == 0 && bytes[byteOffsets[i]] != 0x20 { continue }
            let softHyphen = byteOffsets[i] - byteOffsets[i - 1] == 2 && UInt8(bitPattern: bytes[byteOffsets[i - 1]]) == 0xC2
                && UInt8(bitPattern: bytes[byteOffsets[i - 1] + 1]) == 0xAD
            let previous = bytes[byteOffsets[i - 1]]
            let hyphen = previous == 0x2D || (byteOffsets[i] - byteOffsets[i - 1] == 3 && UInt8(bitPattern: previous) == 0xE2
                && UInt8(bitPattern: bytes[byteOffsets[i - 1] + 1]) == 0x80 && UInt8(bitPattern: bytes[byteOffsets[i - 1] + 2]) == 0x90)
            breaks.append(.init(index: i, hyphenated: softHyphen, explicitHyphen: hyphen))
        }
        breaks.append(.init(index: count, forced: true))
        breaks.sort { $0.index < $1.index }
        if wordSpacing != 1 {
            for i in 0..<count where isSpace[i] { advances[i] *= wordSpacing }
        }
        return LineBreakInput(advances: advances, isSpace: isSpace, breaks: breaks, hyphenWidth: hyphenWidth)
    }

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Whether character `i` is a no-break space (U+00A0, U+202F, U+2007) or a word joiner (U+2060).
    private func isGlue(_ i: Int) -> Bool {
        let at = byteOffsets[i], length = byteOffsets[i + 1] - at
        let b = { (k: Int) in UInt8(bitPattern: self.bytes[at + k]) }
        if length == 2 { return b(0) == 0xC2 && b(1) == 0xA0 }
        if length == 3 && b(0) == 0xE2 {
            return (b(1) == 0x80 && (b(2) == 0xAF || b(2) == 0x87)) || (b(1) == 0x81 && b(2) == 0xA0)
        }
        return false
    }

    /// The glyph runs of characters `line.start..<line.end`, as plain values, each space widened
    /// by `spaceAdjust` points and each other visible cluster by `letterAdjust` (as the breaker
    /// counted them); with the line's ascent and descent. Only the runs and glyphs of the line
    /// are visited (found by binary search), so a long paragraph costs no more per line.
    /// `size` is the paragraph's font size in points (Pango's own description of a font gives it
    /// at the context's resolution, 96 per inch, not in points).
    func lineRuns(_ line: LineBreak, spaceAdjust: Double, letterAdjust: Double = 0, size: Double, fonts: FontInfoCache) -> (runs: [GlyphRun], ascent: Double, descent: Double) {
        let from = byteOffsets[line.start], to = byteOffsets[line.end]
        var result: [GlyphRun] = []
        var ascent = 0.0, descent = 0.0
        var x = 0.0
        // The first run that ends after `from`.
        var low = 0, high = glyphRuns.count
        while low < high { let mid = (low + high) / 2; if glyphRuns[mid].end <= from { low = mid + 1 } else { high = mid } }
        var index = low
        while index < glyphRuns.count, glyphRuns[index].start < to {
            let (runStart, runEnd, run) = glyphRuns[index]
            index += 1
            let item = run.pointee.item!.pointee
            let glyphs = run.pointee.glyphs!.pointee
            let count = Int(glyphs.num_glyphs)
            guard count > 0, let font = item.analysis.font else { continue }
            let info = fonts.info(for: font)
            ascent = max(ascent, info.ascent)
            descent = max(descent, info.descent)
            // The glyphs whose clusters start inside the line (clusters rise in text order).
            func firstGlyph(atOrAfter byte: Int) -> Int {
                var lo = 0, hi = count
                while lo < hi { let mid = (lo + hi) / 2; if runStart + Int(glyphs.log_clusters[mid]) < byte { lo = mid + 1 } else { hi = mid } }
                return lo
            }
            let first = firstGlyph(atOrAfter: from), last = firstGlyph(atOrAfter: to)
            guard first < last else { continue }
            var ids: [UInt32] = [], xs: [Float] = [], ys: [Float] = []
            var clusters: [UInt32] = []
            ids.reserveCapacity(last - first)
            xs.reserveCapacity(last - first)
            clusters.reserveCapacity(2 * (last - first))
            var text: [UInt8] = []
            var g = first
            while g < last {
                let clusterStart = runStart + Int(glyphs.log_clusters[g])
                var next = g + 1
                while next < last && glyphs.log_clusters[next] == glyphs.log_clusters[g] { next += 1 }
                let clusterEnd = min(next < count ? runStart + Int(glyphs.log_clusters[next]) : runEnd, to)
                var shown = 0
                for k in g..<next {
                    let geometry = glyphs.glyphs[k].geometry
                    var advance = Double(geometry.width) / scale
                    if k == g {
                        if bytes[clusterStart] == 0x20 { advance += spaceAdjust }
                        else if letterAdjust != 0 && geometry.width > 0 { advance += letterAdjust }
                    }
                    let glyph = glyphs.glyphs[k].glyph
                    // Empty glyphs (a soft hyphen inside a line, a control) and unknown ones are not drawn.
                    if glyph != PANGO_GLYPH_EMPTY && glyph & PANGO_GLYPH_UNKNOWN_FLAG == 0 {
                        ids.append(glyph)
                        xs.append(Float(x + Double(geometry.x_offset) / scale))
                        ys.append(Float(Double(geometry.y_offset) / scale))
                        shown += 1
                    }
                    x += advance
                }
                // The cluster's text, without soft hyphens (a ligature may span one: "stof­filter").
                var bytesShown = 0
                var b = clusterStart
                while b < clusterEnd {
                    if UInt8(bitPattern: bytes[b]) == 0xC2, b + 1 < clusterEnd, UInt8(bitPattern: bytes[b + 1]) == 0xAD { b += 2; continue }
                    text.append(UInt8(bitPattern: bytes[b]))
                    bytesShown += 1
                    b += 1
                }
                if bytesShown > 0 || shown > 0 {
                    clusters.append(UInt32(bytesShown))
                    clusters.append(UInt32(shown))
                }
                g = next
            }
            guard !ids.isEmpty || !text.isEmpty else { continue }
            result.append(GlyphRun(face: info.face, size: size, glyphs: ids, positions: xs, offsets: ys, end: x,
                                   text: String(decoding: text, as: UTF8.self), clusters: clusters))
        }
        if result.isEmpty, let metrics = emptyLineMetrics() { (ascent, descent) = metrics }
        return (result, ascent, descent)
    }

    /// The whole paragraph as one line (for the hyphen).
    func wholeLine(size: Double, fonts: FontInfoCache) -> [GlyphRun] {
        lineRuns(LineBreak(start: 0, end: characterCount, next: characterCount, hyphenated: false, forced: true,
                           naturalWidth: width, spaces: 0, spaceWidth: 0, endsWithHyphen: false), spaceAdjust: 0, size: size, fonts: fonts).runs
    }

    private func emptyLineMetrics() -> (Double, Double)? {
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        let baseline = Double(pango_layout_get_baseline(layout)) / scale
        return (baseline, Double(logical.height) / scale - baseline)
    }
}

/// What the runs of a shaper need to know of each Pango font, looked up once per font: its file
/// and face index (for the renderer), its size, ascent and descent.
final class FontInfoCache {
    struct Info {
        var face: FontFace
        var ascent: Double
        var descent: Double
    }

    private var cache: [UnsafeMutableRawPointer: Info] = [:]
    /// Each face's word-space glyph.
    private var spaces: [FontFace: UInt32] = [:]

    /// The glyph of a word space in `face` (a face the cache has seen), or nil.
    func spaceGlyph(_ face: FontFace) -> UInt32? { spaces[face] }

    func info(for font: UnsafeMutablePointer<PangoFont>) -> Info {
        let key = UnsafeMutableRawPointer(font)
        if let known = cache[key] { return known }
        var file = "", index: Int32 = 0
        let fcFont = key.assumingMemoryBound(to: PangoFcFont.self)
        if let pattern = pango_fc_font_get_pattern(fcFont) {
            var value: UnsafeMutablePointer<FcChar8>?
            if FcPatternGetString(pattern, FC_FILE, 0, &value) == FcResultMatch, let value { file = String(cString: value) }
            FcPatternGetInteger(pattern, FC_INDEX, 0, &index)
        }
        let metrics = pango_font_get_metrics(font, nil)!
        defer { pango_font_metrics_unref(metrics) }
        let info = Info(face: FontFace(file: file, index: Int(index)),
                        ascent: Double(pango_font_metrics_get_ascent(metrics)) / Double(PANGO_SCALE),
                        descent: Double(pango_font_metrics_get_descent(metrics)) / Double(PANGO_SCALE))
        var space: hb_codepoint_t = 0
        if let hb = pango_font_get_hb_font(font), hb_font_get_nominal_glyph(hb, 0x20, &space) != 0, space != 0 { spaces[info.face] = space }
        // The font map keeps its fonts alive as long as the shaper: keep a reference anyway.
        g_object_ref(key)
        cache[key] = info
        return info
    }

    deinit {
        for key in cache.keys { g_object_unref(key) }
    }
}

import CCairo
import KaternLayout
import KaternStyle
import KaternText

/// Draws one page of the page model on a Cairo context, for imposition and PNG previews:
/// furniture first, then the content in reading order. (The booklet's PDF is written straight
/// from the page model: `PDFRenderer`.)
struct PageDrawer {
    let fonts: FontRegistry
    let images: ImagePainter

    /// Draws the page untagged.
    func draw(_ page: Page, on cairo: OpaquePointer) throws {
        Self.setFontOptions(cairo)
        for item in page.items where Self.isFurniture(item) { try draw(item, on: cairo) }
        for item in page.items where !Self.isFurniture(item) { try draw(item, on: cairo) }
    }

    private func draw(_ item: PageItem, on cairo: OpaquePointer) throws {
        switch item {
        case .box(let box):
            setColor(cairo, box.color)
            cairo_rectangle(cairo, box.rect.x.points, box.rect.y.points, box.rect.width.points, box.rect.height.points)
            cairo_fill(cairo)
        case .image(let image):
            try images.draw(image, on: cairo)
        case .line(let line):
            setColor(cairo, line.color)
            try drawGlyphs(line, bytes: nil, on: cairo)
        }
    }

    /// No hinting of shapes or metrics: previews look like the PDF, at any resolution.
    static func setFontOptions(_ cairo: OpaquePointer) {
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(cairo, options)
        cairo_font_options_destroy(options)
    }

    /// A line's glyph runs (or those of the bytes `bytes` of its text), with their text and
    /// clusters (so the PDF's text is the source's).
    func drawGlyphs(_ line: LineItem, bytes: Range<Int>?, on cairo: OpaquePointer) throws {
        let x0 = line.origin.x.points, y0 = line.origin.y.points
        var start = 0
        for whole in line.runs {
            let count = whole.text.utf8.count
            defer { start += count }
            var part: GlyphRun? = whole
            if let bytes {
                let lower = max(0, bytes.lowerBound - start), upper = min(count, bytes.upperBound - start)
                part = lower < upper ? whole.slice(bytes: lower..<upper) : nil
            }
            guard let run = part, !run.glyphs.isEmpty else { continue }
            cairo_set_font_face(cairo, try fonts.cairoFace(run.face))
            cairo_set_font_size(cairo, run.size)
            var glyphs = (0..<run.glyphs.count).map { i in
                cairo_glyph_t(index: UInt(run.glyphs[i]), x: x0 + run.x(i), y: y0 + run.y(i))
            }
            var clusters: [cairo_text_cluster_t] = []
            var text: [CChar] = []
            clusters.reserveCapacity(run.clusters.count)
            text.reserveCapacity(run.text.utf8.count + 1)
            let utf8 = Array(run.text.utf8)
            var byte = 0, glyph = 0
            for (bytes, count) in run.clusters {
                defer { byte += bytes; glyph += count }
                // Characters without a glyph (a word joiner the typography put into a phone
                // number, a zero-width joiner) are invisible and mean nothing to a reader: Cairo
                // would give them an /ActualText span of their own, which some readers of the
                // structure take for the end of the marked content.
                guard count > 0 else { continue }
                var shown = utf8[byte..<(byte + bytes)]
                if count == 1, let form = fonts.cairoText(Substring(decoding: shown, as: UTF8.self), glyph: run.glyphs[glyph], face: run.face) {
                    shown = ArraySlice(form.utf8)
                }
                text += shown.map { CChar(bitPattern: $0) }
                clusters.append(cairo_text_cluster_t(num_bytes: Int32(shown.count), num_glyphs: Int32(count)))
            }
            text.append(0)
            text.withUnsafeBufferPointer { utf8 in
                cairo_show_text_glyphs(cairo, utf8.baseAddress, Int32(text.count - 1), &glyphs, Int32(glyphs.count),
                                       &clusters, Int32(clusters.count), cairo_text_cluster_flags_t(rawValue: 0))
            }
        }
    }

    /// Crop marks at the trim corners, outside the bleed, in registration black.
    func drawCropMarks(on cairo: OpaquePointer, width: Length, height: Length, bleed: Length) {
        let gap = bleed.points + 2, length = Length.mm(6).points
        cairo_save(cairo)
        cairo_set_source_rgb(cairo, 0, 0, 0)
        cairo_set_line_width(cairo, 0.25)
        for (x, y) in [(0.0, 0.0), (width.points, 0.0), (0.0, height.points), (width.points, height.points)] {
            let dx: Double = x == 0 ? -1 : 1, dy: Double = y == 0 ? -1 : 1
            cairo_move_to(cairo, x + dx * gap, y)
            cairo_line_to(cairo, x + dx * (gap + length), y)
            cairo_move_to(cairo, x, y + dy * gap)
            cairo_line_to(cairo, x, y + dy * (gap + length))
        }
        cairo_stroke(cairo)
        cairo_restore(cairo)
    }

    static func isFurniture(_ item: PageItem) -> Bool {
        switch item {
        case .box: return true
        case .line(let line): return line.structure.isEmpty
        case .image(let image): return image.structure.isEmpty
        }
    }

    private func setColor(_ cairo: OpaquePointer, _ color: Color) {
        cairo_set_source_rgb(cairo, color.red, color.green, color.blue)
    }
}

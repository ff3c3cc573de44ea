import CCairo
import KaternLayout
import KaternStyle
import KaternText

/// Draws one page of the page model on a Cairo context: for PDF (with the structure tags, links
/// and destinations), for print and imposition (untagged), and for PNG previews. Page furniture
/// goes first, then the content in reading order.
struct PageDrawer {
    let fonts: FontRegistry
    let images: ImagePainter

    /// `heading` is told of each heading line, for the outline.
    func draw(_ page: Page, on cairo: OpaquePointer, tagged: Bool, heading: (LineItem) -> Void = { _ in }) throws {
        Self.setFontOptions(cairo)
        var tags = TagStack(cairo: cairo)
        // Furniture first: besides giving the structure tree a clean order, this works around
        // Cairo 1.16 failing ("invalid tag nesting") when an image is the first tagged content of a page.
        let furniture = page.items.filter { Self.isFurniture($0) }
        for item in furniture + page.items.filter({ !Self.isFurniture($0) }) {
            switch item {
            case .box(let box):
                if tagged { tags.close(to: []) }
                setColor(cairo, box.color)
                cairo_rectangle(cairo, box.rect.x.points, box.rect.y.points, box.rect.width.points, box.rect.height.points)
                cairo_fill(cairo)
            case .image(let image):
                if tagged { tags.open(image.structure) }
                try images.draw(image, on: cairo)
            case .line(let line):
                if tagged { tags.open(line.structure) }
                let anchor = tagged ? line.anchor : nil
                if let anchor { cairo_tag_begin(cairo, CAIRO_TAG_DEST, "name='\(CairoPDFRenderer.escape(anchor))'") }
                setColor(cairo, line.color)
                try drawGlyphs(line, on: cairo)
                if anchor != nil { cairo_tag_end(cairo, CAIRO_TAG_DEST) }
                if tagged {
                    for link in line.links { addLink(link, line: line, on: cairo) }
                    heading(line)
                }
            }
        }
        if tagged { tags.close(to: []) }
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

    /// A line's glyph runs, with their text and clusters (so the PDF's text is the source's).
    func drawGlyphs(_ line: LineItem, on cairo: OpaquePointer) throws {
        let x0 = line.origin.x.points, y0 = line.origin.y.points
        for run in line.runs where !run.glyphs.isEmpty {
            cairo_set_font_face(cairo, try fonts.cairoFace(run.face))
            cairo_set_font_size(cairo, run.size)
            var glyphs = (0..<run.glyphs.count).map { i in
                cairo_glyph_t(index: UInt(run.glyphs[i]), x: x0 + run.xs[i], y: y0 + run.ys[i])
            }
            var clusters = zip(run.clusterBytes, run.clusterGlyphs).map { cairo_text_cluster_t(num_bytes: Int32($0), num_glyphs: Int32($1)) }
            let text = Array(run.text.utf8CString)
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

    /// A link annotation over a stretch of a line (with its own rectangle, so the text needs no wrapping).
    private func addLink(_ link: LineLink, line: LineItem, on cairo: OpaquePointer) {
        let x = line.origin.x.points + link.x.points
        let y = line.origin.y.points - line.ascent.points
        let rect = "rect=[\(x) \(y) \(link.width.points) \(line.ascent.points + line.descent.points)]"
        let target = link.uri.hasPrefix("#") ? "dest='\(CairoPDFRenderer.escape(String(link.uri.dropFirst())))'" : "uri='\(CairoPDFRenderer.escape(link.uri))'"
        cairo_tag_begin(cairo, CAIRO_TAG_LINK, "\(target) \(rect)")
        cairo_tag_end(cairo, CAIRO_TAG_LINK)
    }

    private func setColor(_ cairo: OpaquePointer, _ color: Color) {
        cairo_set_source_rgb(cairo, color.red, color.green, color.blue)
    }
}

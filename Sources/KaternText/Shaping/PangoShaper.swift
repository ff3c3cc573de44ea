import CPangoCairo
import Foundation
import KaternDocument
import KaternStyle

/// Inline layout with Pango: shapes a paragraph (language from the booklet, soft hyphens from the
/// hyphenator), breaks it to the column width and measures each line. Keeps every PangoLayout it
/// made, by id, so that the renderer draws the same lines; frees them in deinit.
/// Identical requests (same spans, style and width) are shaped once.
public final class PangoShaper: TextShaper {
    public let fonts: FontSet
    let hyphenator: Hyphenator?
    private var layouts: [OpaquePointer] = []
    private var memo: [Key: ShapedText] = [:]
    private let language: OpaquePointer?

    private struct Key: Hashable {
        var spans: [TextSpan]
        var font: FontSpec
        var size: Double, leading: Double, width: Double
        var align: String, indent: Double, hyphenate: Bool, uppercase: Bool, tracking: Double
    }

    public init(fonts: FontSet, hyphenator: Hyphenator?, language: String) {
        self.fonts = fonts
        self.hyphenator = hyphenator
        self.language = pango_language_from_string(language)
    }

    deinit {
        FontSet.exclusively {
            for layout in layouts { g_object_unref(UnsafeMutableRawPointer(layout)) }
        }
    }

    public func shape(_ spans: [TextSpan], style: TextStyle, width: Length) -> ShapedText {
        let key = Key(spans: spans, font: style.font, size: style.size.points, leading: style.leading.points,
                      width: width.points, align: style.align.rawValue, indent: style.firstLineIndent.points,
                      hyphenate: style.hyphenate, uppercase: style.uppercase, tracking: style.tracking)
        if let done = memo[key] { return done }
        return FontSet.exclusively { shapeNew(spans, style: style, width: width, key: key) }
    }

    private func shapeNew(_ spans: [TextSpan], style: TextStyle, width: Length, key: Key) -> ShapedText {
        let layout = pango_layout_new(fonts.context)!
        let (text, attributes) = attributedText(spans, style: style)
        text.withCString { pango_layout_set_text(layout, $0, Int32(strlen($0))) }
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
        let description = FontSet.description(of: style.font, size: style.size)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        pango_layout_set_width(layout, Int32(width.points * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_indent(layout, Int32(style.firstLineIndent.points * Double(PANGO_SCALE)))
        pango_layout_set_justify(layout, style.align == .justify ? 1 : 0)
        switch style.align {
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        default: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        }

        let lines = measure(layout, text: text)
        let shaped = ShapedText(id: layouts.count, lines: lines)
        layouts.append(layout)
        memo[key] = shaped
        return shaped
    }

    /// Draws line `line` of the shaped text `id` with its left edge at `x` and its baseline at `baseline`.
    public func draw(_ id: Int, line: Int, on cairo: OpaquePointer, x: Double, baseline: Double) {
        FontSet.exclusively {
            guard let layoutLine = pango_layout_get_line_readonly(layouts[id], Int32(line)) else { return }
            cairo_move_to(cairo, x, baseline)
            pango_cairo_show_layout_line(cairo, layoutLine)
        }
    }

    /// The paragraph's text (hyphenated, cased) and its Pango attributes (language, letter
    /// spacing, bold and italic spans). The text is set as plain text, never as markup.
    private func attributedText(_ spans: [TextSpan], style: TextStyle) -> (String, OpaquePointer) {
        let list = pango_attr_list_new()!
        var text = ""
        var offset = 0
        for span in spans {
            var piece = style.uppercase ? span.text.uppercased() : span.text
            if style.hyphenate, let hyphenator { piece = hyphenator.hyphenate(piece) }
            let start = offset
            text += piece
            offset += piece.utf8.count
            func add(_ attribute: UnsafeMutablePointer<PangoAttribute>) {
                attribute.pointee.start_index = guint(start)
                attribute.pointee.end_index = guint(offset)
                pango_attr_list_insert(list, attribute)
            }
            if span.strong { add(pango_attr_weight_new(PANGO_WEIGHT_BOLD)) }
            if span.emphasis { add(pango_attr_style_new(PANGO_STYLE_ITALIC)) }
        }
        if let language {
            let attribute = pango_attr_language_new(language)!
            pango_attr_list_insert(list, attribute)
        }
        if style.tracking != 0 {
            pango_attr_list_insert(list, pango_attr_letter_spacing_new(Int32(style.tracking * style.size.points * Double(PANGO_SCALE))))
        }
        return (text, list)
    }

    private func measure(_ layout: OpaquePointer, text: String) -> [ShapedLine] {
        let bytes = Array(text.utf8)
        var lines: [ShapedLine] = []
        let iter = pango_layout_get_iter(layout)!
        defer { pango_layout_iter_free(iter) }
        repeat {
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iter))
            let line = pango_layout_iter_get_line_readonly(iter)!.pointee
            let start = Int(line.start_index), end = min(bytes.count, start + Int(line.length))
            var lineText = String(decoding: bytes[start..<end], as: UTF8.self)
            let hyphenated = lineText.hasSuffix("\u{AD}")
            lineText = lineText.replacingOccurrences(of: "\u{AD}", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
            if hyphenated { lineText += "-" }
            let scale = Double(PANGO_SCALE)
            lines.append(ShapedLine(
                text: lineText,
                width: .pt(Double(logical.width) / scale),
                xOffset: .pt(Double(logical.x) / scale),
                ascent: .pt((baseline - Double(logical.y)) / scale),
                descent: .pt((Double(logical.y + logical.height) - baseline) / scale),
                hyphenated: hyphenated))
        } while pango_layout_iter_next_line(iter) != 0
        return lines
    }
}

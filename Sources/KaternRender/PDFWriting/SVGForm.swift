import CCairo
import CQpdf
internal import CRsvg
import Foundation
import KaternDocument

/// An SVG image as vectors in the booklet's PDF: librsvg draws it on a Cairo PDF surface in
/// memory, qpdf reads that one-page PDF back, and its page becomes a Form XObject: the content
/// stream, and the resources with every object they reach, as plain PDF values the renderer
/// writes into the booklet's file (its references renumbered). Nothing is rasterised.
struct SVGForm {
    /// The form's size in points (its bounding box).
    let width: Double, height: Double
    /// The page's content, decoded.
    let content: [UInt8]
    /// The page's resources and transparency group; references are indices into `objects`.
    let resources: PDFValue
    let group: PDFValue?
    /// The objects the resources reach: a value, or a stream (its dictionary and raw data).
    let objects: [(value: PDFValue, data: [UInt8]?)]

    /// Draws `handle` into a `width` x `height` point page and reads the page back.
    static func make(_ handle: UnsafeMutablePointer<RsvgHandle>, width: Double, height: Double, location: SourceLocation) throws -> SVGForm {
        final class Sink { var bytes: [UInt8] = [] }
        let sink = Sink()
        guard let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque(), width, height) else {
            throw RenderError.badImage(location, "the SVG cannot be drawn (no PDF surface)")
        }
        let cairo = cairo_create(surface)!
        var viewport = RsvgRectangle(x: 0, y: 0, width: width, height: height)
        var error: UnsafeMutablePointer<GError>?
        let drawn = rsvg_handle_render_document(handle, cairo, &viewport, &error) != 0
        cairo_destroy(cairo)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard drawn, status == CAIRO_STATUS_SUCCESS else {
            let reason = error != nil ? ImagePainter.message(taking: error) : String(cString: cairo_status_to_string(status))
            throw RenderError.badImage(location, "the SVG cannot be drawn: \(reason)")
        }
        return try read(sink.bytes, width: width, height: height, location: location)
    }

    /// Reads the first page of a PDF in memory as a form.
    static func read(_ pdf: [UInt8], width: Double, height: Double, location: SourceLocation) throws -> SVGForm {
        if let why = katern_qpdf_load() {
            throw RenderError.badImage(location, "an SVG needs qpdf's library, which could not be loaded: \(String(cString: why))")
        }
        var handle: qpdf_data? = qpdf_init()
        guard let q = handle else { throw RenderError.badImage(location, "qpdf could not start") }
        defer { qpdf_cleanup(&handle) }
        qpdf_silence_errors(q)
        let failed = pdf.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { qpdf_read_memory(q, "svg", $0.baseAddress, UInt64(buffer.count), nil) }
        }
        guard failed & QPDF_ERRORS == 0, qpdf_get_num_pages(q) >= 1 else {
            throw RenderError.badImage(location, "the SVG's drawing could not be read back")
        }
        let page = qpdf_get_page_n(q, 0)
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard qpdf_oh_get_page_content_data(q, page, &buffer, &length) & QPDF_ERRORS == 0, let buffer else {
            throw RenderError.badImage(location, "the SVG's drawing has no content")
        }
        let content = Array(UnsafeBufferPointer(start: buffer, count: length))
        free(buffer)
        var reader = Reader(q: q)
        let resources = reader.convert(qpdf_oh_get_key(q, page, "/Resources"))
        let group = qpdf_oh_has_key(q, page, "/Group") != 0 ? reader.convert(qpdf_oh_get_key(q, page, "/Group")) : nil
        return SVGForm(width: width, height: height, content: content, resources: resources, group: group,
                       objects: reader.objects.map { ($0.value, $0.data) })
    }

    /// qpdf's objects -> plain values; an indirect object becomes a reference to its index in
    /// `objects` (each converted once, so cycles end).
    private struct Reader {
        let q: qpdf_data
        var objects: [(value: PDFValue, data: [UInt8]?)] = []
        var index: [Int32: Int] = [:]

        mutating func convert(_ oh: qpdf_oh) -> PDFValue {
            if qpdf_oh_is_indirect(q, oh) != 0 {
                let id = qpdf_oh_get_object_id(q, oh)
                if let known = index[id] { return .reference(known) }
                let slot = objects.count
                index[id] = slot
                objects.append((.null, nil))
                objects[slot] = direct(oh)
                return .reference(slot)
            }
            return direct(oh).value
        }

        private mutating func direct(_ oh: qpdf_oh) -> (value: PDFValue, data: [UInt8]?) {
            switch qpdf_oh_get_type_code(q, oh) {
            case ot_boolean: return (.bool(qpdf_oh_get_bool_value(q, oh) != 0), nil)
            case ot_integer: return (.integer(Int(qpdf_oh_get_int_value(q, oh))), nil)
            case ot_real: return (.real(Array(String(cString: qpdf_oh_get_real_value(q, oh)).utf8)), nil)
            case ot_name: return (.name(Self.name(String(cString: qpdf_oh_get_name(q, oh)))), nil)
            case ot_string:
                var length = 0
                let bytes = qpdf_oh_get_binary_string_value(q, oh, &length)
                return (.string(bytes.map { Array(UnsafeRawBufferPointer(start: $0, count: length).bindMemory(to: UInt8.self)) } ?? []), nil)
            case ot_array:
                let count = qpdf_oh_get_array_n_items(q, oh)
                let items = (0..<count).map { qpdf_oh_get_array_item(q, oh, $0) }
                return (.array(items.map { convert($0) }), nil)
            case ot_dictionary:
                return (.dictionary(dictionary(oh)), nil)
            case ot_stream:
                var dict = dictionary(qpdf_oh_get_dict(q, oh))
                dict["Length"] = nil
                var buffer: UnsafeMutablePointer<UInt8>?
                var length = 0
                guard qpdf_oh_get_stream_data(q, oh, qpdf_dl_none, nil, &buffer, &length) & QPDF_ERRORS == 0, let buffer else {
                    return (.dictionary(dict), [])
                }
                defer { free(buffer) }
                return (.dictionary(dict), Array(UnsafeBufferPointer(start: buffer, count: length)))
            default:
                return (.null, nil)
            }
        }

        /// A dictionary's entries (the keys read first: qpdf's key iterator is one per document).
        private mutating func dictionary(_ oh: qpdf_oh) -> PDFDictionary {
            var keys: [String] = []
            qpdf_oh_begin_dict_key_iter(q, oh)
            while qpdf_oh_dict_more_keys(q) != 0 { keys.append(String(cString: qpdf_oh_dict_next_key(q))) }
            var result = PDFDictionary()
            for key in keys { result.entries.append((Self.name(key), convert(qpdf_oh_get_key(q, oh, key)))) }
            return result
        }

        /// A name as qpdf gives it (with its slash, escapes resolved) -> as the writer writes it.
        static func name(_ text: String) -> String {
            var out = ""
            for byte in text.utf8.dropFirst(text.hasPrefix("/") ? 1 : 0) {
                if byte > 0x20 && byte < 0x7F && !PDFLexer.isDelimiter(byte) && byte != 0x23 { out.append(Character(UnicodeScalar(byte))) }
                else { out += String(format: "#%02X", byte) }
            }
            return out
        }
    }

    /// `value` with its references moved to start at `base`.
    static func rebased(_ value: PDFValue, at base: Int) -> PDFValue {
        switch value {
        case .reference(let n): return .reference(base + n)
        case .array(let items): return .array(items.map { rebased($0, at: base) })
        case .dictionary(var dict):
            dict.entries = dict.entries.map { ($0.key, rebased($0.value, at: base)) }
            return .dictionary(dict)
        default: return value
        }
    }
}

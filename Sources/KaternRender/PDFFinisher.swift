import CQpdf
import Foundation
import KaternDocument

/// Finishes the PDF that Cairo 1.16 wrote, with qpdf's library: the document language (`/Lang`),
/// `/MarkInfo << /Marked true >>` (the structure tree Cairo writes is then a tagged PDF), and
/// `/ViewerPreferences << /DisplayDocTitle true >>`. Writes with a deterministic `/ID`, so that the
/// same input gives the same bytes.
struct PDFFinisher {
    let language: String
    /// The alt text of each Figure, in the order of the structure tree (Cairo 1.16 writes the
    /// Figure elements but not their `/Alt`).
    var figureAlts: [String] = []
    /// Print production: every page's TrimBox and BleedBox (llx, lly, urx, ury), or nil.
    var trimBox: [Double]?
    var bleedBox: [Double]?

    func finish(_ input: String, into output: String, reportAs target: String) throws {
        guard let qpdf = qpdf_init() else { throw RenderError.cannotWrite(SourceLocation(file: target), "qpdf could not start") }
        var handle: qpdf_data? = qpdf
        defer { qpdf_cleanup(&handle) }
        qpdf_silence_errors(qpdf)
        qpdf_set_suppress_warnings(qpdf, QPDF_TRUE)
        try check(qpdf, qpdf_read(qpdf, input, nil), target)
        let root = qpdf_get_root(qpdf)
        qpdf_oh_replace_key(qpdf, root, "/Lang", qpdf_oh_new_unicode_string(qpdf, language))
        let markInfo = qpdf_oh_new_dictionary(qpdf)
        qpdf_oh_replace_key(qpdf, markInfo, "/Marked", qpdf_oh_new_bool(qpdf, QPDF_TRUE))
        qpdf_oh_replace_key(qpdf, root, "/MarkInfo", markInfo)
        let preferences = qpdf_oh_new_dictionary(qpdf)
        qpdf_oh_replace_key(qpdf, preferences, "/DisplayDocTitle", qpdf_oh_new_bool(qpdf, QPDF_TRUE))
        qpdf_oh_replace_key(qpdf, root, "/ViewerPreferences", preferences)
        if let trimBox, let bleedBox {
            for i in 0..<Int(qpdf_get_num_pages(qpdf)) {
                let page = qpdf_get_page_n(qpdf, i)
                qpdf_oh_replace_key(qpdf, page, "/TrimBox", qpdf_oh_new_array_from_double(qpdf, trimBox))
                qpdf_oh_replace_key(qpdf, page, "/BleedBox", qpdf_oh_new_array_from_double(qpdf, bleedBox))
            }
        }
        var alts = figureAlts[...]
        if qpdf_oh_has_key(qpdf, root, "/StructTreeRoot") != 0 {
            addAlts(qpdf, qpdf_oh_get_key(qpdf, qpdf_oh_get_key(qpdf, root, "/StructTreeRoot"), "/K"), &alts, depth: 0)
        }
        try check(qpdf, qpdf_init_write(qpdf, output), target)
        qpdf_set_deterministic_ID(qpdf, QPDF_TRUE)
        // Cairo's streams are already compressed: pass them through rather than recompress.
        qpdf_set_decode_level(qpdf, qpdf_dl_none)
        qpdf_set_object_stream_mode(qpdf, qpdf_o_generate)
        try check(qpdf, qpdf_write(qpdf), target)
    }

    private func qpdf_oh_new_array_from_double(_ qpdf: qpdf_data, _ values: [Double]) -> qpdf_oh {
        let array = qpdf_oh_new_array(qpdf)
        for value in values { qpdf_oh_append_item(qpdf, array, qpdf_oh_new_real_from_double(qpdf, value, 3)) }
        return array
    }

    /// Walks the structure tree in order and gives each Figure the next alt text.
    private func addAlts(_ qpdf: qpdf_data, _ node: qpdf_oh, _ alts: inout ArraySlice<String>, depth: Int) {
        guard depth < 64, !alts.isEmpty else { return }
        if qpdf_oh_is_array(qpdf, node) != 0 {
            for i in 0..<qpdf_oh_get_array_n_items(qpdf, node) {
                addAlts(qpdf, qpdf_oh_get_array_item(qpdf, node, i), &alts, depth: depth + 1)
            }
            return
        }
        guard qpdf_oh_is_dictionary(qpdf, node) != 0 else { return }
        let type = qpdf_oh_get_key(qpdf, node, "/S")
        if qpdf_oh_is_name_and_equals(qpdf, type, "/Figure") != 0, let alt = alts.popFirst() {
            qpdf_oh_replace_key(qpdf, node, "/Alt", qpdf_oh_new_unicode_string(qpdf, alt))
        }
        if qpdf_oh_has_key(qpdf, node, "/K") != 0 {
            addAlts(qpdf, qpdf_oh_get_key(qpdf, node, "/K"), &alts, depth: depth + 1)
        }
    }

    private func check(_ qpdf: qpdf_data, _ code: QPDF_ERROR_CODE, _ target: String) throws {
        guard code & QPDF_ERRORS != 0 || qpdf_has_error(qpdf) != 0 else { return }
        var message = "qpdf could not finish the PDF"
        if let error = qpdf_get_error(qpdf), let text = qpdf_get_error_full_text(qpdf, error) {
            message += ": " + String(cString: text)
        }
        throw RenderError.cannotWrite(SourceLocation(file: target), message)
    }
}

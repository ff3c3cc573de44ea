import CQpdf
import Foundation
import KaternDocument

/// Finishes the PDF that Cairo 1.16 wrote, with qpdf's library, into a PDF/UA-1 file: the
/// structure tree of the plan (`StructureWriter`: artifacts, marked content, links, actual
/// text), the document language (`/Lang`), `/MarkInfo << /Marked true >>`,
/// `/ViewerPreferences << /DisplayDocTitle true >>`, the XMP metadata with `pdfuaid:part 1`, and
/// `/CIDToGIDMap /Identity` on the CID fonts (Cairo's subsets number glyphs that way but do not
/// say so). Writes with a deterministic `/ID`, so that the same input gives the same bytes.
struct PDFFinisher {
    let metadata: PDFMetadata
    /// The structure to write (nil: an untagged PDF, as for imposition).
    var structure: StructureWriter?
    /// Cairo was given ligatures as presentation forms (U+FB00 ...), which the fonts' Unicode
    /// maps must turn back into letters.
    var presentationForms = true
    /// Print production: every page's TrimBox and BleedBox (llx, lly, urx, ury), or nil.
    var trimBox: [Double]?
    var bleedBox: [Double]?

    /// Finishes the PDF in `input` (Cairo's bytes), writing it to the file `output`.
    func finish(_ input: [UInt8], into output: String, reportAs target: String) throws {
        // qpdf keeps the names and the buffer it is given and reads them again later (seen with
        // valgrind: qpdf_update_from_json_data reads the name given to qpdf_read): they must
        // outlive the handle, which a Swift string bridged for one call does not.
        guard let inputName = strdup(target), let outputName = strdup(output) else {
            throw RenderError.cannotWrite(SourceLocation(file: target), "out of memory")
        }
        defer { free(inputName); free(outputName) }
        try input.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try finish(buffer: $0, name: inputName, into: outputName, reportAs: target) }
        }
    }

    private func finish(buffer: UnsafeBufferPointer<CChar>, name inputName: UnsafeMutablePointer<CChar>,
                        into outputName: UnsafeMutablePointer<CChar>, reportAs target: String) throws {
        guard let qpdf = qpdf_init() else { throw RenderError.cannotWrite(SourceLocation(file: target), "qpdf could not start") }
        var handle: qpdf_data? = qpdf
        defer { qpdf_cleanup(&handle) }
        qpdf_silence_errors(qpdf)
        qpdf_set_suppress_warnings(qpdf, QPDF_TRUE)
        try check(qpdf, qpdf_read_memory(qpdf, inputName, buffer.baseAddress, UInt64(buffer.count), nil), target)
        let root = qpdf_get_root(qpdf)
        qpdf_oh_replace_key(qpdf, root, "/Lang", qpdf_oh_new_unicode_string(qpdf, metadata.language))
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
        // The JSON of the new objects: qpdf reads stream data from it while writing.
        var newObjects: [UInt8] = []
        if let structure {
            newObjects = try structure.write(qpdf, metadata: metadataPacket(qpdf))
        } else {
            qpdf_oh_remove_key(qpdf, root, "/StructTreeRoot")
            addMetadata(qpdf, root)
        }
        identityGlyphMaps(qpdf)
        try check(qpdf, qpdf_init_write(qpdf, outputName), target)
        qpdf_set_deterministic_ID(qpdf, QPDF_TRUE)
        // Cairo's streams are already compressed: pass them through rather than recompress.
        qpdf_set_decode_level(qpdf, qpdf_dl_none)
        qpdf_set_object_stream_mode(qpdf, qpdf_o_generate)
        try withExtendedLifetime(newObjects) { try check(qpdf, qpdf_write(qpdf), target) }
    }

    private func qpdf_oh_new_array_from_double(_ qpdf: qpdf_data, _ values: [Double]) -> qpdf_oh {
        let array = qpdf_oh_new_array(qpdf)
        for value in values { qpdf_oh_append_item(qpdf, array, qpdf_oh_new_real_from_double(qpdf, value, 3)) }
        return array
    }

    /// The XMP packet, from the same values as the Info dictionary Cairo wrote.
    private func metadataPacket(_ qpdf: qpdf_data) -> [UInt8] {
        let info = qpdf_oh_get_key(qpdf, qpdf_get_trailer(qpdf), "/Info")
        let producerValue = qpdf_oh_get_key(qpdf, info, "/Producer")
        let producer = qpdf_oh_is_string(qpdf, producerValue) != 0 ? String(cString: qpdf_oh_get_utf8_value(qpdf, producerValue)) : "Katern"
        return Array(metadata.xmp(producer: producer).utf8)
    }

    /// The XMP metadata stream (for a PDF without a structure tree, where it goes in alone).
    private func addMetadata(_ qpdf: qpdf_data, _ root: qpdf_oh) {
        let packet = metadataPacket(qpdf)
        let stream = qpdf_oh_new_stream(qpdf)
        packet.withUnsafeBufferPointer { bytes in
            qpdf_oh_replace_stream_data(qpdf, stream, bytes.baseAddress, bytes.count, qpdf_oh_new_null(qpdf), qpdf_oh_new_null(qpdf))
        }
        let dict = qpdf_oh_get_dict(qpdf, stream)
        qpdf_oh_replace_key(qpdf, dict, "/Type", qpdf_oh_new_name(qpdf, "/Metadata"))
        qpdf_oh_replace_key(qpdf, dict, "/Subtype", qpdf_oh_new_name(qpdf, "/XML"))
        qpdf_oh_replace_key(qpdf, root, "/Metadata", stream)
    }

    /// `/CIDToGIDMap /Identity` on every embedded CIDFontType2 that lacks one, and ligatures'
    /// Unicode maps decomposed: the fonts of the pages' resources (and of their form XObjects').
    private func identityGlyphMaps(_ qpdf: qpdf_data) {
        var seen = Set<Int32>()
        func visit(resources: qpdf_oh, depth: Int) {
            guard depth < 8, qpdf_oh_is_dictionary(qpdf, resources) != 0 else { return }
            let fonts = qpdf_oh_get_key(qpdf, resources, "/Font")
            if qpdf_oh_is_dictionary(qpdf, fonts) != 0 {
                let names = qpdfKeys(qpdf, fonts)
                for name in names {
                    let font = qpdf_oh_get_key(qpdf, fonts, name)
                    let descendants = qpdf_oh_get_key(qpdf, font, "/DescendantFonts")
                    guard qpdf_oh_is_array(qpdf, descendants) != 0 else { continue }
                    for i in 0..<qpdf_oh_get_array_n_items(qpdf, descendants) {
                        let cidFont = qpdf_oh_get_array_item(qpdf, descendants, i)
                        let id = qpdf_oh_get_object_id(qpdf, cidFont)
                        guard id == 0 || seen.insert(id).inserted else { continue }
                        if qpdf_oh_is_name_and_equals(qpdf, qpdf_oh_get_key(qpdf, cidFont, "/Subtype"), "/CIDFontType2") != 0,
                           qpdf_oh_has_key(qpdf, cidFont, "/CIDToGIDMap") == 0 {
                            qpdf_oh_replace_key(qpdf, cidFont, "/CIDToGIDMap", qpdf_oh_new_name(qpdf, "/Identity"))
                        }
                    }
                    let map = qpdf_oh_get_key(qpdf, font, "/ToUnicode")
                    if presentationForms, qpdf_oh_is_stream(qpdf, map) != 0, seen.insert(-qpdf_oh_get_object_id(qpdf, map)).inserted {
                        decomposeLigatures(qpdf, map)
                    }
                }
            }
            let objects = qpdf_oh_get_key(qpdf, resources, "/XObject")
            if qpdf_oh_is_dictionary(qpdf, objects) != 0 {
                let names = qpdfKeys(qpdf, objects)
                for name in names {
                    let object = qpdf_oh_get_key(qpdf, objects, name)
                    guard qpdf_oh_is_stream(qpdf, object) != 0 else { continue }
                    visit(resources: qpdf_oh_get_key(qpdf, qpdf_oh_get_dict(qpdf, object), "/Resources"), depth: depth + 1)
                }
            }
        }
        for i in 0..<Int(qpdf_get_num_pages(qpdf)) {
            visit(resources: qpdf_oh_get_key(qpdf, qpdf_get_page_n(qpdf, i), "/Resources"), depth: 0)
        }
    }

    /// A font's Unicode map gives a ligature as the letters it joins ("ff"), not as Unicode's
    /// presentation form (U+FB00), which the renderer hands Cairo (see `FontRegistry`).
    private func decomposeLigatures(_ qpdf: qpdf_data, _ stream: qpdf_oh) {
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard qpdf_oh_get_stream_data(qpdf, stream, qpdf_dl_generalized, nil, &buffer, &length) & QPDF_ERRORS == 0, let buffer else { return }
        let text = String(decoding: UnsafeBufferPointer(start: buffer, count: length), as: UTF8.self)
        free(buffer)
        guard text.range(of: "<fb0", options: .caseInsensitive) != nil else { return }
        var lines = text.components(separatedBy: "\n")
        var changed = false
        for (index, line) in lines.enumerated() {
            // "<code> <fb0x>" in a bfchar block: the destination is the ligature's code point.
            let parts = line.split(separator: " ")
            guard parts.count == 2, parts[1].count == 6, parts[1].lowercased().hasPrefix("<fb0"),
                  let value = UInt32(parts[1].dropFirst().dropLast(), radix: 16), let scalar = Unicode.Scalar(value),
                  let letters = FontRegistry.presentationForms.first(where: { $0.value == scalar })?.key else { continue }
            let hex = letters.utf16.map { String(format: "%04x", $0) }.joined()
            lines[index] = "\(parts[0]) <\(hex)>"
            changed = true
        }
        guard changed else { return }
        let data = Array(lines.joined(separator: "\n").utf8)
        data.withUnsafeBufferPointer { bytes in
            qpdf_oh_replace_stream_data(qpdf, stream, bytes.baseAddress, bytes.count, qpdf_oh_new_null(qpdf), qpdf_oh_new_null(qpdf))
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

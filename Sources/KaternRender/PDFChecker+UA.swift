import CQpdf
import Foundation

extension PDFChecker {
    /// What PDF/UA-1 asks beyond a structure tree: see the type's description.
    func checkUniversalAccess(_ qpdf: qpdf_data, root: qpdf_oh, info: qpdf_oh, destinations: [String: Int]) -> [Finding] {
        var findings: [Finding] = []
        let preferences = qpdf_oh_get_key(qpdf, root, "/ViewerPreferences")
        let display = qpdf_oh_get_key(qpdf, preferences, "/DisplayDocTitle")
        if qpdf_oh_is_bool(qpdf, display) == 0 || qpdf_oh_get_bool_value(qpdf, display) == 0 {
            findings.append(Finding(page: nil, message: "the viewer is not told to show the title (/ViewerPreferences /DisplayDocTitle true)"))
        }
        findings += checkMetadata(qpdf, root: root, info: info)
        let parents = parentTree(qpdf, root: root)
        var fonts = Set<Int32>()
        for i in 0..<Int(qpdf_get_num_pages(qpdf)) {
            let page = qpdf_get_page_n(qpdf, i)
            let number = i + 1
            var buffer: UnsafeMutablePointer<UInt8>?
            var length = 0
            if qpdf_oh_get_page_content_data(qpdf, page, &buffer, &length) & QPDF_ERRORS == 0, let buffer {
                let data = Array(UnsafeBufferPointer(start: buffer, count: length))
                free(buffer)
                if let marks = try? MarkedContent.census(data) {
                    if marks.unmarked > 0 {
                        findings.append(Finding(page: number, message: "\(marks.unmarked) drawing operations neither tagged nor marked as an artifact"))
                    }
                    let key = qpdf_oh_get_key(qpdf, page, "/StructParents")
                    let known = qpdf_oh_is_integer(qpdf, key) != 0 ? parents[Int(qpdf_oh_get_int_value(qpdf, key))] : nil
                    let unknown = marks.mcids.filter { mcid in !(known.map { mcid < $0 } ?? false) }
                    if !unknown.isEmpty {
                        findings.append(Finding(page: number, message: "\(unknown.count) tagged sequences that no structure element claims (the parent tree lacks them)"))
                    }
                } else {
                    findings.append(Finding(page: number, message: "the page's content cannot be read"))
                }
            }
            findings += checkAnnotations(qpdf, page: page, number: number, destinations: destinations)
            collectFonts(qpdf, resources: qpdf_oh_get_key(qpdf, page, "/Resources"), into: &fonts, depth: 0)
        }
        for id in fonts.sorted() { findings += checkFont(qpdf, qpdf_get_object_by_id(qpdf, id, 0)) }
        return findings
    }

    /// The XMP metadata: present, with the title and the PDF/UA identification.
    private func checkMetadata(_ qpdf: qpdf_data, root: qpdf_oh, info: qpdf_oh) -> [Finding] {
        let stream = qpdf_oh_get_key(qpdf, root, "/Metadata")
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard qpdf_oh_is_stream(qpdf, stream) != 0,
              qpdf_oh_get_stream_data(qpdf, stream, qpdf_dl_generalized, nil, &buffer, &length) & QPDF_ERRORS == 0, let buffer else {
            return [Finding(page: nil, message: "no XMP metadata (PDF/UA asks for one, with the title and pdfuaid:part)")]
        }
        let xmp = String(decoding: UnsafeBufferPointer(start: buffer, count: length), as: UTF8.self)
        free(buffer)
        var findings: [Finding] = []
        if !xmp.contains("<pdfuaid:part>1</pdfuaid:part>") && !xmp.contains("pdfuaid:part=\"1\"") {
            findings.append(Finding(page: nil, message: "the XMP metadata does not identify the file as PDF/UA-1 (pdfuaid:part)"))
        }
        if !xmp.contains("<dc:title>") {
            findings.append(Finding(page: nil, message: "the XMP metadata has no title (dc:title)"))
        }
        return findings
    }

    /// Each link annotation: in the structure (StructParent), described (/Contents), printed (the
    /// Print flag), going to a place the document has (a named destination); and the page's tab
    /// order follows the structure.
    private func checkAnnotations(_ qpdf: qpdf_data, page: qpdf_oh, number: Int, destinations: [String: Int]) -> [Finding] {
        let annotations = qpdf_oh_get_key(qpdf, page, "/Annots")
        guard qpdf_oh_is_array(qpdf, annotations) != 0 else { return [] }
        var undescribed = 0, untagged = 0, unprinted = 0, links = 0
        var nowhere: [String] = []
        for i in 0..<qpdf_oh_get_array_n_items(qpdf, annotations) {
            let annotation = qpdf_oh_get_array_item(qpdf, annotations, i)
            guard qpdf_oh_is_name_and_equals(qpdf, qpdf_oh_get_key(qpdf, annotation, "/Subtype"), "/Link") != 0 else { continue }
            links += 1
            let contents = qpdf_oh_get_key(qpdf, annotation, "/Contents")
            if qpdf_oh_is_string(qpdf, contents) == 0 || String(cString: qpdf_oh_get_utf8_value(qpdf, contents)).trimmingCharacters(in: .whitespaces).isEmpty {
                undescribed += 1
            }
            if qpdf_oh_is_integer(qpdf, qpdf_oh_get_key(qpdf, annotation, "/StructParent")) == 0 { untagged += 1 }
            let flags = qpdf_oh_get_key(qpdf, annotation, "/F")
            if qpdf_oh_is_integer(qpdf, flags) == 0 || qpdf_oh_get_int_value(qpdf, flags) & 4 == 0 { unprinted += 1 }
            let dest = destination(qpdf, of: annotation)
            if qpdf_oh_is_string(qpdf, dest) != 0 {
                let name = String(cString: qpdf_oh_get_utf8_value(qpdf, dest))
                if destinations[name] == nil { nowhere.append(name) }
            }
        }
        var findings: [Finding] = []
        if undescribed > 0 { findings.append(Finding(page: number, message: "\(undescribed) links without a description (/Contents)")) }
        if untagged > 0 { findings.append(Finding(page: number, message: "\(untagged) links outside the structure tree (no /StructParent)")) }
        if unprinted > 0 { findings.append(Finding(page: number, message: "\(unprinted) links without the Print flag")) }
        for name in nowhere {
            findings.append(Finding(page: number, message: "a link to \"\(name)\", a place the PDF does not have (no such named destination)"))
        }
        if links > 0, qpdf_oh_is_name_and_equals(qpdf, qpdf_oh_get_key(qpdf, page, "/Tabs"), "/S") == 0 {
            findings.append(Finding(page: number, message: "a page with links but no structure tab order (/Tabs /S)"))
        }
        return findings
    }

    /// The parent tree: for each key, the number of entries (the MCIDs a page may use).
    private func parentTree(_ qpdf: qpdf_data, root: qpdf_oh) -> [Int: Int] {
        var result: [Int: Int] = [:]
        var stack = [qpdf_oh_get_key(qpdf, qpdf_oh_get_key(qpdf, root, "/StructTreeRoot"), "/ParentTree")]
        var steps = 0
        while let node = stack.popLast(), steps < 100_000 {
            steps += 1
            guard qpdf_oh_is_dictionary(qpdf, node) != 0 else { continue }
            let kids = qpdf_oh_get_key(qpdf, node, "/Kids")
            if qpdf_oh_is_array(qpdf, kids) != 0 {
                for i in 0..<qpdf_oh_get_array_n_items(qpdf, kids) { stack.append(qpdf_oh_get_array_item(qpdf, kids, i)) }
            }
            let numbers = qpdf_oh_get_key(qpdf, node, "/Nums")
            guard qpdf_oh_is_array(qpdf, numbers) != 0 else { continue }
            var i: Int32 = 0
            while i + 1 < qpdf_oh_get_array_n_items(qpdf, numbers) {
                let key = qpdf_oh_get_array_item(qpdf, numbers, i), value = qpdf_oh_get_array_item(qpdf, numbers, i + 1)
                if qpdf_oh_is_integer(qpdf, key) != 0 {
                    result[Int(qpdf_oh_get_int_value(qpdf, key))] = qpdf_oh_is_array(qpdf, value) != 0 ? Int(qpdf_oh_get_array_n_items(qpdf, value)) : 1
                }
                i += 2
            }
        }
        return result
    }

    private func collectFonts(_ qpdf: qpdf_data, resources: qpdf_oh, into fonts: inout Set<Int32>, depth: Int) {
        guard depth < 8, qpdf_oh_is_dictionary(qpdf, resources) != 0 else { return }
        for (key, recurse) in [("/Font", false), ("/XObject", true)] {
            let dict = qpdf_oh_get_key(qpdf, resources, key)
            guard qpdf_oh_is_dictionary(qpdf, dict) != 0 else { continue }
            let names = qpdfKeys(qpdf, dict)
            for name in names {
                let object = qpdf_oh_get_key(qpdf, dict, name)
                if recurse {
                    if qpdf_oh_is_stream(qpdf, object) != 0 {
                        collectFonts(qpdf, resources: qpdf_oh_get_key(qpdf, qpdf_oh_get_dict(qpdf, object), "/Resources"), into: &fonts, depth: depth + 1)
                    }
                } else if qpdf_oh_get_object_id(qpdf, object) != 0 {
                    fonts.insert(qpdf_oh_get_object_id(qpdf, object))
                }
            }
        }
    }

    /// A font: embedded text maps to Unicode (a ToUnicode map), a CID font says how CIDs map to glyphs.
    private func checkFont(_ qpdf: qpdf_data, _ font: qpdf_oh) -> [Finding] {
        let name = qpdf_oh_get_key(qpdf, font, "/BaseFont")
        let label = qpdf_oh_is_name(qpdf, name) != 0 ? String(String(cString: qpdf_oh_get_name(qpdf, name)).dropFirst()) : "a font"
        var findings: [Finding] = []
        if qpdf_oh_has_key(qpdf, font, "/ToUnicode") == 0 {
            findings.append(Finding(page: nil, message: "font \(label) has no ToUnicode map: its text cannot be read out"))
        }
        let descendants = qpdf_oh_get_key(qpdf, font, "/DescendantFonts")
        if qpdf_oh_is_array(qpdf, descendants) != 0 {
            for i in 0..<qpdf_oh_get_array_n_items(qpdf, descendants) {
                let cidFont = qpdf_oh_get_array_item(qpdf, descendants, i)
                if qpdf_oh_is_name_and_equals(qpdf, qpdf_oh_get_key(qpdf, cidFont, "/Subtype"), "/CIDFontType2") != 0,
                   qpdf_oh_has_key(qpdf, cidFont, "/CIDToGIDMap") == 0 {
                    findings.append(Finding(page: nil, message: "font \(label) (CIDFontType2) has no /CIDToGIDMap"))
                }
            }
        }
        return findings
    }
}

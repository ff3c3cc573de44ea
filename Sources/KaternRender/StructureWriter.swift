import CQpdf
import Foundation
import KaternDocument
import KaternLayout

/// Writes the structure plan into the PDF that Cairo wrote (with qpdf's library), replacing
/// Cairo's own structure tree: marked content renumbered and artifacts marked (`MarkedContent`),
/// the elements with their marked-content references on any page, `Alt`, `ActualText`,
/// `ListNumbering` and a figure's `BBox`, the link annotations (`/Contents`, the Print flag, a
/// `StructParent`, an `OBJR` in their `Link` element), `/Tabs /S` on every page, and the parent tree.
struct StructureWriter {
    let plan: StructurePlan
    /// Where the trimmed page's top-left corner lies in PDF space: x from the left, and the
    /// height of the whole sheet (the y axis goes up in PDF space).
    let offset: Double
    let sheetHeight: Double
    /// Crop marks are drawn on every page (print production): each page starts with an artifact.
    let cropMarks: Bool
    let target: String

    func write(_ qpdf: qpdf_data) throws {
        let root = qpdf_get_root(qpdf)
        let pageCount = Int(qpdf_get_num_pages(qpdf))
        guard pageCount == plan.pages.count else {
            throw RenderError.cannotWrite(SourceLocation(file: target), "the PDF has \(pageCount) pages, its structure plan \(plan.pages.count); please report this")
        }
        let pages = (0..<pageCount).map { qpdf_get_page_n(qpdf, $0) }

        // Marked content: renumbered, artifacts marked, checked against the plan.
        for (index, page) in pages.enumerated() {
            try rewriteContent(qpdf, page: page, index: index)
        }

        // The elements, as indirect objects first (children and parents refer to each other).
        let treeRoot = qpdf_make_indirect_object(qpdf, qpdf_oh_new_dictionary(qpdf))
        let handles = plan.elements.map { _ in qpdf_make_indirect_object(qpdf, qpdf_oh_new_dictionary(qpdf)) }
        var parentOf = [Int](repeating: -1, count: plan.elements.count)
        for (index, element) in plan.elements.enumerated() {
            for child in element.children { if case .element(let e) = child { parentOf[e] = index } }
        }
        // The annotations, one indirect object each, with their StructParent keys after the pages'.
        var annotationHandles: [[qpdf_oh]] = []
        var nextKey = pageCount
        var annotationKeys: [(key: Int, element: Int)] = []
        for (index, tags) in plan.pages.enumerated() {
            var handlesOnPage: [qpdf_oh] = []
            let annots = existingArray(qpdf, pages[index], "/Annots")
            for annotation in tags.annotations {
                let handle = qpdf_make_indirect_object(qpdf, annotationDictionary(qpdf, annotation, key: nextKey))
                qpdf_oh_append_item(qpdf, annots, handle)
                annotationKeys.append((nextKey, annotation.element))
                nextKey += 1
                handlesOnPage.append(handle)
            }
            if !tags.annotations.isEmpty { qpdf_oh_replace_key(qpdf, pages[index], "/Annots", annots) }
            annotationHandles.append(handlesOnPage)
            qpdf_oh_replace_key(qpdf, pages[index], "/Tabs", qpdf_oh_new_name(qpdf, "/S"))
            qpdf_oh_replace_key(qpdf, pages[index], "/StructParents", qpdf_oh_new_integer(qpdf, Int64(index)))
        }

        for (index, element) in plan.elements.enumerated() {
            let dict = handles[index]
            qpdf_oh_replace_key(qpdf, dict, "/Type", qpdf_oh_new_name(qpdf, "/StructElem"))
            qpdf_oh_replace_key(qpdf, dict, "/S", qpdf_oh_new_name(qpdf, "/" + element.type))
            qpdf_oh_replace_key(qpdf, dict, "/P", parentOf[index] >= 0 ? handles[parentOf[index]] : treeRoot)
            let kids = qpdf_oh_new_array(qpdf)
            var firstPage: Int?
            for child in element.children {
                switch child {
                case .element(let e):
                    qpdf_oh_append_item(qpdf, kids, handles[e])
                case .content(let page, let mcid):
                    firstPage = firstPage ?? page
                    let reference = qpdf_oh_new_dictionary(qpdf)
                    qpdf_oh_replace_key(qpdf, reference, "/Type", qpdf_oh_new_name(qpdf, "/MCR"))
                    qpdf_oh_replace_key(qpdf, reference, "/Pg", pages[page])
                    qpdf_oh_replace_key(qpdf, reference, "/MCID", qpdf_oh_new_integer(qpdf, Int64(mcid)))
                    qpdf_oh_append_item(qpdf, kids, reference)
                case .annotation(let page, let n):
                    let reference = qpdf_oh_new_dictionary(qpdf)
                    qpdf_oh_replace_key(qpdf, reference, "/Type", qpdf_oh_new_name(qpdf, "/OBJR"))
                    qpdf_oh_replace_key(qpdf, reference, "/Pg", pages[page])
                    qpdf_oh_replace_key(qpdf, reference, "/Obj", annotationHandles[page][n])
                    qpdf_oh_append_item(qpdf, kids, reference)
                }
            }
            // One child stands alone (some readers take an array for several).
            qpdf_oh_replace_key(qpdf, dict, "/K", element.children.count == 1 ? qpdf_oh_get_array_item(qpdf, kids, 0) : kids)
            if let firstPage { qpdf_oh_replace_key(qpdf, dict, "/Pg", pages[firstPage]) }
            if let alt = element.alt { qpdf_oh_replace_key(qpdf, dict, "/Alt", qpdf_oh_new_unicode_string(qpdf, alt)) }
            if let actual = element.actualText { qpdf_oh_replace_key(qpdf, dict, "/ActualText", qpdf_oh_new_unicode_string(qpdf, actual)) }
            if let numbering = element.numbering {
                let attributes = qpdf_oh_new_dictionary(qpdf)
                qpdf_oh_replace_key(qpdf, attributes, "/O", qpdf_oh_new_name(qpdf, "/List"))
                qpdf_oh_replace_key(qpdf, attributes, "/ListNumbering", qpdf_oh_new_name(qpdf, "/" + numbering))
                qpdf_oh_replace_key(qpdf, dict, "/A", attributes)
            }
            if let box = element.box {
                let attributes = qpdf_oh_new_dictionary(qpdf)
                qpdf_oh_replace_key(qpdf, attributes, "/O", qpdf_oh_new_name(qpdf, "/Layout"))
                qpdf_oh_replace_key(qpdf, attributes, "/Placement", qpdf_oh_new_name(qpdf, "/Block"))
                qpdf_oh_replace_key(qpdf, attributes, "/BBox", rectangle(qpdf, box))
                qpdf_oh_replace_key(qpdf, dict, "/A", attributes)
            }
        }

        // The parent tree: per page, the element of each MCID; per annotation, its Link element.
        let numbers = qpdf_oh_new_array(qpdf)
        for (index, tags) in plan.pages.enumerated() {
            let owners = qpdf_oh_new_array(qpdf)
            for piece in tags.pieces { qpdf_oh_append_item(qpdf, owners, handles[piece.element]) }
            qpdf_oh_append_item(qpdf, numbers, qpdf_oh_new_integer(qpdf, Int64(index)))
            qpdf_oh_append_item(qpdf, numbers, qpdf_make_indirect_object(qpdf, owners))
        }
        for (key, element) in annotationKeys {
            qpdf_oh_append_item(qpdf, numbers, qpdf_oh_new_integer(qpdf, Int64(key)))
            qpdf_oh_append_item(qpdf, numbers, handles[element])
        }
        let parentTree = qpdf_oh_new_dictionary(qpdf)
        qpdf_oh_replace_key(qpdf, parentTree, "/Nums", numbers)
        qpdf_oh_replace_key(qpdf, treeRoot, "/Type", qpdf_oh_new_name(qpdf, "/StructTreeRoot"))
        qpdf_oh_replace_key(qpdf, treeRoot, "/K", handles[0])
        qpdf_oh_replace_key(qpdf, treeRoot, "/ParentTree", qpdf_make_indirect_object(qpdf, parentTree))
        qpdf_oh_replace_key(qpdf, treeRoot, "/ParentTreeNextKey", qpdf_oh_new_integer(qpdf, Int64(nextKey)))
        qpdf_oh_replace_key(qpdf, root, "/StructTreeRoot", treeRoot)
    }

    /// A page's content: its marked content rewritten, and checked against the plan: the
    /// sequences Cairo wrote must be the plan's, in the plan's order.
    private func rewriteContent(_ qpdf: qpdf_data, page: qpdf_oh, index: Int) throws {
        let contents = qpdf_oh_get_key(qpdf, page, "/Contents")
        var streams: [qpdf_oh] = []
        if qpdf_oh_is_stream(qpdf, contents) != 0 { streams = [contents] }
        else if qpdf_oh_is_array(qpdf, contents) != 0 {
            streams = (0..<qpdf_oh_get_array_n_items(qpdf, contents)).map { qpdf_oh_get_array_item(qpdf, contents, $0) }
        }
        var tags: [String] = []
        var unmarked = 0
        for stream in streams {
            var buffer: UnsafeMutablePointer<UInt8>?
            var length = 0
            var filtered: QPDF_BOOL = QPDF_FALSE
            guard qpdf_oh_get_stream_data(qpdf, stream, qpdf_dl_generalized, &filtered, &buffer, &length) & QPDF_ERRORS == 0,
                  filtered != QPDF_FALSE, let buffer else {
                throw RenderError.cannotWrite(SourceLocation(file: target), "cannot read page \(index + 1)'s content back; please report this")
            }
            let data = Array(UnsafeBufferPointer(start: buffer, count: length))
            free(buffer)
            let result: MarkedContent.Result
            do { result = try MarkedContent.rewrite(data) } catch {
                throw RenderError.cannotWrite(SourceLocation(file: target), "page \(index + 1)'s content cannot be tagged (\(error)); please report this")
            }
            tags += result.tags
            unmarked += result.unmarked
            result.data.withUnsafeBufferPointer { bytes in
                qpdf_oh_replace_stream_data(qpdf, stream, bytes.baseAddress, bytes.count, qpdf_oh_new_null(qpdf), qpdf_oh_new_null(qpdf))
            }
        }
        let planned = plan.pages[index]
        let expected = (planned.artifacts.isEmpty && !cropMarks ? [] : ["Artifact"]) + planned.pieces.map { StructurePlan.contentTag(plan.elements[$0.element].type) }
        guard tags == expected, unmarked == 0 else {
            throw RenderError.cannotWrite(SourceLocation(file: target), "page \(index + 1)'s marked content does not match its structure (\(tags.count) sequences drawn, \(expected.count) planned, \(unmarked) operators unmarked); please report this")
        }
    }

    private func existingArray(_ qpdf: qpdf_data, _ dict: qpdf_oh, _ key: String) -> qpdf_oh {
        let value = qpdf_oh_get_key(qpdf, dict, key)
        return qpdf_oh_is_array(qpdf, value) != 0 ? value : qpdf_oh_new_array(qpdf)
    }

    private func annotationDictionary(_ qpdf: qpdf_data, _ annotation: StructurePlan.Annotation, key: Int) -> qpdf_oh {
        let dict = qpdf_oh_new_dictionary(qpdf)
        qpdf_oh_replace_key(qpdf, dict, "/Type", qpdf_oh_new_name(qpdf, "/Annot"))
        qpdf_oh_replace_key(qpdf, dict, "/Subtype", qpdf_oh_new_name(qpdf, "/Link"))
        qpdf_oh_replace_key(qpdf, dict, "/Rect", rectangle(qpdf, annotation.rect))
        let border = qpdf_oh_new_array(qpdf)
        for _ in 0..<3 { qpdf_oh_append_item(qpdf, border, qpdf_oh_new_integer(qpdf, 0)) }
        qpdf_oh_replace_key(qpdf, dict, "/Border", border)
        qpdf_oh_replace_key(qpdf, dict, "/F", qpdf_oh_new_integer(qpdf, 4))
        qpdf_oh_replace_key(qpdf, dict, "/Contents", qpdf_oh_new_unicode_string(qpdf, annotation.contents))
        qpdf_oh_replace_key(qpdf, dict, "/StructParent", qpdf_oh_new_integer(qpdf, Int64(key)))
        if annotation.uri.hasPrefix("#") {
            qpdf_oh_replace_key(qpdf, dict, "/Dest", qpdf_oh_new_unicode_string(qpdf, String(annotation.uri.dropFirst())))
        } else {
            let action = qpdf_oh_new_dictionary(qpdf)
            qpdf_oh_replace_key(qpdf, action, "/Type", qpdf_oh_new_name(qpdf, "/Action"))
            qpdf_oh_replace_key(qpdf, action, "/S", qpdf_oh_new_name(qpdf, "/URI"))
            // A URI is ASCII: anything else is percent-encoded.
            let ascii = CharacterSet(charactersIn: Unicode.Scalar(0x21)...Unicode.Scalar(0x7E))
            let uri = annotation.uri.addingPercentEncoding(withAllowedCharacters: ascii) ?? annotation.uri
            qpdf_oh_replace_key(qpdf, action, "/URI", qpdf_oh_new_string(qpdf, uri))
            qpdf_oh_replace_key(qpdf, dict, "/A", action)
        }
        return dict
    }

    /// A rectangle of the page (from its top-left corner) in PDF space: [llx lly urx ury].
    private func rectangle(_ qpdf: qpdf_data, _ rect: Rect) -> qpdf_oh {
        let array = qpdf_oh_new_array(qpdf)
        let left: Double = offset + rect.x.points
        let right: Double = left + rect.width.points
        let top: Double = sheetHeight - offset - rect.y.points
        let bottom: Double = top - rect.height.points
        let values = [left, bottom, right, top]
        for value in values { qpdf_oh_append_item(qpdf, array, qpdf_oh_new_real_from_double(qpdf, value, 3)) }
        return array
    }
}

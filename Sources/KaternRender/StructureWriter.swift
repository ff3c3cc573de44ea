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

    /// `metadata`: the XMP packet, written as the catalog's /Metadata stream with the rest.
    /// Returns the JSON qpdf read the new objects from: qpdf reads the stream's data from it
    /// when it writes the PDF, so the caller keeps it until then.
    func write(_ qpdf: qpdf_data, metadata: [UInt8]) throws -> [UInt8] {
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

        // The new objects (annotations, elements, the parent tree's arrays, the parent tree, the
        // tree's root) take the object numbers after the PDF's last, and go in with one update
        // in qpdf's JSON: one call, not tens of thousands.
        // The trailer's /Size is one past the highest object number (asking qpdf for a new
        // indirect object instead would make it read every object first).
        let size = qpdf_oh_get_key(qpdf, qpdf_get_trailer(qpdf), "/Size")
        guard qpdf_oh_is_integer(qpdf, size) != 0 else {
            throw RenderError.cannotWrite(SourceLocation(file: target), "the PDF Cairo wrote has no /Size; please report this")
        }
        let first = Int(qpdf_oh_get_int_value(qpdf, size))
        let annotationCount = plan.pages.map(\.annotations.count).reduce(0, +)
        let annotationBase = first, elementBase = annotationBase + annotationCount
        let ownersBase = elementBase + plan.elements.count
        let parentTreeID = ownersBase + pageCount, treeRootID = parentTreeID + 1, metadataID = treeRootID + 1
        let pageIDs = pages.map { (Int(qpdf_oh_get_object_id(qpdf, $0)), Int(qpdf_oh_get_generation(qpdf, $0))) }

        var json = JSONBytes()
        json.reserve(plan.elements.count * 160 + annotationCount * 300)
        json.raw("{\"qpdf\":[{\"jsonversion\":2,\"pushedinheritedpageresources\":false,\"calledgetallpages\":false,\"maxobjectid\":")
        json.int(metadataID)
        json.raw("},{")
        var firstObject = true
        func object(_ id: Int) {
            if !firstObject { json.raw(",") }
            firstObject = false
            json.raw("\"obj:"); json.int(id); json.raw(" 0 R\":{\"value\":")
        }
        func page(_ index: Int) { json.reference(pageIDs[index].0, pageIDs[index].1) }

        // The annotations, with their StructParent keys after the pages'.
        var annotationIDs: [[Int]] = []
        var annotationOwners: [Int] = []
        var id = annotationBase
        for tags in plan.pages {
            var ids: [Int] = []
            for annotation in tags.annotations {
                object(id)
                annotationDictionary(annotation, key: pageCount + annotationOwners.count, into: &json)
                json.raw("}")
                annotationOwners.append(annotation.element)
                ids.append(id)
                id += 1
            }
            annotationIDs.append(ids)
        }
        // The elements: kids, parent, page, alt, actual text, attributes.
        var parentOf = [Int](repeating: -1, count: plan.elements.count)
        for (index, element) in plan.elements.enumerated() {
            for child in element.children { if case .element(let e) = child { parentOf[e] = index } }
        }
        for (index, element) in plan.elements.enumerated() {
            object(elementBase + index)
            json.raw("{\"/Type\":\"/StructElem\",\"/S\":\"/"); json.raw(element.type)
            json.raw("\",\"/P\":"); json.reference(parentOf[index] >= 0 ? elementBase + parentOf[index] : treeRootID)
            // One child stands alone (some readers take an array for several).
            json.raw(element.children.count == 1 ? ",\"/K\":" : ",\"/K\":[")
            // Content on the element's page (its first) is a bare MCID; on another page, an MCR.
            let firstPage = element.children.lazy.compactMap { child -> Int? in
                if case .content(let p, _) = child { return p } else { return nil }
            }.first
            for (n, child) in element.children.enumerated() {
                if n > 0 { json.raw(",") }
                switch child {
                case .element(let e):
                    json.reference(elementBase + e)
                case .content(let p, let mcid) where p == firstPage:
                    json.int(mcid)
                case .content(let p, let mcid):
                    json.raw("{\"/Type\":\"/MCR\",\"/Pg\":"); page(p); json.raw(",\"/MCID\":"); json.int(mcid); json.raw("}")
                case .annotation(let p, let a):
                    json.raw("{\"/Type\":\"/OBJR\",\"/Pg\":"); page(p); json.raw(",\"/Obj\":"); json.reference(annotationIDs[p][a]); json.raw("}")
                }
            }
            if element.children.count != 1 { json.raw("]") }
            if let firstPage { json.raw(",\"/Pg\":"); page(firstPage) }
            if let alt = element.alt { json.raw(",\"/Alt\":"); json.text(alt) }
            if let actual = element.actualText { json.raw(",\"/ActualText\":"); json.text(actual) }
            if let numbering = element.numbering { json.raw(",\"/A\":{\"/O\":\"/List\",\"/ListNumbering\":\"/"); json.raw(numbering); json.raw("\"}") }
            if let box = element.box { json.raw(",\"/A\":{\"/O\":\"/Layout\",\"/Placement\":\"/Block\",\"/BBox\":"); rectangle(box, into: &json); json.raw("}") }
            json.raw("}}")
        }
        // The parent tree: per page, the element of each MCID; per annotation, its Link element.
        for (index, tags) in plan.pages.enumerated() {
            object(ownersBase + index)
            json.raw("[")
            for (n, piece) in tags.pieces.enumerated() {
                if n > 0 { json.raw(",") }
                json.reference(elementBase + piece.element)
            }
            json.raw("]}")
        }
        object(parentTreeID)
        json.raw("{\"/Nums\":[")
        for index in 0..<pageCount {
            if index > 0 { json.raw(",") }
            json.int(index); json.raw(","); json.reference(ownersBase + index)
        }
        for (offset, element) in annotationOwners.enumerated() {
            json.raw(","); json.int(pageCount + offset); json.raw(","); json.reference(elementBase + element)
        }
        json.raw("]}}")
        object(treeRootID)
        json.raw("{\"/Type\":\"/StructTreeRoot\",\"/K\":"); json.reference(elementBase)
        json.raw(",\"/ParentTree\":"); json.reference(parentTreeID)
        json.raw(",\"/ParentTreeNextKey\":"); json.int(pageCount + annotationOwners.count)
        json.raw("}}")
        if !firstObject { json.raw(",") }
        json.raw("\"obj:"); json.int(metadataID)
        json.raw(" 0 R\":{\"stream\":{\"dict\":{\"/Type\":\"/Metadata\",\"/Subtype\":\"/XML\"},\"data\":\"")
        json.raw(Data(metadata).base64EncodedString())
        json.raw("\"}}}]}")
        let code = json.bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { qpdf_update_from_json_data(qpdf, $0.baseAddress, UInt64($0.count)) }
        }
        guard code & QPDF_ERRORS == 0 else {
            var message = "qpdf could not take the structure tree"
            if let error = qpdf_get_error(qpdf), let text = qpdf_get_error_full_text(qpdf, error) { message += " (" + String(cString: text) + ")" }
            throw RenderError.cannotWrite(SourceLocation(file: target), message + "; please report this")
        }
        // The pages' annotations, tab order and parent-tree keys; the catalog's tree.
        for (index, page) in pages.enumerated() {
            if !annotationIDs[index].isEmpty {
                let annots = existingArray(qpdf, page, "/Annots")
                for id in annotationIDs[index] { qpdf_oh_append_item(qpdf, annots, qpdf_get_object_by_id(qpdf, Int32(id), 0)) }
                qpdf_oh_replace_key(qpdf, page, "/Annots", annots)
            }
            qpdf_oh_replace_key(qpdf, page, "/Tabs", qpdf_oh_new_name(qpdf, "/S"))
            qpdf_oh_replace_key(qpdf, page, "/StructParents", qpdf_oh_new_integer(qpdf, Int64(index)))
        }
        qpdf_oh_replace_key(qpdf, root, "/StructTreeRoot", qpdf_get_object_by_id(qpdf, Int32(treeRootID), 0))
        qpdf_oh_replace_key(qpdf, root, "/Metadata", qpdf_get_object_by_id(qpdf, Int32(metadataID), 0))
        return json.bytes
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

    static let uriCharacters = CharacterSet(charactersIn: Unicode.Scalar(0x21)...Unicode.Scalar(0x7E))

    /// A link annotation, in qpdf's JSON.
    private func annotationDictionary(_ annotation: StructurePlan.Annotation, key: Int, into json: inout JSONBytes) {
        json.raw("{\"/Type\":\"/Annot\",\"/Subtype\":\"/Link\",\"/Rect\":")
        rectangle(annotation.rect, into: &json)
        json.raw(",\"/Border\":[0,0,0],\"/F\":4,\"/Contents\":"); json.text(annotation.contents)
        json.raw(",\"/StructParent\":"); json.int(key)
        if annotation.uri.hasPrefix("#") {
            // The name as Cairo wrote it in the document's destinations: its UTF-8 bytes.
            json.raw(",\"/Dest\":"); json.byteString(Array(annotation.uri.dropFirst().utf8))
        } else {
            // A URI is ASCII (the link policy lets nothing else through; a space would end it).
            let uri = annotation.uri.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) ? annotation.uri
                : annotation.uri.addingPercentEncoding(withAllowedCharacters: Self.uriCharacters) ?? annotation.uri
            json.raw(",\"/A\":{\"/Type\":\"/Action\",\"/S\":\"/URI\",\"/URI\":"); json.text(uri); json.raw("}")
        }
        json.raw("}")
    }

    /// A rectangle of the page (from its top-left corner) in PDF space: [llx lly urx ury].
    private func rectangle(_ rect: Rect, into json: inout JSONBytes) {
        let left: Double = offset + rect.x.points
        let right: Double = left + rect.width.points
        let top: Double = sheetHeight - offset - rect.y.points
        let bottom: Double = top - rect.height.points
        json.raw("[")
        json.decimal(left); json.raw(","); json.decimal(bottom); json.raw(","); json.decimal(right); json.raw(","); json.decimal(top)
        json.raw("]")
    }
}

/// qpdf's JSON for new objects, written byte by byte (no formatting through Foundation):
/// names and keys as they are, references as "n g R", text strings as hex bytes ("b:..."),
/// numbers with at most three decimals.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    /// ASCII text that needs no escaping (keys, names, punctuation).
    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func int(_ value: Int) {
        if value < 0 { bytes.append(0x2D) }
        let magnitude = value.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8((magnitude / divisor) % 10) + 0x30)
            divisor /= 10
        }
    }

    mutating func reference(_ id: Int, _ generation: Int = 0) {
        bytes.append(0x22); int(id); bytes.append(0x20); int(generation); raw(" R\"")
    }

    /// A number rounded to three decimals, without trailing zeros.
    mutating func decimal(_ value: Double) {
        let thousandths = Int((value * 1000).rounded())
        if thousandths < 0 { bytes.append(0x2D) }
        let magnitude = abs(thousandths)
        int(magnitude / 1000)
        var fraction = magnitude % 1000
        guard fraction > 0 else { return }
        bytes.append(0x2E)
        var divisor = 100
        while fraction > 0 {
            bytes.append(UInt8(fraction / divisor) + 0x30)
            fraction %= divisor
            divisor /= 10
        }
    }

    /// A PDF text string: PDFDocEncoding-safe ASCII as it is, anything else as UTF-16BE with a
    /// byte order mark; written as hex, so no character needs escaping.
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A PDF string of these bytes, as they are.
    mutating func byteString(_ value: [UInt8]) {
        let hex = Self.hex
        raw("\"b:")
        for byte in value { bytes.append(hex[Int(byte >> 4)]); bytes.append(hex[Int(byte & 15)]) }
        bytes.append(0x22)
    }

    mutating func text(_ value: String) {
        let hex = Self.hex
        raw("\"b:")
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for byte in value.utf8 { bytes.append(hex[Int(byte >> 4)]); bytes.append(hex[Int(byte & 15)]) }
        } else {
            raw("feff")
            for unit in value.utf16 {
                bytes.append(hex[Int(unit >> 12) & 15]); bytes.append(hex[Int(unit >> 8) & 15])
                bytes.append(hex[Int(unit >> 4) & 15]); bytes.append(hex[Int(unit) & 15])
            }
        }
        bytes.append(0x22)
    }
}

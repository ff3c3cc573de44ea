import Foundation
import KaternDocument
import KaternLayout

/// Writes the structure plan into the PDF: the elements with their marked-content references on
/// any page, `Alt`, `ActualText`, `ListNumbering` and a figure's `BBox`, the link annotations
/// (`/Contents`, the Print flag, a `StructParent`, an `OBJR` in their `Link` element), the parent
/// tree and the tree's root. `PDFRenderer` gives the pages their `/Tabs /S`, `/StructParents` and
/// `/Annots`, and `PageContent` marks their content as the plan says.
struct StructureWriter: Sendable {
    let plan: StructurePlan
    /// Where the trimmed page's top-left corner lies in PDF space: x from the left, and the
    /// height of the whole sheet (the y axis goes up in PDF space).
    let offset: Double
    let sheetHeight: Double

    /// The numbers of the new objects, from `first` on: annotations, elements, the parent tree's
    /// arrays (one a page), the parent tree, the tree's root, the XMP metadata.
    struct Numbers {
        let annotations: [[Int]]
        let elementBase: Int
        let ownersBase: Int
        let parentTree: Int
        let treeRoot: Int
        let metadata: Int
        /// One past the last.
        var end: Int { metadata + 1 }
    }

    func numbers(from first: Int) -> Numbers {
        var id = first
        var annotations: [[Int]] = []
        for tags in plan.pages {
            annotations.append(tags.annotations.indices.map { id + $0 })
            id += tags.annotations.count
        }
        let elementBase = id
        let ownersBase = elementBase + plan.elements.count
        let parentTree = ownersBase + plan.pages.count
        return Numbers(annotations: annotations, elementBase: elementBase, ownersBase: ownersBase,
                       parentTree: parentTree, treeRoot: parentTree + 1, metadata: parentTree + 2)
    }

    /// Writes the new objects (numbered as `numbers` says) into `file`. `pages`: the pages'
    /// object numbers; `metadata`: the XMP packet.
    func write(into file: inout PDFFileWriter, numbers: Numbers, pages pageIDs: [Int], metadata: [UInt8]) {
        var out = PDFSyntax(renumber: file.body.renumber)
        func object(_ id: Int) {
            file.begin(id)
            swap(&out, &file.body)
        }
        func endObject() {
            swap(&out, &file.body)
            file.end()
        }
        let pageCount = plan.pages.count
        // The annotations, with their StructParent keys after the pages'.
        var annotationOwners: [Int] = []
        for (index, tags) in plan.pages.enumerated() {
            for (n, annotation) in tags.annotations.enumerated() {
                object(numbers.annotations[index][n])
                annotationDictionary(annotation, key: pageCount + annotationOwners.count, into: &out)
                endObject()
                annotationOwners.append(annotation.element)
            }
        }
        // The elements: kids, parent, page, alt, actual text, attributes.
        var parentOf = [Int](repeating: -1, count: plan.elements.count)
        for (index, element) in plan.elements.enumerated() {
            for child in element.children { if case .element(let e) = child { parentOf[e] = index } }
        }
        for (index, element) in plan.elements.enumerated() {
            object(numbers.elementBase + index)
            out.raw("<</Type/StructElem/S"); out.name(element.type)
            out.raw("/P "); out.reference(parentOf[index] >= 0 ? numbers.elementBase + parentOf[index] : numbers.treeRoot)
            // One child stands alone (some readers take an array for several).
            out.raw(element.children.count == 1 ? "/K " : "/K[")
            // Content on the element's page (its first) is a bare MCID; on another page, an MCR.
            let firstPage = element.children.lazy.compactMap { child -> Int? in
                if case .content(let p, _) = child { return p } else { return nil }
            }.first
            for (n, child) in element.children.enumerated() {
                if n > 0 { out.raw(" ") }
                switch child {
                case .element(let e):
                    out.reference(numbers.elementBase + e)
                case .content(let p, let mcid) where p == firstPage:
                    out.int(mcid)
                case .content(let p, let mcid):
                    out.raw("<</Type/MCR/Pg "); out.reference(pageIDs[p]); out.raw("/MCID "); out.int(mcid); out.raw(">>")
                case .annotation(let p, let a):
                    out.raw("<</Type/OBJR/Pg "); out.reference(pageIDs[p]); out.raw("/Obj "); out.reference(numbers.annotations[p][a]); out.raw(">>")
                }
            }
            if element.children.count != 1 { out.raw("]") }
            if let firstPage { out.raw("/Pg "); out.reference(pageIDs[firstPage]) }
            if let alt = element.alt { out.raw("/Alt"); out.text(alt) }
            if let actual = element.actualText { out.raw("/ActualText"); out.text(actual) }
            if let numbering = element.numbering { out.raw("/A<</O/List/ListNumbering"); out.name(numbering); out.raw(">>") }
            if let scope = element.scope { out.raw("/A<</O/Table/Scope"); out.name(scope); out.raw(">>") }
            if let box = element.box { out.raw("/A<</O/Layout/Placement/Block/BBox"); rectangle(box, into: &out); out.raw(">>") }
            out.raw(">>")
            endObject()
        }
        // The parent tree: per page, the element of each MCID; per annotation, its Link element.
        for (index, tags) in plan.pages.enumerated() {
            object(numbers.ownersBase + index)
            out.raw("[")
            for (n, piece) in tags.pieces.enumerated() {
                if n > 0 { out.raw(" ") }
                out.reference(numbers.elementBase + piece.element)
            }
            out.raw("]")
            endObject()
        }
        object(numbers.parentTree)
        out.raw("<</Nums[")
        for index in 0..<pageCount {
            if index > 0 { out.raw(" ") }
            out.int(index); out.raw(" "); out.reference(numbers.ownersBase + index)
        }
        for (offset, element) in annotationOwners.enumerated() {
            out.raw(" "); out.int(pageCount + offset); out.raw(" "); out.reference(numbers.elementBase + element)
        }
        out.raw("]>>")
        endObject()
        object(numbers.treeRoot)
        out.raw("<</Type/StructTreeRoot/K "); out.reference(numbers.elementBase)
        // Warning and note boxes are `Aside` elements (PDF 2.0's type), mapped to `Div` for
        // readers of PDF 1.7.
        if plan.elements.contains(where: { $0.type == "Aside" }) { out.raw("/RoleMap<</Aside/Div>>") }
        out.raw("/ParentTree "); out.reference(numbers.parentTree)
        out.raw("/ParentTreeNextKey "); out.int(pageCount + annotationOwners.count)
        out.raw(">>")
        endObject()
        // The XMP packet, uncompressed (readers look for it as plain text).
        file.stream(numbers.metadata, dictionary: PDFDictionary(entries: [("Type", .name("Metadata")), ("Subtype", .name("XML"))]), data: metadata)
    }

    static let uriCharacters = CharacterSet(charactersIn: Unicode.Scalar(0x21)...Unicode.Scalar(0x7E))

    /// A link annotation.
    private func annotationDictionary(_ annotation: StructurePlan.Annotation, key: Int, into out: inout PDFSyntax) {
        out.raw("<</Type/Annot/Subtype/Link/Rect")
        rectangle(annotation.rect, into: &out)
        out.raw("/Border[0 0 0]/F 4/Contents"); out.text(annotation.contents)
        out.raw("/StructParent "); out.int(key)
        if annotation.uri.hasPrefix("#") {
            // The name as the document's destinations have it: its UTF-8 bytes.
            out.raw("/Dest"); out.string(Array(annotation.uri.dropFirst().utf8))
        } else {
            // A URI is ASCII (the link policy lets nothing else through; a space would end it).
            let uri = annotation.uri.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) ? annotation.uri
                : annotation.uri.addingPercentEncoding(withAllowedCharacters: Self.uriCharacters) ?? annotation.uri
            out.raw("/A<</Type/Action/S/URI/URI"); out.string(Array(uri.utf8)); out.raw(">>")
        }
        out.raw(">>")
    }

    /// A rectangle of the page (from its top-left corner) in PDF space: [llx lly urx ury].
    private func rectangle(_ rect: Rect, into out: inout PDFSyntax) {
        let left: Double = offset + rect.x.points
        let top: Double = sheetHeight - offset - rect.y.points
        out.rectangle(left, top - rect.height.points, left + rect.width.points, top)
    }
}

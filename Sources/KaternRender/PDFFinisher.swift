import Foundation
import KaternDocument

/// Finishes the PDF that Cairo 1.16 wrote into a PDF/UA-1 file, in one pass over Cairo's bytes:
/// reads its objects (`PDFReader`), rewrites what Cairo cannot write and copies the rest:
/// - the pages' marked content renumbered and their furniture marked as artifacts
///   (`MarkedContent`, checked against the structure plan), and the structure tree of the plan
///   (`StructureWriter`) in place of Cairo's;
/// - on each page `/Tabs /S`, `/StructParents`, the link annotations, and for print production
///   the TrimBox and BleedBox;
/// - in the catalog the document language (`/Lang`), `/MarkInfo << /Marked true >>`,
///   `/ViewerPreferences << /DisplayDocTitle true >>` and the XMP metadata with `pdfuaid:part 1`;
/// - `/CIDToGIDMap /Identity` on the CID fonts (Cairo's subsets number glyphs that way but do
///   not say so), and ligatures' Unicode maps decomposed.
/// Objects nothing refers to any more (Cairo's structure tree) are left out; the rest are
/// numbered densely in Cairo's order, and written compactly (`PDFFileWriter`).
struct PDFFinisher {
    let metadata: PDFMetadata
    let structure: StructureWriter
    /// Cairo was given ligatures as presentation forms (U+FB00 ...), which the fonts' Unicode
    /// maps must turn back into letters.
    var presentationForms = true
    /// Print production: every page's TrimBox and BleedBox (llx, lly, urx, ury), or nil.
    var trimBox: [Double]?
    var bleedBox: [Double]?

    /// The finished PDF made from `input` (Cairo's bytes), handed to `sink` piece by piece as it
    /// is written (nil: returned whole). `target`: the file named in errors.
    func finish(_ input: [UInt8], reportAs target: String, sink: (([UInt8]) throws -> Void)? = nil) throws -> [UInt8] {
        do {
            return try finish(input, sink: sink)
        } catch let error as RenderError {
            throw error
        } catch {
            throw RenderError.cannotWrite(SourceLocation(file: target), "the PDF Cairo wrote cannot be finished (\(error)); please report this")
        }
    }

    private func finish(_ input: [UInt8], sink: (([UInt8]) throws -> Void)?) throws -> [UInt8] {
        let reader = try PDFReader(input)
        guard let rootID = reader.trailer["Root"]?.referenceValue, var catalog = try reader.object(rootID).dictionary else {
            throw PDFReader.Failure("no catalog")
        }
        let infoID = reader.trailer["Info"]?.referenceValue
        var changed: [Int: PDFObject] = [:]
        let pageIDs = try pages(reader, catalog["Pages"])
        guard pageIDs.count == structure.plan.pages.count else {
            throw RenderError.cannotWrite(SourceLocation(file: structure.target), "the PDF has \(pageIDs.count) pages, its structure plan \(structure.plan.pages.count); please report this")
        }
        let numbers = structure.numbers(from: reader.size)

        // The pages' content: decoded, rewritten, checked and compressed again, the pages in
        // parallel (compressing is most of the pass's time).
        let pageObjects = try pageIDs.map { try reader.object($0) }
        let contentIDs: [[Int]] = pageObjects.map { page in
            switch page.dictionary?["Contents"] {
            case .reference(let id)?: return [id]
            case .array(let items)?: return items.compactMap(\.referenceValue)
            default: return []
            }
        }
        var contents = [Result<[[UInt8]], Error>](repeating: .success([]), count: pageIDs.count)
        contents.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own element only.
            nonisolated(unsafe) let results = buffer
            let structure = structure
            DispatchQueue.concurrentPerform(iterations: pageIDs.count) { index in
                results[index] = Result {
                    let streams = try contentIDs[index].map { try Self.decodedStream(reader.object($0)) }
                    return try structure.rewriteContent(streams, page: index).map { try Flate.deflate($0) }
                }
            }
        }
        for (index, pageID) in pageIDs.enumerated() {
            guard var page = pageObjects[index].dictionary else { throw PDFReader.Failure("page \(index + 1) is not a dictionary") }
            for (id, data) in zip(contentIDs[index], try contents[index].get()) {
                changed[id] = PDFObject(value: .dictionary(PDFDictionary(entries: [("Filter", .name("FlateDecode"))])), stream: data[...])
            }
            if !numbers.annotations[index].isEmpty {
                var annotations: [PDFValue] = []
                if case .array(let existing)? = page["Annots"] { annotations = existing }
                annotations += numbers.annotations[index].map { .reference($0) }
                page["Annots"] = .array(annotations)
            }
            page["Tabs"] = .name("S")
            page["StructParents"] = .integer(index)
            if let trimBox, let bleedBox {
                page["TrimBox"] = .array(trimBox.map(Self.number))
                page["BleedBox"] = .array(bleedBox.map(Self.number))
            }
            changed[pageID] = PDFObject(value: .dictionary(page))
        }

        // The catalog.
        catalog["Lang"] = .string(PDFSyntax.textBytes(metadata.language))
        catalog["MarkInfo"] = .dictionary(PDFDictionary(entries: [("Marked", .bool(true))]))
        catalog["ViewerPreferences"] = .dictionary(PDFDictionary(entries: [("DisplayDocTitle", .bool(true))]))
        catalog["StructTreeRoot"] = .reference(numbers.treeRoot)
        catalog["Metadata"] = .reference(numbers.metadata)
        changed[rootID] = PDFObject(value: .dictionary(catalog))

        // Cairo's objects the finished file still refers to, fonts corrected on the way.
        var objects = [PDFObject?](repeating: nil, count: reader.size)
        var stack = [rootID] + (infoID.map { [$0] } ?? [])
        var unicodeMaps = Set<Int>()
        while let id = stack.popLast() {
            guard id > 0, id < reader.size, objects[id] == nil else { continue }
            var object = try changed[id] ?? reader.object(id)
            if var dictionary = object.dictionary {
                if id == infoID {
                    // Cairo 1.16 writes its dates without the "D:" a PDF date begins with.
                    for key in ["CreationDate", "ModDate"] {
                        if case .string(let date)? = dictionary[key], !date.starts(with: Array("D:".utf8)) { dictionary[key] = .string(Array("D:".utf8) + date) }
                    }
                }
                if object.stream != nil {
                    // The length goes in directly when the object is written.
                    dictionary["Length"] = nil
                } else if dictionary["Type"]?.isName("Font") == true {
                    if dictionary["Subtype"]?.isName("CIDFontType2") == true, dictionary["CIDToGIDMap"] == nil {
                        dictionary["CIDToGIDMap"] = .name("Identity")
                    }
                    if presentationForms, let map = dictionary["ToUnicode"]?.referenceValue { unicodeMaps.insert(map) }
                }
                object.value = .dictionary(dictionary)
            }
            object.value.forEachReference { stack.append($0) }
            objects[id] = object
        }

        // Dense numbers: Cairo's objects in their order, then the new ones.
        var renumber = [Int](repeating: 0, count: numbers.end)
        var next = 1
        for id in 1..<reader.size where objects[id] != nil { renumber[id] = next; next += 1 }
        for id in reader.size..<numbers.end { renumber[id] = next; next += 1 }

        var out = PDFFileWriter(renumber: renumber, count: next, capacity: input.count / 2, sink: sink)
        for id in 1..<reader.size {
            guard var object = objects[id] else { continue }
            if unicodeMaps.contains(id), let decomposed = try decomposeLigatures(Self.decodedStream(object)) {
                object.value = .dictionary(PDFDictionary(entries: [("Filter", .name("FlateDecode"))]))
                object.stream = try Flate.deflate(decomposed)[...]
            }
            if let stream = object.stream, var dictionary = object.dictionary {
                // Every stream leaves compressed.
                if dictionary["Filter"] == nil {
                    dictionary["Filter"] = .name("FlateDecode")
                    out.stream(id, dictionary: dictionary, data: try Flate.deflate(Array(stream)))
                    continue
                }
                out.stream(id, dictionary: dictionary, data: stream)
            } else {
                out.begin(id)
                out.body.value(object.value)
                out.end()
            }
        }
        structure.write(into: &out, numbers: numbers, pages: pageIDs,
                        metadata: Array(metadata.xmp(producer: producer(reader, infoID)).utf8))
        return try out.finish(root: rootID, info: infoID)
    }

    /// The page objects in order, from the page tree's root.
    private func pages(_ reader: PDFReader, _ root: PDFValue?) throws -> [Int] {
        var result: [Int] = []
        func visit(_ id: Int, depth: Int) throws {
            guard depth < 32, let node = try reader.object(id).dictionary else { throw PDFReader.Failure("the page tree is damaged") }
            if node["Type"]?.isName("Pages") == true {
                guard case .array(let kids)? = node["Kids"] else { throw PDFReader.Failure("the page tree has no kids") }
                for kid in kids {
                    guard let kidID = kid.referenceValue else { throw PDFReader.Failure("the page tree is damaged") }
                    try visit(kidID, depth: depth + 1)
                }
            } else {
                result.append(id)
            }
        }
        guard let rootID = root?.referenceValue else { throw PDFReader.Failure("no page tree") }
        try visit(rootID, depth: 0)
        return result
    }

    /// A stream's data, decoded when it is compressed (Cairo compresses with Flate only).
    private static func decodedStream(_ object: PDFObject) throws -> [UInt8] {
        guard let stream = object.stream else { throw PDFReader.Failure("a content or map object is not a stream") }
        switch object.dictionary?["Filter"] {
        case nil: return Array(stream)
        case .name("FlateDecode")?: return try Flate.inflate(stream)
        case .array(let filters)? where filters == [.name("FlateDecode")]: return try Flate.inflate(stream)
        default: throw PDFReader.Failure("a stream has a filter Cairo does not write")
        }
    }

    private func producer(_ reader: PDFReader, _ infoID: Int?) -> String {
        guard let infoID, let info = try? reader.object(infoID).dictionary, case .string(let bytes)? = info["Producer"] else { return "Katern" }
        if bytes.starts(with: [0xFE, 0xFF]) {
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            return String(decoding: units, as: UTF16.self)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func number(_ value: Double) -> PDFValue {
        var syntax = PDFSyntax(renumber: [])
        syntax.decimal(value)
        return .real(syntax.bytes)
    }


    /// A font's Unicode map gives a ligature as the letters it joins ("ff"), not as Unicode's
    /// presentation form (U+FB00), which the renderer hands Cairo (see `FontRegistry`). Nil
    /// when the map holds no ligature.
    private func decomposeLigatures(_ data: [UInt8]) -> [UInt8]? {
        let text = String(decoding: data, as: UTF8.self)
        guard text.range(of: "<fb0", options: .caseInsensitive) != nil else { return nil }
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
        return changed ? Array(lines.joined(separator: "\n").utf8) : nil
    }
}

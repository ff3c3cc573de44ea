import Crypto

/// Writes a PDF file of numbered objects compactly, as PDF 1.5 allows: objects that are not
/// streams go into compressed object streams of up to 100 objects, and the cross-reference table
/// is itself a compressed stream. Objects are numbered as the `renumber` table of the values says;
/// the object streams and the cross-reference stream take the numbers after them. The file's
/// `/ID` is a digest of its content, so the same objects give the same bytes.
struct PDFFileWriter {
    private enum Entry { case free, offset(Int), compressed(stream: Int, index: Int) }

    /// The file so far.
    private(set) var file: PDFSyntax
    /// The object being written (between `begin` and `end`).
    var body: PDFSyntax
    private var entries: [Entry]
    private var current: Int?
    /// The object stream being filled: its objects' numbers and offsets, and their bodies.
    private var packed: [(number: Int, offset: Int)] = []
    private var packedBytes: [UInt8] = []
    static let objectsPerStream = 100

    /// `renumber`: the final number of every object number the values use; `count`: one past
    /// the highest final number.
    /// Where the file's bytes go as they are written, in pieces of about a megabyte (nil: they
    /// stay in memory and `finish` returns them all).
    private let sink: (([UInt8]) throws -> Void)?
    /// Bytes handed to the sink so far, and their digest.
    private var sent = 0
    private var digest = Insecure.MD5()
    private var sinkError: Error?
    /// The offset in the file of the next byte written.
    private var position: Int { sent + file.bytes.count }

    init(renumber: [Int], count: Int, capacity: Int, sink: (([UInt8]) throws -> Void)? = nil) {
        self.sink = sink
        file = PDFSyntax(renumber: renumber, capacity: sink == nil ? capacity : 1 << 21)
        body = PDFSyntax(renumber: renumber, capacity: 4096)
        entries = [Entry](repeating: .free, count: count)
        file.raw("%PDF-1.7\n")
        file.append(bytes: [0x25, 0xB5, 0xED, 0xAE, 0xFB, 0x0A])  // binary bytes in a comment: a binary file
    }

    /// Starts object `id` (a number before renumbering); write its value into `body`.
    mutating func begin(_ id: Int) {
        current = file.renumber[id]
        body.clear()
    }

    /// Ends the object begun last: it goes into the current object stream.
    mutating func end() {
        guard let number = current else { return }
        current = nil
        packed.append((number, packedBytes.count))
        packedBytes.append(contentsOf: body.bytes)
        packedBytes.append(0x0A)
        if packed.count >= Self.objectsPerStream { flush() }
    }

    /// Writes object `id` as a stream of `data` (already encoded as `dictionary` says; its
    /// length is added here).
    mutating func stream<C: Collection>(_ id: Int, dictionary: PDFDictionary, data: C) where C.Element == UInt8 {
        var dictionary = dictionary
        dictionary["Length"] = .integer(data.count)
        let number = file.renumber[id]
        entries[number] = .offset(position)
        file.int(number); file.raw(" 0 obj\n")
        file.value(.dictionary(dictionary))
        file.raw("\nstream\n"); file.append(bytes: data); file.raw("\nendstream\nendobj\n")
        send(atLeast: 1 << 20)
    }

    /// Hands what was written to the sink once it holds at least `minimum` bytes.
    private mutating func send(atLeast minimum: Int) {
        guard let sink, sinkError == nil, file.bytes.count >= minimum, !file.bytes.isEmpty else { return }
        digest.update(data: file.bytes)
        do { try sink(file.bytes) } catch { sinkError = error }
        sent += file.bytes.count
        file.clear()
    }

    /// The object stream being filled, written out under the next free number.
    private mutating func flush() {
        guard !packed.isEmpty else { return }
        let number = entries.count
        entries.append(.offset(position))
        var header = PDFSyntax(renumber: [])
        for (index, object) in packed.enumerated() {
            entries[object.number] = .compressed(stream: number, index: index)
            header.int(object.number); header.raw(" "); header.int(object.offset); header.raw(" ")
        }
        header.raw("\n")
        let data = (try? Flate.deflate(header.bytes + packedBytes)) ?? []
        file.int(number); file.raw(" 0 obj\n<</Type/ObjStm/N "); file.int(packed.count)
        file.raw("/First "); file.int(header.bytes.count)
        file.raw("/Filter/FlateDecode/Length "); file.int(data.count); file.raw(">>\nstream\n")
        file.append(bytes: data)
        file.raw("\nendstream\nendobj\n")
        packed.removeAll(keepingCapacity: true)
        packedBytes.removeAll(keepingCapacity: true)
        send(atLeast: 1 << 20)
    }

    /// The finished file: the last object stream, the cross-reference stream with the trailer's
    /// entries (`root` and `info` before renumbering), `startxref`. With a sink, everything goes
    /// to it and the result is empty.
    mutating func finish(root: Int, info: Int?) throws -> [UInt8] {
        flush()
        digest.update(data: file.bytes)
        let id = Array(digest.finalize())
        let number = entries.count
        entries.append(.offset(position))
        // Each entry: type (1 byte), offset or object stream (4), generation or index (2).
        var table: [UInt8] = []
        table.reserveCapacity(entries.count * 7)
        for entry in entries {
            switch entry {
            case .free: table += [0, 0, 0, 0, 0, 0xFF, 0xFF]
            case .offset(let offset):
                table += [1, UInt8(truncatingIfNeeded: offset >> 24), UInt8(truncatingIfNeeded: offset >> 16),
                          UInt8(truncatingIfNeeded: offset >> 8), UInt8(truncatingIfNeeded: offset), 0, 0]
            case .compressed(let stream, let index):
                table += [2, UInt8(truncatingIfNeeded: stream >> 24), UInt8(truncatingIfNeeded: stream >> 16),
                          UInt8(truncatingIfNeeded: stream >> 8), UInt8(truncatingIfNeeded: stream),
                          UInt8(truncatingIfNeeded: index >> 8), UInt8(truncatingIfNeeded: index)]
            }
        }
        let data = try Flate.deflate(table)
        let start = position
        file.int(number); file.raw(" 0 obj\n<</Type/XRef/Size "); file.int(entries.count)
        file.raw("/W[1 4 2]/Root "); file.reference(root)
        if let info { file.raw("/Info "); file.reference(info) }
        file.raw("/ID["); file.string(id); file.string(id); file.raw("]")
        file.raw("/Filter/FlateDecode/Length "); file.int(data.count); file.raw(">>\nstream\n")
        file.append(bytes: data)
        file.raw("\nendstream\nendobj\nstartxref\n"); file.int(start); file.raw("\n%%EOF\n")
        if sink != nil {
            send(atLeast: 0)
            if let sinkError { throw sinkError }
            return []
        }
        return file.bytes
    }
}

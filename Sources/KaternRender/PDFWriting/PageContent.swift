import Foundation
import KaternLayout
import KaternStyle
import KaternText

/// One page of the page model written as a PDF content stream, tagged as its part of the
/// structure plan: the artifacts first in one `/Artifact` sequence (with the crop marks of print
/// production), then each planned piece of marked content in its element's tag, numbered 0, 1,
/// 2 ... (the MCIDs the plan counts). Text is shown glyph by glyph as the page model placed it
/// (codes are glyph ids), with an `/ActualText` where the fonts' Unicode maps do not spell a
/// cluster's text. Needs no shaper, no Cairo and no lock: pages are written in parallel.
struct PageContent {
    /// The content stream, uncompressed.
    var data: [UInt8] = []
    /// The faces (indices into `GlyphTexts.faces`) and images (indices into the document's
    /// image list) the page uses: its resources `/F<n>` and `/I<n>`.
    var fonts = Set<Int>()
    var images = Set<Int>()
    /// The glyphs the page shows, per face, each once (what its stream depends on in the
    /// fonts' Unicode maps).
    var glyphs: [Int: [UInt32]] = [:]
    private var seen: [Int: [UInt64]] = [:]

    struct Context: Sendable {
        let texts: GlyphTexts
        let widths: [FontProgram]
        /// The image list's index of each image item's pixels (by `ImagePainter.key`).
        let imageIndex: [String: Int]
        /// How the image painter draws SVG images as pixels (part of an image's key).
        let svgResolution: Double?
        /// Where the trimmed page's top-left corner lies on the sheet, and the sheet's height.
        let offset: Double
        let sheetHeight: Double
        let cropMarks: (bleed: Double, width: Double, height: Double)?
    }

    private var out = PDFSyntax(renumber: [], capacity: 16384)
    private var fill: Color?
    /// The character spacing (`Tc`, in points) in force.
    private var spacing = 0.0

    /// A page's stream written before (`PageCache`).
    init(data: [UInt8]) { self.data = data }

    init(_ page: Page, tags: StructurePlan.PageTags, types: [String], context: Context) {
        let c = context
        if !tags.artifacts.isEmpty || c.cropMarks != nil {
            out.raw("/Artifact BMC\n")
            if let marks = c.cropMarks { cropMarks(marks, context: c) }
            for index in tags.artifacts { draw(page.items[index], bytes: nil, context: c) }
            endText()
            out.raw("EMC\n")
        }
        // Pieces of text follow one another in one text object (a word hyphenated over two
        // lines is two pieces: some readers of the text join across a text object's end
        // wrongly); a piece with a box or an image is drawn outside any.
        for (mcid, piece) in tags.pieces.enumerated() {
            let onlyText = piece.parts.allSatisfy { if case .line = page.items[$0.item] { return true } else { return false } }
            if onlyText { beginText() } else { endText() }
            out.name(StructurePlan.contentTag(types[piece.element])); out.raw("<</MCID "); out.int(mcid); out.raw(">>BDC\n")
            for part in piece.parts { draw(page.items[part.item], bytes: part.bytes, context: c) }
            if !onlyText { endText() }
            out.raw("EMC\n")
        }
        endText()
        data = out.bytes
    }

    /// Inside a text object (`BT` ... `ET`).
    private var inText = false

    private mutating func beginText() {
        guard !inText else { return }
        out.raw("BT\n")
        inText = true
    }

    private mutating func endText() {
        guard inText else { return }
        out.raw("ET\n")
        inText = false
    }

    private mutating func setFill(_ color: Color) {
        guard fill != color else { return }
        fill = color
        out.decimal(color.red); out.raw(" "); out.decimal(color.green); out.raw(" "); out.decimal(color.blue); out.raw(" rg\n")
    }

    private mutating func draw(_ item: PageItem, bytes: Range<Int>?, context c: Context) {
        switch item {
        case .box(let box):
            endText()
            setFill(box.color)
            let r = box.rect
            out.decimal(c.offset + r.x.points); out.raw(" "); out.decimal(c.sheetHeight - c.offset - r.y.points - r.height.points); out.raw(" ")
            out.decimal(r.width.points); out.raw(" "); out.decimal(r.height.points); out.raw(" re f\n")
        case .image(let image) where image.image.format == .qr:
            // A QR code: its dark modules as filled squares, row runs joined (vectors, any size).
            guard let matrix = image.image.qr else { return }
            endText()
            setFill(image.image.qrColor ?? .black)
            let r = image.rect
            let module = r.width.points / Double(matrix.size + 2 * QRMatrix.quietZone)
            let x0 = c.offset + r.x.points + module * Double(QRMatrix.quietZone)
            let top = c.sheetHeight - c.offset - r.y.points - module * Double(QRMatrix.quietZone)
            for row in 0..<matrix.size {
                for run in matrix.runs(row: row) {
                    out.decimal(x0 + Double(run.column) * module); out.raw(" "); out.decimal(top - Double(row + 1) * module); out.raw(" ")
                    out.decimal(Double(run.length) * module); out.raw(" "); out.decimal(module); out.raw(" re\n")
                }
            }
            out.raw("f\n")
        case .image(let image):
            guard let index = c.imageIndex[ImagePainter.key(image, svgResolution: c.svgResolution)] else { return }
            images.insert(index)
            endText()
            let r = image.rect
            out.raw("q "); out.decimal(r.width.points); out.raw(" 0 0 "); out.decimal(r.height.points); out.raw(" ")
            out.decimal(c.offset + r.x.points); out.raw(" "); out.decimal(c.sheetHeight - c.offset - r.y.points - r.height.points)
            out.raw(" cm /I"); out.int(index); out.raw(" Do Q\n")
        case .line(let line):
            setFill(line.color)
            text(line, bytes: bytes, context: c)
        }
    }

    /// A line's glyph runs (or the clusters whose first byte lies in the bytes `bytes` of its
    /// text, as `GlyphRun.slice` cuts them).
    private mutating func text(_ line: LineItem, bytes: Range<Int>?, context c: Context) {
        let x0 = c.offset + line.origin.x.points, y0 = c.sheetHeight - c.offset - line.origin.y.points
        var start = 0
        var font = -1, fontSize = 0.0
        for run in line.runs {
            var source = run.text
            let count = source.utf8.count
            defer { start += count }
            guard !run.glyphs.isEmpty, let f = c.texts.index[run.face] else { continue }
            let wanted = bytes.map { ($0.lowerBound - start)..<($0.upperBound - start) } ?? 0..<count
            guard wanted.lowerBound < count, wanted.upperBound > 0 else { continue }
            let program = c.widths[f]
            let size = run.size
            // Letter spacing and the like: the usual gap between a glyph's advance and the next
            // glyph, set once as Tc, so that only the other gaps need a number in the TJ array.
            var gaps: [Double] = []
            gaps.reserveCapacity(run.glyphs.count)
            for g in run.glyphs.indices.dropLast() where run.y(g) == run.y(g + 1) {
                gaps.append(((run.x(g + 1) - run.x(g) - program.width(run.glyphs[g]) * size / 1000) * 1000).rounded() / 1000)
            }
            gaps.sort()
            let usual = gaps.isEmpty ? 0 : gaps[gaps.count / 2]
            var seenHere = seen.removeValue(forKey: f) ?? [UInt64](repeating: 0, count: program.glyphCount / 64 + 1)
            var glyphsHere = glyphs.removeValue(forKey: f) ?? []
            defer { seen[f] = seenHere; glyphs[f] = glyphsHere }
            // The pen as a reader moves it (nil: place the next glyph with Tm), and the baseline.
            var pen: Double?
            var baseline = 0.0
            // Inside a TJ array, and inside a hex string of glyph codes in it.
            var inArray = false, inString = false
            source.withUTF8 { utf8 in
                func close() {
                    if inString { out.byte(0x3E); inString = false }
                    if inArray { out.raw("]TJ\n"); inArray = false }
                }
                GlyphTexts.forEachCluster(of: run, length: utf8.count) { bytes, glyphRange in
                    guard wanted.contains(bytes.lowerBound) || (bytes.isEmpty && wanted.lowerBound <= 0) else { return }
                    beginText()
                    if usual != spacing {
                        close()
                        spacing = usual
                        out.decimal(usual); out.raw(" Tc\n")
                    }
                    if f != font || size != fontSize {
                        close()
                        font = f; fontSize = size
                        fonts.insert(f)
                        out.name(c.texts.names[f]); out.raw(" "); out.decimal(size); out.raw(" Tf\n")
                    }
                    let text = utf8[bytes]
                    let spelled = c.texts.spells(text, face: f, glyphs: run.glyphs[glyphRange])
                    if !spelled {
                        close()
                        out.raw("/Span<</ActualText"); out.text(String(decoding: text, as: UTF8.self)); out.raw(">>BDC\n")
                    }
                    for g in glyphRange {
                        let x = x0 + run.x(g), y = y0 - run.y(g)
                        if pen == nil || y != baseline {
                            close()
                            out.raw("1 0 0 1 "); out.decimal(x); out.raw(" "); out.decimal(y); out.raw(" Tm\n")
                            pen = x; baseline = y
                        }
                        if !inArray { out.byte(0x5B); inArray = true }
                        // Differences under a quarter of a thousandth of an em (0.0025 pt at 10 pt)
                        // are rounding, not spacing: the pen may drift that far, never further.
                        let adjustment = ((pen! - x) * 1000 / size * 1000).rounded() / 1000
                        if abs(adjustment) >= 0.25 {
                            if inString { out.byte(0x3E); inString = false }
                            out.decimal(adjustment)
                            pen! -= adjustment * size / 1000
                        }
                        if !inString { out.byte(0x3C); inString = true }
                        let id = run.glyphs[g]
                        out.hex16(UInt16(truncatingIfNeeded: id))
                        let word = Int(id >> 6), bit = UInt64(1) << (id & 63)
                        if word < seenHere.count, seenHere[word] & bit == 0 {
                            seenHere[word] |= bit
                            glyphsHere.append(id)
                        }
                        pen! += program.width(id) * size / 1000 + spacing
                    }
                    if !spelled {
                        close()
                        out.raw("EMC\n")
                    }
                }
                close()
            }
        }
    }

    /// Crop marks at the trim corners, outside the bleed, in registration black.
    private mutating func cropMarks(_ marks: (bleed: Double, width: Double, height: Double), context c: Context) {
        let gap = marks.bleed + 2, length = Length.mm(6).points
        out.raw("q 0 0 0 RG 0.25 w\n")
        for (x, y) in [(0.0, 0.0), (marks.width, 0.0), (0.0, marks.height), (marks.width, marks.height)] {
            let dx: Double = x == 0 ? -1 : 1, dy: Double = y == 0 ? -1 : 1
            func point(_ px: Double, _ py: Double, _ op: StaticString) {
                out.decimal(c.offset + px); out.raw(" "); out.decimal(c.sheetHeight - c.offset - py); out.raw(" "); out.raw(op); out.raw("\n")
            }
            point(x + dx * gap, y, "m"); point(x + dx * (gap + length), y, "l")
            point(x, y + dy * gap, "m"); point(x, y + dy * (gap + length), "l")
        }
        out.raw("S Q\n")
    }
}

extension PDFSyntax {
    /// A two-byte code as four hex digits (inside a hex string).
    mutating func hex16(_ code: UInt16) {
        func digit(_ value: UInt16) -> UInt8 { value < 10 ? UInt8(value) + 0x30 : UInt8(value) + 0x57 }
        byte(digit(code >> 12)); byte(digit(code >> 8 & 15)); byte(digit(code >> 4 & 15)); byte(digit(code & 15))
    }
}

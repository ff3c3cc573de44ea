/// A font embedded in the PDF as a composite font whose codes are glyph ids (`/Identity-H`):
/// five objects from `base` on: the Type 0 font, its CID font with the drawn glyphs' widths, the
/// font descriptor, the subset font program, and the Unicode map (ToUnicode) that gives each
/// glyph with a text its text.
enum FontObjects {
    static func write(_ program: FontProgram, drawn: Set<UInt32>, texts: [UInt32: [UInt8]], file: [UInt8], base: Int, into out: inout PDFFileWriter) {
        let glyphs = drawn.sorted()
        let name = subsetTag(program.postScriptName, glyphs) + "+" + program.postScriptName

        out.begin(base)
        out.body.raw("<</Type/Font/Subtype/Type0/BaseFont"); out.body.name(name)
        out.body.raw("/Encoding/Identity-H/DescendantFonts["); out.body.reference(base + 1)
        out.body.raw("]/ToUnicode "); out.body.reference(base + 4); out.body.raw(">>")
        out.end()

        out.begin(base + 1)
        out.body.raw(program.isCFF ? "<</Type/Font/Subtype/CIDFontType0/BaseFont" : "<</Type/Font/Subtype/CIDFontType2/BaseFont"); out.body.name(name)
        out.body.raw("/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor "); out.body.reference(base + 2)
        if !program.isCFF { out.body.raw("/CIDToGIDMap/Identity") }
        // The widths, consecutive glyphs in one array: `first [w w w]`.
        out.body.raw("/W[")
        var index = 0
        while index < glyphs.count {
            var end = index + 1
            while end < glyphs.count, glyphs[end] == glyphs[end - 1] + 1 { end += 1 }
            if index > 0 { out.body.raw(" ") }
            out.body.int(Int(glyphs[index])); out.body.raw("[")
            for n in index..<end {
                if n > index { out.body.raw(" ") }
                out.body.decimal(program.width(glyphs[n]))
            }
            out.body.raw("]")
            index = end
        }
        out.body.raw("]>>")
        out.end()

        out.begin(base + 2)
        let italic = program.italicAngle != 0
        out.body.raw("<</Type/FontDescriptor/FontName"); out.body.name(name)
        // Symbolic (the glyphs are not a standard Latin set), italic when the font slants.
        out.body.raw("/Flags "); out.body.int(italic ? 4 | 64 : 4)
        out.body.raw("/FontBBox"); out.body.rectangle(program.boundingBox[0], program.boundingBox[1], program.boundingBox[2], program.boundingBox[3])
        out.body.raw("/ItalicAngle "); out.body.decimal(program.italicAngle)
        out.body.raw("/Ascent "); out.body.decimal(program.ascent)
        out.body.raw("/Descent "); out.body.decimal(program.descent)
        out.body.raw("/CapHeight "); out.body.decimal(program.capHeight)
        out.body.raw("/StemV 80")
        out.body.raw(program.isCFF ? "/FontFile3 " : "/FontFile2 "); out.body.reference(base + 3)
        out.body.raw(">>")
        out.end()

        var entries: [(String, PDFValue)] = [("Filter", .name("FlateDecode"))]
        if program.isCFF { entries.append(("Subtype", .name("OpenType"))) }
        out.stream(base + 3, dictionary: PDFDictionary(entries: entries), data: file)

        let map = unicodeMap(glyphs: texts.keys.sorted(), texts: texts)
        out.stream(base + 4, dictionary: PDFDictionary(entries: [("Filter", .name("FlateDecode"))]), data: (try? Flate.deflate(map)) ?? [])
    }

    /// The ToUnicode CMap: each glyph id to its text in UTF-16BE, a hundred to a block.
    static func unicodeMap(glyphs: [UInt32], texts: [UInt32: [UInt8]]) -> [UInt8] {
        var out = PDFSyntax(renumber: [], capacity: 64 + glyphs.count * 20)
        out.raw("""
        /CIDInit /ProcSet findresource begin
        12 dict begin
        begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        /CMapName /Adobe-Identity-UCS def
        /CMapType 2 def
        1 begincodespacerange
        <0000> <ffff>
        endcodespacerange

        """)
        var start = 0
        while start < glyphs.count {
            let end = min(glyphs.count, start + 100)
            out.int(end - start); out.raw(" beginbfchar\n")
            for glyph in glyphs[start..<end] {
                out.raw("<"); out.hex16(UInt16(truncatingIfNeeded: glyph)); out.raw("> <")
                for unit in String(decoding: texts[glyph] ?? [], as: UTF8.self).utf16 { out.hex16(unit) }
                out.raw(">\n")
            }
            out.raw("endbfchar\n")
            start = end
        }
        out.raw("""
        endcmap
        CMapName currentdict /CMap defineresource pop
        end
        end

        """)
        return out.bytes
    }

    /// Six capital letters that name the subset (the same glyphs of the same font, the same tag).
    static func subsetTag(_ font: String, _ glyphs: [UInt32]) -> String {
        var hash = fnv1a(Array(font.utf8) + glyphs.flatMap { [UInt8(glyph: $0, shift: 0), UInt8(glyph: $0, shift: 8)] })
        var tag = ""
        for _ in 0..<6 {
            tag.unicodeScalars.append(Unicode.Scalar(UInt8(65 + hash % 26)))
            hash /= 26
        }
        return tag
    }
}

/// FNV-1a, 64 bits: a stable hash of bytes (the same in every process, unlike `Hasher`), for
/// names written into the PDF.
func fnv1a<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
    return hash
}

private extension UInt8 {
    init(glyph: UInt32, shift: UInt32) { self.init(truncatingIfNeeded: glyph >> shift) }
}

import CHarfBuzz
import Foundation
import KaternDocument
import KaternText

/// A font file as the PDF writer needs it, read with HarfBuzz: its PostScript name, metrics for
/// the font descriptor, glyph advances for the widths, and subsets of it to embed. Read once per
/// face and process (`FontProgram.load`), shared by every render and thread: HarfBuzz's faces
/// are immutable and thread-safe once made.
final class FontProgram: @unchecked Sendable {
    let face: FontFace
    private let hbFace: OpaquePointer
    private let hbFont: OpaquePointer
    let unitsPerEm: Double
    let postScriptName: String
    /// The font program holds PostScript outlines (`CFF `): embedded as CIDFontType0.
    let isCFF: Bool
    let ascent: Double, descent: Double, capHeight: Double
    let italicAngle: Double
    /// xMin, yMin, xMax, yMax in the PDF's glyph space (thousandths of an em).
    let boundingBox: [Double]
    let glyphCount: Int

    /// The character the font's map gives each glyph (the lowest, when several share a glyph).
    private let characters: [UInt32: Unicode.Scalar]

    /// The character the font's own map draws with `glyph`, if any.
    func character(of glyph: UInt32) -> Unicode.Scalar? { characters[glyph] }

    /// Subsets made so far, compressed, by glyph set (the same glyphs give the same bytes:
    /// editions and rebuilds share them). A few are kept: a watching process makes many.
    private var subsets: [[UInt32]: [UInt8]] = [:]
    private static let keptSubsets = 16
    private let lock = NSLock()

    private init?(face: FontFace) {
        guard let blob = hb_blob_create_from_file_or_fail(face.file) else { return nil }
        defer { hb_blob_destroy(blob) }
        guard hb_face_count(blob) > UInt32(face.index) else { return nil }
        let hbFace = hb_face_create(blob, UInt32(face.index))!
        let glyphs = Int(hb_face_get_glyph_count(hbFace))
        guard glyphs > 0 else { hb_face_destroy(hbFace); return nil }
        self.face = face
        self.hbFace = hbFace
        glyphCount = glyphs
        let upem = Double(hb_face_get_upem(hbFace))
        unitsPerEm = upem
        let hbFont = hb_font_create(hbFace)!
        hb_font_set_scale(hbFont, Int32(upem), Int32(upem))
        hb_font_make_immutable(hbFont)
        self.hbFont = hbFont
        var advances = [hb_position_t](repeating: 0, count: glyphs)
        var ids = (0..<UInt32(glyphs)).map { $0 }
        hb_font_get_glyph_h_advances(hbFont, UInt32(glyphs), &ids, UInt32(MemoryLayout<UInt32>.stride), &advances, UInt32(MemoryLayout<hb_position_t>.stride))
        widths = advances.map { (Double($0) * 1000 / upem * 1000).rounded() / 1000 }
        var characters: [UInt32: Unicode.Scalar] = [:]
        let unicodes = hb_set_create()
        hb_face_collect_unicodes(hbFace, unicodes)
        var codepoint = hb_codepoint_t.max  // HB_SET_VALUE_INVALID: start before the first
        while hb_set_next(unicodes, &codepoint) != 0 {
            var glyph: hb_codepoint_t = 0
            if hb_font_get_nominal_glyph(hbFont, codepoint, &glyph) != 0, characters[glyph] == nil, let scalar = Unicode.Scalar(codepoint) {
                characters[glyph] = scalar
            }
        }
        hb_set_destroy(unicodes)
        self.characters = characters
        let scale = 1000 / upem
        func metric(_ tag: hb_ot_metrics_tag_t, _ fallback: Double) -> Double {
            var value: hb_position_t = 0
            return hb_ot_metrics_get_position(hbFont, tag, &value) != 0 ? Double(value) * scale : fallback
        }
        ascent = metric(HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, 800)
        descent = metric(HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, -200)
        capHeight = metric(HB_OT_METRICS_TAG_CAP_HEIGHT, ascent)
        let head = Self.table(hbFace, "head")
        if head.count >= 54 {
            func int16(_ at: Int) -> Double { Double(Int16(bitPattern: UInt16(head[at]) << 8 | UInt16(head[at + 1]))) * scale }
            boundingBox = [int16(36), int16(38), int16(40), int16(42)]
        } else {
            boundingBox = [0, descent, 1000, ascent]
        }
        let post = Self.table(hbFace, "post")
        if post.count >= 8 {
            let fixed = Int32(bitPattern: UInt32(post[4]) << 24 | UInt32(post[5]) << 16 | UInt32(post[6]) << 8 | UInt32(post[7]))
            italicAngle = Double(fixed) / 65536
        } else {
            italicAngle = 0
        }
        isCFF = !Self.table(hbFace, "CFF ").isEmpty
        var length: UInt32 = 128
        var buffer = [CChar](repeating: 0, count: 129)
        hb_ot_name_get_utf8(hbFace, hb_ot_name_id_t(HB_OT_NAME_ID_POSTSCRIPT_NAME), nil, &length, &buffer)
        var name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).filter { $0.isASCII && $0 != " " && !"()<>[]{}/%#".contains($0) }
        if name.isEmpty { name = URL(fileURLWithPath: face.file).deletingPathExtension().lastPathComponent.filter { $0.isASCII && $0.isLetter } }
        postScriptName = name.isEmpty ? "Font" : name
    }

    deinit {
        hb_font_destroy(hbFont)
        hb_face_destroy(hbFace)
    }

    private static func table(_ face: OpaquePointer, _ tag: String) -> [UInt8] {
        let t = tag.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let blob = hb_face_reference_table(face, t)
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(blob, &length), length > 0 else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
    }

    /// A glyph's advance in thousandths of an em, rounded to thousandths as the PDF writes it.
    func width(_ glyph: UInt32) -> Double {
        Int(glyph) < widths.count ? widths[Int(glyph)] : 0
    }

    /// Every glyph's advance in thousandths of an em, rounded to thousandths.
    private let widths: [Double]

    /// The font program cut down to `glyphs` (sorted), glyph ids kept (so the content's codes
    /// are the glyph ids, `/CIDToGIDMap /Identity`); layout, hinting-only and Graphite tables
    /// left out. Nil when HarfBuzz cannot subset the font.
    func compressedSubset(_ glyphs: [UInt32]) -> [UInt8]? {
        lock.lock()
        if let known = subsets[glyphs] { lock.unlock(); return known }
        lock.unlock()
        guard let subset = subset(glyphs), let compressed = try? Flate.deflate(subset) else { return nil }
        lock.lock()
        if subsets.count >= Self.keptSubsets { subsets.removeAll() }
        subsets[glyphs] = compressed
        lock.unlock()
        return compressed
    }

    private func subset(_ glyphs: [UInt32]) -> [UInt8]? {
        guard let input = hb_subset_input_create_or_fail() else { return nil }
        defer { hb_subset_input_destroy(input) }
        let set = hb_subset_input_glyph_set(input)
        hb_set_add(set, 0)
        for glyph in glyphs { hb_set_add(set, glyph) }
        let drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG)
        for tag in ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "mort", "kerx", "feat", "DSIG", "hdmx", "VDMX",
                    "LTSH", "Silf", "Sill", "Glat", "Gloc", "Feat", "vhea", "vmtx", "COLR", "CPAL", "SVG ", "sbix", "CBDT", "CBLC", "EBDT", "EBLC"] {
            hb_set_add(drop, tag.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        }
        hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS.rawValue | HB_SUBSET_FLAGS_NOTDEF_OUTLINE.rawValue)
        guard let subset = hb_subset_or_fail(hbFace, input) else { return nil }
        defer { hb_face_destroy(subset) }
        let blob = hb_face_reference_blob(subset)
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(blob, &length), length > 0 else { return nil }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
    }

    /// Fonts read so far in this process, by face.
    nonisolated(unsafe) private static var loaded: [FontFace: FontProgram] = [:]
    private static let loadedLock = NSLock()

    /// The program of `face`, read once per process; an error names the file when it cannot be
    /// read (it was read when the text was shaped, so this means it changed since).
    static func load(_ face: FontFace) throws -> FontProgram {
        loadedLock.lock()
        defer { loadedLock.unlock() }
        if let known = loaded[face] { return known }
        guard let program = FontProgram(face: face) else {
            throw RenderError.cannotWrite(SourceLocation(file: face.file), "the font file cannot be read any more; did it change during the build?")
        }
        loaded[face] = program
        return program
    }
}

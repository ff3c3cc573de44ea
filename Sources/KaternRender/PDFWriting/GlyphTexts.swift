import Foundation
import KaternLayout
import KaternText

/// What each glyph of the document stands for in its text: the fonts' Unicode maps (ToUnicode),
/// made from the clusters of every glyph run before any page is written. A glyph gets the text
/// of its first one-glyph cluster (a ligature its letters, "fi"); a glyph seen only inside a
/// cluster of several glyphs (a base letter and a mark) gets that cluster's text. Where a
/// cluster's glyphs do not spell its text in the maps (a no-break space drawn with the space's
/// glyph is taken as the space), the page marks it with its `/ActualText`.
struct GlyphTexts: Sendable {
    /// The faces in the order the document first uses them (`/F0`, `/F1` ...).
    private(set) var faces: [FontFace] = []
    private(set) var index: [FontFace: Int] = [:]
    /// Per face: each glyph's text (UTF-8).
    private(set) var texts: [[UInt32: [UInt8]]] = []
    /// Each face's resource name on the pages (`/F…`): from the font file's name and the face's
    /// index, so that a page written for one document is right in another (`PageCache`).
    private(set) var names: [String] = []
    /// The same, by glyph id, for the pages' lookups.
    private var byGlyph: [[[UInt8]?]] = []

    init(_ document: PagedDocument) {
        var fallback: [[UInt32: [UInt8]]] = []
        for page in document.pages {
            for case .line(let line) in page.items {
                for run in line.runs where !run.glyphs.isEmpty {
                    let f: Int
                    if let known = index[run.face] { f = known } else {
                        f = faces.count
                        index[run.face] = f
                        faces.append(run.face)
                        texts.append([:])
                        fallback.append([:])
                    }
                    var source = run.text
                    source.withUTF8 { utf8 in
                        var byte = 0, glyph = 0
                        for (bytes, count) in zip(run.clusterBytes, run.clusterGlyphs) {
                            defer { byte += bytes; glyph += count }
                            guard count > 0, bytes > 0, byte + bytes <= utf8.count, glyph + count <= run.glyphs.count else { continue }
                            let text = utf8[byte..<(byte + bytes)]
                            let first = run.glyphs[glyph]
                            if count == 1 {
                                if let known = texts[f][first] {
                                    // The plain form wins over a compatibility form (a space over a no-break space).
                                    if !known.elementsEqual(text), Self.compatible(known, text) { texts[f][first] = Array(text) }
                                } else {
                                    texts[f][first] = Array(text)
                                }
                            } else {
                                for g in run.glyphs[glyph..<(glyph + count)] where fallback[f][g] == nil { fallback[f][g] = Array(text) }
                            }
                        }
                    }
                }
            }
        }
        var taken = Set<String>()
        for face in faces {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in (face.file.split(separator: "/").last.map(String.init) ?? face.file).utf8 + [0x23] + String(face.index).utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
            }
            var name = "F" + String(hash, radix: 36)
            while !taken.insert(name).inserted { name += "x" }
            names.append(name)
        }
        for f in texts.indices {
            for (glyph, text) in fallback[f] where texts[f][glyph] == nil { texts[f][glyph] = text }
            var table = [[UInt8]?](repeating: nil, count: Int(texts[f].keys.max() ?? 0) + 1)
            for (glyph, text) in texts[f] { table[Int(glyph)] = text }
            byGlyph.append(table)
        }
    }

    /// Whether `plain` is the compatibility form of `other` (a space for a no-break space).
    static func compatible<C: Collection>(_ other: [UInt8], _ plain: C) -> Bool where C.Element == UInt8 {
        let text = String(decoding: other, as: UTF8.self)
        let folded = text.precomposedStringWithCompatibilityMapping
        return folded != text && folded.utf8.elementsEqual(plain)
    }

    /// The text the map of face `face` gives `glyph`.
    func text(of glyph: UInt32, face: Int) -> [UInt8]? {
        let map = byGlyph[face]
        return Int(glyph) < map.count ? map[Int(glyph)] : nil
    }

    /// Whether the maps give `text` for `glyphs` (a cluster).
    func spells(_ text: Slice<UnsafeBufferPointer<UInt8>>, face: Int, glyphs: ArraySlice<UInt32>) -> Bool {
        let map = byGlyph[face]
        func known(_ glyph: UInt32) -> [UInt8]? { Int(glyph) < map.count ? map[Int(glyph)] : nil }
        if glyphs.count == 1 {
            guard let known = known(glyphs[glyphs.startIndex]) else { return false }
            return known.elementsEqual(text) || (text.contains { $0 >= 0x80 } && Self.compatible(Array(text), known))
        }
        var offset = text.startIndex
        for glyph in glyphs {
            guard let known = known(glyph), offset + known.count <= text.endIndex,
                  text[offset..<(offset + known.count)].elementsEqual(known) else { return false }
            offset += known.count
        }
        return offset == text.endIndex
    }
}

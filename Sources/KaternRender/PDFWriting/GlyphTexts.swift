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
    /// Per face: every glyph the pages draw (those with no text of their own too), for the
    /// embedded subset and the widths.
    private(set) var drawn: [Set<UInt32>] = []
    /// The same, by glyph id, for the pages' lookups.
    private var byGlyph: [[[UInt8]?]] = []

    /// `character`: the character a face's own map draws with a glyph, if any; a glyph seen only
    /// inside a cluster of several glyphs gets it when the cluster's text holds it (each letter
    /// of a right-to-left word its own), else the cluster's text.
    init(_ document: PagedDocument, character: (FontFace, UInt32) -> Unicode.Scalar? = { _, _ in nil }) {
        // Per face, by glyph id: the text so far, and whether the glyph is drawn (most clusters
        // are a glyph already known with the same text: they cost a comparison, no allocation).
        var tables: [[[UInt8]?]] = []
        var drawnBits: [[UInt64]] = []
        var fallback: [[UInt32: [UInt8]]] = []
        for page in document.pages {
            for case .line(let line) in page.items {
                for run in line.runs where !run.glyphs.isEmpty {
                    let f: Int
                    if let known = index[run.face] { f = known } else {
                        f = faces.count
                        index[run.face] = f
                        faces.append(run.face)
                        tables.append([])
                        drawnBits.append([])
                        fallback.append([:])
                    }
                    if let highest = run.glyphs.max() {
                        let needed = Int(highest) + 1
                        if tables[f].count < needed { tables[f] += [[UInt8]?](repeating: nil, count: needed - tables[f].count) }
                        if drawnBits[f].count * 64 < needed { drawnBits[f] += [UInt64](repeating: 0, count: needed / 64 + 1 - drawnBits[f].count) }
                    }
                    var source = run.text
                    source.withUTF8 { utf8 in
                        Self.forEachCluster(of: run, length: utf8.count) { bytes, glyphs in
                            for g in run.glyphs[glyphs] { drawnBits[f][Int(g) >> 6] |= 1 << UInt64(g & 63) }
                            guard !bytes.isEmpty else { return }
                            let first = run.glyphs[glyphs.lowerBound]
                            if glyphs.count == 1 {
                                if let known = tables[f][Int(first)] {
                                    if known.elementsEqual(utf8[bytes]) { return }
                                    let text = Self.letters(utf8[bytes]) ?? Array(utf8[bytes])
                                    // The plain form wins over a compatibility form (a space over a no-break space).
                                    if known != text, Self.compatible(known, text) { tables[f][Int(first)] = text }
                                } else {
                                    tables[f][Int(first)] = Self.letters(utf8[bytes]) ?? Array(utf8[bytes])
                                }
                            } else {
                                let text = Self.letters(utf8[bytes]) ?? Array(utf8[bytes])
                                for g in run.glyphs[glyphs] where fallback[f][g] == nil { fallback[f][g] = text }
                            }
                        }
                    }
                }
            }
        }
        for f in faces.indices {
            var map: [UInt32: [UInt8]] = [:]
            for (glyph, text) in tables[f].enumerated() { if let text { map[UInt32(glyph)] = text } }
            texts.append(map)
            var glyphs = Set<UInt32>()
            for (word, bits) in drawnBits[f].enumerated() where bits != 0 {
                for bit in 0..<64 where bits & (1 << UInt64(bit)) != 0 { glyphs.insert(UInt32(word * 64 + bit)) }
            }
            drawn.append(glyphs)
        }
        var taken = Set<String>()
        for face in faces {
            let file = face.file.split(separator: "/").last.map(String.init) ?? face.file
            var name = "F" + String(fnv1a(Array((file + "#" + String(face.index)).utf8)), radix: 36)
            while !taken.insert(name).inserted { name += "x" }
            names.append(name)
        }
        for f in texts.indices {
            for (glyph, text) in fallback[f] where texts[f][glyph] == nil {
                // The font's character, or the letter whose contextual form it is (an Arabic
                // letter's initial form is mapped from U+FExx), when the cluster holds it.
                let letters = String(decoding: text, as: UTF8.self).unicodeScalars
                let mapped = character(faces[f], glyph).map { String($0) }
                if let mapped, let letter = [mapped, mapped.precomposedStringWithCompatibilityMapping].first(where: {
                    $0.unicodeScalars.count == 1 && letters.contains($0.unicodeScalars.first!)
                }) {
                    texts[f][glyph] = Array(letter.utf8)
                } else {
                    texts[f][glyph] = text
                }
            }
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
        if let letters = Self.letters(text) { return letters.withUnsafeBufferPointer { spells($0[...], face: face, glyphs: glyphs) } }
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

    /// A run's clusters as the PDF shows them, in glyph order: the bytes of the text and the
    /// glyphs of each. A cluster with glyphs but no text of its own (the other glyphs of a
    /// right-to-left word, whose text one glyph carries) joins the next cluster with text, as
    /// `GlyphRun.slice` places it, or at the run's end the one before; characters without a glyph
    /// (a word joiner) are left out. `length`: the text's length in bytes.
    static func forEachCluster(of run: GlyphRun, length: Int, _ body: (Range<Int>, Range<Int>) -> Void) {
        var byte = 0, glyph = 0
        var pending: Int?
        var held: (bytes: Range<Int>, glyphs: Range<Int>)?
        for (bytes, count) in run.clusters {
            defer { byte += bytes; glyph += count }
            guard count > 0, glyph + count <= run.glyphs.count, byte + bytes <= length else { continue }
            if bytes == 0 {
                if pending == nil { pending = glyph }
                continue
            }
            if let done = held { body(done.bytes, done.glyphs) }
            held = (byte..<(byte + bytes), (pending ?? glyph)..<(glyph + count))
            pending = nil
        }
        if let start = pending {
            let end = min(glyph, run.glyphs.count)
            if let done = held { held = (done.bytes, done.glyphs.lowerBound..<end) } else { held = (byte..<byte, start..<end) }
        }
        if let done = held { body(done.bytes, done.glyphs) }
    }

    /// The letters of Unicode's ligature presentation forms (U+FB00 "ﬀ" ... U+FB06 "ﬆ") in
    /// `text`, spelled out (the fonts' maps give a ligature's letters, never a presentation
    /// form), or nil when there is none.
    static func letters<C: Collection>(_ text: C) -> [UInt8]? where C.Element == UInt8 {
        // U+FB00 ... U+FB06 are EF AC 80 ... EF AC 86 in UTF-8.
        guard text.contains(0xEF) else { return nil }
        let string = String(decoding: text, as: UTF8.self)
        var out = ""
        var changed = false
        for scalar in string.unicodeScalars {
            if let form = presentationForms[scalar] { out += form; changed = true } else { out.unicodeScalars.append(scalar) }
        }
        return changed ? Array(out.utf8) : nil
    }

    /// Unicode's ligature presentation forms and their letters (`FontRegistry`'s table, turned round).
    static let presentationForms = Dictionary(uniqueKeysWithValues: FontRegistry.presentationForms.map { ($0.value, $0.key) })
}

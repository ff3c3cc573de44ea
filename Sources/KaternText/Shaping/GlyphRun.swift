/// A font face as a file, as the renderer loads it (with FreeType, no fontconfig): the file and
/// the face's index in it.
public struct FontFace: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var index: Int

    public init(file: String, index: Int = 0) {
        self.file = file
        self.index = index
    }

    public var description: String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return index == 0 ? name : "\(name)#\(index)"
    }
}

/// Glyphs of one face at one size, placed along a line: what a line draws, as a plain value
/// that needs no shaper to be drawn (Typst's `TextItem`). Positions are in points from the
/// line's origin (its baseline's left end); `text` is what the glyphs show (without soft
/// hyphens), and the clusters map it to the glyphs, for the PDF's text (ToUnicode) and links.
public struct GlyphRun: Sendable, Equatable {
    public var face: FontFace
    /// The font size (an em), in points.
    public var size: Double
    public var glyphs: [UInt32]
    /// Each glyph's x from the line's origin, and its y offset from the baseline (down positive).
    public var xs: [Double]
    public var ys: [Double]
    /// The x where the run ends (after its last glyph's advance).
    public var end: Double
    public var text: String
    /// Clusters in text order: how many UTF-8 bytes of `text` and how many glyphs each covers.
    public var clusterBytes: [Int]
    public var clusterGlyphs: [Int]
    /// The run is the hyphen drawn at a hyphenation break (not part of the source text).
    public var isHyphen = false

    public init(face: FontFace, size: Double, glyphs: [UInt32], xs: [Double], ys: [Double], end: Double, text: String,
                clusterBytes: [Int], clusterGlyphs: [Int]) {
        self.face = face
        self.size = size
        self.glyphs = glyphs
        self.xs = xs
        self.ys = ys
        self.end = end
        self.text = text
        self.clusterBytes = clusterBytes
        self.clusterGlyphs = clusterGlyphs
    }

    /// The run moved right by `dx`.
    public func shifted(by dx: Double) -> GlyphRun {
        var run = self
        run.xs = xs.map { $0 + dx }
        run.end += dx
        return run
    }

    /// The part of the run that shows the UTF-8 bytes `range` of its text, widened to whole
    /// clusters (a ligature is never cut), or nil when no glyph falls in it. Clusters run in
    /// glyph order (left-to-right text).
    public func slice(bytes range: Range<Int>) -> GlyphRun? {
        var byte = 0, glyph = 0
        var firstGlyph: Int?, lastGlyph = 0, firstByte = 0, lastByte = 0
        var bytes: [Int] = [], counts: [Int] = []
        for (b, g) in zip(clusterBytes, clusterGlyphs) {
            let clusterRange = byte..<(byte + b)
            // A cluster belongs to the slice when its first byte does (an empty cluster: its place).
            if range.contains(clusterRange.lowerBound) || (b == 0 && clusterRange.lowerBound == range.upperBound && range.isEmpty) {
                if firstGlyph == nil { firstGlyph = glyph; firstByte = byte }
                lastGlyph = glyph + g
                lastByte = byte + b
                bytes.append(b)
                counts.append(g)
            }
            byte += b
            glyph += g
        }
        guard let start = firstGlyph, lastGlyph > start else { return nil }
        let utf8 = Array(text.utf8)
        var run = self
        run.glyphs = Array(glyphs[start..<lastGlyph])
        run.xs = Array(xs[start..<lastGlyph])
        run.ys = Array(ys[start..<lastGlyph])
        run.end = lastGlyph < xs.count ? xs[lastGlyph] : end
        run.text = String(decoding: utf8[firstByte..<lastByte], as: UTF8.self)
        run.clusterBytes = bytes
        run.clusterGlyphs = counts
        return run
    }

    /// Adds a word space after the run's last glyph: a glyph of its own, without ink, so that
    /// the text has the space the line broke at.
    mutating func appendSpace(glyph: UInt32) {
        glyphs.append(glyph)
        xs.append(end)
        ys.append(0)
        text += " "
        clusterBytes.append(1)
        clusterGlyphs.append(1)
    }

    /// A line of text for dumps: the face, size and glyph ids.
    public var dumpLine: String {
        "\(face) \(size)pt [\(glyphs.map(String.init).joined(separator: " "))] \"\(text)\""
    }
}

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

    /// A line of text for dumps: the face, size and glyph ids.
    public var dumpLine: String {
        "\(face) \(size)pt [\(glyphs.map(String.init).joined(separator: " "))] \"\(text)\""
    }
}

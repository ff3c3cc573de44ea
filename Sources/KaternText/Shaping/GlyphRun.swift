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
///
/// Stored compactly, as a long booklet holds millions of glyphs: positions in single precision
/// (within a hundred-thousandth of a point on an A5 page, far below what a reader or a printer
/// shows; a number written to the PDF to a thousandth may differ in its last digit from one
/// computed in double precision), y offsets only when a glyph leaves the baseline, the clusters
/// as one packed array. Read them with `x(_:)`, `y(_:)` and `clusters`; `xs`, `ys`,
/// `clusterBytes` and `clusterGlyphs` give them as arrays, and `setClusters` replaces them.
public struct GlyphRun: Sendable, Equatable {
    public var face: FontFace
    /// The font size (an em), in points.
    public var size: Double
    public var glyphs: [UInt32]
    /// Each glyph's x from the line's origin.
    private var positions: [Float]
    /// Each glyph's y offset from the baseline (down positive); empty when all are 0.
    private var offsets: [Float]
    /// The x where the run ends (after its last glyph's advance).
    public var end: Double
    public var text: String
    /// Clusters in text order, two numbers each: how many UTF-8 bytes of `text` and how many
    /// glyphs the cluster covers.
    private var packed: [UInt32]
    /// The run is the hyphen drawn at a hyphenation break (not part of the source text).
    public var isHyphen = false

    public init(face: FontFace, size: Double, glyphs: [UInt32], xs: [Double], ys: [Double], end: Double, text: String,
                clusterBytes: [Int], clusterGlyphs: [Int]) {
        self.face = face
        self.size = size
        self.glyphs = glyphs
        self.positions = xs.map { Float($0) }
        self.offsets = ys.allSatisfy { $0 == 0 } ? [] : ys.map { Float($0) }
        self.end = end
        self.text = text
        self.packed = Self.pack(clusterBytes, clusterGlyphs)
    }

    /// A run from the shaper's arrays as they are stored (`offsets` empty: all on the baseline;
    /// `clusters`: bytes and glyphs of each cluster, one after the other).
    init(face: FontFace, size: Double, glyphs: [UInt32], positions: [Float], offsets: [Float], end: Double, text: String, clusters: [UInt32]) {
        self.face = face
        self.size = size
        self.glyphs = glyphs
        self.positions = positions
        self.offsets = offsets.allSatisfy { $0 == 0 } ? [] : offsets
        self.end = end
        self.text = text
        self.packed = clusters
    }

    /// Glyph `g`'s x from the line's origin, in points.
    @inline(__always) public func x(_ g: Int) -> Double { Double(positions[g]) }
    /// Glyph `g`'s y offset from the baseline (down positive), in points.
    @inline(__always) public func y(_ g: Int) -> Double { offsets.isEmpty ? 0 : Double(offsets[g]) }

    /// The clusters in text order: the UTF-8 bytes of `text` and the glyphs each covers.
    public var clusters: Clusters { Clusters(packed: packed) }

    public struct Clusters: RandomAccessCollection, Sendable {
        let packed: [UInt32]
        public var startIndex: Int { 0 }
        public var endIndex: Int { packed.count / 2 }
        public subscript(i: Int) -> (bytes: Int, glyphs: Int) { (Int(packed[2 * i]), Int(packed[2 * i + 1])) }
    }

    /// The glyphs' x positions, as an array.
    public var xs: [Double] { positions.map(Double.init) }

    /// The glyphs' y offsets, as an array.
    public var ys: [Double] { offsets.isEmpty ? [Double](repeating: 0, count: glyphs.count) : offsets.map(Double.init) }

    /// Moves each glyph: `x` gives its new x from its index and its x now.
    public mutating func moveGlyphs(_ x: (Int, Double) -> Double) {
        for g in positions.indices { positions[g] = Float(x(g, Double(positions[g]))) }
    }

    /// How many UTF-8 bytes of `text` each cluster covers.
    public var clusterBytes: [Int] { clusters.map(\.bytes) }

    /// How many glyphs each cluster covers.
    public var clusterGlyphs: [Int] { clusters.map(\.glyphs) }

    /// Replaces the clusters: the bytes and the glyphs of each, as many of one as of the other.
    public mutating func setClusters(bytes: [Int], glyphs: [Int]) {
        precondition(bytes.count == glyphs.count, "a cluster has bytes and glyphs: as many of one as of the other")
        packed = Self.pack(bytes, glyphs)
    }

    private static func pack(_ bytes: [Int], _ glyphs: [Int]) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(bytes.count * 2)
        for (b, g) in zip(bytes, glyphs) { result.append(UInt32(clamping: b)); result.append(UInt32(clamping: g)) }
        return result
    }

    /// The run moved right by `dx`.
    public func shifted(by dx: Double) -> GlyphRun {
        var run = self
        let shift = Float(dx)
        run.positions = positions.map { $0 + shift }
        run.end += dx
        return run
    }

    /// The part of the run that shows the UTF-8 bytes `range` of its text, widened to whole
    /// clusters (a ligature is never cut), or nil when no glyph falls in it. Clusters run in
    /// glyph order (left-to-right text).
    public func slice(bytes range: Range<Int>) -> GlyphRun? {
        var byte = 0, glyph = 0
        var firstGlyph: Int?, lastGlyph = 0, firstByte = 0, lastByte = 0
        var kept: [UInt32] = []
        for (b, g) in clusters {
            let clusterRange = byte..<(byte + b)
            // A cluster belongs to the slice when its first byte does (an empty cluster: its place).
            if range.contains(clusterRange.lowerBound) || (b == 0 && clusterRange.lowerBound == range.upperBound && range.isEmpty) {
                if firstGlyph == nil { firstGlyph = glyph; firstByte = byte }
                lastGlyph = glyph + g
                lastByte = byte + b
                kept.append(UInt32(b))
                kept.append(UInt32(g))
            }
            byte += b
            glyph += g
        }
        guard let start = firstGlyph, lastGlyph > start else { return nil }
        let utf8 = Array(text.utf8)
        var run = self
        run.glyphs = Array(glyphs[start..<lastGlyph])
        run.positions = Array(positions[start..<lastGlyph])
        run.offsets = offsets.isEmpty || offsets[start..<lastGlyph].allSatisfy({ $0 == 0 }) ? [] : Array(offsets[start..<lastGlyph])
        run.end = lastGlyph < positions.count ? Double(positions[lastGlyph]) : end
        run.text = String(decoding: utf8[firstByte..<lastByte], as: UTF8.self)
        run.packed = kept
        return run
    }

    /// Adds a word space after the run's last glyph: a glyph of its own, without ink, so that
    /// the text has the space the line broke at.
    mutating func appendSpace(glyph: UInt32) {
        glyphs.append(glyph)
        positions.append(Float(end))
        if !offsets.isEmpty { offsets.append(0) }
        text += " "
        packed.append(1)
        packed.append(1)
    }

    /// A line of text for dumps: the face, size and glyph ids.
    public var dumpLine: String {
        "\(face) \(size)pt [\(glyphs.map(String.init).joined(separator: " "))] \"\(text)\""
    }
}

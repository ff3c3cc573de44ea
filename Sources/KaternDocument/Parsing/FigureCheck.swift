import Foundation

/// The image formats Katern places, told by their first bytes (never by the file name alone).
public enum ImageFormat: String, Sendable, Equatable {
    case png, svg, jpeg

    /// How much of a file's start is read to tell its format and size (a JPEG's size comes after
    /// its EXIF data, which may be up to 64 KB, and the segments around it).
    public static let headBytes = 256 * 1024

    /// The most pixels an image may have (a 50-megapixel photo), so that decoding it cannot take
    /// gigabytes: a PNG's size is read from its header before it is decoded.
    public static let maximumPixels = 50_000_000

    /// A PNG's width and height in pixels, from its header (the IHDR chunk).
    public static func pngSize(_ head: Data) -> (width: Int, height: Int)? {
        guard head.count >= 24, sniff(head) == .png else { return nil }
        let bytes = [UInt8](head.prefix(24))
        func int(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (int(16), int(20))
    }

    /// A baseline or progressive JPEG's size and colour components, from its frame header (SOF);
    /// nil when the head holds none.
    public static func jpegInfo(_ head: Data) -> (width: Int, height: Int, components: Int, progressive: Bool)? {
        let bytes = [UInt8](head)
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var at = 2
        while at + 4 <= bytes.count {
            guard bytes[at] == 0xFF else { return nil }
            let marker = bytes[at + 1]
            if marker == 0xFF { at += 1; continue }  // fill bytes
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { at += 2; continue }
            if marker == 0xD9 || marker == 0xDA { return nil }  // the image's end, or its data, before any frame header
            let length = Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            guard length >= 2 else { return nil }
            // SOF0-SOF15 but DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard at + 10 <= bytes.count else { return nil }
                let height = Int(bytes[at + 5]) << 8 | Int(bytes[at + 6])
                let width = Int(bytes[at + 7]) << 8 | Int(bytes[at + 8])
                return (width, height, Int(bytes[at + 9]), marker == 0xC2)
            }
            at += 2 + length
        }
        return nil
    }

    /// A JPEG that a PDF can hold as it is (DCTDecode): 8-bit, grey or RGB, baseline or
    /// progressive; otherwise what is wrong with it.
    public static func jpegProblem(_ head: Data) -> String? {
        guard let info = jpegInfo(head) else { return "is a JPEG file whose size cannot be read (damaged, or its header is not in the first \(headBytes / 1024) KB)" }
        guard [1, 3].contains(info.components) else {
            return "is a JPEG with \(info.components) colour channels (CMYK?); save it as an RGB JPEG"
        }
        return nil
    }

    /// The most of an image file that is read to check it whole (a JPEG's end, an SVG's text).
    public static let wholeFileLimit = 64 * 1024 * 1024

    /// What is wrong with a whole image file that a build cannot print faithfully, or nil: a
    /// JPEG cut short (no scan, or no end marker: a viewer shows half a photo) or stored
    /// sideways (an EXIF rotation Katern does not apply); an SVG with text (drawn in whatever
    /// fonts the build machine has, not the ones its author chose).
    public static func contentProblem(_ data: Data, format: ImageFormat) -> String? {
        switch format {
        case .jpeg:
            let bytes = [UInt8](data)
            var end = bytes.count
            while end > 0, bytes[end - 1] == 0 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20 { end -= 1 }
            guard end >= 4, bytes[end - 2] == 0xFF, bytes[end - 1] == 0xD9, Self.has(bytes, [0xFF, 0xDA]) else {
                return "is a JPEG file cut short or damaged (its image data does not end as a JPEG does); export it again"
            }
            // However flat a photo, each 8 x 8 block of its pixels takes some bits: a file far
            // smaller than its size says is damaged (or lies about its size).
            if let info = jpegInfo(data), bytes.count < info.width * info.height / (64 * 16) {
                return "is a JPEG file too small for its \(info.width) x \(info.height) pixels: it is damaged; export it again"
            }
            if let orientation = exifOrientation(bytes), orientation != 1 {
                return "is stored sideways or upside down, with an EXIF orientation (\(orientation)) that tells viewers to turn it; Katern prints images as stored: rotate the photo itself and save it upright"
            }
            return nil
        case .svg:
            let text = String(decoding: data, as: UTF8.self)
            for tag in ["<text", "<tspan", "<textPath", ":text", ":tspan"] where text.contains(tag) {
                let at = text.range(of: tag)!.upperBound
                if at == text.endIndex || [" ", ">", "\n", "\t", "\r", "/"].contains(text[at]) {
                    return "holds text (<text>), which would be drawn in whatever fonts the build machine has: convert its text to paths (in Inkscape: Path > Object to Path) and save it again"
                }
            }
            return nil
        case .png:
            return nil
        }
    }

    private static func has(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard bytes.count >= pattern.count else { return false }
        for i in 0...(bytes.count - pattern.count) where bytes[i] == pattern[0] && bytes[i + 1] == pattern[1] { return true }
        return false
    }

    /// A JPEG's EXIF orientation (1 to 8), from its APP1 segment, or nil.
    static func exifOrientation(_ bytes: [UInt8]) -> Int? {
        var at = 2
        while at + 4 <= bytes.count, bytes[at] == 0xFF {
            let marker = bytes[at + 1]
            if marker == 0xDA || marker == 0xD9 { return nil }
            let length = Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            if marker == 0xE1, at + 4 + length <= bytes.count + 2, length > 14,
               Array(bytes[(at + 4)..<(at + 10)]) == [0x45, 0x78, 0x69, 0x66, 0, 0] {
                let tiff = at + 10
                guard tiff + 8 <= bytes.count else { return nil }
                let little = bytes[tiff] == 0x49
                func u16(_ i: Int) -> Int { i + 1 < bytes.count ? (little ? Int(bytes[i]) | Int(bytes[i + 1]) << 8 : Int(bytes[i]) << 8 | Int(bytes[i + 1])) : 0 }
                func u32(_ i: Int) -> Int { u16(little ? i + 2 : i) << 16 | u16(little ? i : i + 2) }
                let ifd = tiff + u32(tiff + 4)
                guard ifd + 2 <= bytes.count else { return nil }
                for entry in 0..<min(u16(ifd), 256) {
                    let e = ifd + 2 + entry * 12
                    guard e + 12 <= bytes.count else { return nil }
                    if u16(e) == 0x0112 { return u16(e + 8) }
                }
                return nil
            }
            at += 2 + length
        }
        return nil
    }

    /// What is wrong with an image of this head that would make it unsafe to decode, or nil.
    public static func tooLarge(_ head: Data) -> String? {
        guard let (width, height) = pngSize(head) ?? jpegInfo(head).map({ ($0.width, $0.height) }) else { return nil }
        if width == 0 || height == 0 { return "has no pixels" }
        if width > 65_535 || height > 65_535 || width * height > maximumPixels {
            return "has \(width) x \(height) pixels; images over \(maximumPixels / 1_000_000) megapixels are refused (make it smaller)"
        }
        return nil
    }

    /// The format a file's name says it has (nil: none Katern places).
    public static func named(_ path: String) -> ImageFormat? {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "png": return .png
        case "jpg", "jpeg": return .jpeg
        case "svg": return .svg
        default: return nil
        }
    }

    /// The format of a file that begins with `head`, or nil when it is none Katern can place.
    public static func sniff(_ head: Data) -> ImageFormat? {
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if let text = String(data: head, encoding: .utf8) ?? String(data: head.prefix(head.count - 3), encoding: .utf8),
           text.contains("<svg") { return .svg }
        return nil
    }
}

/// Checks every figure of a set of blocks (at any depth: in lists and quotes too): the image file
/// must lie inside the sources' root, be a regular file and be a PNG, JPEG or SVG image named for what it is. Each problem
/// is an error at the Markdown line that places the image, at `check` time as at build time.
public struct FigureCheck {
    public let files: ProjectFiles

    public init(files: ProjectFiles) {
        self.files = files
    }

    public func check(_ blocks: [Block]) throws {
        try blocks.forEachBlock { block in
            guard case .figure(let path, _, _) = block.kind else { return }
            let head = try files.head(path, bytes: ImageFormat.headBytes, what: "image", at: block.location)
            guard let format = ImageFormat.sniff(head) else {
                throw DocumentError.content(block.location, "the image \(path) is not a PNG, JPEG or SVG file")
            }
            // The name must say what the file is: a viewer, an editor and Katern must agree.
            let named: ImageFormat? = ImageFormat.named(path)
            if let named, named != format {
                throw DocumentError.content(block.location, "the image \(path) is named .\(URL(fileURLWithPath: path).pathExtension) but is a \(format.rawValue.uppercased()) file; rename it to .\(format == .jpeg ? "jpg" : format.rawValue)")
            }
            if named == nil {
                throw DocumentError.content(block.location, "the image \(path) must be named .png, .jpg, .jpeg or .svg")
            }
            if format == .jpeg, let problem = ImageFormat.jpegProblem(head) {
                throw DocumentError.content(block.location, "the image \(path) \(problem)")
            }
            if format != .png {
                let whole = try files.head(path, bytes: ImageFormat.wholeFileLimit, what: "image", at: block.location)
                if let problem = ImageFormat.contentProblem(whole, format: format) {
                    throw DocumentError.content(block.location, "the image \(path) \(problem)")
                }
            }
            if let problem = ImageFormat.tooLarge(head) {
                throw DocumentError.content(block.location, "the image \(path) \(problem)")
            }
        }
    }
}

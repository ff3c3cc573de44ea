import Foundation

/// The image formats Katern places, told by their first bytes (never by the file name alone).
public enum ImageFormat: String, Sendable, Equatable {
    case png, svg

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

    /// What is wrong with an image of this head that would make it unsafe to decode, or nil.
    public static func tooLarge(_ head: Data) -> String? {
        guard let (width, height) = pngSize(head) else { return nil }
        if width == 0 || height == 0 { return "has no pixels" }
        if width > 65_535 || height > 65_535 || width * height > maximumPixels {
            return "has \(width) x \(height) pixels; images over \(maximumPixels / 1_000_000) megapixels are refused (make it smaller)"
        }
        return nil
    }

    /// The format of a file that begins with `head`, or nil when it is none Katern can place.
    public static func sniff(_ head: Data) -> ImageFormat? {
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if let text = String(data: head, encoding: .utf8) ?? String(data: head.prefix(head.count - 3), encoding: .utf8),
           text.contains("<svg") { return .svg }
        return nil
    }
}

/// Checks every figure of a set of blocks (at any depth: in lists and quotes too): the image file
/// must lie inside the sources' root, be a regular file and be a PNG or SVG image. Each problem
/// is an error at the Markdown line that places the image, at `check` time as at build time.
public struct FigureCheck {
    public let files: ProjectFiles

    public init(files: ProjectFiles) {
        self.files = files
    }

    public func check(_ blocks: [Block]) throws {
        try blocks.forEachBlock { block in
            guard case .figure(let path, _) = block.kind else { return }
            let head = try files.head(path, bytes: 512, what: "image", at: block.location)
            guard ImageFormat.sniff(head) != nil else {
                throw DocumentError.content(block.location, "the image \(path) is not a PNG or SVG file")
            }
            if let problem = ImageFormat.tooLarge(head) {
                throw DocumentError.content(block.location, "the image \(path) \(problem)")
            }
        }
    }
}

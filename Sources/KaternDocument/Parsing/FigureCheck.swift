import Foundation

/// The image formats Katern places, told by their first bytes (never by the file name alone).
public enum ImageFormat: String, Sendable, Equatable {
    case png, svg

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
        }
    }
}

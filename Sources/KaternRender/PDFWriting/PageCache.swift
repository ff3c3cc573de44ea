import Foundation
import KaternLayout
import KaternText

/// Pages already written as content streams, for the builds that follow in the same process:
/// the other editions of a batch (most of their pages are the base booklet's) and the rebuilds
/// of a watching process (one paragraph changed, one or two pages differ). A page is taken from
/// the cache only when all that its stream depends on is the same: the page, its part of the
/// structure plan (its pieces and their tags), the sheet, the fonts' resource names, and the text the fonts'
/// Unicode maps give each glyph on it. Pages with images are always written anew. Holds at most
/// `limit` pages (then starts again). Shared by the workers of a batch (a lock guards it).
public final class PageCache: @unchecked Sendable {
    private let lock = NSLock()
    struct Entry {
        let page: Page
        let tags: StructurePlan.PageTags
        let tagNames: [String]
        let frame: [Double]
        /// Per face on the page: its resource name, and each glyph's text in the Unicode map.
        let faces: [(face: FontFace, name: String, glyphs: [(UInt32, [UInt8])])]
        /// The compressed content stream.
        let data: [UInt8]
    }

    /// An image as the PDF holds it: its size in pixels, its colours and alpha compressed.
    struct Image {
        let width: Int, height: Int
        /// The pixels, compressed (FlateDecode), or a JPEG file's own bytes (`dct`).
        let rgb: [UInt8]
        let alpha: [UInt8]?
        var dct = false
        var gray = false
    }

    private var entries: [Int: [Entry]] = [:]
    private var images: [String: Image] = [:]
    private var count = 0
    let limit: Int
    /// Pages taken from the cache so far.
    public var hits: Int {
        lock.lock()
        defer { lock.unlock() }
        return hitCount
    }
    private var hitCount = 0

    public init(limit: Int = 1024) { self.limit = limit }

    /// A key that tells most different pages apart cheaply (equal pages, equal keys).
    static func key(_ page: Page) -> Int {
        var hasher = Hasher()
        hasher.combine(page.items.count)
        for item in page.items {
            switch item {
            case .line(let line):
                hasher.combine(line.text)
                hasher.combine(line.origin.x.points)
                hasher.combine(line.origin.y.points)
            case .box(let box):
                hasher.combine(box.rect.x.points)
                hasher.combine(box.rect.y.points)
            case .image(let image):
                hasher.combine(image.image.path)
            }
        }
        return hasher.finalize()
    }

    /// The stream written for an equal page before, if it still holds.
    func lookup(_ page: Page, key: Int, tags: StructurePlan.PageTags, tagNames: [String], frame: [Double], texts: GlyphTexts) -> Entry? {
        lock.lock()
        let candidates = entries[key]
        lock.unlock()
        guard let candidates else { return nil }
        func sameTexts(_ entry: Entry) -> Bool {
            for face in entry.faces {
                guard let f = texts.index[face.face], texts.names[f] == face.name else { return false }
                for (glyph, text) in face.glyphs where (texts.text(of: glyph, face: f) ?? []) != text { return false }
            }
            return true
        }
        let found = candidates.first { entry in
            // The stream depends on the plan's pieces and their tags, not on the elements' numbers.
            entry.frame == frame && entry.tagNames == tagNames && entry.tags.artifacts == tags.artifacts
                && entry.tags.pieces.elementsEqual(tags.pieces, by: { $0.parts == $1.parts }) && entry.page == page && sameTexts(entry)
        }
        if found != nil {
            lock.lock()
            hitCount += 1
            lock.unlock()
        }
        return found
    }

    /// What tells an image file's drawn pixels apart: its key (path and drawn size), and the
    /// file's size and modification time (an edited logo is read again). Nil when the file
    /// cannot be examined (it is not cached).
    static func imageIdentity(_ item: ImageItem, key: String) -> String? {
        ImagePainter.identity(item.image.path).map { key + "|" + $0 }
    }

    func image(_ identity: String) -> Image? {
        lock.lock()
        defer { lock.unlock() }
        return images[identity]
    }

    func insert(_ image: Image, for identity: String) {
        lock.lock()
        defer { lock.unlock() }
        if images.count >= 64 { images.removeAll() }
        images[identity] = image
    }

    func insert(_ entry: Entry, key: Int) {
        lock.lock()
        defer { lock.unlock() }
        if count >= limit {
            entries.removeAll()
            count = 0
        }
        entries[key, default: []].append(entry)
        count += 1
    }
}

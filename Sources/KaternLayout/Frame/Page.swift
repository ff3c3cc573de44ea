import KaternDocument
import KaternStyle
import KaternText

/// What a piece of the page is, for tests, the quality report and the PDF's tags.
public enum Role: Sendable, Equatable {
    case heading(level: Int)
    case body
    case listItem
    case bullet
    case quote
    case colophon
    case coverKind
    case coverTitle
    /// The hospital's or publisher's name on the cover.
    case coverImprint
    case figure
    /// An entry of the table of contents (its title or its page number).
    case contents
    /// The title of a notes page.
    case notes
    /// Page furniture: footers, rules, panels that decorate.
    case artifact
}

/// A line of text at a fixed position: its baseline's left end, the glyph runs it draws (plain
/// values: no shaper is needed to draw them), and the source block it belongs to.
public struct LineItem: Sendable, Equatable {
    /// The glyphs, positioned from the line's origin.
    public var runs: [GlyphRun]
    /// The line's place in its paragraph (0: the first).
    public var lineIndex: Int
    public var origin: Point
    public var width: Length
    public var ascent: Length
    public var descent: Length
    public var text: String
    public var hyphenated: Bool
    public var color: Color
    public var role: Role
    public var source: SourceLocation
    /// Index of this block in reading order, shared by all lines of one paragraph, heading or item.
    public var block: Int
    /// How the line fills its measure, for the quality report (nil for furniture and cover lines).
    public var fill: LineFill? = nil
    /// Where the line sits in the document's logical structure (outermost first); empty for
    /// page furniture, which is not part of the reading order.
    public var structure: [StructureNode] = []
    /// Links on the line: where they are, measured from the line's origin, and their targets.
    public var links: [LineLink] = []
    /// A named destination at this line (a heading's id), for links and the outline.
    public var anchor: String? = nil

    public init(runs: [GlyphRun], lineIndex: Int, origin: Point, width: Length, ascent: Length, descent: Length, text: String,
                hyphenated: Bool, color: Color, role: Role, source: SourceLocation, block: Int) {
        self.runs = runs
        self.lineIndex = lineIndex
        self.origin = origin
        self.width = width
        self.ascent = ascent
        self.descent = descent
        self.text = text
        self.hyphenated = hyphenated
        self.color = color
        self.role = role
        self.source = source
        self.block = block
    }
}

extension StructureNode {
    /// The first id of the notes pages' elements (above every id the content can have).
    public static let notesBase = 1 << 40
}

extension LineItem {
    /// The line's text as the source has it: its runs' text without the hyphen of a
    /// hyphenation break, with the space it broke at (if any). A paragraph's lines, joined,
    /// are its text.
    public var sourceText: String {
        line.runs.filter { !$0.isHyphen }.map(\.text).joined()
    }
    private var line: LineItem { self }

    /// The sidebar quote the line is part of (its outermost BlockQuote element), or nil.
    public var quoteID: Int? { structure.first { $0.type == "BlockQuote" }?.id }
}

/// An element of the tagged PDF's structure tree: its standard type (`H1`, `P`, `L`, `LI`,
/// `Lbl`, `LBody`, `BlockQuote`, `Figure`, `TOC`, `TOCI`) and an id that is unique in the
/// document. Ids rise in the order of the source, so the structure tree can be read in the
/// source's order where floats moved a quote or figure on the page; the cover's elements have
/// ids below zero, the notes pages' ids from `StructureNode.notesBase` on.
public struct StructureNode: Sendable, Equatable {
    public var type: String
    public var id: Int
    /// A list's numbering (`Decimal` or `Disc`), for the PDF's `ListNumbering` attribute.
    public var numbering: String?
    /// A table header cell's scope (`Column`), for the PDF's `Scope` attribute.
    public var scope: String?
    public init(_ type: String, _ id: Int, numbering: String? = nil) {
        self.type = type
        self.id = id
        self.numbering = numbering
    }
}

/// A link on a line: `uri` is `https:`, `mailto:`, `tel:`, or `#name` for a destination in the
/// document. `x` and `width` place its clickable area (from the line's origin), `bytes` are the
/// UTF-8 bytes of the line's text (its runs' text, one after the other) it covers, and `index`
/// tells the paragraph's links apart: a link broken over two lines has the same index on both.
public struct LineLink: Sendable, Equatable {
    public var x: Length
    public var width: Length
    public var uri: String
    public var bytes: Range<Int>
    public var index: Int
    public init(x: Length, width: Length, uri: String, bytes: Range<Int>, index: Int = 0) {
        self.x = x
        self.width = width
        self.uri = uri
        self.bytes = bytes
        self.index = index
    }
}

/// How a line of a paragraph fills its measure.
public struct LineFill: Sendable, Equatable {
    /// The width the line had to fill, and the width it takes.
    public var available: Length
    public var width: Length
    /// The mean word space as set, in ems of the line's font (nil without spaces).
    public var wordSpace: Double?
    /// The line ends with a hyphen (a hyphenation break, or the text's own hyphen).
    public var endsWithHyphen: Bool
    /// The line is justified (not the last line of its paragraph, not ragged).
    public var justified: Bool

    public var overfull: Bool { width.points > available.points + 0.5 }
}

/// A filled rectangle or rule.
public struct BoxItem: Sendable, Equatable {
    public var rect: Rect
    public var color: Color
    public var role: Role
    public var source: SourceLocation?
}

/// A picture (a hospital's logo) scaled into a rectangle, with the text that describes it.
public struct ImageItem: Sendable, Equatable {
    public var rect: Rect
    public var image: ImageRef
    public var alt: String
    public var role: Role
    public var structure: [StructureNode] = []
}

/// An image file the layout places: its path, format and aspect ratio (width / height). A QR
/// code is an image too (format `qr`, its path the address it encodes), drawn from its modules
/// as vector squares.
public struct ImageRef: Sendable, Equatable {
    public enum Format: String, Sendable {
        case png, svg, jpeg, qr

        /// An image file's format, as its name says (checked against its content when the
        /// booklet is read).
        public static func of(path: String) -> Format {
            let lower = path.lowercased()
            return lower.hasSuffix(".svg") ? .svg : lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg") ? .jpeg : .png
        }
    }
    public var path: String
    public var format: Format
    public var aspect: Double
    /// A QR code's modules and their colour.
    public var qr: QRMatrix?
    public var qrColor: Color?

    public init(path: String, format: Format, aspect: Double, qr: QRMatrix? = nil, qrColor: Color? = nil) {
        self.path = path
        self.format = format
        self.aspect = aspect
        self.qr = qr
        self.qrColor = qrColor
    }
}

/// A QR code's modules: `size` x `size`, row by row from the top, true where a module is dark.
/// (Its quiet zone is not part of it: the image's rectangle leaves room for it.)
public struct QRMatrix: Sendable, Equatable {
    public var size: Int
    public var dark: [Bool]
    public init(size: Int, dark: [Bool]) {
        self.size = size
        self.dark = dark
    }
    /// The modules of one row, joined into runs: (first column, length).
    public func runs(row: Int) -> [(column: Int, length: Int)] {
        var result: [(Int, Int)] = []
        var column = 0
        while column < size {
            guard dark[row * size + column] else { column += 1; continue }
            let start = column
            while column < size && dark[row * size + column] { column += 1 }
            result.append((start, column - start))
        }
        return result
    }
    /// The modules of the quiet zone around the code (four on each side).
    public static let quietZone = 4
}

/// One item of a finished page. Each is boxed (`indirect`): a page's array holds references,
/// and the flow line and the page that place a line share one copy of it (a line item is some
/// 240 bytes; a long booklet has a hundred thousand).
public indirect enum PageItem: Sendable, Equatable {
    case line(LineItem)
    case box(BoxItem)
    case image(ImageItem)
}

/// A finished page: items at fixed positions, in reading order (boxes before the text on them).
public struct Page: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case cover, content, blank }
    public var number: Int
    public var kind: Kind
    /// The title of the chapter the page belongs to, for the running footer.
    public var chapter: String?
    public var items: [PageItem]

    public init(number: Int, kind: Kind, chapter: String? = nil, items: [PageItem] = []) {
        self.number = number
        self.kind = kind
        self.chapter = chapter
        self.items = items
    }

    /// The page's label in the PDF (what a viewer shows as its number).
    public var label: String?

    public var lines: [LineItem] {
        items.compactMap { if case .line(let l) = $0 { return l } else { return nil } }
    }

    public var boxes: [BoxItem] {
        items.compactMap { if case .box(let b) = $0 { return b } else { return nil } }
    }

    public var images: [ImageItem] {
        items.compactMap { if case .image(let i) = $0 { return i } else { return nil } }
    }

    /// The lines of the page that are content (not footers or other furniture).
    public var contentLines: [LineItem] { lines.filter { $0.role != .artifact } }
}

/// The whole paginated booklet, as the flow stage leaves it.
public struct PagedDocument: Sendable, Equatable {
    public var pages: [Page]
    public var size: (width: Length, height: Length) { (pageWidth, pageHeight) }
    public var pageWidth: Length
    public var pageHeight: Length

    public init(pages: [Page], pageWidth: Length, pageHeight: Length) {
        self.pages = pages
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
    }

    public static func == (a: PagedDocument, b: PagedDocument) -> Bool {
        a.pages == b.pages && a.pageWidth == b.pageWidth && a.pageHeight == b.pageHeight
    }

    /// A plain-text dump of the pages, for golden tests and for reading a layout without
    /// rendering it: per page its number, kind and chapter, then every item in drawing order:
    /// text lines with their position (points from the page's top-left corner, the baseline's
    /// left end), role, text and source `file:line`; boxes and images with their rectangles.
    /// Source paths are shown relative to `root` when they lie inside it. `glyphs` adds each
    /// line's glyph runs (face, size, glyph ids, text) under it.
    public func dump(relativeTo root: String? = nil, glyphs: Bool = false) -> String {
        func source(_ location: SourceLocation?) -> String {
            guard let location else { return "" }
            var file = location.file
            if let root, file.hasPrefix(root.hasSuffix("/") ? root : root + "/") { file.removeFirst(root.count + (root.hasSuffix("/") ? 0 : 1)) }
            return "  @ " + SourceLocation(file: file, line: location.line).description
        }
        var out = ""
        for page in pages {
            out += "page \(page.number) (\(page.kind))\(page.chapter.map { " [\($0)]" } ?? "")\n"
            for item in page.items {
                switch item {
                case .line(let line):
                    let role = line.role == .artifact ? "furniture" : "\(line.role)"
                    out += "  \(fmt(line.origin.x)) \(fmt(line.origin.y)) \(role): \(line.text)\(source(line.source))\n"
                    if glyphs { for run in line.runs { out += "    " + run.dumpLine + "\n" } }
                case .box(let box):
                    out += "  box \(fmt(box.rect.x)) \(fmt(box.rect.y)) \(fmt(box.rect.width))x\(fmt(box.rect.height)) \(box.color)\n"
                case .image(let image):
                    let name = image.image.path.split(separator: "/").last.map(String.init) ?? image.image.path
                    out += "  image \(fmt(image.rect.x)) \(fmt(image.rect.y)) \(fmt(image.rect.width))x\(fmt(image.rect.height)) \(name): \(image.alt)\n"
                }
            }
        }
        return out
    }

    private func fmt(_ l: Length) -> String {
        let tenths = (l.points * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}

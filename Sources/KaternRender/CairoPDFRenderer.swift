import CPangoCairo
import Foundation
import KaternDocument
import KaternLayout
import KaternStyle
import KaternText

/// Render: pages -> a PDF file, through Cairo. Draws boxes and the very Pango lines that were
/// measured (by id, from the shaper), writes metadata and an outline of the headings.
/// Writes to a temporary file beside the target and renames it, so a failed build never
/// leaves a partial PDF behind.
public struct CairoPDFRenderer {
    public let shaper: PangoShaper
    public let images: ImagePainter

    public init(shaper: PangoShaper, images: ImagePainter) {
        self.shaper = shaper
        self.images = images
    }

    public func render(_ document: PagedDocument, metadata: PDFMetadata, to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "the output folder \(folder.path) does not exist; create it or choose another --output")
        }
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp").path
        defer { unlink(temporary) }

        let surface = cairo_pdf_surface_create(temporary, document.pageWidth.points, document.pageHeight.points)!
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "cannot write the PDF here (\(String(cString: cairo_status_to_string(cairo_surface_status(surface)))); check the folder's permissions or choose another --output")
        }
        setMetadata(surface, metadata)
        let cairo = cairo_create(surface)!
        defer { cairo_destroy(cairo) }

        var outlineParents: [Int: Int32] = [:]
        cairo_tag_begin(cairo, "Document", "")
        for page in document.pages {
            if let label = page.label { cairo_pdf_surface_set_page_label(surface, label) }
            var tags = TagStack(cairo: cairo)
            // Page furniture (panels, rules, footers: untagged) first, then the content in reading
            // order. Besides giving the structure tree a clean order, this works around Cairo 1.16
            // failing ("invalid tag nesting") when an image is the first tagged content of a page.
            let furniture = page.items.filter { Self.isFurniture($0) }
            for item in furniture + page.items.filter({ !Self.isFurniture($0) }) {
                switch item {
                case .box(let box):
                    tags.close(to: [])
                    setColor(cairo, box.color)
                    cairo_rectangle(cairo, box.rect.x.points, box.rect.y.points, box.rect.width.points, box.rect.height.points)
                    cairo_fill(cairo)
                case .image(let image):
                    tags.open(image.structure)
                    try images.draw(image, on: cairo)
                case .line(let line):
                    tags.open(line.structure)
                    if let anchor = line.anchor { cairo_tag_begin(cairo, CAIRO_TAG_DEST, "name='\(Self.escape(anchor))'") }
                    setColor(cairo, line.color)
                    shaper.draw(line.textID, line: line.lineIndex, on: cairo, x: line.origin.x.points, baseline: line.origin.y.points)
                    if line.anchor != nil { cairo_tag_end(cairo, CAIRO_TAG_DEST) }
                    for link in line.links { addLink(link, line: line, on: cairo) }
                    if case .heading(let level) = line.role, line.lineIndex == 0, level <= 2 {
                        let parent = level == 1 ? 0 : (outlineParents[1] ?? 0)
                        let title = headingText(page, block: line.block)
                        let destination = "page=\(page.number) pos=[\(line.origin.x.points) \(max(0, line.origin.y.points - line.ascent.points))]"
                        let id = cairo_pdf_surface_add_outline(surface, parent, title, destination, level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : cairo_pdf_outline_flags_t(0))
                        outlineParents[level] = id
                    }
                }
            }
            tags.close(to: [])
            cairo_show_page(cairo)
        }
        cairo_tag_end(cairo, "Document")
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "writing the PDF failed (\(String(cString: cairo_status_to_string(status))))")
        }
        let finished = folder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).finished.tmp").path
        defer { unlink(finished) }
        let alts = document.pages.flatMap { page in page.images.filter { !$0.structure.isEmpty }.map(\.alt) }
        try PDFFinisher(language: metadata.language, figureAlts: alts).finish(temporary, into: finished, reportAs: path)
        guard rename(finished, path) == 0 else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "cannot move the finished PDF into place (\(String(cString: strerror(errno))))")
        }
    }

    static func isFurniture(_ item: PageItem) -> Bool {
        switch item {
        case .box: return true
        case .line(let line): return line.structure.isEmpty
        case .image(let image): return image.structure.isEmpty
        }
    }

    /// A link annotation over a stretch of a line (with its own rectangle, so the text needs no wrapping).
    private func addLink(_ link: LineLink, line: LineItem, on cairo: OpaquePointer) {
        let x = line.origin.x.points + link.x.points
        let y = line.origin.y.points - line.ascent.points
        let rect = "rect=[\(x) \(y) \(link.width.points) \(line.ascent.points + line.descent.points)]"
        let target = link.uri.hasPrefix("#") ? "dest='\(Self.escape(String(link.uri.dropFirst())))'" : "uri='\(Self.escape(link.uri))'"
        cairo_tag_begin(cairo, CAIRO_TAG_LINK, "\(target) \(rect)")
        cairo_tag_end(cairo, CAIRO_TAG_LINK)
    }

    /// Cairo's attribute strings quote with '...' and escape with a backslash.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }

    /// The whole text of a heading whose lines may run over two lines.
    private func headingText(_ page: Page, block: Int) -> String {
        page.lines.filter { $0.block == block }.map(\.text).joined(separator: " ")
            .replacingOccurrences(of: "- ", with: "")
    }

    private func setColor(_ cairo: OpaquePointer, _ color: Color) {
        cairo_set_source_rgb(cairo, color.red, color.green, color.blue)
    }

    private func setMetadata(_ surface: OpaquePointer, _ metadata: PDFMetadata) {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, metadata.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, metadata.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, metadata.subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords.joined(separator: ", "))
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, metadata.creator)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, metadata.cairoDate)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, metadata.cairoDate)
    }
}

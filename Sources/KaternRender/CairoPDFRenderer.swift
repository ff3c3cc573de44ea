import CCairo
import Foundation
import KaternDocument
import KaternLayout
import KaternStyle
import KaternText

/// Render: pages -> a PDF file, through Cairo. Draws boxes and the very Pango lines that were
/// measured (the page model's glyph runs), writes metadata and an outline of the headings.
/// Writes to a temporary file beside the target and renames it, so a failed build never
/// leaves a partial PDF behind.
public struct CairoPDFRenderer {
    public let fonts: FontRegistry
    public let images: ImagePainter

    public init(fonts: FontRegistry = FontRegistry(), images: ImagePainter) {
        self.fonts = fonts
        self.images = images
    }

    /// Print production: bleed, crop marks, and the PDF's TrimBox and BleedBox.
    public struct Options: Sendable {
        public var print: Bool
        public var bleed: Length
        /// Room around the trimmed page for the bleed and the crop marks.
        public var margin: Length { bleed + .mm(10) }

        public init(print: Bool = false, bleed: Length = .mm(3)) {
            self.print = print
            self.bleed = bleed
        }
    }

    /// How long drawing (Cairo) and finishing (qpdf: structure, metadata, verification) took.
    public struct Times: Sendable {
        public var draw: TimeInterval = 0
        public var finish: TimeInterval = 0
    }

    /// Renders `document` to a PDF/UA-1 file at `path`, tagged as `structure` plans it (the
    /// plan of this very document).
    @discardableResult
    public func render(_ document: PagedDocument, structure: StructurePlan, metadata: PDFMetadata, to path: String, options: Options = Options()) throws -> Times {
        var times = Times()
        let started = Date()
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "the output folder \(folder.path) does not exist; create it or choose another --output")
        }
        guard structure.pages.count == document.pages.count else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "the structure plan is not this document's; please report this")
        }
        TemporaryFiles.removeStale(in: folder.path)
        // Cairo writes into memory, where the finishing pass reads it: no temporary file to
        // write, flush and read back in small pieces.
        let written = PDFBytes()

        let margin = options.print ? options.margin : .zero
        let sheetWidth = (document.pageWidth + margin * 2).points, sheetHeight = (document.pageHeight + margin * 2).points
        let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<PDFBytes>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(written).toOpaque(), sheetWidth, sheetHeight)!
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "cannot write the PDF here (\(String(cString: cairo_status_to_string(cairo_surface_status(surface))))); check the folder's permissions or choose another --output")
        }
        Self.setMetadata(surface, metadata)
        let cairo = cairo_create(surface)!
        defer { cairo_destroy(cairo) }

        let drawer = PageDrawer(fonts: fonts, images: images)
        fonts.resetPresentationForms()
        var outlineParents: [Int: Int32] = [:]
        let types = structure.elements.map { StructurePlan.contentTag($0.type) }
        // Cairo 1.16 wants its tags under one root that spans the pages (its own tree is replaced
        // by the plan's when the PDF is finished).
        cairo_tag_begin(cairo, "Document", "")
        for (index, page) in document.pages.enumerated() {
            if let label = page.label { cairo_pdf_surface_set_page_label(surface, label) }
            cairo_save(cairo)
            cairo_translate(cairo, margin.points, margin.points)
            let cropMarks: (() -> Void)? = options.print ? {
                drawer.drawCropMarks(on: cairo, width: document.pageWidth, height: document.pageHeight, bleed: options.bleed)
            } : nil
            try drawer.draw(page, on: cairo, tags: structure.pages[index], types: { types[$0] }, furniture: cropMarks) { line in
                // The outline's levels are the tags' (a ### right after a # is a second level).
                guard case .heading = line.role, line.lineIndex == 0, let tag = line.structure.last?.type, tag.hasPrefix("H"),
                      let level = Int(tag.dropFirst()), level <= 2 else { return }
                let parent = level == 1 ? 0 : (outlineParents[1] ?? 0)
                let title = headingText(page, block: line.block)
                let destination = "page=\(page.number) pos=[\((line.origin.x + margin).points) \(max(0, (line.origin.y + margin).points - line.ascent.points))]"
                let id = cairo_pdf_surface_add_outline(surface, parent, title, destination,
                                                       level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : cairo_pdf_outline_flags_t(0))
                outlineParents[level] = id
            }
            cairo_restore(cairo)
            cairo_show_page(cairo)
        }
        cairo_tag_end(cairo, "Document")
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "writing the PDF failed (\(String(cString: cairo_status_to_string(status)))); is the disk full?")
        }
        times.draw = Date().timeIntervalSince(started)
        let finished = TemporaryFiles.make(beside: path)
        defer { TemporaryFiles.remove(finished) }
        var finisher = PDFFinisher(metadata: metadata,
                                   structure: StructureWriter(plan: structure, offset: margin.points, sheetHeight: sheetHeight,
                                                              cropMarks: options.print, target: path))
        finisher.presentationForms = fonts.gavePresentationForms
        if options.print {
            let m = options.margin.points, b = options.bleed.points
            let w = document.pageWidth.points, h = document.pageHeight.points
            finisher.trimBox = [m, m, m + w, m + h]
            finisher.bleedBox = [m - b, m - b, m + w + b, m + h + b]
        }
        // The finished file goes to the disk as it is written, a megabyte at a time.
        let fd = open(finished, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw RenderError.cannotWrite(SourceLocation(file: path), "cannot write the PDF here (\(String(cString: strerror(errno)))); check the folder's permissions or choose another --output") }
        defer { close(fd) }
        _ = try withExtendedLifetime(written) {
            try finisher.finish(written.bytes, reportAs: path) { try Self.write($0, to: fd, reportAs: path) }
        }
        written.bytes = []
        try Self.verify(finished, reportAs: path)
        guard TemporaryFiles.commit(finished, to: path) else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "cannot move the finished PDF into place (\(String(cString: strerror(errno))))")
        }
        times.finish = Date().timeIntervalSince(started) - times.draw
        return times
    }

    /// Writes all of `bytes` to the open file `fd`.
    static func write(_ bytes: [UInt8], to fd: Int32, reportAs target: String) throws {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw RenderError.cannotWrite(SourceLocation(file: target), "the PDF could not be written (\(String(cString: strerror(errno)))); is the disk full? The previous PDF is left as it was")
            }
            done += count
        }
    }

    /// A written PDF is on the disk whole before it replaces the previous one: flushed to the
    /// disk (a full disk shows here, if not before) and ending with `%%EOF`.
    static func verify(_ file: String, reportAs target: String) throws {
        let fd = open(file, O_RDONLY)
        guard fd >= 0 else { throw RenderError.cannotWrite(SourceLocation(file: target), "the PDF was not written (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            throw RenderError.cannotWrite(SourceLocation(file: target), "the PDF could not be written to the disk (\(String(cString: strerror(errno)))); is the disk full?")
        }
        var tail = [UInt8](repeating: 0, count: 32)
        let size = lseek(fd, 0, SEEK_END)
        let start = max(0, size - 32)
        let read = pread(fd, &tail, Int(size - start), start)
        guard read > 0, String(decoding: tail[0..<read], as: UTF8.self).contains("%%EOF") else {
            throw RenderError.cannotWrite(SourceLocation(file: target), "the PDF was written incompletely (is the disk full?); the previous PDF is left as it was")
        }
    }

    /// Cairo's attribute strings quote with '...' and escape with a backslash.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }

    /// The whole text of a heading whose lines may run over two lines, as its source has it.
    private func headingText(_ page: Page, block: Int) -> String {
        page.lines.filter { $0.block == block }.map(\.sourceText).joined().trimmingCharacters(in: .whitespaces)
    }

    static func setMetadata(_ surface: OpaquePointer, _ metadata: PDFMetadata) {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, metadata.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, metadata.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, metadata.subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords.joined(separator: ", "))
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, metadata.creator)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, metadata.cairoDate)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, metadata.cairoDate)
    }
}

/// The bytes Cairo writes (its stream callback appends here).
final class PDFBytes {
    var bytes: [UInt8] = []
}

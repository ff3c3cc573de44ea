import CCairo
import Foundation
import KaternDocument
import KaternLayout
import KaternStyle
import KaternText

/// Saddle-stitch imposition: the booklet's pages two-up on landscape sheets (A4 for A5 pages),
/// in the order that folds into the booklet (for 16 pages: 16-1, 2-15, 14-3, ...), for
/// short-edge duplex printing. Each page is drawn once into a Cairo recording surface and
/// placed as vectors (never rasterised). Creep: each inner sheet's pages move towards the spine
/// by the paper's thickness, so the folded booklet's edges line up.
public struct Imposer {
    public let fonts: FontRegistry
    public let images: ImagePainter

    public init(fonts: FontRegistry = FontRegistry(), images: ImagePainter) {
        self.fonts = fonts
        self.images = images
    }

    /// The page numbers on each side of each sheet, left then right (0 for a blank page).
    public static func order(pageCount: Int) -> [(left: Int, right: Int)] {
        let n = (pageCount + 3) / 4 * 4
        var sides: [(Int, Int)] = []
        for sheet in 0..<(n / 4) {
            let outsideLeft = n - 2 * sheet, outsideRight = 1 + 2 * sheet
            let insideLeft = 2 + 2 * sheet, insideRight = n - 1 - 2 * sheet
            sides.append((outsideLeft <= pageCount ? outsideLeft : 0, outsideRight))
            sides.append((insideLeft <= pageCount ? insideLeft : 0, insideRight <= pageCount ? insideRight : 0))
        }
        return sides
    }

    public func impose(_ document: PagedDocument, paperThickness: Length, metadata: PDFMetadata, to path: String) throws {
        try LazyLibraries.cairo(for: "imposing the booklet", at: SourceLocation(file: path))
        let w = document.pageWidth.points, h = document.pageHeight.points
        // The sheet: two pages side by side; A4 landscape for A5 pages.
        let sheetWidth = max(w * 2, 841.89), sheetHeight = max(h, 595.28)
        let target = URL(fileURLWithPath: path)
        TemporaryFiles.removeStale(in: target.deletingLastPathComponent().path)
        let temporary = TemporaryFiles.make(beside: path)
        defer { TemporaryFiles.remove(temporary) }
        let surface = cairo_pdf_surface_create(temporary, sheetWidth, sheetHeight)!
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "cannot write the imposed PDF here")
        }
        // The same metadata as the booklet's PDF, and its fixed date: two runs give the same bytes.
        Self.setMetadata(surface, metadata)
        let cairo = cairo_create(surface)!
        defer { cairo_destroy(cairo) }
        let drawer = PageDrawer(fonts: fonts, images: images)
        var recordings: [Int: OpaquePointer] = [:]
        defer { for r in recordings.values { cairo_surface_destroy(r) } }
        func recording(_ number: Int) throws -> OpaquePointer? {
            guard number > 0, let page = document.pages.first(where: { $0.number == number }) else { return nil }
            if let done = recordings[number] { return done }
            var extents = cairo_rectangle_t(x: 0, y: 0, width: w, height: h)
            let r = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)!
            let c = cairo_create(r)!
            try drawer.draw(page, on: c)
            cairo_destroy(c)
            recordings[number] = r
            return r
        }
        let x0 = (sheetWidth - 2 * w) / 2, y0 = (sheetHeight - h) / 2
        for (index, side) in Self.order(pageCount: document.pages.count).enumerated() {
            let creep = Double(index / 2) * paperThickness.points
            for (number, x) in [(side.left, x0 + creep), (side.right, x0 + w - creep)] {
                guard let page = try recording(number) else { continue }
                cairo_save(cairo)
                cairo_rectangle(cairo, x, y0, w, h)
                cairo_clip(cairo)
                cairo_set_source_surface(cairo, page, x, y0)
                cairo_paint(cairo)
                cairo_restore(cairo)
            }
            cairo_show_page(cairo)
        }
        cairo_surface_finish(surface)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "writing the imposed PDF failed (\(String(cString: cairo_status_to_string(cairo_surface_status(surface))))); is the disk full?")
        }
        try PDFRenderer.verify(temporary, reportAs: path)
        guard TemporaryFiles.commit(temporary, to: path) else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "writing the imposed PDF failed")
        }
    }
}

/// PNG previews of pages, and a contact sheet of all pages, drawn by Cairo.
public struct PreviewRenderer {
    public let fonts: FontRegistry
    public let images: ImagePainter

    public init(fonts: FontRegistry = FontRegistry(), images: ImagePainter) {
        self.fonts = fonts
        self.images = images
    }

    /// Writes one PNG per page at `resolution` pixels per inch; returns the paths.
    public func pages(_ document: PagedDocument, numbers: [Int], resolution: Double, prefix: String) throws -> [String] {
        try LazyLibraries.cairo(for: "drawing the pages as PNG", at: SourceLocation(file: prefix))
        var paths: [String] = []
        for page in document.pages where numbers.contains(page.number) {
            let surface = try draw(page, of: document, resolution: resolution)
            defer { cairo_surface_destroy(surface) }
            let path = String(format: "%@-p%02d.png", prefix, page.number)
            try write(surface, to: path)
            paths.append(path)
        }
        return paths
    }

    /// One page as PNG bytes, at `resolution` pixels per inch (for a preview server).
    public func png(_ page: Page, of document: PagedDocument, resolution: Double) throws -> [UInt8] {
        let surface = try draw(page, of: document, resolution: resolution)
        defer { cairo_surface_destroy(surface) }
        final class Sink { var bytes: [UInt8] = [] }
        let sink = Sink()
        let status = cairo_surface_write_to_png_stream(surface, { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque())
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError.cannotWrite(SourceLocation(file: "page \(page.number)"), "cannot encode the preview")
        }
        return sink.bytes
    }

    /// A page drawn on a white image surface (the caller destroys it).
    private func draw(_ page: Page, of document: PagedDocument, resolution: Double) throws -> OpaquePointer {
        let scale = resolution / 72
        let w = Int32((document.pageWidth.points * scale).rounded()), h = Int32((document.pageHeight.points * scale).rounded())
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h)!
        let cairo = cairo_create(surface)!
        defer { cairo_destroy(cairo) }
        cairo_set_source_rgb(cairo, 1, 1, 1)
        cairo_paint(cairo)
        cairo_scale(cairo, scale, scale)
        do {
            try PageDrawer(fonts: fonts, images: images).draw(page, on: cairo)
        } catch {
            cairo_surface_destroy(surface)
            throw error
        }
        return surface
    }

    /// All pages as spreads (the cover alone, then left and right pages side by side), in a grid.
    public func contactSheet(_ document: PagedDocument, resolution: Double, to path: String) throws {
        try LazyLibraries.cairo(for: "drawing the contact sheet", at: SourceLocation(file: path))
        let scale = resolution / 72
        let pw = document.pageWidth.points * scale, ph = document.pageHeight.points * scale
        let gap = 12.0 * scale / (80.0 / 72), columns = 4.0
        let slots = document.pages.count + 1  // the cover sits on the right of the first spread
        let rows = ceil(Double(slots) / columns)
        let width = Int32((columns * pw + (columns / 2 + 1) * gap).rounded()), height = Int32((rows * ph + (rows + 1) * gap).rounded())
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height)!
        defer { cairo_surface_destroy(surface) }
        let cairo = cairo_create(surface)!
        cairo_set_source_rgb(cairo, 0.55, 0.57, 0.6)
        cairo_paint(cairo)
        let drawer = PageDrawer(fonts: fonts, images: images)
        for page in document.pages {
            let slot = Double(page.number)  // page 1 in slot 1 (right of the first spread)
            let column = slot.truncatingRemainder(dividingBy: columns), row = floor(slot / columns)
            let x = gap + column * pw + floor(column / 2) * gap, y = gap + row * (ph + gap)
            cairo_save(cairo)
            cairo_translate(cairo, x, y)
            cairo_rectangle(cairo, 0, 0, pw, ph)
            cairo_set_source_rgb(cairo, 1, 1, 1)
            cairo_fill(cairo)
            cairo_rectangle(cairo, 0, 0, pw, ph)
            cairo_clip(cairo)
            cairo_scale(cairo, scale, scale)
            try drawer.draw(page, on: cairo)
            cairo_restore(cairo)
        }
        cairo_destroy(cairo)
        try write(surface, to: path)
    }

    private func write(_ surface: OpaquePointer, to path: String) throws {
        let temporary = TemporaryFiles.make(beside: path)
        defer { TemporaryFiles.remove(temporary) }
        guard cairo_surface_write_to_png(surface, temporary) == CAIRO_STATUS_SUCCESS, TemporaryFiles.commit(temporary, to: path) else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "cannot write the preview")
        }
    }
}

extension Imposer {
    /// The booklet's metadata on Cairo's PDF surface.
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

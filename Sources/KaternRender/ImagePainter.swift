import CCairo
internal import CRsvg
import Foundation
import KaternDocument
import KaternLayout

/// Draws images into rectangles: PNG through Cairo, JPEG through gdk-pixbuf (librsvg's own image
/// loader), SVG through librsvg (as vectors), QR codes from their modules. Loads each
/// file once per render and frees what it loaded in deinit. Also probes a file without drawing
/// it (its aspect ratio; whether it is a readable image at all), for layout and for `check`.
public final class ImagePainter {
    private var pngs: [String: OpaquePointer] = [:]
    private var svgs: [String: UnsafeMutablePointer<RsvgHandle>] = [:]
    private var rasters: [String: OpaquePointer] = [:]
    /// SVG images are drawn as pixels at this resolution (pixels per inch), so that they are
    /// images in the PDF like PNG logos are; nil draws them as vectors.
    public let svgResolution: Double?

    public init(svgResolution: Double? = 600) {
        self.svgResolution = svgResolution
    }

    deinit {
        for surface in pngs.values { cairo_surface_destroy(surface) }
        for surface in rasters.values { cairo_surface_destroy(surface) }
        for handle in svgs.values { g_object_unref(UnsafeMutableRawPointer(handle)) }
    }

    /// Reads the image at `path` and returns its reference with its aspect ratio; a file that is
    /// not a readable PNG, JPEG or SVG is an error at `location` (the edition's logo line).
    public func probe(path: String, format: ImageRef.Format, location: SourceLocation) throws -> ImageRef {
        let (width, height) = try size(path: path, format: format, location: location)
        return ImageRef(path: path, format: format, aspect: width / height)
    }

    /// The image's size (pixels; an SVG's intrinsic size), read once per file version; an image
    /// without a size, or one that cannot be read, is an error at `location`.
    public func size(path: String, format: ImageRef.Format, location: SourceLocation) throws -> (width: Double, height: Double) {
        let (width, height) = try knownSize(path: path, format: format, location: location)
        guard width > 0, height > 0 else {
            throw RenderError.badImage(location, "the image \(path) has no size")
        }
        return (width, height)
    }

    /// What tells a file's versions apart: its path, size, modification time and inode (nil when
    /// it cannot be examined).
    public static func identity(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(path)|\(info.st_size)|\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)|\(info.st_ino)"
    }

    /// The sizes of the image files read in this process, by identity: a logo that every
    /// edition of a batch places, or that a watching process sees again unchanged, is decoded
    /// once to be checked.
    nonisolated(unsafe) private static var probed: [String: (Double, Double)] = [:]
    private static let probedLock = NSLock()

    private func knownSize(path: String, format: ImageRef.Format, location: SourceLocation) throws -> (Double, Double) {
        let identity = Self.identity(path).map { "\(format)|\($0)" }
        if let identity {
            Self.probedLock.lock()
            let known = Self.probed[identity]
            Self.probedLock.unlock()
            if let known { return known }
        }
        let size = try decodedSize(path: path, format: format, location: location)
        if let identity {
            Self.probedLock.lock()
            if Self.probed.count >= 256 { Self.probed.removeAll() }
            Self.probed[identity] = size
            Self.probedLock.unlock()
        }
        return size
    }

    private func decodedSize(path: String, format: ImageRef.Format, location: SourceLocation) throws -> (Double, Double) {
        switch format {
        case .png:
            let surface = try png(path, location: location)
            return (Double(cairo_image_surface_get_width(surface)), Double(cairo_image_surface_get_height(surface)))
        case .jpeg:
            // From its frame header: the PDF holds the file as it is, so a build never decodes
            // the photo (a preview does, when it draws it).
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw RenderError.badImage(location, "the JPEG \(path) cannot be read")
            }
            defer { try? handle.close() }
            guard let info = ImageFormat.jpegInfo((try? handle.read(upToCount: ImageFormat.headBytes)) ?? Data()) else {
                throw RenderError.badImage(location, "the JPEG \(path) has no frame header; it is damaged or not a JPEG image")
            }
            return (Double(info.width), Double(info.height))
        case .qr:
            return (1, 1)
        case .svg:
            let handle = try svg(path, location: location)
            // Drawn once, small, so that an SVG librsvg cannot draw is an error at the line that
            // places it (at `check` time too), not later while the PDF is written.
            let probe = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 16, 16)!
            let context = cairo_create(probe)!
            defer { cairo_destroy(context); cairo_surface_destroy(probe) }
            try Self.render(handle, on: context, into: RsvgRectangle(x: 0, y: 0, width: 16, height: 16), location: location,
                            what: "the SVG \(path)")
            var width = 0.0, height = 0.0
            if rsvg_handle_get_intrinsic_size_in_pixels(handle, &width, &height) == 0 {
                var viewport = RsvgRectangle()
                var hasViewBox: gboolean = 0
                rsvg_handle_get_intrinsic_dimensions(handle, nil, nil, nil, nil, &hasViewBox, &viewport)
                guard hasViewBox != 0 else { throw RenderError.badImage(location, "the SVG \(path) has neither a size nor a viewBox") }
                return (viewport.width, viewport.height)
            }
            return (width, height)
        }
    }

    private func png(_ path: String, location: SourceLocation) throws -> OpaquePointer {
        if let surface = pngs[path] { return surface }
        try LazyLibraries.cairo(for: "the PNG \(path)", at: location)
        let surface = cairo_image_surface_create_from_png(path)!
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw RenderError.badImage(location, "the PNG \(path) cannot be read; it is damaged or not a PNG image")
        }
        pngs[path] = surface
        return surface
    }

    /// A GLib error's message, the error freed.
    static func message(taking error: UnsafeMutablePointer<GError>?) -> String {
        defer { if let error { g_error_free(error) } }
        return error.map { String(cString: $0.pointee.message) } ?? "unknown error"
    }

    /// A JPEG decoded to pixels (for PNG previews; the PDF holds the file's own bytes).
    private func jpeg(_ path: String, location: SourceLocation) throws -> OpaquePointer {
        if let surface = pngs[path] { return surface }
        try LazyLibraries.gdkPixbuf(for: "the JPEG \(path)", at: location)
        try LazyLibraries.cairo(for: "the JPEG \(path)", at: location)
        var error: UnsafeMutablePointer<GError>?
        guard let pixbuf = gdk_pixbuf_new_from_file(path, &error) else {
            let reason = Self.message(taking: error)
            throw RenderError.badImage(location, "the JPEG \(path) cannot be read: \(reason)")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(pixbuf)) }
        let width = gdk_pixbuf_get_width(pixbuf), height = gdk_pixbuf_get_height(pixbuf)
        let channels = Int(gdk_pixbuf_get_n_channels(pixbuf)), stride = Int(gdk_pixbuf_get_rowstride(pixbuf))
        guard width > 0, height > 0, channels >= 3, let source = gdk_pixbuf_read_pixels(pixbuf) else {
            throw RenderError.badImage(location, "the JPEG \(path) has no pixels")
        }
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height)!
        cairo_surface_flush(surface)
        let data = cairo_image_surface_get_data(surface)!
        let out = Int(cairo_image_surface_get_stride(surface))
        for y in 0..<Int(height) {
            let row = UnsafeMutableRawPointer(data + y * out).assumingMemoryBound(to: UInt32.self)
            for x in 0..<Int(width) {
                let p = source + y * stride + x * channels
                row[x] = 0xFF00_0000 | UInt32(p[0]) << 16 | UInt32(p[1]) << 8 | UInt32(p[2])
            }
        }
        cairo_surface_mark_dirty(surface)
        pngs[path] = surface
        return surface
    }

    private func svg(_ path: String, location: SourceLocation) throws -> UnsafeMutablePointer<RsvgHandle> {
        if let handle = svgs[path] { return handle }
        try LazyLibraries.cairo(for: "the SVG \(path)", at: location)
        if let why = katern_rsvg_load() {
            throw RenderError.badImage(location, "the SVG \(path) needs librsvg, which could not be loaded: \(String(cString: why))")
        }
        var error: UnsafeMutablePointer<GError>?
        guard let handle = rsvg_handle_new_from_file(path, &error) else {
            let reason = Self.message(taking: error)
            throw RenderError.badImage(location, "the SVG \(path) cannot be read: \(reason)")
        }
        svgs[path] = handle
        return handle
    }

    /// The same key for the same pixels: a PNG by its path, an SVG by its path and the size it
    /// is drawn as pixels at.
    static func key(_ item: ImageItem, svgResolution: Double?) -> String {
        switch item.image.format {
        case .png, .jpeg: return item.image.path
        case .qr: return "qr:" + item.image.path
        case .svg:
            let (w, h) = svgPixels(item, svgResolution: svgResolution)
            return "\(item.image.path)@\(w)x\(h)"
        }
    }

    private static func svgPixels(_ item: ImageItem, svgResolution: Double?) -> (Int32, Int32) {
        let ppi = svgResolution ?? 600
        return (Int32(max(1, (item.rect.width.points / 72 * ppi).rounded(.up))), Int32(max(1, (item.rect.height.points / 72 * ppi).rounded(.up))))
    }

    /// The pixels the image is drawn with (owned by the painter): a PNG as read, an SVG drawn at
    /// `svgResolution` (600 ppi when drawn as vectors elsewhere) for its printed size.
    func raster(_ item: ImageItem) throws -> OpaquePointer {
        let location = SourceLocation(file: item.image.path)
        switch item.image.format {
        case .png:
            return try png(item.image.path, location: location)
        case .jpeg:
            return try jpeg(item.image.path, location: location)
        case .qr:
            throw RenderError.badImage(location, "a QR code is drawn from its modules, not as pixels")
        case .svg:
            let key = Self.key(item, svgResolution: svgResolution)
            if let raster = rasters[key] { return raster }
            let handle = try svg(item.image.path, location: location)
            let (w, h) = Self.svgPixels(item, svgResolution: svgResolution)
            let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h)!
            let context = cairo_create(surface)!
            defer { cairo_destroy(context) }
            do {
                try Self.render(handle, on: context, into: RsvgRectangle(x: 0, y: 0, width: Double(w), height: Double(h)), location: location)
            } catch {
                cairo_surface_destroy(surface)
                throw error
            }
            cairo_surface_flush(surface)
            rasters[key] = surface
            return surface
        }
    }

    /// An SVG image as a vector form of its printed size, for the PDF.
    func form(_ item: ImageItem) throws -> SVGForm {
        let location = SourceLocation(file: item.image.path)
        let handle = try svg(item.image.path, location: location)
        return try SVGForm.make(handle, width: item.rect.width.points, height: item.rect.height.points, location: location)
    }

    /// Draws an SVG into `viewport` on a Cairo context; librsvg's complaint is an error at `location`.
    private static func render(_ handle: UnsafeMutablePointer<RsvgHandle>, on cairo: OpaquePointer, into viewport: RsvgRectangle,
                               location: SourceLocation, what: String = "the SVG") throws {
        var viewport = viewport
        var error: UnsafeMutablePointer<GError>?
        guard rsvg_handle_render_document(handle, cairo, &viewport, &error) == 0 else { return }
        throw RenderError.badImage(location, "\(what) cannot be drawn: \(message(taking: error))")
    }

    /// Draws the image scaled into `item.rect`.
    func draw(_ item: ImageItem, on cairo: OpaquePointer) throws {
        let r = item.rect
        cairo_save(cairo)
        defer { cairo_restore(cairo) }
        if item.image.format == .qr, let matrix = item.image.qr {
            let color = item.image.qrColor ?? .black
            cairo_set_source_rgb(cairo, color.red, color.green, color.blue)
            let module = r.width.points / Double(matrix.size + 2 * QRMatrix.quietZone)
            let x0 = r.x.points + module * Double(QRMatrix.quietZone), y0 = r.y.points + module * Double(QRMatrix.quietZone)
            for row in 0..<matrix.size {
                for run in matrix.runs(row: row) {
                    cairo_rectangle(cairo, x0 + Double(run.column) * module, y0 + Double(row) * module, Double(run.length) * module, module)
                }
            }
            cairo_fill(cairo)
            return
        }
        if item.image.format == .svg, svgResolution == nil {
            let location = SourceLocation(file: item.image.path)
            let handle = try svg(item.image.path, location: location)
            try Self.render(handle, on: cairo, into: RsvgRectangle(x: r.x.points, y: r.y.points, width: r.width.points, height: r.height.points),
                            location: location)
            return
        }
        let surface = try raster(item)
        let w = Double(cairo_image_surface_get_width(surface)), h = Double(cairo_image_surface_get_height(surface))
        cairo_translate(cairo, r.x.points, r.y.points)
        cairo_scale(cairo, r.width.points / w, r.height.points / h)
        cairo_set_source_surface(cairo, surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cairo), CAIRO_FILTER_GOOD)
        cairo_paint(cairo)
    }

    /// An image's pixels as a PDF image: 8-bit RGB, and its alpha as a soft mask when any pixel
    /// is not opaque (Cairo keeps colours premultiplied; the PDF wants them straight).
    static func pdfPixels(_ surface: OpaquePointer) -> (width: Int, height: Int, rgb: [UInt8], alpha: [UInt8]?) {
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let hasAlpha = cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32
        guard width > 0, height > 0, let data = cairo_image_surface_get_data(surface) else { return (0, 0, [], nil) }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        var alpha = [UInt8](repeating: 255, count: hasAlpha ? width * height : 0)
        var translucent = false
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let pixel = row[x]
                var r = UInt32(pixel >> 16 & 0xFF), g = UInt32(pixel >> 8 & 0xFF), b = UInt32(pixel & 0xFF)
                let i = y * width + x
                if hasAlpha {
                    let a = pixel >> 24
                    if a != 255 {
                        translucent = true
                        alpha[i] = UInt8(a)
                        if a == 0 { r = 0; g = 0; b = 0 } else {
                            r = min(255, (r * 255 + a / 2) / a); g = min(255, (g * 255 + a / 2) / a); b = min(255, (b * 255 + a / 2) / a)
                        }
                    }
                }
                rgb[i * 3] = UInt8(r); rgb[i * 3 + 1] = UInt8(g); rgb[i * 3 + 2] = UInt8(b)
            }
        }
        return (width, height, rgb, translucent ? alpha : nil)
    }
}

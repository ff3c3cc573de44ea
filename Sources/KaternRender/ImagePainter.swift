import CCairo
import CRsvg
import Foundation
import KaternDocument
import KaternLayout

/// Draws images into rectangles: PNG through Cairo, SVG through librsvg (as vectors). Loads each
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
    /// not a readable PNG or SVG is an error at `location` (the edition's logo line).
    public func probe(path: String, format: ImageRef.Format, location: SourceLocation) throws -> ImageRef {
        let (width, height) = try size(path: path, format: format, location: location)
        guard width > 0, height > 0 else {
            throw RenderError.badImage(location, "the image \(path) has no size")
        }
        return ImageRef(path: path, format: format, aspect: width / height)
    }

    private func size(path: String, format: ImageRef.Format, location: SourceLocation) throws -> (Double, Double) {
        switch format {
        case .png:
            let surface = try png(path, location: location)
            return (Double(cairo_image_surface_get_width(surface)), Double(cairo_image_surface_get_height(surface)))
        case .svg:
            let handle = try svg(path, location: location)
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
        let surface = cairo_image_surface_create_from_png(path)!
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw RenderError.badImage(location, "the PNG \(path) cannot be read; it is damaged or not a PNG image")
        }
        pngs[path] = surface
        return surface
    }

    private func svg(_ path: String, location: SourceLocation) throws -> UnsafeMutablePointer<RsvgHandle> {
        if let handle = svgs[path] { return handle }
        var error: UnsafeMutablePointer<GError>?
        guard let handle = rsvg_handle_new_from_file(path, &error) else {
            let reason = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
            if let error { g_error_free(error) }
            throw RenderError.badImage(location, "the SVG \(path) cannot be read: \(reason)")
        }
        svgs[path] = handle
        return handle
    }

    /// Draws the image scaled into `item.rect`.
    func draw(_ item: ImageItem, on cairo: OpaquePointer) throws {
        let r = item.rect
        let location = SourceLocation(file: item.image.path)
        cairo_save(cairo)
        defer { cairo_restore(cairo) }
        switch item.image.format {
        case .png:
            let surface = try png(item.image.path, location: location)
            let w = Double(cairo_image_surface_get_width(surface)), h = Double(cairo_image_surface_get_height(surface))
            cairo_translate(cairo, r.x.points, r.y.points)
            cairo_scale(cairo, r.width.points / w, r.height.points / h)
            cairo_set_source_surface(cairo, surface, 0, 0)
            cairo_pattern_set_filter(cairo_get_source(cairo), CAIRO_FILTER_GOOD)
            cairo_paint(cairo)
        case .svg:
            let handle = try svg(item.image.path, location: location)
            if let ppi = svgResolution {
                let w = Int32((r.width.points / 72 * ppi).rounded(.up)), h = Int32((r.height.points / 72 * ppi).rounded(.up))
                let key = "\(item.image.path)@\(w)x\(h)"
                var raster = rasters[key]
                if raster == nil {
                    let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h)!
                    let context = cairo_create(surface)!
                    var viewport = RsvgRectangle(x: 0, y: 0, width: Double(w), height: Double(h))
                    var error: UnsafeMutablePointer<GError>?
                    let ok = rsvg_handle_render_document(handle, context, &viewport, &error) != 0
                    cairo_destroy(context)
                    if !ok {
                        let reason = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
                        if let error { g_error_free(error) }
                        cairo_surface_destroy(surface)
                        throw RenderError.badImage(location, "the SVG cannot be drawn: \(reason)")
                    }
                    rasters[key] = surface
                    raster = surface
                }
                cairo_translate(cairo, r.x.points, r.y.points)
                cairo_scale(cairo, r.width.points / Double(w), r.height.points / Double(h))
                cairo_set_source_surface(cairo, raster, 0, 0)
                cairo_pattern_set_filter(cairo_get_source(cairo), CAIRO_FILTER_GOOD)
                cairo_paint(cairo)
                return
            }
            var viewport = RsvgRectangle(x: r.x.points, y: r.y.points, width: r.width.points, height: r.height.points)
            var error: UnsafeMutablePointer<GError>?
            if rsvg_handle_render_document(handle, cairo, &viewport, &error) == 0 {
                let reason = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
                if let error { g_error_free(error) }
                throw RenderError.badImage(location, "the SVG cannot be drawn: \(reason)")
            }
        }
    }
}

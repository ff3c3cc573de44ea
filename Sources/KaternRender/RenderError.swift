import CCairo
import CGdkPixbuf
import KaternDocument

/// Errors of the render stage: the PDF could not be written.
public enum RenderError: LocatedError, Equatable {
    case cannotWrite(SourceLocation, String)
    case badImage(SourceLocation, String)

    public var location: SourceLocation {
        switch self { case .cannotWrite(let l, _), .badImage(let l, _): return l }
    }

    public var message: String {
        switch self { case .cannotWrite(_, let m), .badImage(_, let m): return m }
    }
}

/// The libraries the render stage loads on first use (see CLazyLoad): an error at `location`,
/// naming what needed the library and the package to install, when one cannot be loaded.
enum LazyLibraries {
    static func cairo(for what: String, at location: SourceLocation) throws {
        if let why = katern_cairo_load() {
            throw RenderError.badImage(location, "\(what) needs Cairo, which could not be loaded: \(String(cString: why))")
        }
    }

    static func gdkPixbuf(for what: String, at location: SourceLocation) throws {
        if let why = katern_gdk_pixbuf_load() {
            throw RenderError.badImage(location, "\(what) needs gdk-pixbuf, which could not be loaded: \(String(cString: why))")
        }
    }
}

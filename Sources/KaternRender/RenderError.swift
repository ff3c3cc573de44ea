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

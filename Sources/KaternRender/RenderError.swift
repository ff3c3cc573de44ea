import KaternDocument

/// Errors of the render stage: the PDF could not be written.
public enum RenderError: LocatedError, Equatable {
    case cannotWrite(SourceLocation, String)

    public var location: SourceLocation {
        switch self { case .cannotWrite(let l, _): return l }
    }

    public var message: String {
        switch self { case .cannotWrite(_, let m): return m }
    }
}

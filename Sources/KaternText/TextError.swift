import KaternDocument

/// Errors of the text stage: fonts that are not in `Fonts/`, dictionaries that are missing.
public enum TextError: LocatedError, Equatable {
    case fontNotFound(SourceLocation, family: String, available: [String])
    case faceNotFound(SourceLocation, family: String, face: String, available: [String])
    case fontFolder(SourceLocation, String)
    case dictionary(SourceLocation, String)

    public var location: SourceLocation {
        switch self {
        case .fontNotFound(let l, _, _), .faceNotFound(let l, _, _, _), .fontFolder(let l, _), .dictionary(let l, _): return l
        }
    }

    public var message: String {
        switch self {
        case .fontNotFound(_, let family, let available):
            return "font '\(family)' is not in Fonts/ (available: \(available.joined(separator: ", "))); add its files to Fonts/ or name one of these"
        case .faceNotFound(_, let family, let face, let available):
            return "Fonts/ has no \(face) face of '\(family)' (it has \(available.joined(separator: ", "))); add that face's file to Fonts/ or choose one of these"
        case .fontFolder(_, let m), .dictionary(_, let m):
            return m
        }
    }
}

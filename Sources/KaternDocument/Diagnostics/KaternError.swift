/// An error that points at a source: every module's error enum conforms, so the CLI can print
/// `file:line: error: message` for all of them the same way.
public protocol LocatedError: Error, CustomStringConvertible {
    /// Where the problem is (the file, and the line where there is one).
    var location: SourceLocation { get }
    /// What is wrong and what to do, in one or two sentences.
    var message: String { get }
}

extension LocatedError {
    public var description: String { "\(location): error: \(message)" }
}

/// Errors found while reading a booklet's sources.
public enum DocumentError: LocatedError, Equatable {
    case missingBookletFolder(SourceLocation)
    case missingFile(SourceLocation, what: String)
    case unreadable(SourceLocation, reason: String)
    case frontMatter(SourceLocation, String)
    case yaml(SourceLocation, String)
    case content(SourceLocation, String)

    public var location: SourceLocation {
        switch self {
        case .missingBookletFolder(let l), .missingFile(let l, _), .unreadable(let l, _),
             .frontMatter(let l, _), .yaml(let l, _), .content(let l, _):
            return l
        }
    }

    public var message: String {
        switch self {
        case .missingBookletFolder:
            return "booklet folder not found; pass an existing folder with --booklet (it must hold an index.md)"
        case .missingFile(_, let what):
            return "\(what) not found"
        case .unreadable(_, let reason):
            return "cannot read file: \(reason)"
        case .frontMatter(_, let m), .yaml(_, let m), .content(_, let m):
            return m
        }
    }
}

/// Several errors found in one run (independent problems: each broken edition, each character
/// no font has), reported together.
public struct LocatedErrors: Error, CustomStringConvertible {
    public let errors: [any LocatedError]

    public init(_ errors: [any LocatedError]) {
        self.errors = errors
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// A finding that fails a build under `--strict` (a warning, or a finding of the quality
/// report), as an error at its place.
public struct StrictFinding: LocatedError, Equatable {
    public let location: SourceLocation
    public let message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }
}

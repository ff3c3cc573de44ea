/// A place in a source file: the path as the user named it and, where known, a 1-based line.
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?

    public init(file: String, line: Int? = nil) {
        self.file = file
        self.line = line
    }

    /// `file:line`, or the file alone when there is no line.
    public var description: String {
        if let line { return "\(file):\(line)" }
        return file
    }
}

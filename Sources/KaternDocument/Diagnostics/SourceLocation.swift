/// A place in a source file: the path as the user named it and, where known, a 1-based line and
/// a 1-based column (in characters).
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, `file:line`, or the file alone.
    public var description: String {
        guard let line else { return file }
        if let column { return "\(file):\(line):\(column)" }
        return "\(file):\(line)"
    }
}

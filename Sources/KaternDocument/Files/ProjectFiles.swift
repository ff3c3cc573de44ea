import Foundation

/// Every source file a build reads goes through here: it must resolve, after following symbolic
/// links, inside the sources' root folder; it must be a regular file (not a folder, a FIFO or a
/// device, which would hang or crash a read); and it must not be larger than `maximumFileSize`.
/// Plain value; the checks use the file system at the moment of the call.
public struct ProjectFiles: Sendable, Equatable {
    /// The real path of the root folder, without a trailing slash.
    public let root: String

    /// The largest source file Katern reads (text, images, logos): 32 MiB.
    public static let maximumFileSize = 32 << 20

    public init(root: String) {
        self.root = Self.realPath(root)
    }

    /// The root for a set of sources kept in `folder`: the project folder when `folder` lies inside
    /// it, otherwise `folder` itself (a booklet or editions folder kept elsewhere is its own root).
    public static func root(for folder: String, project: String) -> ProjectFiles {
        let project = ProjectFiles(root: project)
        return project.contains(realPath(folder)) ? project : ProjectFiles(root: folder)
    }

    /// The absolute path with symbolic links resolved and `.`/`..` removed (for a path that does
    /// not exist, its existing part resolved and the rest appended).
    public static func realPath(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if let resolved = realpath(absolute, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let url = URL(fileURLWithPath: absolute)
        let parent = url.deletingLastPathComponent().path
        guard parent != absolute, !parent.isEmpty else { return absolute }
        return (realPath(parent) as NSString).appendingPathComponent(url.lastPathComponent)
    }

    /// Whether a real path lies inside the root.
    public func contains(_ real: String) -> Bool {
        real == root || real.hasPrefix(root == "/" ? "/" : root + "/")
    }

    public enum Problem: Error, Equatable, Sendable {
        case missing
        case outside(real: String)
        case notRegular(kind: String)
        case tooLarge(bytes: Int)
        case unreadable(String)

        /// What is wrong with the file named `name`, for an error message.
        public func describe(_ name: String, what: String, root: String) -> String {
            switch self {
            case .missing: return "the \(what) \(name) does not exist"
            case .outside(let real): return "the \(what) \(name) leads outside the folder \(root) (to \(real)); keep the booklet's files inside it"
            case .notRegular(let kind): return "the \(what) \(name) is \(kind), not a file"
            case .tooLarge(let bytes): return "the \(what) \(name) is \(bytes / (1 << 20)) MiB; files over \(ProjectFiles.maximumFileSize >> 20) MiB are refused"
            case .unreadable(let reason): return "cannot read the \(what) \(name): \(reason)"
            }
        }
    }

    /// Checks `path` without reading it; returns its real path.
    public func check(_ path: String) -> Result<String, Problem> {
        var info = stat()
        let real = Self.realPath(path)
        guard contains(real) else { return .failure(.outside(real: real)) }
        guard lstat(path, &info) == 0, stat(real, &info) == 0 else { return .failure(.missing) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.notRegular(kind: "a folder"))
        case S_IFIFO: return .failure(.notRegular(kind: "a named pipe (FIFO)"))
        case S_IFSOCK: return .failure(.notRegular(kind: "a socket"))
        default: return .failure(.notRegular(kind: "a device"))
        }
        guard Int(info.st_size) <= Self.maximumFileSize else { return .failure(.tooLarge(bytes: Int(info.st_size))) }
        return .success(real)
    }

    /// Reads a source file after checking it; a problem is an error at `location` (where the file
    /// is named) that says what is wrong.
    public func read(_ path: String, what: String, at location: SourceLocation) throws -> Data {
        switch check(path) {
        case .failure(let problem):
            throw DocumentError.content(location, problem.describe(path, what: what, root: root))
        case .success(let real):
            guard let handle = FileHandle(forReadingAtPath: real) else {
                throw DocumentError.content(location, Problem.unreadable("permission denied").describe(path, what: what, root: root))
            }
            defer { try? handle.close() }
            do {
                return try handle.readToEnd() ?? Data()
            } catch {
                throw DocumentError.content(location, Problem.unreadable("\(error.localizedDescription)").describe(path, what: what, root: root))
            }
        }
    }

    /// Reads the first bytes of a source file after checking it (to tell an image's format).
    public func head(_ path: String, bytes: Int, what: String, at location: SourceLocation) throws -> Data {
        switch check(path) {
        case .failure(let problem):
            throw DocumentError.content(location, problem.describe(path, what: what, root: root))
        case .success(let real):
            guard let handle = FileHandle(forReadingAtPath: real) else {
                throw DocumentError.content(location, Problem.unreadable("permission denied").describe(path, what: what, root: root))
            }
            defer { try? handle.close() }
            return (try? handle.read(upToCount: bytes)) ?? Data()
        }
    }

    /// Reads a source text file: UTF-8 (a byte-order mark is dropped, CR LF becomes LF), with no
    /// characters that cannot be set (NUL and other control characters but tab and line ends,
    /// Unicode noncharacters): each is an error at its line and column.
    public func readText(_ path: String, what: String, at location: SourceLocation) throws -> String {
        let data = try read(path, what: what, at: location)
        return try Self.decodeText(data, file: path)
    }

    /// UTF-8 bytes -> text, checked as `readText` does; errors name `file`, line and column.
    public static func decodeText(_ data: Data, file: String) throws -> String {
        guard let text = String(data: data, encoding: .utf8) else {
            // Find the first byte sequence that is not UTF-8, for its line and column.
            var line = 1, column = 1
            var iterator = data.makeIterator()
            var decoder = UTF8()
            while case .scalarValue(let scalar) = decoder.decode(&iterator) {
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            }
            throw DocumentError.content(SourceLocation(file: file, line: line, column: column),
                                        "the file is not UTF-8 text here; save it as UTF-8")
        }
        var result = text
        if result.hasPrefix("\u{FEFF}") { result.removeFirst() }
        if result.utf8.contains(13) { result = result.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") }
        if let problem = unsettableCharacter(in: result) {
            throw DocumentError.content(SourceLocation(file: file, line: problem.line, column: problem.column), problem.message)
        }
        return result
    }

    /// At most this many combining marks on one letter (Unicode's stream-safe text format).
    public static let maximumMarks = 30

    /// The first character of `text` that can never be set (a control character but tab and
    /// line ends, a noncharacter, more than `maximumMarks` marks on one letter), with its line
    /// and column (1-based) and what is wrong; nil when there is none.
    public static func unsettableCharacter(in text: String) -> (message: String, line: Int, column: Int)? {
        var line = 1, column = 1
        var marks = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1; column = 1; marks = 0; continue }
            if let name = unsettable(scalar) {
                return ("\(name) (U+\(String(format: "%04X", scalar.value))) is in the text here; it cannot be printed, so remove it", line, column)
            }
            marks = scalar.properties.canonicalCombiningClass.rawValue != 0 ? marks + 1 : 0
            if marks > maximumMarks {
                return ("more than \(maximumMarks) accents or other marks are stacked on one letter here; no script needs that many", line, column)
            }
            column += 1
        }
        return nil
    }

    /// The name of a character that can never be set, or nil.
    static func unsettable(_ scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        if v == 0x09 { return nil }
        if v == 0 { return "a NUL character" }
        if v < 0x20 || v == 0x7F { return "a control character" }
        if (0x80...0x9F).contains(v) { return "a control character" }
        if (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE { return "a Unicode noncharacter" }
        // Embeddings, overrides and isolates reorder what follows (U+202E prints "Noord" as "drooN").
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) { return "a bidirectional control character" }
        return nil
    }
}

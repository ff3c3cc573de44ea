import ArgumentParser
import Foundation

/// How the CLI prints errors and warnings (`file:line[:column]: error|warning: message` as Katern
/// makes them), for a terminal, a CI log or a program:
/// - `short`: that one line (the default when standard error is not a terminal);
/// - `human`: the message, then where it is and the source line with a caret under the column,
///   as Typst and rustc print them (the default on a terminal);
/// - `json`: one JSON object per line (severity, file, line, column, message).
/// With `GITHUB_ACTIONS=true`, each is also a GitHub Actions annotation on standard output
/// (`::error file=...,line=...,col=...::message`). Colour on a terminal (`--color`), never when
/// `NO_COLOR` is set.
enum Diagnostics {
    enum Format: String, ExpressibleByArgument, CaseIterable { case auto, human, short, json }
    enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    nonisolated(unsafe) static var format: Format = .auto
    nonisolated(unsafe) static var color: ColorChoice = .auto
    nonisolated(unsafe) static var environment = ProcessInfo.processInfo.environment
    /// `--quiet`: only errors and warnings; `--verbose`: each build's phase times too.
    nonisolated(unsafe) static var quiet = false
    private static let lock = NSLock()

    /// A diagnostic, read back from Katern's one-line form.
    struct Diagnostic: Equatable {
        var severity: String
        var file: String?
        var line: Int?
        var column: Int?
        var message: String
    }

    static func parse(_ text: String) -> Diagnostic? {
        for severity in ["error", "warning"] {
            guard let range = text.range(of: ": \(severity): ") else { continue }
            var place = String(text[..<range.lowerBound])
            let message = String(text[range.upperBound...])
            var numbers: [Int] = []
            while numbers.count < 2, let colon = place.lastIndex(of: ":"), let n = Int(place[place.index(after: colon)...]) {
                numbers.insert(n, at: 0)
                place = String(place[..<colon])
            }
            return Diagnostic(severity: severity, file: place.isEmpty ? nil : place, line: numbers.first,
                              column: numbers.count > 1 ? numbers[1] : nil, message: message)
        }
        if text.hasPrefix("error: ") { return Diagnostic(severity: "error", message: String(text.dropFirst(7))) }
        if text.hasPrefix("warning: ") { return Diagnostic(severity: "warning", message: String(text.dropFirst(9))) }
        return nil
    }

    static var isTerminal: Bool { isatty(2) == 1 }

    static var resolvedFormat: Format {
        if format != .auto { return format }
        return isTerminal ? .human : .short
    }

    static var usesColor: Bool {
        if environment["NO_COLOR"].map({ !$0.isEmpty }) == true { return false }
        switch color {
        case .always: return true
        case .never: return false
        case .auto: return isTerminal && environment["TERM"] != "dumb"
        }
    }

    /// Prints one diagnostic (or any other line) on standard error in the chosen form.
    static func emit(_ text: String) {
        let clean = Terminal.clean(text)
        guard let diagnostic = parse(clean) else {
            // A line that is no diagnostic ("edition x failed:") stays a line; in JSON, an object
            // of its own, so that every line of standard error parses.
            write((resolvedFormat == .json ? json(Diagnostic(severity: "note", message: clean)) : clean) + "\n", to: FileHandle.standardError)
            return
        }
        lock.lock()
        defer { lock.unlock() }
        switch resolvedFormat {
        case .json: write(json(diagnostic) + "\n", to: FileHandle.standardError)
        case .human: write(human(diagnostic, color: usesColor), to: FileHandle.standardError)
        case .short, .auto: write(short(diagnostic, color: usesColor) + "\n", to: FileHandle.standardError)
        }
        if environment["GITHUB_ACTIONS"] == "true" { write(annotation(diagnostic) + "\n", to: FileHandle.standardOutput) }
    }

    private static func write(_ text: String, to handle: FileHandle) { handle.write(Data(text.utf8)) }

    private static func paint(_ text: String, _ code: String, _ on: Bool) -> String { on ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }

    static func place(_ d: Diagnostic) -> String {
        [d.file, d.line.map(String.init), d.column.map(String.init)].compactMap { $0 }.joined(separator: ":")
    }

    static func short(_ d: Diagnostic, color: Bool) -> String {
        let word = paint(d.severity, d.severity == "error" ? "1;31" : "1;33", color)
        let at = place(d)
        return (at.isEmpty ? "" : paint(at, "1", color) + ": ") + word + ": " + d.message
    }

    static func human(_ d: Diagnostic, color: Bool) -> String {
        var out = paint(d.severity, d.severity == "error" ? "1;31" : "1;33", color) + paint(": " + d.message, "1", color) + "\n"
        guard let file = d.file else { return out }
        out += "  " + paint("-->", "34", color) + " " + place(d) + "\n"
        guard let line = d.line, let source = sourceLine(file, line) else { return out }
        let number = String(line)
        let gutter = String(repeating: " ", count: number.count + 1)
        out += gutter + paint("|", "34", color) + "\n"
        out += paint(number, "34", color) + " " + paint("|", "34", color) + " " + source + "\n"
        if let column = d.column, column >= 1 {
            // Under the character the column names (columns count characters from 1; a tab
            // keeps its width).
            let lead = source.prefix(column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
            out += gutter + paint("|", "34", color) + " " + lead + paint("^", d.severity == "error" ? "1;31" : "1;33", color) + "\n"
        }
        return out
    }

    /// Line `line` of `file`, without its line break (nil when it cannot be read).
    static func sourceLine(_ file: String, _ line: Int) -> String? {
        guard line >= 1, let data = FileManager.default.contents(atPath: file), data.count <= 64 * 1024 * 1024 else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line <= lines.count else { return nil }
        return Terminal.clean(String(lines[line - 1]).replacingOccurrences(of: "\r", with: ""))
    }

    static func json(_ d: Diagnostic) -> String {
        var object: [String: Any] = ["severity": d.severity, "message": d.message]
        if let file = d.file { object["file"] = file }
        if let line = d.line { object["line"] = line }
        if let column = d.column { object["column"] = column }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// A GitHub Actions workflow command; its properties and message escaped as GitHub asks.
    static func annotation(_ d: Diagnostic) -> String {
        func escape(_ text: String, property: Bool) -> String {
            var out = text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
            if property { out = out.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C") }
            return out
        }
        var properties: [String] = []
        if let file = d.file { properties.append("file=" + escape(file, property: true)) }
        if let line = d.line { properties.append("line=\(line)") }
        if let column = d.column { properties.append("col=\(column)") }
        return "::\(d.severity)" + (properties.isEmpty ? "" : " " + properties.joined(separator: ",")) + "::" + escape(d.message, property: false)
    }
}

/// `--diagnostic-format` and `--color`, for every command that reads a project.
struct DiagnosticOptions: ParsableArguments {
    @Option(name: .customLong("diagnostic-format"),
            help: ArgumentHelp("How errors and warnings are printed: human (with the source line and a caret), short (file:line:column: error: message), json (one object per line), or auto: human on a terminal, short otherwise. Under GitHub Actions each is an annotation too.", valueName: "format"))
    var diagnosticFormat: Diagnostics.Format = .auto

    @Option(help: ArgumentHelp("Colour in diagnostics: auto (on a terminal, unless NO_COLOR is set), always or never.", valueName: "when"))
    var color: Diagnostics.ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "Print only errors and warnings (no progress, no result lines).")
    var quiet = false

    @Flag(help: "Also print how long each phase of a build took, and its memory.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose do not go together") }
        Diagnostics.format = diagnosticFormat
        Diagnostics.color = color
        Diagnostics.quiet = quiet
        if verbose { setenv("KATERN_TIMING", "1", 1) }
    }
}

import ArgumentParser
import Foundation
import KaternDocument

/// Prints a line on standard error: a diagnostic in the form `--diagnostic-format` asks for.
func printError(_ text: String) {
    Diagnostics.emit(text)
}

/// Runs `body`; Katern errors are printed as `file:line: error: message` (several when the run
/// found several) and the command exits with status 1.
func runReporting<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as LocatedError {
        printError(error.description)
        throw ExitCode(1)
    } catch let errors as LocatedErrors {
        for error in errors.errors { printError(error.description) }
        throw ExitCode(1)
    }
}

/// What Katern prints comes partly from the sources (file names, text): control characters in it
/// are shown escaped, never sent to the terminal, where they could move the cursor or change
/// colours.
enum Terminal {
    static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += scalar == "\u{1B}" ? "\\e" : String(format: "\\u{%X}", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v)
    }
}

/// Prints a line on standard output, with control characters from the sources escaped.
/// (Nothing under `--quiet`: then only errors and warnings are printed.)
func say(_ text: String, terminator: String = "\n") {
    guard !Diagnostics.quiet else { return }
    FileHandle.standardOutput.write(Data((Terminal.clean(text) + terminator).utf8))
}

/// A progress bar on standard error, redrawn in place and fitted to the terminal's width; only
/// on a terminal, and not under `--quiet`.
struct ProgressBar {
    let total: Int
    var shown: Bool { isatty(2) == 1 && !Diagnostics.quiet }

    static var columns: Int {
        var size = winsize()
        if ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 80
    }

    func draw(_ done: Int, _ label: String) {
        guard shown else { return }
        let counter = " \(done)/\(total) "
        let room = max(10, Self.columns - counter.count - 3)
        let width = min(30, room / 2)
        let filled = width * done / max(1, total)
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
        var text = Terminal.clean(label)
        let left = max(0, Self.columns - bar.count - counter.count - 1)
        if text.count > left { text = String(text.prefix(max(0, left - 1))) + "…" }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(bar)\(counter)\(text)".utf8))
    }

    func finish() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

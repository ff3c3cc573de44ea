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
func say(_ text: String, terminator: String = "\n") {
    FileHandle.standardOutput.write(Data((Terminal.clean(text) + terminator).utf8))
}

import ArgumentParser
import Foundation
import KaternDocument

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Runs `body`; a Katern error is printed as `file:line: error: message` and exits with status 1.
func runReporting<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as LocatedError {
        printError(error.description)
        throw ExitCode(1)
    }
}

import Foundation

/// A PDF read back with poppler-utils, independently of Katern: its text, line by line, and
/// each word with its box (points from the page's top-left corner).
public struct PDFText {
    public struct Word: Sendable {
        public var page: Int
        public var text: String
        public var xMin: Double, yMin: Double, xMax: Double, yMax: Double
    }

    public let path: String

    public init(_ path: String) { self.path = path }

    /// `pdftotext -layout`: the text with each printed line on a line of its own.
    public func lines() throws -> [String] {
        let result = try CLI.run("/usr/bin/pdftotext", ["-layout", path, "-"])
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// `pdftotext` in reading order, as one string.
    public func text() throws -> String {
        try CLI.run("/usr/bin/pdftotext", [path, "-"]).stdout
    }

    /// Every word with its page and box, from `pdftotext -bbox`; with the pages' sizes.
    public func words() throws -> (words: [Word], pageSize: (width: Double, height: Double)) {
        let html = try CLI.run("/usr/bin/pdftotext", ["-bbox", path, "-"]).stdout
        var words: [Word] = []
        var page = 0
        var size = (width: 0.0, height: 0.0)
        func attribute(_ name: String, in line: Substring) -> Double? {
            guard let range = line.range(of: name + "=\"") else { return nil }
            let rest = line[range.upperBound...]
            return rest.firstIndex(of: "\"").flatMap { Double(rest[..<$0]) }
        }
        for line in html.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("<page ") {
                page += 1
                size = (attribute("width", in: line) ?? 0, attribute("height", in: line) ?? 0)
            } else if trimmed.hasPrefix("<word "), let open = trimmed.firstIndex(of: ">"), let close = trimmed.range(of: "</word>") {
                let raw = String(trimmed[trimmed.index(after: open)..<close.lowerBound])
                let text = raw.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                words.append(Word(page: page, text: text, xMin: attribute("xMin", in: line) ?? 0, yMin: attribute("yMin", in: line) ?? 0,
                                  xMax: attribute("xMax", in: line) ?? 0, yMax: attribute("yMax", in: line) ?? 0))
            }
        }
        return (words, size)
    }
}

/// Dutch hyphenation as an independent implementation judges it: pyphen (Debian's python3-pyphen
/// with the hyph_nl patterns, a pure-Python reading of the dictionary), not Katern's libhyphen code.
public enum IndependentHyphenation {
    /// The break positions pyphen allows in each word (character offsets), keyed by the word.
    public static func positions(_ words: [String]) throws -> [String: Set<Int>] {
        let unique = Array(Set(words.map { $0.lowercased() })).sorted()
        guard !unique.isEmpty else { return [:] }
        let script = """
            import sys, pyphen
            d = pyphen.Pyphen(lang="nl_NL", left=1, right=1)
            for w in sys.stdin.read().split("\\n"):
                if w: print(w + "\\t" + ",".join(str(p) for p in d.positions(w)))
            """
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("katern-pyphen-\(UUID().uuidString).txt").path
        try unique.joined(separator: "\n").write(toFile: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: input) }
        let result = try CLI.run("/bin/sh", ["-c", "/usr/bin/python3 -c '\(script.replacingOccurrences(of: "'", with: "'\\''"))' < '\(input)'"])
        guard result.status == 0 else {
            throw SupportError("pyphen is not available (install Debian's python3-pyphen, as Scripts/setup does): \(result.stderr)")
        }
        var found: [String: Set<Int>] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            found[String(parts[0])] = Set(parts[1].split(separator: ",").compactMap { Int($0) })
        }
        return found
    }

    /// Exception words (`phi-la-del-phia`) -> their break positions.
    public static func exceptions(_ lines: [String]) -> [String: Set<Int>] {
        var result: [String: Set<Int>] = [:]
        for line in lines {
            let word = line.trimmingCharacters(in: .whitespaces)
            guard !word.isEmpty, !word.hasPrefix("#") else { continue }
            var positions = Set<Int>()
            var count = 0
            for part in word.split(separator: "-", omittingEmptySubsequences: false).dropLast() {
                count += part.count
                positions.insert(count)
            }
            result[word.replacingOccurrences(of: "-", with: "").lowercased()] = positions
        }
        return result
    }
}

public struct SupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

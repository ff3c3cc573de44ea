import CHyphen
import Foundation
import KaternDocument

/// Dutch (or another language's) hyphenation from libhyphen and a pattern dictionary
/// (`/usr/share/hyphen/hyph_<lang>.dic`), corrected by exception lists (`Hyphenation/<lang>.txt`
/// and the booklet's own). Marks break points with soft hyphens (U+00AD). Keeps at least
/// `leftMin` letters before and `rightMin` after a break, and never leaves a one-letter syllable.
/// Owns the dictionary.
public final class Hyphenator {
    private let dictionary: UnsafeMutablePointer<HyphenDict>
    public let leftMin: Int
    public let rightMin: Int
    /// Lower-case words and their break points (character offsets), which replace the patterns.
    private var exceptions: [String: [Int]] = [:]
    private var cache: [String: String] = [:]

    public static let dictionaryFolder = "/usr/share/hyphen"

    /// Loads the dictionary for a language tag such as `nl-NL` (tries `hyph_nl_NL.dic`, then `hyph_nl.dic`).
    public init(language: String, leftMin: Int = 2, rightMin: Int = 3, location: SourceLocation) throws {
        let tag = language.replacingOccurrences(of: "-", with: "_")
        let candidates = ["hyph_\(tag).dic", "hyph_\(tag.split(separator: "_").first ?? "").dic"]
        var loaded: UnsafeMutablePointer<HyphenDict>?
        for name in candidates where loaded == nil {
            loaded = hnj_hyphen_load("\(Self.dictionaryFolder)/\(name)")
        }
        guard let loaded else {
            throw TextError.dictionary(location, "no hyphenation dictionary for language '\(language)' in \(Self.dictionaryFolder) (install Debian's hyphen-\(tag.split(separator: "_").first ?? "") package)")
        }
        dictionary = loaded
        self.leftMin = max(1, leftMin)
        self.rightMin = max(1, rightMin)
    }

    deinit { hnj_hyphen_free(dictionary) }

    /// Adds exception words written with their break points: `phi-la-del-phia`.
    public func addExceptions(_ words: [String]) {
        for word in words {
            let trimmed = word.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            var points: [Int] = []
            var letters = ""
            for c in trimmed {
                if c == "-" { points.append(letters.count) } else { letters.append(c) }
            }
            exceptions[letters.lowercased()] = points
        }
        cache.removeAll()
    }

    /// Reads an exception file (one word per line, `#` comments); a missing file is no error.
    public func addExceptions(file: String) {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return }
        addExceptions(text.split(separator: "\n").map(String.init))
    }

    /// The character offsets inside `word` after which it may be broken.
    public func breakPoints(_ word: String) -> [Int] {
        let characters = Array(word)
        guard characters.count >= leftMin + rightMin, characters.allSatisfy(\.isLetter) else { return [] }
        let lower = word.lowercased()
        guard lower.count == characters.count else { return [] }
        let candidates = exceptions[lower] ?? patternPoints(lower, count: characters.count)
        var points: [Int] = []
        for point in candidates where point >= leftMin && characters.count - point >= rightMin {
            // Never a one-letter syllable between two breaks.
            if let last = points.last, point - last < 2 { continue }
            points.append(point)
        }
        return points
    }

    private func patternPoints(_ lower: String, count: Int) -> [Int] {
        var bytes = Array(lower.utf8CString.dropLast())
        var hyphens = [CChar](repeating: 0, count: bytes.count + 5)
        var rep: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var pos: UnsafeMutablePointer<Int32>?
        var cut: UnsafeMutablePointer<Int32>?
        let status = hnj_hyphen_hyphenate3(dictionary, &bytes, Int32(bytes.count), &hyphens, nil, &rep, &pos, &cut,
                                           Int32(leftMin), Int32(rightMin), Int32(leftMin), Int32(rightMin))
        defer {
            if let rep {
                for i in 0..<bytes.count { free(rep[i]) }
                free(rep)
            }
            free(pos)
            free(cut)
        }
        guard status == 0 else { return [] }
        var points: [Int] = []
        for i in 0..<(count - 1) where hyphens[i] & 1 == 1 {
            // A non-standard break (a replacement such as "ë" -> "e-e") cannot be a soft hyphen: skip it.
            if let rep, rep[i] != nil { continue }
            points.append(i + 1)
        }
        return points
    }

    /// `text` with soft hyphens at the break points of each word that may be hyphenated.
    /// Words with digits, `@`, `/`, `:` or inner dots (numbers, e-mail and web addresses) and
    /// words that already have soft hyphens are left as they are.
    public func hyphenate(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        var token = ""
        func flush() {
            if !token.isEmpty { result += hyphenateToken(token); token = "" }
        }
        for character in text {
            if character.isWhitespace { flush(); result.append(character) } else { token.append(character) }
        }
        flush()
        return result
    }

    private func hyphenateToken(_ token: String) -> String {
        if let cached = cache[token] { return cached }
        var hyphenated = token
        let inner = String(token.reversed().drop(while: { $0.isPunctuation }).reversed())
        let neverBreak = token.contains { $0.isNumber || $0 == "@" || $0 == "/" || $0 == ":" || $0 == "\u{AD}" }
            || inner.contains(".") || token.lowercased().hasPrefix("www")
        if !neverBreak {
            // Break each letter run (a compound's parts around a hyphen are hyphenated on their own).
            var out = ""
            var run = ""
            func emit() {
                if run.isEmpty { return }
                let points = Set(breakPoints(run))
                for (i, c) in run.enumerated() {
                    if points.contains(i) { out.append("\u{AD}") }
                    out.append(c)
                }
                run = ""
            }
            for c in token {
                if c.isLetter { run.append(c) } else { emit(); out.append(c) }
            }
            emit()
            hyphenated = out
        }
        cache[token] = hyphenated
        return hyphenated
    }
}

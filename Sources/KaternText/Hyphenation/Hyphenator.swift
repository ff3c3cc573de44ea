import CHyphen
import Foundation
import KaternDocument

/// Dutch (or another language's) hyphenation from libhyphen and a pattern dictionary
/// (`/usr/share/hyphen/hyph_<lang>.dic`), corrected by exception lists (`Hyphenation/<lang>.txt`
/// and the booklet's own). Keeps at least `leftMin` letters before and `rightMin` after a break,
/// and never leaves a one-letter syllable. Owns the dictionary.
///
/// libhyphen works on bytes in the dictionary's own encoding, named on the dictionary's first
/// line (`ISO8859-1` for Dutch, `UTF-8` for others): each word is converted to it, the result is
/// read byte by byte and mapped back to characters, so "patiëntendossier" breaks as
/// pa-ti-ën-ten-dos-sier, never after the second byte of "ë".
public final class Hyphenator {
    private let dictionary: UnsafeMutablePointer<HyphenDict>
    /// The dictionary's encoding (its first line).
    public let encoding: String.Encoding
    public let leftMin: Int
    public let rightMin: Int
    /// Lower-case words and their break points (character offsets), which replace the patterns.
    private var exceptions: [String: [Int]] = [:]
    /// Break points of each token (a run of text between spaces), by token.
    private var cache: [String: [Int]] = [:]

    public static let dictionaryFolder = "/usr/share/hyphen"

    /// Loads the dictionary for a language tag such as `nl-NL` (tries `hyph_nl_NL.dic`, then `hyph_nl.dic`).
    public init(language: String, leftMin: Int = 2, rightMin: Int = 3, location: SourceLocation) throws {
        let tag = language.replacingOccurrences(of: "-", with: "_")
        let base = String(tag.split(separator: "_").first ?? "")
        let candidates = ["hyph_\(tag).dic", "hyph_\(base).dic"].map { "\(Self.dictionaryFolder)/\($0)" }
        guard let path = candidates.first(where: { FileManager.default.isReadableFile(atPath: $0) }),
              let loaded = hnj_hyphen_load(path) else {
            throw TextError.dictionary(location, "no hyphenation dictionary for language '\(language)' in \(Self.dictionaryFolder) (install Debian's hyphen-\(base) package)")
        }
        dictionary = loaded
        encoding = Self.encoding(ofDictionary: path)
        self.leftMin = max(1, leftMin)
        self.rightMin = max(1, rightMin)
    }

    deinit { hnj_hyphen_free(dictionary) }

    /// The encoding a dictionary names on its first line.
    static func encoding(ofDictionary path: String) -> String.Encoding {
        guard let handle = FileHandle(forReadingAtPath: path) else { return .utf8 }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64)) ?? Data()
        let first = String(decoding: head.prefix { $0 != 0x0A && $0 != 0x0D }, as: UTF8.self)
            .trimmingCharacters(in: .whitespaces).uppercased().replacingOccurrences(of: "_", with: "-")
        switch first {
        case "ISO8859-1", "ISO-8859-1", "LATIN1": return .isoLatin1
        case "ISO8859-2", "ISO-8859-2", "LATIN2": return .isoLatin2
        case "MICROSOFT-CP1251", "CP1251": return .windowsCP1251
        default: return .utf8
        }
    }

    /// Adds exception words written with their break points: `phi-la-del-phia`.
    public func addExceptions(_ words: [String]) {
        for word in words {
            let trimmed = word.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            var points: [Int] = []
            var letters = ""
            for c in trimmed.precomposedStringWithCanonicalMapping {
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

    /// The character offsets inside `word` (a run of letters) after which it may be broken.
    public func breakPoints(_ word: String) -> [Int] {
        let characters = Array(word)
        guard characters.count >= leftMin + rightMin, characters.allSatisfy(\.isLetter) else { return [] }
        let lower = characters.map { $0.lowercased() }
        guard lower.allSatisfy({ $0.count == 1 }) else { return [] }
        let candidates = exceptions[lower.joined()] ?? patternPoints(lower.map { Character($0) })
        var points: [Int] = []
        for point in candidates where point >= leftMin && characters.count - point >= rightMin {
            // Never a one-letter syllable between two breaks.
            if let last = points.last, point - last < 2 { continue }
            points.append(point)
        }
        return points
    }

    /// The patterns' break points of a lower-case word: converted to the dictionary's encoding
    /// character by character, hyphenated, and read back by the last byte of each character.
    private func patternPoints(_ lower: [Character]) -> [Int] {
        var bytes: [CChar] = []
        var lastByte: [Int] = []
        for character in lower {
            // Latin-1 and UTF-8 directly (a character of one scalar is already composed); other
            // encodings through Foundation.
            let scalars = character.unicodeScalars
            if encoding == .isoLatin1, scalars.count == 1, let scalar = scalars.first {
                guard scalar.value <= 0xFF else { return [] }  // a letter Latin-1 cannot hold: no breaks
                bytes.append(CChar(bitPattern: UInt8(scalar.value)))
            } else if encoding == .utf8, scalars.count == 1 {
                bytes.append(contentsOf: character.utf8.map { CChar(bitPattern: $0) })
            } else {
                guard let encoded = String(character).precomposedStringWithCanonicalMapping.data(using: encoding), !encoded.isEmpty else {
                    return []  // a letter the dictionary's encoding cannot hold: no breaks
                }
                bytes.append(contentsOf: encoded.map { CChar(bitPattern: $0) })
            }
            lastByte.append(bytes.count - 1)
        }
        let length = bytes.count
        // libhyphen looks for its NOHYPHEN strings in the word with strstr: the word must end
        // with a NUL, or it reads (and marks hyphens) past the end of the buffer.
        bytes.append(0)
        var hyphens = [CChar](repeating: 0, count: length + 5)
        var rep: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var pos: UnsafeMutablePointer<Int32>?
        var cut: UnsafeMutablePointer<Int32>?
        let status = hnj_hyphen_hyphenate2(dictionary, &bytes, Int32(length), &hyphens, nil, &rep, &pos, &cut)
        defer {
            if let rep {
                for i in 0..<length { free(rep[i]) }
                free(rep)
            }
            free(pos)
            free(cut)
        }
        guard status == 0 else { return [] }
        var points: [Int] = []
        for (index, byte) in lastByte.enumerated().dropLast() where hyphens[byte] & 1 == 1 {
            // A non-standard break (a replacement such as "ë" -> "e-e") cannot be a soft hyphen: skip it.
            if let rep, rep[byte] != nil { continue }
            points.append(index + 1)
        }
        return points
    }

    /// Where soft hyphens go in `characters` (the whole text of a paragraph, across its style
    /// spans, so `lym*fo*blasten` is one word): the indices of the characters a break may come
    /// before. Tokens between white space that hold digits, `@`, `/`, `:`, inner dots (numbers,
    /// e-mail and web addresses), soft hyphens of their own, or a character `protected` says
    /// must not be broken (code), are left whole. Each letter run of a token (a compound's
    /// parts around its hyphens) is hyphenated on its own.
    public func breakIndices(in characters: [Character], protected: (Int) -> Bool = { _ in false }) -> [Int] {
        var result: [Int] = []
        var start = 0
        func token(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            if range.contains(where: protected) { return }
            let key = String(characters[range])
            let points: [Int]
            if let cached = cache[key] {
                points = cached
            } else {
                points = tokenPoints(Array(characters[range]))
                cache[key] = points
            }
            result.append(contentsOf: points.map { range.lowerBound + $0 })
        }
        // No-break spaces join their neighbours into one token ("1 januari 2025", "5 mg"): a glued
        // run is never hyphenated (it holds digits).
        for (index, character) in characters.enumerated() where character.isWhitespace && !Self.isGlue(character) {
            token(start..<index)
            start = index + 1
        }
        token(start..<characters.count)
        return result
    }

    static func isGlue(_ character: Character) -> Bool {
        character == "\u{A0}" || character == "\u{202F}" || character == "\u{2007}" || character == "\u{2060}"
    }

    /// The break indices inside one token, or none when the token must stay whole.
    private func tokenPoints(_ token: [Character]) -> [Int] {
        let inner = token.reversed().drop(while: { $0.isPunctuation }).reversed()
        let neverBreak = token.contains { $0.isNumber || $0 == "@" || $0 == "/" || $0 == ":" || $0 == "\u{AD}" }
            || inner.contains(".") || String(token).lowercased().hasPrefix("www")
        guard !neverBreak else { return [] }
        var points: [Int] = []
        var runStart: Int?
        func emit(_ end: Int) {
            guard let start = runStart else { return }
            points.append(contentsOf: breakPoints(String(token[start..<end])).map { start + $0 })
            runStart = nil
        }
        for (index, c) in token.enumerated() {
            if c.isLetter {
                if runStart == nil { runStart = index }
            } else {
                emit(index)
            }
        }
        emit(token.count)
        return points
    }

    /// `text` with soft hyphens (U+00AD) at the break points of each word that may be hyphenated.
    public func hyphenate(_ text: String) -> String {
        let characters = Array(text)
        let points = Set(breakIndices(in: characters))
        var result = ""
        result.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        for (index, character) in characters.enumerated() {
            if points.contains(index) { result.append("\u{AD}") }
            result.append(character)
        }
        return result
    }
}

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
    private let patterns: HyphenationPatterns
    private var dictionary: UnsafeMutablePointer<HyphenDict> { patterns.dictionary }
    /// The dictionary's encoding (its first line).
    public var encoding: String.Encoding { patterns.encoding }
    public let leftMin: Int
    public let rightMin: Int
    /// Lower-case words and their break points (character offsets), which replace the patterns.
    private var exceptions: [String: [Int]] = [:]
    /// Break points of each token (a run of text between spaces), by token.
    private var cache: [[Unicode.Scalar]: [Int]] = [:]

    /// Where the hyphenation dictionaries are: Debian's `/usr/share/hyphen` (`hyphen-nl`), or the
    /// folder `KATERN_HYPHEN_DICTIONARIES` names (on macOS, where no package puts them there).
    public static let dictionaryFolder = ProcessInfo.processInfo.environment["KATERN_HYPHEN_DICTIONARIES"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/share/hyphen"

    /// Loads the dictionary for a language tag such as `nl-NL` (tries `hyph_nl_NL.dic`, then
    /// `hyph_nl.dic`), unless the caller has the language's `patterns` loaded already (a
    /// `ShaperWarmup` on another thread, or a batch for all its workers).
    public init(language: String, leftMin: Int = 2, rightMin: Int = 3, location: SourceLocation,
                patterns given: HyphenationPatterns? = nil) throws {
        let loaded = given ?? HyphenationPatterns(language: language)
        guard let loaded else {
            let base = String(language.replacingOccurrences(of: "-", with: "_").split(separator: "_").first ?? "")
            throw TextError.dictionary(location, "no hyphenation dictionary for language '\(language)' in \(Self.dictionaryFolder) (install Debian's hyphen-\(base) package)")
        }
        patterns = loaded
        self.leftMin = max(1, leftMin)
        self.rightMin = max(1, rightMin)
    }

    /// The encoding a dictionary names on its first line.
    public static func encoding(ofDictionary path: String) -> String.Encoding {
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
        let scalars = Array(word.unicodeScalars)
        guard let units = Self.letters(scalars[...]) else { return [] }
        return letterPoints(scalars, units)
    }

    /// The letters of a run: each a base scalar and the combining marks after it (their scalar
    /// ranges); nil when the run holds something else.
    private static func letters(_ scalars: ArraySlice<Unicode.Scalar>) -> [Range<Int>]? {
        var units: [Range<Int>] = []
        units.reserveCapacity(scalars.count)
        for index in scalars.indices {
            let scalar = scalars[index]
            if isLetter(scalar) { units.append(index..<(index + 1)) }
            else if isMark(scalar), let last = units.last { units[units.count - 1] = last.lowerBound..<(index + 1) }
            else { return nil }
        }
        return units
    }

    /// The break points of a run of letters (`units`, ranges of `scalars`), as letter offsets.
    private func letterPoints(_ scalars: [Unicode.Scalar], _ units: [Range<Int>]) -> [Int] {
        guard units.count >= leftMin + rightMin else { return [] }
        var lower: [Unicode.Scalar] = []
        lower.reserveCapacity(units.count)
        for unit in units {
            if unit.count == 1, let folded = Self.lowercase(scalars[unit.lowerBound]) {
                lower.append(folded)
            } else {
                // A letter with combining marks, or one whose lower case is not one scalar.
                var text = String.UnicodeScalarView()
                text.append(contentsOf: scalars[unit])
                let composed = String(text).lowercased().precomposedStringWithCanonicalMapping.unicodeScalars
                guard composed.count == 1, let only = composed.first else { return [] }
                lower.append(only)
            }
        }
        var word = String.UnicodeScalarView()
        word.append(contentsOf: lower)
        let candidates = exceptions.isEmpty ? patternPoints(lower) : (exceptions[String(word)] ?? patternPoints(lower))
        var points: [Int] = []
        for point in candidates where point >= leftMin && units.count - point >= rightMin {
            // Never a one-letter syllable between two breaks.
            if let last = points.last, point - last < 2 { continue }
            points.append(point)
        }
        return points
    }

    /// A scalar's lower case when it is one scalar (ASCII and Latin-1 without asking Unicode's tables).
    private static func lowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let value = scalar.value
        if value < 0x80 { return (0x41...0x5A).contains(value) ? Unicode.Scalar(value + 0x20) : scalar }
        if value <= 0xFF { return (0xC0...0xDE).contains(value) && value != 0xD7 ? Unicode.Scalar(value + 0x20) : scalar }
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        return mapping.count == 1 ? mapping.first : nil
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x300 else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The patterns' break points of a lower-case word (a scalar a letter), converted to the
    /// dictionary's encoding, hyphenated, and read back by the last byte of each letter.
    private func patternPoints(_ lower: [Unicode.Scalar]) -> [Int] {
        var bytes: [CChar] = []
        bytes.reserveCapacity(lower.count * 2 + 1)
        var lastByte: [Int] = []
        lastByte.reserveCapacity(lower.count)
        for scalar in lower {
            // Latin-1 and UTF-8 directly; other encodings through Foundation.
            if encoding == .isoLatin1 {
                guard scalar.value <= 0xFF else { return [] }  // a letter Latin-1 cannot hold: no breaks
                bytes.append(CChar(bitPattern: UInt8(scalar.value)))
            } else if encoding == .utf8 {
                bytes.append(contentsOf: String(scalar).utf8.map { CChar(bitPattern: $0) })
            } else {
                guard let encoded = String(scalar).data(using: encoding), !encoded.isEmpty else {
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

    /// Where soft hyphens go in `scalars` (the whole text of a paragraph, across its style
    /// spans, so `lym*fo*blasten` is one word): the indices of the scalars a break may come
    /// before (never a combining mark). Tokens between white space that hold digits, `@`, `/`,
    /// `:`, inner dots (numbers, e-mail and web addresses), soft hyphens of their own, or a
    /// scalar `protected` says must not be broken (code), are left whole. Each letter run of a
    /// token (a compound's parts around its hyphens) is hyphenated on its own.
    public func breakIndices(in scalars: [Unicode.Scalar], protected: (Int) -> Bool = { _ in false }) -> [Int] {
        var result: [Int] = []
        var start = 0
        func token(_ range: Range<Int>) {
            guard range.count >= leftMin + rightMin else { return }
            if range.contains(where: protected) { return }
            let key = Array(scalars[range])
            let points: [Int]
            if let cached = cache[key] {
                points = cached
            } else {
                points = tokenPoints(key)
                cache[key] = points
            }
            for point in points { result.append(range.lowerBound + point) }
        }
        // No-break spaces join their neighbours into one token ("1 januari 2025", "5 mg"): a glued
        // run is never hyphenated (it holds digits).
        for (index, scalar) in scalars.enumerated() where Self.isSpace(scalar) {
            token(start..<index)
            start = index + 1
        }
        token(start..<scalars.count)
        return result
    }

    /// White space that separates tokens (not the glue of no-break spaces).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return scalar.properties.isWhitespace && !isGlue(scalar)
    }

    static func isGlue(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\u{A0}" || scalar == "\u{202F}" || scalar == "\u{2007}" || scalar == "\u{2060}"
    }

    /// The break indices (scalar offsets) inside one token, or none when it must stay whole.
    private func tokenPoints(_ token: [Unicode.Scalar]) -> [Int] {
        var end = token.count
        while end > 0, Self.isPunctuation(token[end - 1]) { end -= 1 }
        let inner = token[..<end]
        let neverBreak = token.contains { $0 == "@" || $0 == "/" || $0 == ":" || $0 == "\u{AD}" || Self.isNumber($0) }
            || inner.contains(".") || (token.count >= 3 && token[0...2].map { Self.lowercase($0) } == ["w", "w", "w"])
        guard !neverBreak else { return [] }
        var points: [Int] = []
        var runStart: Int?
        func emit(_ end: Int) {
            guard let start = runStart else { return }
            runStart = nil
            guard end - start >= leftMin + rightMin, let units = Self.letters(token[start..<end]) else { return }
            points.append(contentsOf: letterPoints(token, units).map { units[$0].lowerBound })
        }
        for (index, scalar) in token.enumerated() {
            if Self.isLetter(scalar) || (runStart != nil && Self.isMark(scalar)) {
                if runStart == nil { runStart = index }
            } else {
                emit(index)
            }
        }
        emit(token.count)
        return points
    }

    static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (0x30...0x39).contains(value) }
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    /// `text` with soft hyphens (U+00AD) at the break points of each word that may be hyphenated.
    public func hyphenate(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var points = breakIndices(in: scalars).makeIterator()
        var point = points.next()
        var result = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            if index == point { result.append("\u{AD}"); point = points.next() }
            result.append(scalar)
        }
        return String(result)
    }
}

/// A language's hyphenation patterns, parsed by libhyphen (about 10 ms for Dutch) or read back
/// from `HyphenationCache` (about 2 ms): read-only once loaded (`ShaperWarmup` loads them on
/// another thread while the sources are read).
public final class HyphenationPatterns: @unchecked Sendable {
    let dictionary: UnsafeMutablePointer<HyphenDict>
    public let encoding: String.Encoding
    /// Whether the patterns came from `HyphenationCache` (one block) rather than libhyphen's parser.
    let fromCache: Bool

    /// The dictionary for a language tag (`hyph_nl_NL.dic`, then `hyph_nl.dic`), or nil when
    /// there is none: libhyphen's parse of it, kept in `HyphenationCache` for the next process.
    public init?(language: String) {
        let tag = language.replacingOccurrences(of: "-", with: "_")
        let base = String(tag.split(separator: "_").first ?? "")
        let candidates = ["hyph_\(tag).dic", "hyph_\(base).dic"].map { "\(Hyphenator.dictionaryFolder)/\($0)" }
        guard let path = candidates.first(where: { FileManager.default.isReadableFile(atPath: $0) }) else { return nil }
        if let cached = HyphenationCache.load(dictionary: path) {
            dictionary = cached
            fromCache = true
        } else {
            guard let loaded = hnj_hyphen_load(path) else { return nil }
            HyphenationCache.store(loaded, dictionary: path)
            dictionary = loaded
            fromCache = false
        }
        encoding = Hyphenator.encoding(ofDictionary: path)
    }

    deinit {
        if fromCache { free(dictionary) } else { hnj_hyphen_free(dictionary) }
    }
}

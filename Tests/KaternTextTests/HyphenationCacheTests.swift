import CHyphen
import CZlib
import Foundation
import Testing
@testable import KaternText

/// libhyphen's parsed patterns kept in a file (`HyphenationCache`): what a build reads back is
/// libhyphen's own parse, state for state, and hyphenates every word as the parse does; a file
/// cut short or damaged is never used.
@Suite(.serialized) struct HyphenationCacheTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let dictionary = Hyphenator.dictionaryFolder + "/hyph_nl_NL.dic"

    /// Every word of the shipped booklet and of the test corpus, lower case, once.
    static let words: [String] = {
        var seen = Set<String>()
        var words: [String] = []
        for folder in ["/Booklets/all", "/Tests/Corpus"] {
            guard let files = FileManager.default.enumerator(atPath: root + folder) else { continue }
            for case let name as String in files where name.hasSuffix(".md") {
                guard let text = try? String(contentsOfFile: root + folder + "/" + name, encoding: .utf8) else { continue }
                for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) where word.count >= 4 && seen.insert(String(word)).inserted {
                    words.append(String(word))
                }
            }
        }
        return words
    }()

    /// The hyphenation points libhyphen gives `word` with `dictionary` (its ISO-8859-1 bytes),
    /// with the replacements of non-standard breaks.
    static func points(_ word: String, _ dictionary: UnsafeMutablePointer<HyphenDict>) -> String {
        guard var bytes = word.data(using: .isoLatin1).map({ [CChar]($0.map { CChar(bitPattern: $0) }) }) else { return "-" }
        let length = bytes.count
        bytes.append(0)
        var hyphens = [CChar](repeating: 0, count: length + 5)
        var rep: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var pos: UnsafeMutablePointer<Int32>?
        var cut: UnsafeMutablePointer<Int32>?
        let status = hnj_hyphen_hyphenate2(dictionary, &bytes, Int32(length), &hyphens, nil, &rep, &pos, &cut)
        defer {
            if let rep { for i in 0..<length { free(rep[i]) }; free(rep) }
            free(pos)
            free(cut)
        }
        var result = "\(status):" + hyphens.prefix(length).map { String($0 & 1) }.joined()
        if let rep { for i in 0..<length { if let r = rep[i] { result += " \(i)=\(String(cString: r))" } } }
        return result
    }

    @Test func whatIsReadBackIsLibhyphensParseStateForState() throws {
        let parsed = try #require(hnj_hyphen_load(Self.dictionary))
        defer { hnj_hyphen_free(parsed) }
        let bytes = HyphenationCache.encode(parsed)
        let read = try #require(HyphenationCache.decode(bytes))
        defer { free(read) }
        func states(_ dictionary: UnsafeMutablePointer<HyphenDict>) -> [Int32] {
            var counts: [Int32] = []
            var level: UnsafeMutablePointer<HyphenDict>? = dictionary
            while let at = level { counts.append(at.pointee.num_states); level = at.pointee.nextlevel }
            return counts
        }
        // (libhyphen puts a dictionary's patterns on a second level, after a first one of its own.)
        #expect(states(read) == states(parsed) && states(parsed).reduce(0, +) > 10_000)
        // Encoded again, the copy gives the same bytes: every state, transition and string.
        #expect(HyphenationCache.encode(read) == bytes)
        #expect(Self.words.count > 2_000)
        var differing: [String] = []
        for word in Self.words + ["ideeën", "zeeën", "geëxtraheerd", "coëfficiënt", "reële", "naïef", "skiën"] {
            if Self.points(word, parsed) != Self.points(word, read) { differing.append(word) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(20))")
    }

    @Test func aFileCutShortOrDamagedIsNotUsed() throws {
        let parsed = try #require(hnj_hyphen_load(Self.dictionary))
        defer { hnj_hyphen_free(parsed) }
        let bytes = HyphenationCache.encode(parsed)
        var random = SeededRandom(seed: 0x4B48_5950)
        // Cut short anywhere.
        for _ in 0..<200 {
            let cut = Int.random(in: 0..<bytes.count, using: &random)
            #expect(HyphenationCache.decode(Array(bytes[..<cut])) == nil)
        }
        // Any byte changed: the CRC-32 differs.
        for _ in 0..<200 {
            var damaged = bytes
            let at = Int.random(in: 0..<damaged.count, using: &random)
            damaged[at] ^= UInt8.random(in: 1...255, using: &random)
            #expect(HyphenationCache.decode(damaged) == nil)
        }
        // Changed with a CRC-32 that matches (written so by a program of another format): a
        // state that leads outside its level, or counts that do not add up, are refused; what
        // is accepted hyphenates without reading outside its block.
        var accepted = 0
        for _ in 0..<300 {
            var damaged = Array(bytes[12...])
            let at = Int.random(in: 0..<damaged.count, using: &random)
            damaged[at] ^= UInt8.random(in: 1...255, using: &random)
            let sum = damaged.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
            var file = HyphenationCache.magic
            withUnsafeBytes(of: sum.littleEndian) { file += $0 }
            file += damaged
            if let read = HyphenationCache.decode(file) {
                accepted += 1
                for word in Self.words.prefix(200) { _ = Self.points(word, read) }
                free(read)
            }
        }
        #expect(accepted < 300)
    }

    /// A dictionary written for the test (ISO-8859-1), parsed by libhyphen.
    static func parse(_ lines: [String]) throws -> UnsafeMutablePointer<HyphenDict> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("katern-hyphendic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try (["ISO8859-1"] + lines).joined(separator: "\n").appending("\n").write(toFile: folder + "/hyph_xx.dic", atomically: true, encoding: .isoLatin1)
        return try #require(hnj_hyphen_load(folder + "/hyph_xx.dic"))
    }

    /// What libhyphen takes from a dictionary as written and uses unchecked stays out of the
    /// cache: non-standard breaks (their offsets), a match longer than the letters before it, an
    /// empty NOHYPHEN string. Such a dictionary is parsed in each process.
    @Test func whatLibhyphenWouldUseUncheckedIsNotCached() throws {
        let plain = try Self.parse(["a1b", ".ab4c", "NOHYPHEN x,y"])
        defer { hnj_hyphen_free(plain) }
        #expect(HyphenationCache.cacheable(plain))
        let read = try #require(HyphenationCache.decode(HyphenationCache.encode(plain)))
        free(read)

        let nonStandard = try Self.parse(["c1k/k=k,1,1", "a1b"])
        defer { hnj_hyphen_free(nonStandard) }
        #expect(!HyphenationCache.cacheable(nonStandard))
        #expect(HyphenationCache.decode(HyphenationCache.encode(nonStandard)) == nil)

        let beforeTheWord = try Self.parse(["1.ab", "a1b"])
        defer { hnj_hyphen_free(beforeTheWord) }
        #expect(HyphenationCache.decode(HyphenationCache.encode(beforeTheWord)) == nil)

        let emptyNoHyphen = try Self.parse(["a1b", "NOHYPHEN x,,y"])
        defer { hnj_hyphen_free(emptyNoHyphen) }
        #expect(HyphenationCache.decode(HyphenationCache.encode(emptyNoHyphen)) == nil)
    }

    @Test func theCacheIsNamedByTheDictionaryAndUsedByTheNextLoad() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("katern-hyphencache-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copy = folder + "/hyph_nl_NL.dic"
        try FileManager.default.copyItem(atPath: Self.dictionary, toPath: copy)
        let parsed = try #require(hnj_hyphen_load(copy))
        defer { hnj_hyphen_free(parsed) }
        let file = try #require(HyphenationCache.file(for: copy))
        try? FileManager.default.removeItem(atPath: file)
        #expect(HyphenationCache.load(dictionary: copy) == nil)
        HyphenationCache.store(parsed, dictionary: copy)
        let read = try #require(HyphenationCache.load(dictionary: copy))
        #expect(HyphenationCache.encode(read) == HyphenationCache.encode(parsed))
        free(read)
        // A file larger than any dictionary's patterns is not read (not a 4 GiB allocation).
        let kept = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(truncate(file, off_t(HyphenationCache.maximumSize + 1)) == 0)
        #expect(HyphenationCache.load(dictionary: copy) == nil)
        try kept.write(to: URL(fileURLWithPath: file))
        #expect(HyphenationCache.load(dictionary: copy).map { free($0); return true } == true)

        // The dictionary changed (a package upgrade): another cache file, not the old one's.
        let text = try String(contentsOfFile: copy, encoding: .isoLatin1)
        try (text + "zzzz1z\n").write(toFile: copy, atomically: true, encoding: .isoLatin1)
        #expect(HyphenationCache.file(for: copy) != file)
        #expect(HyphenationCache.load(dictionary: copy) == nil)
        try? FileManager.default.removeItem(atPath: file)

        // Through HyphenationPatterns: the second load of a language comes from the cache.
        _ = HyphenationPatterns(language: "nl-NL")
        let second = try #require(HyphenationPatterns(language: "nl-NL"))
        #expect(second.fromCache)
    }
}

/// A fixed sequence of pseudo-random numbers (SplitMix64), so that a failure repeats.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

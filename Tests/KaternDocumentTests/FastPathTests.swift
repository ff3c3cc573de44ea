import Foundation
import Testing
@testable import KaternDocument

/// The fast paths of the reading stage give what the plain ways give, on text of every kind.
@Suite struct FastPathTests {
    /// Heading ids as they were made before the ASCII fast path: Foundation's folding on every
    /// character, the length counted anew each time.
    static func referenceSlug(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for character in text {
            if slug.count >= Slug.maximumLength { break }
            var piece = String(character)
            if let first = character.unicodeScalars.first, first.value < 0x0370 {
                piece = piece.folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            }
            for scalar in piece.lowercased().unicodeScalars {
                if CharacterSet.alphanumerics.contains(scalar) {
                    if pendingDash && !slug.isEmpty { slug.append("-") }
                    slug.unicodeScalars.append(scalar)
                    pendingDash = false
                } else {
                    pendingDash = true
                }
            }
        }
        if slug.count > Slug.maximumLength {
            slug = String(slug.prefix(Slug.maximumLength))
            if let dash = slug.lastIndex(of: "-"), slug.distance(from: slug.startIndex, to: dash) > Slug.maximumLength / 2 { slug = String(slug[..<dash]) }
        }
        return slug
    }

    @Test func headingIdsAreThePlainOnes() {
        let pool: [String] = ["a", "Z", "7", " ", "-", "?", "(", "ë", "É", "ï", "ĳ", "ß", "e\u{301}", "\u{0D4E}", "\u{0D15}", "\u{094D}",
                              "Θ", "ж", "中", "文", "😀", "👩‍⚕️", "\u{200D}", "\u{00A0}", "\r\n", "\t", "ﬁ", "Ⅻ", "١", "ـ", "\u{FE0F}", "www.", "WWW"]
        var generator = SystemRandomNumberGenerator()
        var differ: [String] = []
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...90, using: &generator)).map { _ in pool.randomElement(using: &generator)! }.joined()
            if Slug.make(text) != Self.referenceSlug(text) { differ.append(text) }
        }
        let long = "Kop \u{0D4E} " + String(repeating: "woord ", count: 12)
        if Slug.make(long) != Self.referenceSlug(long) { differ.append(long) }
        #expect(differ.isEmpty, "\(differ.prefix(3).map { $0.unicodeScalars.map { String($0.value, radix: 16) } })")
    }

    /// Katern reads every key as text: keys with the same text are one key, whatever their tags,
    /// and a second one is an error at its line (never one of them dropped).
    @Test(arguments: ["a: 1\n!!str a: 2\n", "1: een\n!!int 1: twee\n", "yes: een\n\"yes\": twee\n", "x:\n  y: 1\n  !!str y: 2\n",
                      "- k: 1\n  \"k\": 2\n"])
    func keysWithTheSameTextAreDuplicates(_ yaml: String) {
        do {
            _ = try YAMLValue.parse(yaml, file: "l.yaml")
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect("\(error)".contains("duplicate keys"), "\(error)")
            #expect("\(error)".contains("l.yaml:"), "\(error)")
        }
    }

    @Test func differentKeysAndTagsAreNoDuplicates() throws {
        let value = try YAMLValue.parse("a: 1\nb: yes\nc: ~\nd: 0x10\n\"e\": 1e3\nf: &x [1, 2]\ng: *x\n", file: "l.yaml")
        guard case .mapping(let mapping) = value.node else { Issue.record("not a mapping"); return }
        #expect(mapping.count == 7)
    }

    static let linePool: [String] = ["a", " ", "\n", "\r", "\r\n", "\n\r", "\n\u{301}", "e\u{301}", "ë", "[^1]:", "```", "~~~", "中", "👩‍⚕️",
                                     "\u{2028}", "\u{85}", "\t", "www.", "://", ".nl", "@", "0612345678"]

    /// The converter's lines are those of a split at "\n" by character (a CR LF stays one).
    @Test func linesAreThoseOfASplitByCharacter() {
        var generator = SystemRandomNumberGenerator()
        var differ: [String] = []
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in Self.linePool.randomElement(using: &generator)! }.joined()
            if CommonMarkConverter.lines(of: text) != text.split(separator: "\n", omittingEmptySubsequences: false) { differ.append(text) }
        }
        #expect(differ.isEmpty, "\(differ.prefix(3).map { $0.unicodeScalars.map { String($0.value, radix: 16) } })")
    }

    /// The linker's look for an address part in one pass finds what looking for each part does.
    @Test func addressPartsAreFoundAsByEachPart() {
        var generator = SystemRandomNumberGenerator()
        let pool = Self.linePool + Linker.addressParts + Linker.domains + [".", ":", "/", "w", "ww", "n", "l", "x.", "h:/"]
        var differ: [String] = []
        for _ in 0..<50_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pool.randomElement(using: &generator)! }.joined()
            if Linker.holdsAddressPart(text) != Linker.addressParts.contains(where: { TextScan.contains(text, $0) }) { differ.append(text) }
        }
        #expect(differ.isEmpty, "\(differ.prefix(5))")
    }

    /// Aliases of lists of aliases hold millions of values once expanded: an error at the file,
    /// after a bounded walk (the walk over all of them took 14 s in a release build); a few
    /// aliases are fine.
    @Test func aliasesThatExpandToMillionsAreAnError() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<8 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        do {
            _ = try YAMLValue.parse(yaml, file: "b.yaml", lineOffset: 1)
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("b.yaml:") && "\(error)".contains("aliases expand to more than"), "\(error)")
        }
        let fine = try YAMLValue.parse("kleur: &k {r: 1, g: 2}\nkop: *k\nlijst: [*k, *k, *k]\n", file: "c.yaml")
        guard case .mapping(let mapping) = fine.node else { Issue.record("not a mapping"); return }
        #expect(mapping.count == 3)
    }
}

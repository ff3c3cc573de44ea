import Foundation
@testable import KaternRender
import KaternTestSupport
import Testing

/// The PDF object layer of the writer: what `PDFSyntax` writes, `PDFLexer` reads back as the
/// same value (random values of every kind, nested); the lexer's corner cases and damaged
/// syntax; a file written in pieces is the file written whole, and qpdf finds it sound.
@Suite struct PDFFileTests {
    func randomValue(_ random: inout SplitMix64, depth: Int = 0, references: Int = 500) -> PDFValue {
        switch random.below(depth > 3 ? 7 : 9) {
        case 0: return .null
        case 1: return .bool(random.below(2) == 0)
        case 2: return .integer(random.below(2_000_001) - 1_000_000)
        case 3: return .real(Array(String(format: "%.3f", Double(random.below(200_000)) / 7 - 10_000).utf8))
        case 4: return .name(String((0..<(1 + random.below(12))).map { _ in Character(Unicode.Scalar(UInt8(0x41 + random.below(26)))) }))
        case 5: return .string((0..<random.below(40)).map { _ in UInt8(random.below(256)) })
        case 6: return .reference(1 + random.below(references))
        case 7: return .array((0..<random.below(6)).map { _ in randomValue(&random, depth: depth + 1, references: references) })
        default:
            var dictionary = PDFDictionary()
            for index in 0..<random.below(6) { dictionary["K\(index)"] = randomValue(&random, depth: depth + 1, references: references) }
            return .dictionary(dictionary)
        }
    }

    func read(_ bytes: [UInt8]) throws -> PDFValue? {
        var lexer = PDFLexer(data: bytes, position: 0)
        return try lexer.value()
    }

    @Test func whatIsWrittenIsReadBackTheSame() throws {
        var random = SplitMix64(seed: 2024)
        let identity = Array(0...600)
        for _ in 0..<3000 {
            let value = randomValue(&random)
            var syntax = PDFSyntax(renumber: identity)
            syntax.value(value)
            #expect(try read(syntax.bytes) == value, "\(String(decoding: syntax.bytes, as: UTF8.self))")
        }
    }

    @Test func theLexersCornerCases() throws {
        #expect(try read(Array("(a\\)b\\\\c\\101\\n(nested) \\\nend)".utf8)) == .string(Array("a)b\\cA\n(nested) end".utf8)))
        #expect(try read(Array("<4A 5>".utf8)) == .string([0x4A, 0x50]))
        #expect(try read(Array("[1 2 3 0 R 4]".utf8)) == .array([.integer(1), .integer(2), .reference(3), .integer(4)]))
        #expect(try read(Array("<< /A 1 % a comment >>\n /B [ 2 0 R] /C -.5 /D /Name#20x >>".utf8))
                == .dictionary(PDFDictionary(entries: [("A", .integer(1)), ("B", .array([.reference(2)])), ("C", .real(Array("-.5".utf8))), ("D", .name("Name#20x"))])))
        // Damaged values are errors, never a crash.
        for damaged in ["(open", "<4G>", "<< /A >>", "<< 1 2 >>", "[1 2", "<< /A [1 >>", String(repeating: "[", count: 10_000)] {
            #expect(throws: (any Error).self, "\(damaged.prefix(20))") { try read(Array(damaged.utf8)) }
        }
    }

    /// A file of random objects (and streams past the megabyte at which the writer hands its
    /// bytes on), written to a sink piece by piece and kept in memory: the same bytes, which
    /// qpdf reads as a sound PDF with every object in place.
    @Test func aFileWrittenInPiecesIsTheSameFileAndSound() throws {
        func write(sink: (([UInt8]) throws -> Void)?) throws -> [UInt8] {
            var random = SplitMix64(seed: 99)
            let count = 400
            var writer = PDFFileWriter(renumber: Array(0...count), count: count + 1, capacity: 0, sink: sink)
            for id in 3...count {
                if id % 50 == 0 {
                    let data = (0..<(300_000 + random.below(100_000))).map { _ in UInt8(random.below(256)) }
                    writer.stream(id, dictionary: PDFDictionary(), data: data)
                } else {
                    writer.begin(id)
                    writer.body.value(randomValue(&random, references: count))
                    writer.end()
                }
            }
            writer.begin(2)
            writer.body.value(.dictionary(PDFDictionary(entries: [("Type", .name("Pages")), ("Kids", .array([])), ("Count", .integer(0))])))
            writer.end()
            writer.begin(1)
            writer.body.value(.dictionary(PDFDictionary(entries: [("Type", .name("Catalog")), ("Pages", .reference(2))])))
            writer.end()
            return try writer.finish(root: 1, info: nil)
        }
        var pieces: [[UInt8]] = []
        let whole = try write(sink: nil)
        let empty = try write { pieces.append($0) }
        #expect(empty.isEmpty)
        #expect(pieces.count > 2)
        #expect(pieces.flatMap { $0 } == whole)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("katern-pieces-\(getpid()).pdf").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        FileManager.default.createFile(atPath: file, contents: Data(whole))
        let check = try CLI.run("/usr/bin/qpdf", ["--check", file])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    /// Written values cut and mutated at random: the lexer reads them or throws, never crashes
    /// or hangs.
    @Test func damagedSyntaxIsAnErrorNotACrash() {
        var random = SplitMix64(seed: 7)
        let alphabet = Array("()<>[]/%\\ R".utf8)
        var read = 0
        for _ in 0..<3000 {
            var syntax = PDFSyntax(renumber: Array(0...600))
            syntax.value(randomValue(&random))
            var bytes = syntax.bytes
            for _ in 0..<(1 + random.below(4)) where !bytes.isEmpty {
                let position = random.below(bytes.count)
                switch random.below(3) {
                case 0: bytes.remove(at: position)
                case 1: bytes.insert(alphabet[random.below(alphabet.count)], at: position)
                default: bytes = Array(bytes[..<position])
                }
            }
            if (try? self.read(bytes)) != nil { read += 1 }
        }
        #expect(read > 0 && read < 3000)
    }
}

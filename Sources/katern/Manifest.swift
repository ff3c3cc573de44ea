import Crypto
import Foundation
import Katern
import KaternDocument

/// The JSON manifest of a batch build: per PDF, the edition, the path, the page count, its
/// SHA-256, whether it was built, its quality summary and its errors or warnings.
struct Manifest: Encodable {
    struct Entry: Encodable {
        var edition: String?
        var path: String
        var status: String
        var pages: Int?
        var sha256: String?
        var milliseconds: Int
        var quality: String?
        var messages: [String]
    }

    var entries: [Entry]

    init(outcomes: [BatchBuilder.Outcome]) {
        entries = outcomes.map { outcome in
            var hash: String?
            if !outcome.failed, let data = FileManager.default.contents(atPath: outcome.output) {
                hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            }
            return Entry(edition: outcome.edition, path: outcome.output, status: outcome.failed ? "failed" : "built",
                         pages: outcome.pages, sha256: hash, milliseconds: outcome.milliseconds, quality: outcome.quality,
                         messages: outcome.messages)
        }
    }

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DocumentError.unreadable(SourceLocation(file: path), reason: "the manifest cannot be written (\(error.localizedDescription))")
        }
    }
}

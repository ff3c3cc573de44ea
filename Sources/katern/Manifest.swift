import Crypto
import Foundation

/// The JSON manifest of a batch build: per PDF, the edition, the path, the page count, its
/// SHA-256, the build's status, its quality summary and its errors or warnings.
struct Manifest: Encodable {
    struct Entry: Encodable {
        var edition: String?
        var path: String
        var status: String
        var pages: Int?
        var sha256: String?
        var quality: String?
        var messages: [String]
    }

    var entries: [Entry]

    init(outcomes: [BatchBuild.Outcome]) {
        entries = outcomes.map { outcome in
            let lines = outcome.stdout.split(separator: "\n").map(String.init)
            let pages = lines.first.flatMap { line -> Int? in
                guard let range = line.range(of: #": (\d+) pages in"#, options: .regularExpression) else { return nil }
                return Int(line[range].filter(\.isNumber))
            }
            var hash: String?
            if outcome.status == 0, let data = FileManager.default.contents(atPath: outcome.path) {
                hash = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            }
            return Entry(edition: outcome.edition, path: outcome.path, status: outcome.status == 0 ? "built" : "failed",
                         pages: pages, sha256: hash, quality: lines.first { $0.hasPrefix("quality: ") },
                         messages: outcome.stderr.split(separator: "\n").map(String.init))
        }
    }

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

import ArgumentParser
import Crypto
import Foundation
import Katern
import KaternDocument
import KaternLayout

/// The JSON manifest of a batch build (or of one shard of it): what built it (Katern's version,
/// the booklet, the layout, the source date, the shard, every input file with its SHA-256) and,
/// per PDF, the edition, the path, the status, the page count, its SHA-256, the quality report's
/// numbers and its errors or warnings. `katern manifest merge` joins the shards' manifests.
struct Manifest: Codable, Equatable {
    struct Entry: Codable, Equatable {
        var edition: String?
        var path: String
        var status: String
        var pages: Int?
        var sha256: String?
        var milliseconds: Int
        var quality: QualityReport.Summary?
        var messages: [String]
    }

    struct Shard: Codable, Equatable {
        var index: Int
        var count: Int
    }

    var katern: String
    var booklet: String
    var layout: String
    var sourceDate: String?
    var shards: [Shard]
    /// Every file the builds read, by path (relative to the project), with its SHA-256.
    var inputs: [String: String]
    var entries: [Entry]

    init(outcomes: [BatchBuilder.Outcome], request: BuildRequest, shard: (index: Int, count: Int)) {
        katern = Pipeline.version
        booklet = Self.relative(request.booklet, to: request.project)
        layout = Self.relative(request.layout, to: request.project)
        sourceDate = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"]
        shards = [Shard(index: shard.index, count: shard.count)]
        inputs = Self.inputs(request)
        entries = outcomes.map { outcome in
            var hash: String?
            if !outcome.failed, let data = FileManager.default.contents(atPath: outcome.output) { hash = Self.sha256(data) }
            return Entry(edition: outcome.edition, path: outcome.output, status: outcome.failed ? "failed" : "built",
                         pages: outcome.pages, sha256: hash, milliseconds: outcome.milliseconds, quality: outcome.summary,
                         messages: outcome.messages)
        }
    }

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    static func relative(_ path: String, to root: String) -> String {
        let base = URL(fileURLWithPath: root).standardizedFileURL.path + "/"
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        return full.hasPrefix(base) ? String(full.dropFirst(base.count)) : full
    }

    /// The files a build of the project reads: the booklet's folder, the layout, the editions,
    /// the fonts, the hyphenation exceptions and the language files.
    static func inputs(_ request: BuildRequest) -> [String: String] {
        var result: [String: String] = [:]
        var folders = [request.booklet, request.editions, request.fonts, request.project + "/Hyphenation", request.languages]
        folders = Array(Set(folders.map { URL(fileURLWithPath: $0).standardizedFileURL.path }))
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
            for case let name as String in walker {
                let path = folder + "/" + name
                var isDirectory: ObjCBool = false
                guard !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                      FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                      let data = FileManager.default.contents(atPath: path) else { continue }
                result[relative(path, to: request.project)] = sha256(data)
            }
        }
        if let data = FileManager.default.contents(atPath: request.layout) { result[relative(request.layout, to: request.project)] = sha256(data) }
        return result
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

    static func read(_ path: String) throws -> Manifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DocumentError.missingFile(SourceLocation(file: path), what: "manifest")
        }
        do { return try JSONDecoder().decode(Manifest.self, from: data) } catch {
            throw DocumentError.unreadable(SourceLocation(file: path), reason: "it is not a Katern manifest (\(error))")
        }
    }

    /// The shards' manifests joined: they must come from the same Katern, booklet, layout, source
    /// date and inputs, and be the shards 1...n of one split; every target (the base booklet and
    /// each of `expected` editions, when given) must be built exactly once.
    static func merge(_ parts: [(path: String, manifest: Manifest)], expected: [String?]?) -> (Manifest?, [String]) {
        var problems: [String] = []
        guard let first = parts.first?.manifest else { return (nil, ["no manifests to merge"]) }
        for (path, part) in parts.dropFirst() {
            for (what, a, b) in [("Katern version", part.katern, first.katern), ("booklet", part.booklet, first.booklet),
                                 ("layout", part.layout, first.layout), ("source date", part.sourceDate ?? "none", first.sourceDate ?? "none")] where a != b {
                problems.append("\(path): error: its \(what) is \(a), the first manifest's is \(b): the shards were not built alike")
            }
            for (file, hash) in part.inputs where first.inputs[file] != hash {
                problems.append("\(path): error: its input \(file) differs from the first manifest's (\(first.inputs[file] == nil ? "not there" : "another SHA-256")): the shards built different sources")
            }
        }
        let shards = parts.flatMap(\.manifest.shards)
        let count = shards.first?.count ?? 1
        let indices = shards.map(\.index).sorted()
        if shards.contains(where: { $0.count != count }) || indices != Array(1...count) {
            problems.append("error: the manifests are shards \(shards.map { "\($0.index)/\($0.count)" }.joined(separator: ", ")); a complete build is shards 1/\(count) to \(count)/\(count), each once")
        }
        var seen: [String: String] = [:]
        var entries: [Entry] = []
        for (path, part) in parts {
            for entry in part.entries {
                let name = entry.edition.map { "edition \($0)" } ?? "the base booklet"
                if let other = seen[name] {
                    problems.append("\(path): error: \(name) was built twice (also in \(other))")
                    continue
                }
                seen[name] = path
                entries.append(entry)
                if entry.status != "built" {
                    problems.append("\(path): error: \(name) failed: \(entry.messages.first ?? "no message")")
                }
            }
        }
        if let expected {
            for target in expected {
                let name = target.map { "edition \($0)" } ?? "the base booklet"
                if seen[name] == nil { problems.append("error: \(name) is in no manifest: its shard is missing or did not build it") }
            }
        }
        var merged = first
        merged.shards = shards.sorted { $0.index < $1.index }
        merged.entries = entries.sorted { ($0.edition ?? "") < ($1.edition ?? "") }
        return (merged, problems)
    }
}

/// `katern manifest merge`: joins the manifests of a sharded build into one, and fails unless
/// every target was built exactly once, by the same Katern from the same sources.
struct ManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: "Work with the manifests of batch builds.",
        subcommands: [Merge.self])

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Join the manifests of a sharded build (--all-editions --shard i/n) into one.",
            discussion: "Fails (exit 1) when a shard is missing or came twice, a target was built twice or by no shard, a build failed, or the shards were built from different sources or by another Katern. Without --no-editions-check, every edition of the project's editions folder must be in a manifest.")

        @Argument(help: ArgumentHelp("The shards' manifests (manifest-<i>-of-<n>.json).", valueName: "manifest"))
        var manifests: [String]

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the merged manifest.", valueName: "file"))
        var output: String

        @Flag(help: "Do not check the manifests against the editions of the project (when merging outside it).")
        var noEditionsCheck = false

        @OptionGroup var sources: SourceOptions

        func validate() throws {
            if manifests.isEmpty { throw ValidationError("name the shards' manifests to merge") }
        }

        func run() throws {
            let parts = try runReporting { try manifests.map { ($0, try Manifest.read($0)) } }
            let expected: [String?]? = noEditionsCheck ? nil : try runReporting { [nil] + (try sources.editionIDs(note: { _ in })).map { Optional($0) } }
            let (merged, problems) = Manifest.merge(parts, expected: expected)
            for problem in problems { printError(problem) }
            guard problems.isEmpty, let merged else { throw ExitCode(1) }
            try runReporting { try merged.write(to: output) }
            say("\(merged.entries.count) PDFs from \(parts.count) manifests: \(output)")
        }
    }
}

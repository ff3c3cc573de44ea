import Foundation
import KaternTestSupport
import Testing

/// Scaling out: shards built as separate processes, their manifests merged by `katern manifest
/// merge`, which fails on a missing, duplicate or failed target; the merged build is the same
/// bytes as a single-machine one (`ci/shard-and-merge`, the path the CI examples take).
@Suite(.serialized) struct ManifestTests {
    static let shards: String = {
        let folder = try! CLI.temporaryFolder()
        for i in 1...3 {
            let result = try! CLI.katern(["build", "--all-editions", "--shard", "\(i)/3", "--output-folder", folder + "/s\(i)"])
            precondition(result.status == 0, result.stderr)
        }
        return folder
    }()

    func manifest(_ i: Int) -> String { Self.shards + "/s\(i)/manifest-\(i)-of-3.json" }

    @Test func aManifestSaysWhatBuiltItAndItsNumbers() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest(1)))) as? [String: Any])
        #expect(json["katern"] as? String == "0.2.0")
        #expect(json["layout"] as? String == "Layouts/a5.yaml" && json["booklet"] as? String == "Booklets/all")
        let inputs = try #require(json["inputs"] as? [String: String])
        let layout = try Data(contentsOf: URL(fileURLWithPath: CLI.projectRoot + "/Layouts/a5.yaml"))
        let expected = try CLI.run("/usr/bin/sha256sum", [CLI.projectRoot + "/Layouts/a5.yaml"]).stdout.prefix(64)
        #expect(inputs["Layouts/a5.yaml"] == String(expected) && !layout.isEmpty)
        #expect(inputs.keys.contains("Booklets/all/index.md") && inputs.keys.contains("Editions/noordwest.yaml"))
        let entries = try #require(json["entries"] as? [[String: Any]])
        let quality = try #require(entries.first?["quality"] as? [String: Any])
        #expect(quality["overfull"] as? Int == 0 && (quality["pages"] as? Int ?? 0) > 0)
    }

    @Test func theShardsMergeIntoOneWithEveryTargetOnce() throws {
        let output = Self.shards + "/merged.json"
        let result = try CLI.katern(["manifest", "merge", manifest(1), manifest(2), manifest(3), "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
        #expect((json["entries"] as? [[String: Any]])?.count == 4)
        #expect((json["shards"] as? [[String: Any]])?.compactMap { $0["index"] as? Int } == [1, 2, 3])
    }

    @Test func aMissingShardIsAnError() throws {
        let result = try CLI.katern(["manifest", "merge", manifest(1), manifest(3), "--output", Self.shards + "/m.json"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("a complete build is shards 1/3 to 3/3"), "\(result.stderr)")
        #expect(result.stderr.contains("is in no manifest"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: Self.shards + "/m.json"))
    }

    @Test func aTargetBuiltTwiceIsAnError() throws {
        let result = try CLI.katern(["manifest", "merge", manifest(1), manifest(2), manifest(3), manifest(2), "--output", Self.shards + "/d.json"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("was built twice"), "\(result.stderr)")
    }

    @Test func shardsFromOtherSourcesDoNotMerge() throws {
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifest(2)))) as? [String: Any])
        var inputs = try #require(json["inputs"] as? [String: String])
        inputs["Layouts/a5.yaml"] = String(repeating: "0", count: 64)
        json["inputs"] = inputs
        let changed = Self.shards + "/changed.json"
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: changed))
        let result = try CLI.katern(["manifest", "merge", manifest(1), changed, manifest(3), "--output", Self.shards + "/c.json"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("its input Layouts/a5.yaml differs"), "\(result.stderr)")
    }

    /// The script the CI examples follow: shards in parallel processes, merged, and every PDF
    /// the same bytes as one machine's build.
    @Test func aShardedBuildIsTheSameAsOneMachines() throws {
        let result = try CLI.run("/bin/bash", [CLI.projectRoot + "/ci/shard-and-merge", "--katern", CLI.executable, "--shards", "3"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("4 PDFs from 3 shards: merged manifest complete, every PDF byte-identical"), "\(result.stdout)")
    }
}

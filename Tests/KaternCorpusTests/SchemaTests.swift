import Foundation
import Katern
import KaternDocument
import KaternStyle
import KaternTestSupport
import Testing

/// The JSON Schemas editors check their YAML with, against Katern's own checks: the shipped
/// schemas are the ones the key tables make; every sample file is valid under them (judged by
/// the independent `jsonschema` package); and every broken copy of the layout (each key given a
/// value of the wrong kind, an unknown key in every mapping) is refused by both.
@Suite(.serialized) struct SchemaTests {
    static let python = "/usr/bin/python3"
    static let folder = CLI.projectRoot + "/Tests/Schemas"

    /// Python with `jsonschema` and `yaml` (Debian's python3-jsonschema and python3-yaml,
    /// installed by `Scripts/setup --checkers`).
    static let hasValidator: Bool = (try? CLI.run(python, ["-c", "import jsonschema, yaml"]).status) == 0

    @Test(arguments: SettingsFile.allCases)
    func theShippedSchemaIsTheGeneratedOne(_ file: SettingsFile) throws {
        let shipped = try String(contentsOfFile: CLI.projectRoot + "/Schemas/" + file.fileName, encoding: .utf8)
        #expect(shipped == file.schema, "Schemas/\(file.fileName) differs from the key table; run katern schema")
        let printed = try CLI.katern(["schema", file.rawValue])
        #expect(printed.status == 0 && printed.stdout == file.schema)
    }

    @Test func everyKeyTableNamesItsKeysOnceAtEachLevel() {
        func check(_ settings: [Setting], _ path: String) {
            #expect(Set(settings.map(\.name)).count == settings.count, "a key twice in \(path)")
            for setting in settings {
                if case .mapping(let children) = setting.kind { check(children, path + "." + setting.name) }
            }
        }
        for file in SettingsFile.allCases { check(file.settings, file.rawValue) }
    }

    func validate(_ schema: SettingsFile, _ files: [String]) throws -> [String: Bool] {
        let result = try CLI.run(Self.python, [Self.folder + "/validate.py", CLI.projectRoot + "/Schemas/" + schema.fileName] + files)
        var valid: [String: Bool] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.components(separatedBy: ": ")
            valid[parts[0]] = parts.count > 1 && parts[1] == "ok"
        }
        #expect(valid.count == files.count, "\(result.stdout)\n\(result.stderr)")
        return valid
    }

    @Test(.enabled(if: SchemaTests.hasValidator, "needs python3-jsonschema and python3-yaml (Scripts/setup --checkers)"))
    func everySampleIsValidUnderItsSchema() throws {
        let root = CLI.projectRoot
        let manager = FileManager.default
        func files(_ folder: String, _ suffix: String) -> [String] {
            ((try? manager.contentsOfDirectory(atPath: root + "/" + folder)) ?? []).filter { $0.hasSuffix(suffix) }.sorted().map { root + "/" + folder + "/" + $0 }
        }
        // A new project's files too.
        let project = try CLI.temporaryFolder() + "/project"
        defer { try? manager.removeItem(atPath: (project as NSString).deletingLastPathComponent) }
        #expect(try CLI.katern(["init", project]).status == 0)
        #expect(try CLI.run(CLI.executable, ["new", "edition", "st-jan"], in: project).status == 0)
        let corpus = try manager.contentsOfDirectory(atPath: root + "/Tests/Corpus").sorted()
        let samples: [(SettingsFile, [String])] = [
            (.layout, files("Layouts", ".yaml") + [project + "/Layouts/a5.yaml"]),
            (.edition, files("Editions", ".yaml") + files("Tests/Corpus/edition/Editions", ".yaml")
                + [project + "/Editions/voorbeeld.yaml", project + "/Editions/st-jan.yaml"]),
            (.booklet, [root + "/Booklets/all/index.md", project + "/Booklets/boekje/index.md"]
                + corpus.map { root + "/Tests/Corpus/\($0)/booklet/index.md" }.filter { manager.fileExists(atPath: $0) }),
        ]
        for (schema, paths) in samples {
            #expect(paths.count >= 2)
            for (path, ok) in try validate(schema, paths) { #expect(ok, "\(path) is not valid under \(schema.fileName)") }
        }
    }

    @Test(.enabled(if: SchemaTests.hasValidator, "needs python3-jsonschema and python3-yaml (Scripts/setup --checkers)"))
    func everyBrokenLayoutIsRefusedByKaternAndBySchema() throws {
        let out = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let made = try CLI.run(Self.python, [Self.folder + "/mutate.py", CLI.projectRoot + "/Schemas/layout.schema.json",
                                             CLI.projectRoot + "/Layouts/a5.yaml", out])
        let cases = made.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(cases.count > 150, "\(made.stderr)")
        let valid = try validate(.layout, cases.map { out + "/" + $0[0] })
        for item in cases {
            let file = out + "/" + item[0], key = item[1]
            #expect(valid[file] == false, "the schema accepts \(key) broken")
            do {
                _ = try LayoutLoader(file: file).load()
                Issue.record("Katern accepts the layout with \(key) broken")
            } catch let error as LocatedError {
                // Refused for the broken key: the message names it, or its wrong value.
                let name = String(key.split(separator: ".").last!)
                #expect(error.description.contains(name) || error.description.contains("@@not-this@@"), "\(key): \(error.description)")
                #expect(error.location.line != nil, "\(key): no line: \(error.description)")
            }
        }
    }
}

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

    /// A broken copy of a sample, the sample it stands for, and how Katern reads it.
    static let broken: [(SettingsFile, String, String)] = [
        (.layout, "Layouts/a5.yaml", "Layouts/a5.yaml"),
        (.edition, "Editions/noordwest.yaml", "Editions/noordwest.yaml"),
        (.booklet, "Booklets/all/index.md", "Booklets/all/index.md"),
    ]

    @Test(.enabled(if: SchemaTests.hasValidator, "needs python3-jsonschema and python3-yaml (Scripts/setup --checkers)"),
          arguments: [SettingsFile.layout, .edition, .booklet])
    func everyBrokenFileIsRefusedByKaternAndBySchema(_ file: SettingsFile) throws {
        let sample = Self.broken.first { $0.0 == file }!.1
        let out = try CLI.temporaryFolder()
        let project = try CLI.copyOfProject()
        defer {
            try? FileManager.default.removeItem(atPath: out)
            try? FileManager.default.removeItem(atPath: project)
        }
        let made = try CLI.run(Self.python, [Self.folder + "/mutate.py", CLI.projectRoot + "/Schemas/" + file.fileName,
                                             CLI.projectRoot + "/" + sample, out])
        let cases = made.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(cases.count > (file == .layout ? 150 : 10), "\(made.stderr)")
        let valid = try validate(file, cases.map { out + "/" + $0[0] })
        for item in cases {
            let broken = out + "/" + item[0], key = item[1]
            #expect(valid[broken] == false, "the schema accepts \(key) broken")
            let name = String(key.split(separator: ".").last!)
            let message: String
            if file == .layout {
                // In process: the layout's loader alone.
                do {
                    _ = try LayoutLoader(file: broken).load()
                    Issue.record("Katern accepts the layout with \(key) broken")
                    continue
                } catch let error as LocatedError {
                    #expect(error.location.line != nil, "\(key): no line: \(error.description)")
                    message = error.description
                }
            } else {
                // In a copy of the project, as a user's check.
                try FileManager.default.removeItem(atPath: project + "/" + sample)
                try FileManager.default.copyItem(atPath: broken, toPath: project + "/" + sample)
                let check = try CLI.run(CLI.executable, ["check", "--edition", "noordwest"], in: project)
                #expect(check.status == 1, "Katern accepts the \(file.rawValue) with \(key) broken")
                message = check.stderr
                #expect(message.range(of: #"\#(sample.split(separator: "/").last!):\d+"#, options: .regularExpression) != nil, "\(key): no line: \(message)")
            }
            // Refused for the broken key: the message names it, or its wrong value (or says it is empty).
            #expect(message.contains(name) || message.contains("@@not-this@@") || message.contains("empty"), "\(key): \(message)")
        }
    }
}

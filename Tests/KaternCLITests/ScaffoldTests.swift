import Foundation
import KaternTestSupport
import Testing

/// `katern init` and `katern new edition`: a new project builds at once, every word of its
/// sample booklet in the PDF; a new edition has every key and builds as it is; nothing that
/// exists is overwritten.
@Suite(.serialized) struct ScaffoldTests {
    func text(_ pdf: String) throws -> String { try CLI.run("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf, "-"]).stdout }

    @Test func aNewProjectBuildsAtOnceWithEveryWordOfItsSample() throws {
        let parent = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let project = parent + "/boekje"
        let made = try CLI.katern(["init", project])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("Next: cd \(project) && katern build"), "\(made.stdout)")
        for path in ["Booklets/boekje/index.md", "Layouts/a5.yaml", "Fonts/Lato", "Hyphenation/nl.txt", "Languages/nl.yaml",
                     "Schemas/edition.schema.json", "Editions/voorbeeld.yaml", "Editions/logos/voorbeeld.svg", "Output", ".gitignore"] {
            #expect(FileManager.default.fileExists(atPath: project + "/" + path), "\(path) missing")
        }
        let build = try CLI.run(CLI.executable, ["build", "--strict"], in: project)
        #expect(build.status == 0, "\(build.stdout)\n\(build.stderr)")
        #expect(build.stdout.hasPrefix("Output/boekje.pdf: "), "\(build.stdout)")
        // Every word of the sample's chapters, in order (the variable filled in).
        let pdf = try text(project + "/Output/boekje.pdf")
        for chapter in ["01-voor-de-opname.md", "02-tijdens-de-opname.md", "vragen.md"] {
            let source = try String(contentsOfFile: project + "/Booklets/boekje/" + chapter, encoding: .utf8)
                .replacingOccurrences(of: "{{hospital.name}}", with: "uw ziekenhuis")
                .replacingOccurrences(of: #"\]\([^)]*\)"#, with: "", options: .regularExpression)
            let share = SeedCoverage.share(of: source, in: pdf)
            #expect(share >= 99, "\(chapter): \(share)% of its words in the PDF")
        }
        let all = try CLI.run(CLI.executable, ["build", "--all-editions", "--strict"], in: project)
        #expect(all.status == 0, "\(all.stdout)\n\(all.stderr)")
        #expect(try text(project + "/Output/boekje-voorbeeld.pdf").contains("Naam van het ziekenhuis"))
        let check = try CLI.run(CLI.executable, ["check"], in: project)
        #expect(check.status == 0, "\(check.stdout)\n\(check.stderr)")
    }

    @Test func initNeverOverwrites() throws {
        let project = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: project) }
        try "mine".write(toFile: project + "/notes.txt", atomically: true, encoding: .utf8)
        let result = try CLI.katern(["init", project])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(project): error: the folder is not empty (it holds notes.txt)"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: project) == ["notes.txt"])
        let file = try CLI.katern(["init", project + "/notes.txt"])
        #expect(file.status == 1 && file.stderr.contains("error: this is a file"), "\(file.stderr)")
        let nowhere = try CLI.katern(["init", project + "/new"], environment: ["KATERN_HOME": project])
        #expect(nowhere.status == 1 && nowhere.stderr.contains("KATERN_HOME does not hold Katern's resources"), "\(nowhere.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project + "/new"))
    }

    @Test func aNewEditionHasEveryKeyAndBuildsAsItIs() throws {
        let parent = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let project = parent + "/p"
        #expect(try CLI.katern(["init", project]).status == 0)
        let made = try CLI.run(CLI.executable, ["new", "edition", "st-jan"], in: project)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("Fill in: name, department, logo, contacts"), "\(made.stdout)")
        let file = try String(contentsOfFile: project + "/Editions/st-jan.yaml", encoding: .utf8)
        #expect(file.hasPrefix("# yaml-language-server: $schema=../Schemas/edition.schema.json\n"))
        // Every key of the edition schema, in use or commented out.
        let schema = try String(contentsOfFile: project + "/Schemas/edition.schema.json", encoding: .utf8)
        let keys = try NSRegularExpression(pattern: #"^ *"([a-z-]+)": \{$"#, options: .anchorsMatchLines)
            .matches(in: schema, range: NSRange(schema.startIndex..., in: schema))
            .map { String(schema[Range($0.range(at: 1), in: schema)!]) }
            .filter { !["properties", "additionalProperties", "items"].contains($0) }
        #expect(keys.count >= 20)
        for key in Set(keys) {
            #expect(file.range(of: #"(?m)^[ #-]*\#(key):"#, options: .regularExpression) != nil, "the template lacks \(key)")
        }
        let build = try CLI.run(CLI.executable, ["build", "--edition", "st-jan"], in: project)
        #expect(build.status == 0, "\(build.stderr)")
        let again = try CLI.run(CLI.executable, ["new", "edition", "st-jan"], in: project)
        #expect(again.status == 1 && again.stderr.contains("st-jan.yaml: error: this file exists already"), "\(again.stderr)")
        #expect(try String(contentsOfFile: project + "/Editions/st-jan.yaml", encoding: .utf8) == file)
        let bad = try CLI.run(CLI.executable, ["new", "edition", "Sint Jan"], in: project)
        #expect(bad.status == 1 && bad.stderr.contains("'Sint Jan' cannot be an edition's id"), "\(bad.stderr)")
        let kind = try CLI.run(CLI.executable, ["new", "layout", "x"], in: project)
        #expect(kind.status == 64, "\(kind.stderr)")
    }

    /// Run by its bare name from `PATH` (as an installed katern is), `init` finds its resources
    /// beside the real executable, not beside the current folder.
    @Test func initFindsItsResourcesWhenRunFromThePath() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bin = URL(fileURLWithPath: CLI.executable).deletingLastPathComponent().path
        let result = try CLI.run("/bin/sh", ["-c", "unset KATERN_HOME; PATH=\"$0:$PATH\" katern init nieuw", bin], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/nieuw/Layouts/a5.yaml"))
    }
}

import Foundation
import KaternTestSupport
import Testing

/// Diagnostics for terminals, CI logs and programs: the one-line form by default off a
/// terminal, the source line with a caret under the column (`human`), one JSON object per line
/// (`json`), GitHub Actions annotations under `GITHUB_ACTIONS`, colour only when asked and never
/// under `NO_COLOR`; and a "did you mean" for a misspelt edition or chapter file.
@Suite struct DiagnosticsTests {
    /// A copy of the sample booklet with a control character at line 3, column 11 of a chapter.
    func broken() throws -> (folder: String, file: String) {
        let folder = try CLI.temporaryFolder() + "/opname"
        try FileManager.default.copyItem(atPath: CLI.projectRoot + "/Booklets/opname", toPath: folder)
        let file = folder + "/03-weer-thuis.md"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "Als u naar huis", with: "Als u naar\u{1} huis").write(toFile: file, atomically: true, encoding: .utf8)
        return (folder, file)
    }

    func build(_ folder: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> CLI.Result {
        let result = try CLI.katern(["build", "--booklet", folder, "--output", folder + "/../out.pdf"] + extra, environment: environment)
        #expect(result.status == 1)
        return result
    }

    @Test func theShortFormIsOneLineWithLineAndColumn() throws {
        let (folder, file) = try broken()
        let result = try build(folder)
        #expect(result.stderr == "\(file):3:11: error: a control character (U+0001) is in the text here; it cannot be printed, so remove it\n")
    }

    @Test func theHumanFormShowsTheSourceLineWithACaretUnderTheColumn() throws {
        let (folder, file) = try broken()
        let lines = try build(folder, ["--diagnostic-format", "human"]).stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "error: a control character (U+0001) is in the text here; it cannot be printed, so remove it")
        #expect(lines[1] == "  --> \(file):3:11")
        #expect(lines[2] == "  |")
        #expect(lines[3].hasPrefix("3 | Als u naar\\u{1} huis gaat"))
        // The caret stands under the character: the gutter, then ten columns before it.
        #expect(lines[4] == "  | " + String(repeating: " ", count: 10) + "^")
        #expect(!lines.joined().contains("\u{1B}["), "colour off a terminal")
    }

    @Test func theJSONFormIsAnObjectPerDiagnostic() throws {
        let (folder, file) = try broken()
        let stderr = try build(folder, ["--diagnostic-format", "json"]).stderr
        let objects = try stderr.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.count == 1)
        #expect(objects[0]["severity"] as? String == "error" && objects[0]["file"] as? String == file)
        #expect(objects[0]["line"] as? Int == 3 && objects[0]["column"] as? Int == 11)
        #expect((objects[0]["message"] as? String)?.hasPrefix("a control character") == true)
        // A batch's lines that are no diagnostics ("booklet failed:") are objects too.
        let batch = try CLI.katern(["build", "--all-editions", "--booklet", folder, "--output-folder", folder + "/../batch", "--diagnostic-format", "json"])
        #expect(batch.status == 1)
        for line in batch.stderr.split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "not JSON: \(line)")
        }
    }

    @Test func underGitHubActionsEachIsAnAnnotation() throws {
        let (folder, file) = try broken()
        let result = try build(folder, environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.stdout.contains("::error file=\(file),line=3,col=11::a control character (U+0001) is in the text here; it cannot be printed, so remove it\n"), "\(result.stdout)")
        // A warning too (a coarse photo), with its severity.
        let warned = try CLI.katern(["build", "--booklet", "Tests/Corpus/elements/booklet", "--output", folder + "/../w.pdf"], environment: ["GITHUB_ACTIONS": "true"])
        #expect(warned.status == 0)
        #expect(warned.stdout.contains("::warning file=Tests/Corpus/elements/booklet/02-kaders.md,line="), "\(warned.stdout)")
    }

    @Test func colourOnlyWhenAskedAndNeverUnderNoColor() throws {
        let (folder, _) = try broken()
        // (NO_COLOR emptied: the test runner may set it for its own output.)
        #expect(try build(folder, ["--color", "always"], environment: ["NO_COLOR": ""]).stderr.contains("\u{1B}[1;31merror\u{1B}[0m"))
        #expect(!(try build(folder, ["--color", "always"], environment: ["NO_COLOR": "1"]).stderr.contains("\u{1B}[")))
        #expect(!(try build(folder, ["--color", "never", "--diagnostic-format", "human"]).stderr.contains("\u{1B}[")))
    }

    @Test func aMisspeltNameGetsADidYouMean() throws {
        let edition = try CLI.katern(["build", "--edition", "noordwst", "--output", try CLI.temporaryFolder() + "/x.pdf"])
        #expect(edition.status == 1 && edition.stderr.contains("there is no edition 'noordwst'") && edition.stderr.contains("did you mean 'noordwest'?"), "\(edition.stderr)")
        let folder = try CLI.temporaryFolder() + "/opname"
        try FileManager.default.copyItem(atPath: CLI.projectRoot + "/Booklets/opname", toPath: folder)
        let index = folder + "/index.md"
        try (try String(contentsOfFile: index, encoding: .utf8)).replacingOccurrences(of: "- 02-op-de-afdeling.md", with: "- 02-op-de-afdling.md")
            .write(toFile: index, atomically: true, encoding: .utf8)
        let chapter = try build(folder)
        #expect(chapter.stderr.contains("(did you mean '02-op-de-afdeling.md'?)"), "\(chapter.stderr)")
    }
}

/// Shell completion: scripts for bash, zsh and fish from the command's declaration, completing
/// edition ids from the editions folder.
@Suite struct CompletionTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func aCompletionScriptForEachShell(shell: String) throws {
        let result = try CLI.katern(["--generate-completion-script", shell])
        #expect(result.status == 0 && result.stdout.contains("katern") && result.stdout.contains("--edition"), "\(result.stderr)")
    }

    @Test func editionIdsComplete() throws {
        let result = try CLI.katern(["---completion", "build", "--", "--edition", "2", "0", "katern", "build", "--edition", ""])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n") == ["noordwest", "rivierenland", "sint-anna"], "\(result.stdout)")
    }
}

/// `--quiet` prints only errors and warnings; `--verbose` adds each phase's time; the two do
/// not go together (a usage error, exit 64).
@Suite struct VerbosityTests {
    @Test func quietPrintsOnlyWarningsAndVerboseThePhases() throws {
        let folder = try CLI.temporaryFolder()
        let quiet = try CLI.katern(["build", "--booklet", "Tests/Corpus/elements/booklet", "--output", folder + "/q.pdf", "--quiet"])
        #expect(quiet.status == 0 && quiet.stdout.isEmpty, "\(quiet.stdout)")
        #expect(quiet.stderr.contains(": warning: the image foto-klein.jpg"), "\(quiet.stderr)")
        let verbose = try CLI.katern(["build", "--output", folder + "/v.pdf", "--verbose"])
        #expect(verbose.status == 0 && verbose.stdout.contains("pages in"))
        for phase in ["load:", "fonts:", "layout:", "render:"] { #expect(verbose.stderr.contains(phase), "\(phase) \(verbose.stderr)") }
        let both = try CLI.katern(["build", "--output", folder + "/b.pdf", "--quiet", "--verbose"])
        #expect(both.status == 64 && both.stderr.contains("--quiet and --verbose do not go together"))
    }
}

/// On a terminal a batch shows a progress bar on standard error, redrawn in place and no wider
/// than the terminal (run under `script`, which gives the build a terminal).
@Suite struct ProgressBarTests {
    @Test func theBarFitsTheTerminal() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script (util-linux) gives the build a terminal")
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let command = "stty cols 60 2>/dev/null; '\(CLI.executable)' build --all-editions --jobs 1 --output-folder '\(folder)/out'"
        let result = try CLI.run("/usr/bin/script", ["-qfec", command, "/dev/null"], environment: ["COLUMNS": "60", "NO_COLOR": ""])
        #expect(result.status == 0, "\(result.stdout)")
        let redraws = result.stdout.components(separatedBy: "\r\u{1B}[K").dropFirst().map { $0.components(separatedBy: "\r")[0].components(separatedBy: "\n")[0] }
        #expect(redraws.contains { $0.contains("] 4/4 ") }, "\(result.stdout.debugDescription)")
        // (After the last redraw the bar is cleared and the summary line follows.)
        let bars = redraws.filter { $0.hasPrefix("[") }
        #expect(bars.count >= 4)
        for bar in bars { #expect(bar.count <= 60, "\(bar.count) columns: \(bar)") }
    }
}

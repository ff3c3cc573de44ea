import Foundation
import KaternTestSupport
import Testing

/// Golden dumps: each corpus case's page model as text (`PagedDocument.dump()`: every line's
/// page, position, role, text and source file:line; boxes and images) checked in as
/// `Tests/Golden/<case>.expected`, as SILE's `tests/*.expected` are. An accidental change fails
/// with a readable diff; a deliberate one is taken with `./Scripts/update-golden`
/// (`KATERN_UPDATE_GOLDEN=1`), and reviewed in the commit's diff.
@Suite struct GoldenTests {
    static let folder = CLI.projectRoot + "/Tests/Golden"

    @Test(arguments: CorpusCase.all)
    func thePageModelIsAsExpected(_ corpusCase: CorpusCase) throws {
        let built = try Built.of(corpusCase)
        let dump = built.document.dump(relativeTo: CLI.projectRoot)
        let file = Self.folder + "/\(corpusCase.name).expected"
        if ProcessInfo.processInfo.environment["KATERN_UPDATE_GOLDEN"] != nil {
            try dump.write(toFile: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: file, encoding: .utf8) else {
            Issue.record("no golden dump \(file); make it with ./Scripts/update-golden and review it")
            return
        }
        if dump != expected {
            let actual = Built.folder + "/\(corpusCase.name).actual"
            try dump.write(toFile: actual, atomically: true, encoding: .utf8)
            let diff = try CLI.run("/usr/bin/diff", ["-u", file, actual]).stdout
            Issue.record("the page model of \(corpusCase.name) changed (run ./Scripts/update-golden if that was meant):\n\(diff.prefix(6000))")
        }
    }
}

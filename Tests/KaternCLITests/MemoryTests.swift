import Foundation
import KaternTestSupport
import Testing

/// Every call into the C libraries (libhyphen, Pango, Cairo, librsvg, qpdf, cmark) under
/// valgrind's memcheck: no read or write outside a block, no use after free, on booklets of
/// the corpus with an edition (an SVG logo), the print PDF, and `check --pdf`. Such a fault may
/// pass a hundred runs and crash the hundred-and-first (a word given to libhyphen without its
/// NUL, a file name qpdf kept after Swift freed it: both crashed once on a fresh machine).
enum Memcheck {
    static let tools: (valgrind: String, objcopy: String)? = {
        let valgrind = "/usr/bin/valgrind", objcopy = "/usr/bin/objcopy"
        guard FileManager.default.isExecutableFile(atPath: valgrind), FileManager.default.isExecutableFile(atPath: objcopy) else { return nil }
        return (valgrind, objcopy)
    }()
}

@Suite(.enabled(if: Memcheck.tools != nil, "valgrind or objcopy missing (Scripts/setup --checkers)"))
struct MemoryTests {

    /// katern without its debug information (valgrind 3.19 cannot read Swift's DWARF 5).
    static let binary: Result<String, Error> = Result {
        let folder = try CLI.temporaryFolder()
        let copy = folder + "/katern"
        let result = try CLI.run(Memcheck.tools!.objcopy, ["--strip-debug", CLI.executable, copy])
        guard result.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: result.stderr]) }
        return copy
    }

    static func memcheck(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(Memcheck.tools!.valgrind, ["--error-exitcode=99", "-q", "--suppressions=" + CLI.projectRoot + "/Tests/Valgrind/swift.supp",
                                      try binary.get()] + arguments)
    }

    @Test(arguments: [
        ["--edition", "noordwest"],  // the ALL booklet, an edition with an SVG logo
        ["--booklet", "Tests/Corpus/edition/booklet", "--editions", "Tests/Corpus/edition/Editions", "--edition", "ziekenhuis-west"],
        ["--booklet", "Tests/Corpus/diacritics/booklet", "--print"],
        ["--booklet", "Tests/Corpus/quotes/booklet"],
    ])
    func noMemoryErrorInABuild(_ arguments: [String]) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pdf = folder + "/out.pdf"
        let build = try Self.memcheck(["build"] + arguments + ["--output", pdf])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(!build.stderr.contains("Invalid") && !build.stderr.contains("uninitialised"), "\(build.stderr)")
        let check = try Self.memcheck(["check", "--pdf", pdf])
        #expect(check.status == 0, "\(check.stderr)")
    }
}

import Foundation

/// The PDF/UA checkers from PyPI, when installed: in `KATERN_A11Y_BIN`, `.build/a11y/bin`
/// (`Scripts/setup --checkers`) or `~/a11y/bin` (where the issue tracker's note puts them).
public enum Checkers {
    public static func find() -> (outloud: String, pdfua: String)? {
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let folders = [ProcessInfo.processInfo.environment["KATERN_A11Y_BIN"], CLI.projectRoot + "/.build/a11y/bin", home + "/a11y/bin"].compactMap { $0 }
        for folder in folders {
            let outloud = folder + "/outloud", pdfua = folder + "/pdfua"
            if FileManager.default.isExecutableFile(atPath: outloud), FileManager.default.isExecutableFile(atPath: pdfua) { return (outloud, pdfua) }
        }
        return nil
    }
}

extension Checkers {
    /// The findings of both checkers on a PDF: nil when both report no error.
    public static func errors(_ pdf: String) throws -> String? {
        guard let checkers = find() else { return nil }
        let outloud = try CLI.run(checkers.outloud, ["--no-info", pdf])
        let pdfua = try CLI.run(checkers.pdfua, ["check", pdf])
        if outloud.status == 0 && pdfua.stdout.contains("errors=0") { return nil }
        return "outloud: \(outloud.stdout.suffix(3000))\npdfua: \(pdfua.stdout.suffix(3000))"
    }
}

extension Checkers {
    /// The checkers' Python, when PyMuPDF is installed in it.
    public static let mupdfPython: String? = {
        guard let checkers = find() else { return nil }
        let python = URL(fileURLWithPath: checkers.outloud).deletingLastPathComponent().appendingPathComponent("python").path
        guard FileManager.default.isExecutableFile(atPath: python),
              (try? CLI.run(python, ["-c", "import pymupdf"]).status) == 0 else { return nil }
        return python
    }()

    /// The text MuPDF (PyMuPDF, in the checkers' Python) reads from a PDF, pages separated by
    /// form feeds: a second reader beside poppler's. Nil when PyMuPDF is not installed.
    public static func mupdfText(_ pdf: String) throws -> String? {
        guard let python = mupdfPython else { return nil }
        let script = "import pymupdf, sys\nd = pymupdf.open(sys.argv[1])\nsys.stdout.write('\\f'.join(p.get_text() for p in d))"
        let result = try CLI.run(python, ["-c", script, pdf])
        guard result.status == 0 else { throw ReadFailure(description: "PyMuPDF could not read \(pdf): \(result.stderr)") }
        return result.stdout
    }
}

public struct ReadFailure: Error, CustomStringConvertible {
    public let description: String
}

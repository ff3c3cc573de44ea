import Foundation
import KaternTestSupport
import Testing

/// qpdf, librsvg, Cairo and gdk-pixbuf are loaded on first use (Sources/CLazyLoad): a build
/// without images loads none of them (nor GnuTLS, libxml2, pixman, the X11 libraries and the rest
/// they need), a build with an SVG logo loads librsvg, Cairo and qpdf, one with a PNG logo Cairo,
/// and each gives the PDF it gave when they were linked. The dynamic loader says what it loads
/// (LD_DEBUG=files), independently of Katern.
@Suite struct LazyLibraryTests {
    static func loaded(_ arguments: [String]) throws -> (result: CLI.Result, libraries: Set<String>) {
        let result = try CLI.katern(arguments, environment: ["LD_DEBUG": "files"])
        var libraries = Set<String>()
        for line in result.stderr.split(separator: "\n") {
            guard let range = line.range(of: "file=") else { continue }
            libraries.insert(String(line[range.upperBound...].prefix { $0 != " " }))
        }
        return (result, libraries)
    }

    @Test func aBuildWithoutImagesLoadsNoneOfThem() throws {
        let output = try CLI.temporaryFolder() + "/all.pdf"
        let (result, libraries) = try Self.loaded(["build", "-o", output])
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        #expect(libraries.contains("libpango-1.0.so.0"), "LD_DEBUG lists what is loaded: \(libraries.sorted())")
        for library in ["libqpdf.so.29", "librsvg-2.so.2", "libgnutls.so.30", "libxml2.so.2", "libcairo.so.2", "libgdk_pixbuf-2.0.so.0",
                        "libpixman-1.so.0", "libX11.so.6", "libpangocairo-1.0.so.0"] {
            #expect(!libraries.contains(library), "\(library) loaded by a build without images")
        }
    }

    @Test func aBuildWithAnSVGLogoLoadsBothOnFirstUse() throws {
        let output = try CLI.temporaryFolder() + "/noordwest.pdf"
        let (result, libraries) = try Self.loaded(["build", "--edition", "noordwest", "-o", output])
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        #expect(libraries.contains("librsvg-2.so.2") && libraries.contains("libqpdf.so.29") && libraries.contains("libcairo.so.2"), "\(libraries.sorted())")
        #expect(result.stderr.contains("file=librsvg-2.so.2 [0];  dynamically loaded"), "librsvg is dlopened, not needed at start")
        #expect(result.stderr.contains("file=libcairo.so.2 [0];  dynamically loaded"), "Cairo is dlopened, not needed at start")
        // The logo arrived: librsvg drew it and qpdf read it back as a form (qpdf's own reading).
        let expanded = output + ".qdf"
        #expect(try CLI.run("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", output, expanded]).status == 0)
        let forms = String(decoding: try Data(contentsOf: URL(fileURLWithPath: expanded)), as: UTF8.self).components(separatedBy: "/Subtype /Form").count - 1
        #expect(forms == 1, "the SVG logo as one form XObject")
    }

    @Test func aBuildWithAPNGLogoLoadsCairo() throws {
        let output = try CLI.temporaryFolder() + "/sint-anna.pdf"
        let (result, libraries) = try Self.loaded(["build", "--edition", "sint-anna", "-o", output])
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        #expect(result.stderr.contains("file=libcairo.so.2 [0];  dynamically loaded"), "\(libraries.sorted())")
        #expect(!libraries.contains("librsvg-2.so.2") && !libraries.contains("libqpdf.so.29"), "\(libraries.sorted())")
    }

    @Test func checkingAPDFLoadsQpdf() throws {
        let folder = try CLI.temporaryFolder()
        let build = try CLI.katern(["build", "-o", folder + "/all.pdf"])
        #expect(build.status == 0)
        let (result, libraries) = try Self.loaded(["check", "--pdf", folder + "/all.pdf"])
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        #expect(libraries.contains("libqpdf.so.29") && !libraries.contains("librsvg-2.so.2"), "\(libraries.sorted())")
    }
}

/// When qpdf or librsvg is not installed, what needs it fails with a message that names the
/// library and the package to install, exit 1, the previous PDF kept; a build that does not need
/// them still works. The libraries are hidden in a mount namespace of the test's own (root and
/// unshare needed).
@Suite(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare"), "needs root and unshare"))
struct MissingLazyLibraryTests {
    /// Runs `katern` with the libraries' files replaced by empty ones.
    static func withoutLibraries(_ arguments: [String], hiding libraries: [String] = ["librsvg-2.so.2", "libqpdf.so.29"]) throws -> CLI.Result {
        var hide: [String] = []
        for library in libraries {
            let path = URL(fileURLWithPath: "/usr/lib/x86_64-linux-gnu/" + library).resolvingSymlinksInPath().path
            hide.append("mount --bind /dev/null '\(path)'")
        }
        let command = (hide + ["exec '\(CLI.executable)' " + arguments.map { "'\($0)'" }.joined(separator: " ")]).joined(separator: " && ")
        return try CLI.run("/usr/bin/unshare", ["-m", "/bin/sh", "-c", command])
    }

    @Test func whatNeedsThemFailsClearlyAndTheRestWorks() throws {
        let folder = try CLI.temporaryFolder()
        let base = try Self.withoutLibraries(["build", "-o", folder + "/all.pdf"])
        #expect(base.status == 0, "a build without SVG images needs neither: \(base.stderr.suffix(1000))")

        let previous = Data("previous".utf8)
        try previous.write(to: URL(fileURLWithPath: folder + "/noordwest.pdf"))
        let svg = try Self.withoutLibraries(["build", "--edition", "noordwest", "-o", folder + "/noordwest.pdf"])
        #expect(svg.status == 1)
        #expect(svg.stderr.contains("Editions/noordwest.yaml:7: error: the SVG") && svg.stderr.contains("needs librsvg")
                && svg.stderr.contains("install librsvg2-2"), "\(svg.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/noordwest.pdf")) == previous)

        let check = try Self.withoutLibraries(["check", "--pdf", folder + "/all.pdf"])
        #expect(check.status == 1)
        #expect(check.stderr.contains("needs qpdf's library") && check.stderr.contains("install libqpdf29"), "\(check.stderr)")
        #expect(!check.stderr.contains("Fatal error") && !check.stderr.contains("abort"))
    }

    @Test func withoutCairoAndGdkPixbufABuildWithoutImagesWorksAndAPNGIsAClearError() throws {
        let folder = try CLI.temporaryFolder()
        let hiding = ["libcairo.so.2", "libgdk_pixbuf-2.0.so.0"]
        let base = try Self.withoutLibraries(["build", "-o", folder + "/all.pdf"], hiding: hiding)
        #expect(base.status == 0, "a build without images needs neither: \(base.stderr.suffix(1000))")

        let previous = Data("previous".utf8)
        try previous.write(to: URL(fileURLWithPath: folder + "/sint-anna.pdf"))
        let png = try Self.withoutLibraries(["build", "--edition", "sint-anna", "-o", folder + "/sint-anna.pdf"], hiding: hiding)
        #expect(png.status == 1)
        #expect(png.stderr.contains("Editions/sint-anna.yaml:7: error: the PNG") && png.stderr.contains("needs Cairo")
                && png.stderr.contains("install libcairo2"), "\(png.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/sint-anna.pdf")) == previous)

        let preview = try Self.withoutLibraries(["preview", "--pages", "1", "--folder", folder + "/png"], hiding: hiding)
        #expect(preview.status == 1 && preview.stderr.contains("needs Cairo") && preview.stderr.contains("install libcairo2"), "\(preview.stderr)")
        #expect(!preview.stderr.contains("Fatal error") && !preview.stderr.contains("abort"))
    }
}

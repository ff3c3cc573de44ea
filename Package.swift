// swift-tools-version:6.0
import PackageDescription

/// The header folders (Debian's, Homebrew's) of the libraries loaded on first use (CCairo,
/// CGdkPixbuf, CRsvg): their pkg-config modules would link them.
let lazyIncludes = ["librsvg-2.0", "cairo", "gdk-pixbuf-2.0"].flatMap { folder in
    ["/usr/include/", "/opt/homebrew/include/", "/usr/local/include/"].map { "-I" + $0 + folder }
}

/// Katern's own modules put every function in a section of its own, so that the linker can order
/// them (below); reach a generic type's metadata through its accessor, with the conformances it
/// needs passed in, not by a mangled name the runtime decodes and checks against every
/// conformance record in the binary (about 5 million instructions of a build); and check
/// exclusive access at compile time only (the debug builds of the tests check it at run time too;
/// about 17 million instructions of a build).
let ownModule: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-function-sections"], .when(platforms: [.linux])),
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"]),
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

/// How the `katern` binary is linked on Linux (README, Performance): with LLVM's lld (it comes with
/// the Swift toolchain), relative relocations packed (DT_RELR: 22 KB instead of 2.7 MB to apply
/// at start), no symbol table for the dynamic loader (nothing loads symbols from the binary), and
/// the functions a build runs first (Scripts/update-function-order), on as few pages as possible.
let linking: [LinkerSetting] = [.unsafeFlags([
    "-use-ld=lld",
    "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
    "-Xlinker", "--no-export-dynamic",
    "-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/KaternCLI/Linking/function-order.txt",
    "-Xlinker", "--no-warn-symbol-ordering",
], .when(platforms: [.linux]))]

let package = Package(
    name: "Katern",
    platforms: [.macOS(.v13)],
    products: [
        // The command is `katern`; its target is KaternCLI, so that no two targets' folders differ
        // only by case (Sources/katern and Sources/Katern cannot both exist on macOS's file system).
        .executable(name: "katern", targets: ["KaternCLI"]),
        .library(name: "Katern", targets: ["Katern"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
    ],
    targets: [
        // C libraries, found through pkg-config (Debian packages named in `providers`).
        // Shaping: Pango on FreeType and fontconfig (no Cairo).
        .systemLibrary(name: "CPangoFT2", pkgConfig: "pangoft2", providers: [.apt(["libpango1.0-dev", "libfontconfig-dev"])]),
        // Pango 1.50's font-pattern threads run on the thread that asks (see PangoMatch.h).
        .target(name: "CPangoMatch", dependencies: ["CPangoFT2"], linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        // Cairo (libcairo2-dev) draws the previews, the imposed sheets and the images, and
        // gdk-pixbuf (libgdk-pixbuf-2.0-dev) decodes PNG images: both loaded on first use like
        // qpdf (CLazyLoad), so that a build without images loads neither (nor the X11 libraries
        // Cairo needs); their headers are found by path.
        .target(name: "CCairo", dependencies: ["CLazyLoad", "CFreeType"], cSettings: [.unsafeFlags(lazyIncludes)]),
        .target(name: "CGdkPixbuf", dependencies: ["CLazyLoad", "CPangoFT2"], cSettings: [.unsafeFlags(lazyIncludes)]),
        // GitHub-flavoured Markdown: tables, task lists (the library and its extensions, one .pc file).
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark-gfm", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CQrencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CHyphen", providers: [.apt(["libhyphen-dev", "hyphen-nl"])]),
        // librsvg (librsvg2-dev) draws SVG images: loaded on first use like qpdf (CLazyLoad), so
        // its header is found by path (its pkg-config module would link it).
        .target(name: "CRsvg", dependencies: ["CLazyLoad", "CGdkPixbuf", "CCairo"], cSettings: [.unsafeFlags(lazyIncludes)]),
        // qpdf (libqpdf-dev) reads PDFs back, for `katern check` and SVG images only: a thin C
        // target that loads the library on first use, so that a build does not load it.
        .target(name: "CQpdf", dependencies: ["CLazyLoad"]),
        .target(name: "CLazyLoad", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The PDF's streams are compressed with libdeflate (zlib's format, about twice as fast at
        // the same size); zlib still reads streams back.
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]),
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz-subset", providers: [.apt(["libharfbuzz-dev"])]),

        // The pipeline, one module per stage.
        .target(name: "KaternDocument", dependencies: ["CCmark", "Yams", .product(name: "Mustache", package: "swift-mustache")], swiftSettings: ownModule),
        .target(name: "KaternStyle", dependencies: ["KaternDocument", "Yams"], swiftSettings: ownModule),
        .target(name: "KaternText", dependencies: ["KaternStyle", "KaternDocument", "CPangoFT2", "CPangoMatch", "CHyphen", "CZlib"], swiftSettings: ownModule),
        .target(name: "KaternLayout", dependencies: ["KaternText", "KaternStyle", "KaternDocument"], swiftSettings: ownModule),
        // The renderer writes the page model's glyph runs into the PDF itself (fonts cut down with
        // HarfBuzz's subsetter) and draws PNG previews with Cairo and FreeType: no Pango.
        .target(name: "KaternRender", dependencies: ["KaternLayout", "KaternText", "KaternStyle", "CCairo", "CFreeType", "CRsvg", "CGdkPixbuf", "CQpdf", "CZlib", "CDeflate", "CHarfBuzz", "CQrencode",
                                                     .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: ownModule + [.unsafeFlags(lazyIncludes.flatMap { ["-Xcc", $0] })]),
        .target(name: "Katern", dependencies: ["KaternDocument", "KaternStyle", "KaternText", "KaternLayout", "KaternRender"], swiftSettings: ownModule),
        // The preview server of `katern serve` (Hummingbird): pages as PNG, live reload.
        .target(name: "KaternPreview", dependencies: ["Katern", "KaternLayout", "KaternRender", "KaternDocument",
                                                      .product(name: "Hummingbird", package: "hummingbird"),
                                                      .product(name: "Logging", package: "swift-log"),
                                                      .product(name: "NIOCore", package: "swift-nio")], swiftSettings: ownModule),
        .executableTarget(
            name: "KaternCLI",
            dependencies: ["Katern", "KaternPreview", "KaternDocument", "KaternStyle", "KaternLayout", "KaternRender",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Linking"],
            swiftSettings: ownModule,
            linkerSettings: linking),

        .testTarget(name: "KaternDocumentTests", dependencies: ["KaternDocument"]),
        .testTarget(name: "KaternStyleTests", dependencies: ["KaternStyle", "KaternDocument"]),
        .testTarget(name: "KaternTextTests", dependencies: ["KaternText", "KaternStyle", "KaternDocument"]),
        .testTarget(name: "KaternRenderTests", dependencies: ["KaternRender", "KaternLayout", "KaternText", "KaternStyle", "KaternDocument", "KaternTestSupport", "CCairo"]),
        .testTarget(name: "KaternLayoutTests", dependencies: ["KaternLayout", "KaternText", "KaternStyle", "KaternDocument", "Katern"]),
        .target(name: "KaternTestSupport", path: "Tests/KaternTestSupport"),
        .testTarget(name: "KaternCLITests", dependencies: ["KaternCLI", "KaternTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "KaternCorpusTests", dependencies: ["Katern", "KaternTestSupport", "KaternDocument", "KaternLayout", "KaternText", "KaternStyle", "KaternRender", "KaternCLI"],
                    ),
    ]
)

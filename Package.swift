// swift-tools-version:6.0
import PackageDescription

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
        .systemLibrary(
            name: "CPangoCairo", pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev", "libfontconfig-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo-ft", providers: [.apt(["libcairo2-dev", "libfreetype-dev"])]),
        // GitHub-flavoured Markdown: tables, task lists (the library and its extensions, one .pc file).
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark-gfm", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CQrencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CHyphen", providers: [.apt(["libhyphen-dev", "hyphen-nl"])]),
        .systemLibrary(name: "CRsvg", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),
        .systemLibrary(name: "CQpdf", pkgConfig: "libqpdf", providers: [.apt(["libqpdf-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The PDF's streams are compressed with libdeflate (zlib's format, about twice as fast at
        // the same size); zlib still reads streams back.
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]),
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz-subset", providers: [.apt(["libharfbuzz-dev"])]),

        // The pipeline, one module per stage.
        .target(name: "KaternDocument", dependencies: ["CCmark", "Yams", .product(name: "Mustache", package: "swift-mustache")]),
        .target(name: "KaternStyle", dependencies: ["KaternDocument", "Yams"]),
        .target(name: "KaternText", dependencies: ["KaternStyle", "KaternDocument", "CPangoCairo", "CHyphen"]),
        .target(name: "KaternLayout", dependencies: ["KaternText", "KaternStyle", "KaternDocument"]),
        // The renderer writes the page model's glyph runs into the PDF itself (fonts cut down with
        // HarfBuzz's subsetter) and draws PNG previews with Cairo and FreeType: no Pango.
        .target(name: "KaternRender", dependencies: ["KaternLayout", "KaternText", "KaternStyle", "CCairo", "CRsvg", "CQpdf", "CZlib", "CDeflate", "CHarfBuzz", "CQrencode",
                                                     .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Katern", dependencies: ["KaternDocument", "KaternStyle", "KaternText", "KaternLayout", "KaternRender"]),
        // The preview server of `katern serve` (Hummingbird): pages as PNG, live reload.
        .target(name: "KaternPreview", dependencies: ["Katern", "KaternLayout", "KaternRender", "KaternDocument",
                                                      .product(name: "Hummingbird", package: "hummingbird"),
                                                      .product(name: "Logging", package: "swift-log"),
                                                      .product(name: "NIOCore", package: "swift-nio")]),
        .executableTarget(
            name: "KaternCLI",
            dependencies: ["Katern", "KaternPreview", "KaternDocument", "KaternStyle", "KaternLayout", "KaternRender",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Crypto", package: "swift-crypto")]),

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

import Foundation
import KaternDocument
import KaternStyle
import Testing
@testable import KaternText

/// The fonts folder is scanned through fontconfig's cache, and the cache never gives fonts that
/// are not (or no longer) in the folder: each case compares with what the files themselves hold.
@Suite(.serialized) struct FontCacheTests {
    let fonts = PangoShaperTests.fontsFolder
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("katern-fontcache-\(UUID().uuidString)").path

    init() throws {
        FontSet.prepare()
        try FileManager.default.createDirectory(atPath: folder + "/Lato", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fonts + "/Lato/Lato-Regular.ttf", toPath: folder + "/Lato/Lato-Regular.ttf")
        try FileManager.default.copyItem(atPath: fonts + "/Lato/LICENSE.txt", toPath: folder + "/Lato/LICENSE.txt")
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    @Test func theCacheGivesWhatTheFilesHold() throws {
        defer { remove() }
        let first = try FontSet(folder: folder, language: "nl")
        let second = try FontSet(folder: folder, language: "nl")
        #expect(first.scannedThroughCache && second.scannedThroughCache)
        #expect(first.families == ["Lato"] && second.families == ["Lato"])
        #expect(try FontSet.configuration(folder: folder, files: FontSet.fontFiles(in: folder)).throughCache)

        // A file rewritten in place with another family (its folder's time does not change, which
        // is all fontconfig's own cache looks at): the new one counts, at once.
        let charis = try Data(contentsOf: URL(fileURLWithPath: fonts + "/CharisSIL/CharisSIL-Regular.ttf"))
        let handle = try #require(FileHandle(forWritingAtPath: folder + "/Lato/Lato-Regular.ttf"))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: charis)
        try handle.close()
        let replaced = try FontSet(folder: folder, language: "nl")
        #expect(replaced.families == ["Charis SIL"])

        // A font added, then taken out again.
        try FileManager.default.copyItem(atPath: fonts + "/Lato/Lato-Bold.ttf", toPath: folder + "/Lato-Bold.ttf")
        #expect(try FontSet(folder: folder, language: "nl").families == ["Charis SIL", "Lato"])
        try FileManager.default.removeItem(atPath: folder + "/Lato-Bold.ttf")
        #expect(try FontSet(folder: folder, language: "nl").families == ["Charis SIL"])
    }

    /// Two files with the same face: the one Katern's file order puts first is taken, through the
    /// cache or file by file (fontconfig lists a folder's own files before its subfolders').
    @Test func ofTwoFilesWithOneFaceTheFirstInFileOrderIsTaken() throws {
        defer { remove() }
        try FileManager.default.copyItem(atPath: folder + "/Lato/Lato-Regular.ttf", toPath: folder + "/zz-copy.ttf")
        func file() throws -> String {
            let fonts = try FontSet(folder: folder, language: "nl")
            let shaper = PangoShaper(fonts: fonts, hyphenator: nil, language: "nl")
            let style = TextStyle(font: FontSpec(family: "Lato", location: SourceLocation(file: "l.yaml", line: 1)), size: .pt(10),
                                  leading: .pt(12), color: .black)
            return try #require(shaper.shape([TextSpan("Lato")], style: style, width: .pt(200)).lines.first?.runs.first?.face.file)
        }
        let throughCache = try file()
        #expect(try FontSet(folder: folder, language: "nl").scannedThroughCache)
        guard mkfifo(folder + "/pijp", 0o600) == 0 else { Issue.record("mkfifo failed"); return }
        #expect(try !FontSet(folder: folder, language: "nl").scannedThroughCache)
        let oneByOne = try file()
        #expect(throughCache == oneByOne)
        #expect(oneByOne.hasSuffix("Lato/Lato-Regular.ttf"))
    }

    @Test func aDamagedFontIsStillAnErrorAtItsFile() throws {
        defer { remove() }
        _ = try FontSet(folder: folder, language: "nl")  // the cache of the folder as it was
        try "no font".write(toFile: folder + "/Lato/Kapot.ttf", atomically: true, encoding: .utf8)
        do {
            _ = try FontSet(folder: folder, language: "nl")
            Issue.record("a damaged font was taken")
        } catch let error as TextError {
            #expect("\(error)".contains("Kapot.ttf") && "\(error)".contains("cannot be read as a font"))
        }
    }

    @Test func aNamedPipeInTheFolderNeitherHangsNorIsScanned() throws {
        defer { remove() }
        guard mkfifo(folder + "/Lato/pijp", 0o600) == 0 else { Issue.record("mkfifo failed"); return }
        let fonts = try FontSet(folder: folder, language: "nl")
        #expect(!fonts.scannedThroughCache)
        #expect(fonts.families == ["Lato"])
    }

    @Test func aFontFileOfAnotherKindIsNotTakenThroughTheCache() throws {
        defer { remove() }
        // Fontconfig would take this file (FreeType reads it whatever its name); Katern takes only
        // .ttf, .otf, .ttc and .otc files.
        try FileManager.default.copyItem(atPath: fonts + "/CharisSIL/CharisSIL-Bold.ttf", toPath: folder + "/Charis.font")
        let fonts = try FontSet(folder: folder, language: "nl")
        #expect(!fonts.scannedThroughCache)
        #expect(fonts.families == ["Lato"])
    }
}

/// The cache's folders: this user's alone, or none.
@Suite struct FontCacheFolderTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("katern-cachefolder-\(UUID().uuidString)").path

    @Test func aFolderOthersCanWriteIsNeverUsed() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let base = root + "/katern-fontconfig"
        // Made here: for this user alone.
        let folder = try #require(FontSet.privateCacheFolder("abc", base: base))
        var info = stat()
        #expect(stat(folder, &info) == 0 && info.st_mode & 0o777 == 0o700)
        #expect(stat(base, &info) == 0 && info.st_mode & 0o777 == 0o700)
        // Opened to others (as someone else could have made it): not used.
        chmod(base, 0o777)
        #expect(FontSet.privateCacheFolder("abc", base: base) == nil)
        chmod(base, 0o700)
        chmod(folder, 0o757)
        #expect(FontSet.privateCacheFolder("abc", base: base) == nil)
        // Readable by others but written by no one else (fontconfig's own 0755): taken, made 0700.
        chmod(folder, 0o755)
        #expect(FontSet.privateCacheFolder("abc", base: base) == folder)
        #expect(stat(folder, &info) == 0 && info.st_mode & 0o777 == 0o700)
        // A link in its place: not followed.
        try FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createSymbolicLink(atPath: folder, withDestinationPath: root)
        #expect(FontSet.privateCacheFolder("abc", base: base) == nil)
        // No parent folder: none, and nothing made.
        #expect(FontSet.privateCacheFolder("abc", base: root + "/no/such/folder") == nil)
        #expect(!FileManager.default.fileExists(atPath: root + "/no"))
    }

    @Test func aNewFolderClearsThoseUntouchedForAMonth() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let base = root + "/katern-fontconfig"
        _ = try #require(FontSet.privateCacheFolder("old", base: base))
        _ = try #require(FontSet.privateCacheFolder("recent", base: base))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-40 * 24 * 3600)], ofItemAtPath: base + "/old")
        _ = try #require(FontSet.privateCacheFolder("new", base: base))
        #expect(try FileManager.default.contentsOfDirectory(atPath: base).sorted() == ["new", "recent"])
    }
}

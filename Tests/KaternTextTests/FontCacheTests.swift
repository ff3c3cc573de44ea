import Foundation
import KaternDocument
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

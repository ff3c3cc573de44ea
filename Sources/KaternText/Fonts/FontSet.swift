import CPangoFT2
import CPangoMatch
import Foundation
import KaternDocument
import KaternStyle

/// The fonts of one build: a private fontconfig configuration holding only the files in
/// `Fonts/` (no system configuration, so nothing installed on the machine can change the pages),
/// installed on one Pango FreeType font map with one context. Owns its C objects; frees them in deinit.
/// Not shared between threads: each worker makes its own.
public final class FontSet {
    let config: OpaquePointer
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    public let folder: String
    /// The families fontconfig found in the folder, sorted.
    public let families: [String]
    /// Whether fontconfig took the folder's fonts through its cache (see `configuration`), not
    /// file by file.
    public let scannedThroughCache: Bool

    /// Starts fontconfig once, before any worker thread starts (fontconfig's start-up is not
    /// thread-safe). Katern never uses the system's fonts or its fontconfig configuration (each
    /// font set has a private one, of `Fonts/` only): an empty configuration is made the current
    /// one first, so that the start-up (which Pango asks for too) does not read /etc/fonts and the
    /// system's font caches (about 4 ms).
    public static func prepare() {
        startup.lock()
        defer { startup.unlock() }
        guard !started else { return }
        if let empty = FcConfigCreate() { _ = FcConfigSetCurrent(empty) }
        _ = FcInit()
        started = true
    }

    nonisolated(unsafe) private static var started = false

    /// How many of Pango 1.50's font-pattern tasks ran on the thread that asked, not on threads
    /// of their own (see CPangoMatch), and whether they do: this Pango's can, and
    /// KATERN_PANGO_THREADS=1 does not keep Pango's threads.
    public static var inlinePatternTasks: (count: Int, inline: Bool) {
        (Int(katern_pango_inline_tasks()), katern_pango_runs_inline() != 0)
    }

    /// Before worker threads start: fontconfig's start-up on this thread.
    public static func prepareForThreads() { prepare() }

    /// Serialises the making, checking and letting go of font sets (fontconfig's start-up and
    /// Pango's font map set-up race otherwise). Shaping needs no lock: each thread shapes with a
    /// font set of its own (its own font map and context), which Pango 1.50 allows;
    /// `PangoThreadsTests` shapes the ALL booklet on two to four threads at once and compares
    /// every line with one thread's.
    static let startup = NSLock()

    /// Runs `body` while no other thread uses Pango or fontconfig.
    static func exclusively<T>(_ body: () throws -> T) rethrows -> T {
        startup.lock()
        defer { startup.unlock() }
        return try body()
    }

    public convenience init(folder: String, language: String) throws {
        Self.startup.lock()
        defer { Self.startup.unlock() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TextError.fontFolder(SourceLocation(file: folder), "the fonts folder does not exist; run katern from the project folder or pass --fonts")
        }
        let files = try Self.fontFiles(in: folder)
        let (config, throughCache) = try Self.configuration(folder: folder, files: files)
        self.init(config: config, folder: folder, families: Self.families(in: config), throughCache: throughCache, language: language)
    }

    /// A font set of its own (its own font map and context, for another thread) on the same
    /// fontconfig configuration as `other`: the folder is not read again. (Fontconfig's
    /// configurations are reference-counted and read from many threads at once, as every
    /// program's font maps share the default one; Pango's font maps only read it.)
    public convenience init(sharingConfigurationOf other: FontSet, language: String) {
        Self.startup.lock()
        defer { Self.startup.unlock() }
        self.init(config: FcConfigReference(other.config), folder: other.folder, families: other.families,
                  throughCache: other.scannedThroughCache, language: language)
    }

    /// Takes over `config` (one reference); under `startup`.
    private init(config: OpaquePointer, folder: String, families: [String], throughCache: Bool, language: String) {
        self.config = config
        self.scannedThroughCache = throughCache
        self.folder = folder
        self.families = families

        // Pango's FreeType font map (PangoFT2: no Cairo, which a build does not load): a fontconfig
        // font map, so that the private configuration (Fonts/ only) is used on macOS too, where
        // the default map is CoreText's. At 96 per inch, as Pango's Cairo font map was (the sizes
        // of the shaper's font descriptions). Print metrics: no hinting, so that widths do not
        // depend on a device's pixel grid (what Cairo's options asked before: the same glyphs,
        // positions and metrics, byte for byte the same PDFs).
        let map = pango_ft2_font_map_new()!
        pango_ft2_font_map_set_resolution(OpaquePointer(map), 96, 96)
        pango_fc_font_map_set_config(OpaquePointer(map), config)
        pango_fc_font_map_set_default_substitute(OpaquePointer(map), { pattern, _ in
            guard let pattern else { return }
            FcPatternDel(pattern, FC_HINTING)
            FcPatternAddBool(pattern, FC_HINTING, 0)
            FcPatternDel(pattern, FC_HINT_STYLE)
            FcPatternAddInteger(pattern, FC_HINT_STYLE, FC_HINT_NONE)
        }, nil, nil)
        self.fontMap = map
        self.context = pango_font_map_create_context(map)
        pango_context_set_round_glyph_positions(context, 0)
        pango_context_set_language(context, pango_language_from_string(language))
    }

    /// The font files (`.ttf`, `.otf`, `.ttc`, `.otc`) in the folder and its subfolders, sorted:
    /// each must be a regular, readable file inside the folder (after following links).
    static func fontFiles(in folder: String) throws -> [String] {
        let root = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw TextError.fontFolder(SourceLocation(file: folder), "the fonts folder cannot be read")
        }
        var files: [String] = []
        for case let name as String in enumerator {
            let ext = (name as NSString).pathExtension.lowercased()
            guard ["ttf", "otf", "ttc", "otc"].contains(ext) else { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            var info = stat()
            guard real.hasPrefix(root + "/"), stat(real, &info) == 0 else {
                throw TextError.fontFolder(SourceLocation(file: path), "this font file leads outside the fonts folder or does not exist; keep the fonts inside it")
            }
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw TextError.fontFolder(SourceLocation(file: path), "this is not a regular file (a folder, a named pipe or a device), so it cannot be a font")
            }
            guard access(real, R_OK) == 0 else {
                throw TextError.fontFolder(SourceLocation(file: path), "this font file cannot be read (permission denied)")
            }
            files.append(path)
        }
        return files.sorted()
    }

    /// A private fontconfig configuration holding exactly `files` (the folder's fonts, checked).
    /// Scanning a font file reads its tables (about 2 ms for the 13 sample fonts), so the scan is
    /// kept in fontconfig's cache, in a cache folder named by the files' paths, sizes and
    /// modification times: a font added, removed or replaced gets a new one. Fontconfig scans the
    /// whole folder, so its result is taken only when it is exactly these files; otherwise (and for
    /// a folder with anything but regular files and folders, which fontconfig would open and might
    /// hang on, like a named pipe) each file is added on its own, as without a cache.
    static func configuration(folder: String, files: [String]) throws -> (OpaquePointer, throughCache: Bool) {
        func make(cacheFolder: String?) throws -> OpaquePointer {
            guard let config = FcConfigCreate() else {
                throw TextError.fontFolder(SourceLocation(file: folder), "fontconfig could not start")
            }
            let cache = cacheFolder.map { "<cachedir>\(Self.xmlEscaped($0))</cachedir>" } ?? ""
            _ = FcConfigParseAndLoadFromMemory(config, "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>\(cache)</fontconfig>", 1)
            return config
        }
        // (fontconfig stamps a cache with SOURCE_DATE_EPOCH, when set, instead of the folder's time:
        // such a cache is never valid again, and each build would scan and write it anew.)
        if ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] == nil,
           let fingerprint = fingerprint(folder: folder, files: files), let cacheFolder = privateCacheFolder(fingerprint) {
            let config = try make(cacheFolder: cacheFolder)
            // (Fontconfig names the files by their absolute paths: both sides compared as such.)
            let paths = files.map(realPath)
            if FcConfigAppFontAddDir(config, folder) != 0, Set(fileNames(in: config).map(realPath)) == Set(paths) {
                inFileOrder(config, paths: paths)
                return (config, true)
            }
            FcConfigDestroy(config)
        }
        // Each font file on its own, after a look at what it is: a damaged font is an error at
        // its file (fontconfig scanning the folder would skip it without a word).
        let config = try make(cacheFolder: nil)
        do {
            for file in files {
                guard FcConfigAppFontAddFile(config, file) != 0 else {
                    throw TextError.fontFolder(SourceLocation(file: file), "this font file cannot be read as a font (it is damaged or no font); replace it or take it out of the fonts folder")
                }
            }
        } catch {
            FcConfigDestroy(config)
            throw error
        }
        return (config, false)
    }

    /// The cache folder of a fingerprint: `katern-fontconfig-<uid>/<fingerprint>` in the
    /// temporary folder, both folders this user's, for this user alone (mode 0700): a cache
    /// another user could have written is never read (it says which font a file holds). Nil when
    /// they cannot be made so (no temporary folder, a read-only one, a folder of someone else's):
    /// the fonts are then read file by file. A new cache folder clears those of its kind not
    /// touched for 30 days.
    static func privateCacheFolder(_ fingerprint: String,
                                   base: String = FileManager.default.temporaryDirectory.appendingPathComponent("katern-fontconfig-\(getuid())").path) -> String? {
        // A folder this user made that no one else could write (an earlier one of 0755) is made
        // 0700; one that others could write, or of someone else's, or a link, is not used.
        func owned(_ path: String) -> Bool {
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid(), info.st_mode & 0o022 == 0 else { return false }
            if info.st_mode & 0o077 != 0 { chmod(path, 0o700) }
            return access(path, R_OK | W_OK | X_OK) == 0
        }
        if mkdir(base, 0o700) != 0 && errno != EEXIST { return nil }
        guard owned(base) else { return nil }
        let folder = base + "/" + fingerprint
        let made = mkdir(folder, 0o700) == 0
        guard made || errno == EEXIST, owned(folder) else { return nil }
        if made, let old = try? FileManager.default.contentsOfDirectory(atPath: base) {
            let month = Date().addingTimeInterval(-30 * 24 * 3600)
            for name in old where name != fingerprint {
                let path = base + "/" + name
                if let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date, date < month {
                    try? FileManager.default.removeItem(atPath: path)
                }
            }
        }
        return folder
    }

    /// The configuration's fonts in the order the files are added one by one (Katern's sorted
    /// paths; a collection's faces in their own order): fontconfig lists a folder's own files
    /// before its subfolders', and of two faces that match a request alike, the first is taken.
    static func inFileOrder(_ config: OpaquePointer, paths: [String]) {
        guard let set = FcConfigGetFonts(config, FcSetApplication), set.pointee.nfont > 1 else { return }
        let rank = Dictionary(paths.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let patterns = (0..<Int(set.pointee.nfont)).map { set.pointee.fonts[$0] }
        let keyed = patterns.enumerated().map { offset, pattern -> (rank: Int, offset: Int, pattern: OpaquePointer?) in
            var value: UnsafeMutablePointer<FcChar8>?
            let file = FcPatternGetString(pattern, FC_FILE, 0, &value) == FcResultMatch && value != nil ? realPath(String(cString: value!)) : ""
            return (rank[file] ?? Int.max, offset, pattern)
        }
        // Stable: by the file's place, then as fontconfig listed the faces of one file.
        for (index, entry) in keyed.sorted(by: { ($0.rank, $0.offset) < ($1.rank, $1.offset) }).enumerated() {
            set.pointee.fonts[index] = entry.pattern
        }
    }

    /// The font files' paths, sizes and modification times, as 16 hex digits (FNV-1a, the same in
    /// every run); nil when the folder holds anything but regular files and folders.
    static func fingerprint(folder: String, files: [String]) -> String? {
        guard let entries = FileManager.default.enumerator(atPath: folder) else { return nil }
        for case let name as String in entries {
            var info = stat()
            guard lstat(folder + "/" + name, &info) == 0 else { return nil }
            let type = info.st_mode & S_IFMT
            guard type == S_IFREG || type == S_IFDIR else { return nil }
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
        add(folder.utf8)
        for file in files {
            var info = stat()
            guard stat(file, &info) == 0 else { return nil }
            add(file.utf8)
            #if canImport(Darwin)
            let modified = info.st_mtimespec
            #else
            let modified = info.st_mtim
            #endif
            add("|\(info.st_size)|\(modified.tv_sec).\(modified.tv_nsec)|\(info.st_ino)\n".utf8)
        }
        return String(hash, radix: 16)
    }

    /// The files of the configuration's fonts (a collection's faces name their file once).
    static func fileNames(in config: OpaquePointer) -> [String] {
        Array(values(of: FC_FILE, in: config))
    }

    /// The values of a text property (`FC_FAMILY`, `FC_FILE`) of the configuration's fonts.
    private static func values(of property: String, in config: OpaquePointer) -> Set<String> {
        guard let set = FcConfigGetFonts(config, FcSetApplication) else { return [] }
        var values = Set<String>()
        for i in 0..<Int(set.pointee.nfont) {
            var value: UnsafeMutablePointer<FcChar8>?
            if FcPatternGetString(set.pointee.fonts[i], property, 0, &value) == FcResultMatch, let value {
                values.insert(String(cString: value))
            }
        }
        return values
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    deinit {
        Self.exclusively {
            g_object_unref(UnsafeMutableRawPointer(context))
            g_object_unref(UnsafeMutableRawPointer(fontMap))
            FcConfigDestroy(config)
        }
    }

    /// Checks that each font's family is in the folder (Pango would silently take the nearest
    /// font otherwise); the error points at the layout line that names the font.
    public func check(_ fonts: [FontSpec]) throws {
        Self.startup.lock()
        defer { Self.startup.unlock() }
        // In the layout's order: the error names the first line at fault, the same in every run.
        var seen = Set<FontSpec>()
        for font in fonts where seen.insert(font).inserted {
            guard families.contains(where: { $0.caseInsensitiveCompare(font.family) == .orderedSame }) else {
                throw TextError.fontNotFound(font.location, family: font.family, available: families)
            }
            let description = Self.description(of: font, size: .pt(10))
            defer { pango_font_description_free(description) }
            guard let loaded = pango_font_map_load_font(fontMap, context, description) else {
                throw TextError.fontNotFound(font.location, family: font.family, available: families)
            }
            defer { g_object_unref(UnsafeMutableRawPointer(loaded)) }
            let describe = pango_font_describe(loaded)
            defer { pango_font_description_free(describe) }
            let family = String(cString: pango_font_description_get_family(describe))
            guard family.caseInsensitiveCompare(font.family) == .orderedSame else {
                throw TextError.fontNotFound(font.location, family: font.family, available: families)
            }
            let weight = PangoParagraph.weightName(Int(pango_font_description_get_weight(describe).rawValue))
            let italic = pango_font_description_get_style(describe) != PANGO_STYLE_NORMAL
            guard weight == font.weight.rawValue, italic == font.italic else {
                throw TextError.faceNotFound(font.faceLocation ?? font.location, family: font.family,
                                             face: font.weight.rawValue + (font.italic ? " italic" : ""), available: faces(of: family))
            }
        }
    }

    /// The faces of a family in the folder, as "weight[ italic]" names.
    func faces(of family: String) -> [String] {
        guard let set = FcConfigGetFonts(config, FcSetApplication) else { return [] }
        var names: [String] = []
        for i in 0..<Int(set.pointee.nfont) {
            let pattern = set.pointee.fonts[i]
            var value: UnsafeMutablePointer<FcChar8>?
            guard FcPatternGetString(pattern, FC_FAMILY, 0, &value) == FcResultMatch, let value,
                  String(cString: value).caseInsensitiveCompare(family) == .orderedSame else { continue }
            var weight: Int32 = 0, slant: Int32 = 0
            FcPatternGetInteger(pattern, FC_WEIGHT, 0, &weight)
            FcPatternGetInteger(pattern, FC_SLANT, 0, &slant)
            let name = PangoParagraph.weightName(Int(FcWeightToOpenType(Int32(weight)))) + (slant != 0 ? " italic" : "")
            if !names.contains(name) { names.append(name) }
        }
        let order = FontSpec.Weight.allCases.map(\.rawValue)
        return names.sorted { (order.firstIndex(of: String($0.split(separator: " ")[0])) ?? 0, $0) < (order.firstIndex(of: String($1.split(separator: " ")[0])) ?? 0, $1) }
    }

    /// A new Pango font description for a font at a size; the caller frees it.
    static func description(of font: FontSpec, size: Length) -> OpaquePointer {
        let d = pango_font_description_new()!
        pango_font_description_set_family(d, font.family)
        pango_font_description_set_weight(d, pangoWeight(font.weight))
        pango_font_description_set_style(d, font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_font_description_set_absolute_size(d, size.points * Double(PANGO_SCALE))
        return d
    }

    static func pangoWeight(_ weight: FontSpec.Weight) -> PangoWeight {
        switch weight {
        case .thin: return PANGO_WEIGHT_THIN
        case .light: return PANGO_WEIGHT_LIGHT
        case .regular: return PANGO_WEIGHT_NORMAL
        case .medium: return PANGO_WEIGHT_MEDIUM
        case .semibold: return PANGO_WEIGHT_SEMIBOLD
        case .bold: return PANGO_WEIGHT_BOLD
        case .heavy: return PANGO_WEIGHT_ULTRABOLD
        case .black: return PANGO_WEIGHT_HEAVY
        }
    }

    private static func families(in config: OpaquePointer) -> [String] {
        values(of: FC_FAMILY, in: config).sorted()
    }
}

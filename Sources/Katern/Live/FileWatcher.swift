import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders (with their subfolders) and files for changes: on Linux through inotify, so
/// a save is seen at once; elsewhere by comparing the files' identities (size, modification time,
/// inode) a few times a second. An editor's save burst (a temporary file written, renamed, its
/// attributes set) is one change: `next` waits until the files have been quiet for `quiet`.
public final class FileWatcher {
    /// What to watch: folders (with everything under them) and single files.
    public struct Roots: Equatable, Sendable {
        public var folders: Set<String> = []
        public var files: Set<String> = []
        public init(folders: Set<String> = [], files: Set<String> = []) {
            self.folders = folders
            self.files = files
        }
    }

    /// Changes to these paths are not reported (the outputs the watching process writes).
    public var ignored: Set<String> = [] {
        // As written and with its folder's links followed: an output reached through a link is
        // still the output (never a change that starts a build that writes it again).
        didSet { ignored = Set(ignored.flatMap { [Self.absolute($0), Self.real($0)] }) }
    }
    /// The real paths of linked files found in the watched folders (a chapter kept elsewhere and
    /// linked in): a change to the file itself is a change to the booklet.
    private var links: Set<String> = []
    private var roots = Roots()
    public let quiet: TimeInterval
    /// At most this long from the first change of a burst to its report.
    public let longest: TimeInterval

    #if os(Linux)
    private let fd: Int32
    private var folderOf: [Int32: String] = [:]
    /// Each watched folder's watch and inode: a folder replaced by another of the same name (moved
    /// away, copied back) is watched anew.
    private var watched: [String: (wd: Int32, inode: UInt64)] = [:]
    #endif
    private var snapshot: [String: String] = [:]

    public init(quiet: TimeInterval = 0.05, longest: TimeInterval = 0.5) {
        self.quiet = quiet
        self.longest = longest
        #if os(Linux)
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        #endif
    }

    deinit {
        #if os(Linux)
        if fd >= 0 { close(fd) }
        #endif
    }

    /// Watches `roots` from now on (as well as what was watched before that still exists):
    /// call it after each build, with what that build read, so that new folders are watched too.
    public func watch(_ roots: Roots) {
        self.roots = Roots(folders: Set(roots.folders.map(Self.absolute)), files: Set(roots.files.map(Self.absolute)))
        let roots = self.roots
        #if os(Linux)
        if fd >= 0 {
            links = []
            for folder in roots.folders { addTree(folder) }
            // A single file is watched through its folder (an editor replaces the file by renaming).
            for file in roots.files.union(links) { add((file as NSString).deletingLastPathComponent.nonEmpty ?? ".") }
            return
        }
        #endif
        snapshot = identities()
    }

    /// Waits until something watched changes (and the burst is over), for at most `timeout`
    /// seconds (nil: for ever); returns the changed paths, or [] when the time ran out.
    public func next(timeout: TimeInterval? = nil) -> [String] {
        let start = Date()
        var changed: [String] = []
        var first: Date?
        var last: Date?
        while true {
            let now = Date()
            var wait: TimeInterval
            if let first, let last {
                // Quiet for `quiet` since the last change that counts (scratch files do not), or the burst is long enough.
                wait = min(quiet - now.timeIntervalSince(last), longest - now.timeIntervalSince(first))
                if wait <= 0 { return changed.uniqued() }
            } else if let timeout {
                wait = timeout - now.timeIntervalSince(start)
                if wait <= 0 { return [] }
            } else {
                wait = 3600
            }
            let batch = poll(wait: wait)
            guard !batch.isEmpty else { continue }
            changed += batch
            last = Date()
            if first == nil { first = last }
        }
    }

    /// The changes seen within `wait` seconds (empty when none came).
    private func poll(wait: TimeInterval) -> [String] {
        #if os(Linux)
        if fd >= 0 {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = Glibc.poll(&entry, 1, Int32(max(0, min(wait, 3600)) * 1000))
            guard ready > 0 else { return [] }
            return readEvents()
        }
        #endif
        Thread.sleep(forTimeInterval: min(wait, 0.2))
        let now = identities()
        let changed = Set(now.keys).union(snapshot.keys).filter { now[$0] != snapshot[$0] }
        snapshot = now
        return changed.filter { !ignored.contains($0) }.sorted()
    }

    /// The identity of every file watched (for the polling fallback).
    private func identities() -> [String: String] {
        var result: [String: String] = [:]
        for file in roots.files { result[file] = Self.identity(file) ?? "" }
        for folder in roots.folders {
            guard let walker = FileManager.default.enumerator(atPath: folder) else { continue }
            while let name = walker.nextObject() as? String {
                let path = (folder as NSString).appendingPathComponent(name)
                result[path] = Self.identity(path) ?? ""
            }
        }
        return result
    }

    /// Paths are compared absolute and standardised (no `.`, `..` or doubled slashes).
    public static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// `path` with the links of its folder followed (the file itself need not exist).
    static func real(_ path: String) -> String {
        let absolute = absolute(path)
        let folder = (absolute as NSString).deletingLastPathComponent
        guard let resolved = realpath(folder, nil) else { return absolute }
        defer { free(resolved) }
        return (String(cString: resolved) as NSString).appendingPathComponent((absolute as NSString).lastPathComponent)
    }

    /// Editors' scratch files (vim's swap files and its 4913 probe, emacs's #autosaves#, backups
    /// ending in ~, hidden files) are never sources: writing them is not a change.
    static func isScratch(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || (!name.isEmpty && name.allSatisfy(\.isNumber))
    }

    static func identity(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if os(Linux)
        return "\(info.st_size)|\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)|\(info.st_ino)"
        #else
        return "\(info.st_size)|\(info.st_mtimespec.tv_sec).\(info.st_mtimespec.tv_nsec)|\(info.st_ino)"
        #endif
    }

    /// Whether a changed path is one of the watched ones: under a watched folder, or a watched
    /// file; not an ignored output, nor Katern's own temporary files.
    func isWatched(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        if ignored.contains(path) || Self.isScratch(name) { return false }
        if roots.files.contains(path) || links.contains(path) { return true }
        return roots.folders.contains { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    #if os(Linux)
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB
                                     | IN_DELETE_SELF | IN_MOVE_SELF)

    private func add(_ folder: String) {
        var info = stat()
        guard stat(folder, &info) == 0 else { return }
        let inode = UInt64(info.st_ino)
        if let known = watched[folder], known.inode == inode { return }
        let wd = inotify_add_watch(fd, folder, Self.mask | UInt32(IN_ONLYDIR))
        guard wd >= 0 else { return }
        if let old = watched[folder], old.wd != wd { forget(old.wd) }
        watched[folder] = (wd, inode)
        folderOf[wd] = folder
    }

    /// Stops a watch whose folder went away (deleted, or moved: its name may come back as another folder).
    private func forget(_ wd: Int32) {
        if let folder = folderOf[wd], watched[folder]?.wd == wd { watched[folder] = nil }
        folderOf[wd] = nil
        inotify_rm_watch(fd, wd)
    }

    private func addTree(_ folder: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            // A folder not there yet: its parent tells when it comes.
            add((folder as NSString).deletingLastPathComponent.nonEmpty ?? ".")
            return
        }
        add(folder)
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return }
        while let name = walker.nextObject() as? String {
            let path = (folder as NSString).appendingPathComponent(name)
            switch walker.fileAttributes?[.type] as? FileAttributeType {
            case .typeDirectory?: add(path)
            case .typeSymbolicLink?: links.insert(URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
            default: break
            }
        }
    }

    private func readEvents() -> [String] {
        var changed: [String] = []
        let size = 64 * 1024
        var buffer = [UInt8](repeating: 0, count: size)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, size) }
            guard count > 0 else { break }
            var offset = 0
            buffer.withUnsafeBytes { raw in
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = raw[nameStart..<min(count, nameStart + length)].prefix { $0 != 0 }
                    offset = nameStart + length
                    guard let folder = folderOf[wd] else { continue }
                    if mask & UInt32(IN_IGNORED) != 0 {
                        folderOf[wd] = nil
                        if watched[folder]?.wd == wd { watched[folder] = nil }
                        continue
                    }
                    if mask & UInt32(IN_MOVE_SELF | IN_DELETE_SELF) != 0 {
                        // The folder went: a change (what it held is gone from where the build reads it).
                        forget(wd)
                        changed.append(folder)
                        continue
                    }
                    let path = nameBytes.isEmpty ? folder : (folder as NSString).appendingPathComponent(String(decoding: nameBytes, as: UTF8.self))
                    if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0,
                       roots.folders.contains(where: { path.hasPrefix($0) }) {
                        addTree(path)
                    }
                    if isWatched(path) || (mask & UInt32(IN_ISDIR) != 0 && roots.folders.contains(path)) { changed.append(path) }
                }
            }
        }
        return changed
    }
    #endif
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}

extension Array where Element: Hashable {
    fileprivate func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

import Foundation
import KaternDocument

/// Katern's temporary files: every output is written beside its target under a name of its own
/// (`.katern.<pid>.<n>.<name>.tmp`), checked, and renamed into place, so the file at the target
/// is always the previous one or the new one, never a partial one. The names are registered
/// while they exist: on SIGINT, SIGTERM or SIGHUP they are removed before the process exits, and
/// a later run removes those of a process that was killed (its pid no longer runs).
public enum TemporaryFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var live: Set<String> = []
    nonisolated(unsafe) private static var counter = 0
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    /// A long-running command (`watch`, `serve`) that a signal stops as asked: called once the
    /// temporary files are removed, it says goodbye and returns the exit status.
    nonisolated(unsafe) private static var onInterrupt: (@Sendable (Int32) -> Int32)?

    public static func setInterruptHandler(_ handler: @escaping @Sendable (Int32) -> Int32) {
        lock.lock()
        onInterrupt = handler
        lock.unlock()
    }

    static let prefix = ".katern."

    /// A new temporary path beside `target`, registered; `remove` it when done.
    public static func make(beside target: String) -> String {
        let url = URL(fileURLWithPath: target)
        lock.lock()
        counter += 1
        let n = counter
        lock.unlock()
        let name = "\(prefix)\(getpid()).\(n).\(url.lastPathComponent.prefix(120)).tmp"
        let path = url.deletingLastPathComponent().appendingPathComponent(name).path
        lock.lock()
        live.insert(path)
        lock.unlock()
        return path
    }

    /// Removes a temporary file (if it is still there) and forgets it.
    public static func remove(_ path: String) {
        unlink(path)
        lock.lock()
        live.remove(path)
        lock.unlock()
    }

    /// Renames a finished temporary file onto its target (atomically, on one file system).
    public static func commit(_ path: String, to target: String) -> Bool {
        let ok = rename(path, target) == 0
        lock.lock()
        if ok { live.remove(path) }
        lock.unlock()
        return ok
    }

    /// Writes `data` to `target` through a temporary file beside it: the target is the old file
    /// or the new one, never a part of one.
    public static func write(_ data: Data, to target: String) throws {
        let temporary = make(beside: target)
        defer { remove(temporary) }
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
        } catch {
            throw RenderError.cannotWrite(SourceLocation(file: target), "cannot write the file (\(error.localizedDescription))")
        }
        guard commit(temporary, to: target) else {
            throw RenderError.cannotWrite(SourceLocation(file: target), "cannot put the file in place (\(String(cString: strerror(errno))))")
        }
    }

    /// Removes the temporary files that killed runs left in `folder` (theirs is a pid that no
    /// longer runs); those of runs still going are left alone.
    public static func removeStale(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let parts = name.dropFirst(prefix.count).split(separator: ".", maxSplits: 1)
            guard let pid = parts.first.flatMap({ Int32($0) }), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink((folder as NSString).appendingPathComponent(name)) }
        }
    }

    /// On SIGINT, SIGTERM or SIGHUP: remove the temporary files, then exit with 128 + the
    /// signal's number, as a shell expects. Also keeps a full disk's SIGXFSZ from killing the
    /// process (the write fails instead, and is reported).
    public static func installSignalHandlers() {
        signal(SIGXFSZ, SIG_IGN)
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                lock.lock()
                for path in live { unlink(path) }
                live.removeAll()
                let stop = onInterrupt
                lock.unlock()
                if let stop { exit(stop(number)) }
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }
}

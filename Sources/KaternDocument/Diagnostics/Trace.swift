import Foundation

/// Where a build's time goes, thread by thread (for profiling; off by default): with
/// `KATERN_TRACE` set, the stages mark their steps and a build prints them on standard error at
/// its end, as milliseconds since `KATERN_TRACE_START` (CLOCK_MONOTONIC nanoseconds, set by the
/// launcher just before it starts katern: `Benchmarks/trace`) or else since the first mark, with
/// the thread ("main", or a number per helper thread). `KATERN_TIMING` gives the phases' totals.
public enum Trace {
    public static let on = ProcessInfo.processInfo.environment["KATERN_TRACE"] != nil
    private static let start = UInt64(ProcessInfo.processInfo.environment["KATERN_TRACE_START"] ?? "")
    private static let lock = NSLock()
    nonisolated(unsafe) private static var marks: [(time: UInt64, thread: String, step: String)] = []
    nonisolated(unsafe) private static var threadCount = 0

    /// Notes that `step` is done, on this thread, now.
    public static func mark(_ step: @autoclosure () -> String) {
        guard on else { return }
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let time = UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
        let isMain = Thread.isMainThread
        lock.lock()
        defer { lock.unlock() }
        var thread = "main"
        if !isMain {
            // A number for each thread, kept in the thread (a thread id may be used again).
            let dictionary = Thread.current.threadDictionary
            if dictionary["katern.trace"] == nil {
                threadCount += 1
                dictionary["katern.trace"] = threadCount
            }
            thread = "thread \(dictionary["katern.trace"] as? Int ?? 0)"
        }
        marks.append((time, thread, step()))
    }

    /// The marks so far, one a line, in time order (empty when tracing is off).
    public static var report: String {
        guard on else { return "" }
        lock.lock()
        defer { lock.unlock() }
        let origin = start ?? marks.first?.time ?? 0
        return marks.sorted { $0.time < $1.time }.map { mark in
            let tenths = (Int64(bitPattern: mark.time &- origin) + 50_000) / 100_000
            return "trace: \(tenths / 10).\(abs(tenths % 10)) ms  \(mark.thread)  \(mark.step)\n"
        }.joined()
    }

    /// Prints the marks on standard error when tracing is on.
    public static func print() {
        guard on else { return }
        mark("end")
        FileHandle.standardError.write(Data(report.utf8))
    }
}

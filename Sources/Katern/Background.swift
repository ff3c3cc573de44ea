import Foundation

/// A value worked out on another thread (the global queue), for the thread that made it to wait
/// for (`value`) when it needs it.
final class Background<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = work()
            done.signal()
        }
    }

    /// Waits for the value (from one thread, any number of times).
    var value: Value {
        if let result { return result }
        done.wait()
        return result!
    }
}

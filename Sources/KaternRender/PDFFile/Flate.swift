import CZlib

/// zlib's deflate and inflate, for the streams the finishing pass rewrites (`/FlateDecode`).
enum Flate {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// The compressed form of `data` (zlib format, as `/FlateDecode` wants).
    static func deflate(_ data: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = data.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                compress2(out.baseAddress, &length, input.baseAddress, uLong(input.count), level)
            }
        }
        guard status == Z_OK else { throw Failure(description: "zlib could not compress a stream (\(status))") }
        // A copy of the exact size: the buffer was sized for the worst case.
        return Array(output[..<Int(length)])
    }

    /// The data `compressed` holds. Refuses to grow beyond `limit` bytes.
    static func inflate(_ compressed: ArraySlice<UInt8>, limit: Int = 1 << 30) throws -> [UInt8] {
        var capacity = max(1024, compressed.count * 4)
        while true {
            var length = uLong(capacity)
            var output = [UInt8](repeating: 0, count: capacity)
            let status = compressed.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    uncompress(out.baseAddress, &length, input.baseAddress, uLong(input.count))
                }
            }
            switch status {
            case Z_OK:
                return Array(output[..<Int(length)])
            case Z_BUF_ERROR where capacity < limit:
                capacity = min(limit, capacity * 4)
            default:
                throw Failure(description: "a compressed stream cannot be read (zlib \(status))")
            }
        }
    }
}

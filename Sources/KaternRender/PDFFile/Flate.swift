import CDeflate
import CZlib

/// Compression of the PDF's streams (`/FlateDecode`): libdeflate writes them (zlib's format,
/// about twice as fast as zlib's own deflate at the same level and size), zlib reads them back.
enum Flate {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// The compressed form of `data` (zlib format, as `/FlateDecode` wants), at libdeflate's
    /// `level` (6: as zlib's default). A compressor is made for each call: streams are compressed
    /// on several threads at once, and one compressor must not be shared between them.
    static func deflate(_ data: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(level) else {
            throw Failure(description: "libdeflate could not start (out of memory)")
        }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_zlib_compress_bound(compressor, data.count)
        var output = [UInt8](repeating: 0, count: bound)
        let length = data.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                libdeflate_zlib_compress(compressor, input.baseAddress, input.count, out.baseAddress, bound)
            }
        }
        // Cannot happen with a buffer of the bound's size; never a stream cut short.
        guard length > 0 else { throw Failure(description: "libdeflate could not compress a stream of \(data.count) bytes") }
        // A copy of the exact size: the buffer was sized for the worst case.
        return Array(output[..<length])
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

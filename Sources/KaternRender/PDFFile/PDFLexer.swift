/// The lexer and parser of PDF object syntax (ISO 32000-1, 7.2 and 7.3): its character classes
/// serve the writer (`PDFSyntax`) and the content reader (`MarkedContent`); its parser reads what
/// the writer writes back, for the tests of the writer.
struct PDFLexer: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    let data: [UInt8]
    var position: Int
    /// Arrays and dictionaries nest at most this deep (Katern's nest three or four).
    static let maximumDepth = 64

    static func isWhite(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0C || b == 0x00 }
    static func isDelimiter(_ b: UInt8) -> Bool {
        b == 0x28 || b == 0x29 || b == 0x3C || b == 0x3E || b == 0x5B || b == 0x5D || b == 0x7B || b == 0x7D || b == 0x2F || b == 0x25
    }

    /// Skips white space and comments.
    mutating func skipWhite() {
        while position < data.count {
            let b = data[position]
            if Self.isWhite(b) { position += 1 }
            else if b == 0x25 { while position < data.count, data[position] != 0x0A, data[position] != 0x0D { position += 1 } }
            else { break }
        }
    }

    /// A bare word (`obj`, `stream`, `R`, `true`), or nil at a delimiter.
    mutating func keyword() -> String? {
        skipWhite()
        let start = position
        while position < data.count, !Self.isWhite(data[position]), !Self.isDelimiter(data[position]) { position += 1 }
        return position > start ? String(decoding: data[start..<position], as: UTF8.self) : nil
    }

    /// The next value, or nil at the end of an array or dictionary (or of the data).
    mutating func value(depth: Int = 0) throws -> PDFValue? {
        guard depth < Self.maximumDepth else { throw PDFLexer.Failure("objects nested too deep") }
        skipWhite()
        guard position < data.count else { return nil }
        let b = data[position]
        switch b {
        case 0x2F:  // /name
            let start = position + 1
            position += 1
            while position < data.count, !Self.isWhite(data[position]), !Self.isDelimiter(data[position]) { position += 1 }
            return .name(String(decoding: data[start..<position], as: UTF8.self))
        case 0x28:
            return .string(try literalString())
        case 0x3C:
            if position + 1 < data.count, data[position + 1] == 0x3C {
                position += 2
                var dictionary = PDFDictionary()
                while true {
                    skipWhite()
                    guard position < data.count else { throw PDFLexer.Failure("a dictionary is not closed") }
                    if data[position] == 0x3E {
                        guard position + 1 < data.count, data[position + 1] == 0x3E else { throw PDFLexer.Failure("a stray '>'") }
                        position += 2
                        return .dictionary(dictionary)
                    }
                    guard case .name(let key)? = try value(depth: depth + 1) else { throw PDFLexer.Failure("a dictionary key is not a name") }
                    guard let entry = try value(depth: depth + 1) else { throw PDFLexer.Failure("a dictionary entry has no value") }
                    // A key written twice (Cairo 1.16 lists an image once per use in a page's
                    // resources) is one entry: the file must not repeat it (ISO 32000-1, 7.3.7).
                    dictionary[key] = entry
                }
            }
            return .string(try hexString())
        case 0x5B:
            position += 1
            var items: [PDFValue] = []
            while true {
                skipWhite()
                guard position < data.count else { throw PDFLexer.Failure("an array is not closed") }
                if data[position] == 0x5D { position += 1; return .array(items) }
                guard let item = try value(depth: depth + 1) else { throw PDFLexer.Failure("an array is damaged") }
                items.append(item)
            }
        case 0x5D, 0x3E, 0x29, 0x7B, 0x7D:
            return nil
        case 0x30...0x39, 0x2B, 0x2D, 0x2E:
            return number()
        default:
            let start = position
            while position < data.count, !Self.isWhite(data[position]), !Self.isDelimiter(data[position]) { position += 1 }
            switch String(decoding: data[start..<position], as: UTF8.self) {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default:
                position = start
                return nil  // a keyword (endobj, stream, R ...): the caller reads it
            }
        }
    }

    /// An integer, a reference (`n g R`) or a real number.
    private mutating func number() -> PDFValue {
        let start = position
        var negative = false
        if data[position] == 0x2D { negative = true; position += 1 } else if data[position] == 0x2B { position += 1 }
        var value = 0
        var digits = 0
        while position < data.count, data[position] >= 0x30, data[position] <= 0x39, digits < 18 {
            value = value * 10 + Int(data[position] - 0x30)
            position += 1
            digits += 1
        }
        if position < data.count, !Self.isWhite(data[position]), !Self.isDelimiter(data[position]) || digits == 0 {
            // A real number (or something odd): kept as written.
            while position < data.count, !Self.isWhite(data[position]), !Self.isDelimiter(data[position]) { position += 1 }
            return .real(Array(data[start..<position]))
        }
        if !negative, digits > 0 {
            // "n g R": white space, digits, white space, R, then a delimiter or white space.
            var i = position
            while i < data.count, Self.isWhite(data[i]) { i += 1 }
            let generationStart = i
            while i < data.count, data[i] >= 0x30, data[i] <= 0x39 { i += 1 }
            if i > generationStart, i < data.count, Self.isWhite(data[i]) {
                while i < data.count, Self.isWhite(data[i]) { i += 1 }
                if i < data.count, data[i] == 0x52, i + 1 >= data.count || Self.isWhite(data[i + 1]) || Self.isDelimiter(data[i + 1]) {
                    position = i + 1
                    return .reference(value)
                }
            }
        }
        return .integer(negative ? -value : value)
    }

    private mutating func literalString() throws -> [UInt8] {
        position += 1
        var bytes: [UInt8] = []
        var nesting = 1
        while position < data.count {
            let c = data[position]
            position += 1
            switch c {
            case 0x5C:
                guard position < data.count else { break }
                let e = data[position]
                position += 1
                switch e {
                case 0x6E: bytes.append(0x0A)
                case 0x72: bytes.append(0x0D)
                case 0x74: bytes.append(0x09)
                case 0x62: bytes.append(0x08)
                case 0x66: bytes.append(0x0C)
                case 0x0D: if position < data.count, data[position] == 0x0A { position += 1 }
                case 0x0A: break
                case 0x30...0x37:
                    var value = Int(e - 0x30)
                    var digits = 1
                    while digits < 3, position < data.count, (0x30...0x37).contains(data[position]) {
                        value = value * 8 + Int(data[position] - 0x30)
                        position += 1
                        digits += 1
                    }
                    bytes.append(UInt8(truncatingIfNeeded: value))
                default: bytes.append(e)
                }
            case 0x28:
                nesting += 1
                bytes.append(c)
            case 0x29:
                nesting -= 1
                if nesting == 0 { return bytes }
                bytes.append(c)
            default:
                bytes.append(c)
            }
        }
        throw PDFLexer.Failure("a string is not closed")
    }

    private mutating func hexString() throws -> [UInt8] {
        position += 1
        var bytes: [UInt8] = []
        var high: UInt8?
        while position < data.count {
            let c = data[position]
            position += 1
            if c == 0x3E {
                if let high { bytes.append(high << 4) }
                return bytes
            }
            let digit: UInt8
            switch c {
            case 0x30...0x39: digit = c - 0x30
            case 0x41...0x46: digit = c - 0x41 + 10
            case 0x61...0x66: digit = c - 0x61 + 10
            default:
                if Self.isWhite(c) { continue }
                throw PDFLexer.Failure("a hex string holds a non-hex character")
            }
            if let h = high { bytes.append(h << 4 | digit); high = nil } else { high = digit }
        }
        throw PDFLexer.Failure("a hex string is not closed")
    }
}

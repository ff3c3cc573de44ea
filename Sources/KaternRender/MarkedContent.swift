/// The marked-content operators of a page's content stream, read by a real lexer (strings, hex
/// strings, names, dictionaries, comments, inline images), so no text on the page can be taken
/// for an operator: for `katern check --pdf`, which MCIDs a page uses and what it paints outside
/// any marked content.
enum MarkedContent {
    enum Failure: Error { case malformed(String) }

    /// What a page's content marks, for checking a PDF: the MCIDs it uses, and how many
    /// painting operators lie outside any marked-content sequence.
    static func census(_ data: [UInt8]) throws -> (mcids: [Int], unmarked: Int) {
        var unmarked = 0, depth = 0
        var mcids: [Int] = []
        try scan(data) { operation, operands in
            switch operation {
            case "BDC":
                depth += 1
                if let index = operands.firstIndex(where: { $0.token == .name("MCID") }), index + 1 < operands.count,
                   case .number = operands[index + 1].token,
                   let value = Int(String(decoding: data[operands[index + 1].range], as: UTF8.self)) {
                    mcids.append(value)
                }
            case "BMC": depth += 1
            case "EMC":
                depth -= 1
                if depth < 0 { throw Failure.malformed("EMC without BDC or BMC") }
            case "Tj", "TJ", "'", "\"", "Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "EI":
                if depth == 0 { unmarked += 1 }
            default: break
            }
        }
        if depth != 0 { throw Failure.malformed("a marked-content sequence is not closed") }
        return (mcids, unmarked)
    }

    enum Token: Equatable {
        case name(String)
        case number
        case string
        case open, close
        case other
    }

    struct Operand {
        var token: Token
        var range: Range<Int>
    }

    static func isWhite(_ b: UInt8) -> Bool { PDFLexer.isWhite(b) }
    static func isDelimiter(_ b: UInt8) -> Bool { PDFLexer.isDelimiter(b) }

    /// Calls `operation` with each operator and its operands (names, numbers, strings and the
    /// brackets of arrays and dictionaries, in order).
    static func scan(_ data: [UInt8], operation: (String, [Operand]) throws -> Void) throws {
        var operands: [Operand] = []
        var i = 0
        let n = data.count
        while i < n {
            let b = data[i]
            if isWhite(b) { i += 1; continue }
            let start = i
            switch b {
            case 0x25: // % comment
                while i < n, data[i] != 0x0A, data[i] != 0x0D { i += 1 }
            case 0x28: // ( string )
                var nesting = 0
                while i < n {
                    let c = data[i]
                    if c == 0x5C { i += 2; continue }
                    if c == 0x28 { nesting += 1 }
                    if c == 0x29 { nesting -= 1; if nesting == 0 { i += 1; break } }
                    i += 1
                }
                if nesting != 0 { throw Failure.malformed("a string is not closed") }
                operands.append(Operand(token: .string, range: start..<i))
            case 0x3C: // < hex string > or <<
                if i + 1 < n, data[i + 1] == 0x3C {
                    i += 2
                    operands.append(Operand(token: .open, range: start..<i))
                } else {
                    while i < n, data[i] != 0x3E { i += 1 }
                    guard i < n else { throw Failure.malformed("a hex string is not closed") }
                    i += 1
                    operands.append(Operand(token: .string, range: start..<i))
                }
            case 0x3E: // >>
                guard i + 1 < n, data[i + 1] == 0x3E else { throw Failure.malformed("a stray '>'") }
                i += 2
                operands.append(Operand(token: .close, range: start..<i))
            case 0x5B, 0x7B:
                i += 1
                operands.append(Operand(token: .open, range: start..<i))
            case 0x5D, 0x7D:
                i += 1
                operands.append(Operand(token: .close, range: start..<i))
            case 0x2F: // /name
                i += 1
                while i < n, !isWhite(data[i]), !isDelimiter(data[i]) { i += 1 }
                operands.append(Operand(token: .name(String(decoding: data[(start + 1)..<i], as: UTF8.self)), range: start..<i))
            case 0x29:
                throw Failure.malformed("a stray ')'")
            default:
                while i < n, !isWhite(data[i]), !isDelimiter(data[i]) { i += 1 }
                let word = data[start..<i]
                if let first = word.first, first == 0x2B || first == 0x2D || first == 0x2E || (0x30...0x39).contains(first) {
                    operands.append(Operand(token: .number, range: start..<i))
                    continue
                }
                let keyword = String(decoding: word, as: UTF8.self)
                if keyword == "true" || keyword == "false" || keyword == "null" {
                    operands.append(Operand(token: .other, range: start..<i))
                    continue
                }
                try operation(keyword, operands)
                operands.removeAll(keepingCapacity: true)
                if keyword == "ID" {
                    // Inline image data: binary, up to whitespace, "EI" and whitespace (or the end).
                    i += 1
                    while i + 1 < n {
                        if data[i] == 0x45, data[i + 1] == 0x49, i > 0, isWhite(data[i - 1]),
                           i + 2 >= n || isWhite(data[i + 2]) || isDelimiter(data[i + 2]) { break }
                        i += 1
                    }
                    guard i + 1 < n else { throw Failure.malformed("inline image data is not closed") }
                }
            }
        }
    }
}

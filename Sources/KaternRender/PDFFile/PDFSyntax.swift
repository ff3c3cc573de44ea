/// Writes PDF syntax byte by byte (no formatting through Foundation): names, numbers with at
/// most three decimals, references through the file's renumbering, strings (text strings as
/// UTF-16BE with a byte order mark when they are not plain ASCII) and whole values.
struct PDFSyntax {
    private(set) var bytes: [UInt8] = []
    /// The final number of each object number the values use.
    let renumber: [Int]

    init(renumber: [Int], capacity: Int = 0) {
        self.renumber = renumber
        bytes.reserveCapacity(capacity)
    }

    mutating func clear() { bytes.removeAll(keepingCapacity: true) }

    /// ASCII that needs no escaping (keywords, keys, punctuation).
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append<S: Sequence>(bytes more: S) where S.Element == UInt8 { bytes.append(contentsOf: more) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func int(_ value: Int) {
        if value < 0 { bytes.append(0x2D) }
        let magnitude = value.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8((magnitude / divisor) % 10) + 0x30)
            divisor /= 10
        }
    }

    /// A number rounded to three decimals, without trailing zeros.
    mutating func decimal(_ value: Double) {
        let thousandths = Int((value * 1000).rounded())
        if thousandths < 0 { bytes.append(0x2D) }
        let magnitude = abs(thousandths)
        int(magnitude / 1000)
        var fraction = magnitude % 1000
        guard fraction > 0 else { return }
        bytes.append(0x2E)
        var divisor = 100
        while fraction > 0 {
            bytes.append(UInt8(fraction / divisor) + 0x30)
            fraction %= divisor
            divisor /= 10
        }
    }

    /// `n 0 R`, renumbered.
    mutating func reference(_ number: Int) {
        int(renumber[number]); raw(" 0 R")
    }

    /// `/name`: characters outside the regular ASCII range as `#xx`.
    mutating func name(_ name: String) {
        bytes.append(0x2F)
        for byte in name.utf8 {
            if byte > 0x20, byte < 0x7F, byte != 0x23, !PDFLexer.isDelimiter(byte) {
                bytes.append(byte)
            } else {
                bytes.append(0x23); bytes.append(Self.hex[Int(byte >> 4)]); bytes.append(Self.hex[Int(byte & 15)])
            }
        }
    }

    /// A name as it was read (its escapes kept).
    private mutating func rawName(_ name: String) {
        bytes.append(0x2F); bytes.append(contentsOf: name.utf8)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A string of these bytes: printable ASCII as a literal string, anything else in hex.
    mutating func string(_ value: [UInt8]) {
        if value.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            bytes.append(0x28)
            for byte in value {
                if byte == 0x28 || byte == 0x29 || byte == 0x5C { bytes.append(0x5C) }
                bytes.append(byte)
            }
            bytes.append(0x29)
        } else {
            bytes.append(0x3C)
            for byte in value { bytes.append(Self.hex[Int(byte >> 4)]); bytes.append(Self.hex[Int(byte & 15)]) }
            bytes.append(0x3E)
        }
    }

    /// A text string: printable ASCII as it is, anything else as UTF-16BE with a byte order mark.
    mutating func text(_ value: String) { string(Self.textBytes(value)) }

    /// A text string's bytes: printable ASCII as it is, anything else as UTF-16BE with a byte
    /// order mark.
    static func textBytes(_ value: String) -> [UInt8] {
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return Array(value.utf8) }
        var units: [UInt8] = [0xFE, 0xFF]
        for unit in value.utf16 { units.append(UInt8(unit >> 8)); units.append(UInt8(unit & 0xFF)) }
        return units
    }

    mutating func value(_ value: PDFValue) {
        switch value {
        case .null: raw("null")
        case .bool(let flag): if flag { raw("true") } else { raw("false") }
        case .integer(let number): int(number)
        case .real(let digits): bytes.append(contentsOf: digits)
        case .name(let name): rawName(name)
        case .string(let data): string(data)
        case .reference(let number): reference(number)
        case .array(let items):
            bytes.append(0x5B)
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(0x20) }
                self.value(item)
            }
            bytes.append(0x5D)
        case .dictionary(let dictionary):
            raw("<<")
            for entry in dictionary.entries {
                rawName(entry.key)
                if case .integer = entry.value { bytes.append(0x20) }
                else if case .real = entry.value { bytes.append(0x20) }
                else if case .reference = entry.value { bytes.append(0x20) }
                else if case .bool = entry.value { bytes.append(0x20) }
                else if case .null = entry.value { bytes.append(0x20) }
                self.value(entry.value)
            }
            raw(">>")
        }
    }

    /// A rectangle given as its corners' coordinates: [llx lly urx ury].
    mutating func rectangle(_ left: Double, _ bottom: Double, _ right: Double, _ top: Double) {
        raw("["); decimal(left); raw(" "); decimal(bottom); raw(" "); decimal(right); raw(" "); decimal(top); raw("]")
    }
}

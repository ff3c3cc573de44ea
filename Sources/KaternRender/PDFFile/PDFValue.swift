/// A PDF object's value, as the writer writes it. Real numbers keep the bytes they are written
/// with; references are object numbers (generation 0: Katern writes no other).
indirect enum PDFValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    /// A real number, as its digits: `-3.5`, `419.527559`.
    case real([UInt8])
    /// A name without its slash, as it was written (`#xx` escapes kept).
    case name(String)
    /// A string's bytes, escapes resolved.
    case string([UInt8])
    case array([PDFValue])
    case dictionary(PDFDictionary)
    case reference(Int)
}

/// A PDF dictionary: its entries in the order they are written.
struct PDFDictionary: Equatable, Sendable {
    var entries: [(key: String, value: PDFValue)] = []

    static func == (a: PDFDictionary, b: PDFDictionary) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    subscript(key: String) -> PDFValue? {
        get { entries.first(where: { $0.key == key })?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }
}

/// A PDF object's value, as the finishing pass reads it from Cairo's output and writes it to the
/// finished file. Numbers keep the bytes they were written with (a copied object is written as
/// it was read); references are object numbers (generation 0: Cairo writes no other).
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

    var integerValue: Int? {
        guard case .integer(let value) = self else { return nil }
        return value
    }

    var dictionaryValue: PDFDictionary? {
        if case .dictionary(let dictionary) = self { return dictionary }
        return nil
    }

    var referenceValue: Int? {
        if case .reference(let number) = self { return number }
        return nil
    }

    func isName(_ name: String) -> Bool {
        if case .name(name) = self { return true }
        return false
    }

    /// Calls `visit` with every object number this value refers to.
    func forEachReference(_ visit: (Int) -> Void) {
        switch self {
        case .reference(let number): visit(number)
        case .array(let items): for item in items { item.forEachReference(visit) }
        case .dictionary(let dictionary): for entry in dictionary.entries { entry.value.forEachReference(visit) }
        default: break
        }
    }
}

/// A PDF dictionary: its entries in the order they were written (so a copied object keeps it).
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

/// An object of a PDF file: its value and, for a stream, its (still encoded) data.
struct PDFObject: Sendable {
    var value: PDFValue
    var stream: ArraySlice<UInt8>?

    var dictionary: PDFDictionary? { value.dictionaryValue }
}

import Foundation

/// A PDF's structure tree and link annotations, read back with `qpdf --json` (independently of
/// Katern's own qpdf code): each element's type, `/Alt`, `/ActualText`, its marked-content
/// references (page and MCID) and annotation references, in the order of the tree.
public struct PDFStructure {
    public struct Element {
        public var type: String
        public var depth: Int
        public var alt: String?
        public var actualText: String?
        /// Marked content: page index (from 0) and MCID.
        public var content: [(page: Int, mcid: Int)] = []
        /// Annotations the element holds (OBJR), by object id.
        public var annotations: [String] = []
        /// The indices of its child elements in `elements`.
        public var children: [Int] = []
    }

    public struct Annotation {
        public var id: String
        public var page: Int
        public var subtype: String
        public var contents: String?
        public var structParent: Int?
        public var flags: Int
        public var uri: String?
        public var dest: String?
    }

    /// The elements in depth-first order (the tree's reading order); the first is the root's child.
    public var elements: [Element] = []
    public var annotations: [Annotation] = []
    /// Per page: `/Tabs`, `/StructParents`.
    public var tabs: [String?] = []
    public var structParents: [Int?] = []

    public init(_ pdf: String) throws {
        let out = try CLI.run("/usr/bin/qpdf", ["--json=2", "--json-key=qpdf", pdf]).stdout
        guard let top = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any],
              let qpdf = top["qpdf"] as? [Any], qpdf.count > 1, let objects = qpdf[1] as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        func object(_ reference: Any?) -> [String: Any]? {
            if let dict = reference as? [String: Any] { return dict }
            guard let ref = reference as? String, ref.hasSuffix(" R"), let entry = objects["obj:" + ref] as? [String: Any] else { return nil }
            if let value = entry["value"] as? [String: Any] { return value }
            if let stream = entry["stream"] as? [String: Any] { return stream["dict"] as? [String: Any] }
            return nil
        }
        func text(_ value: Any?) -> String? {
            guard let string = value as? String else { return nil }
            if string.hasPrefix("u:") { return String(string.dropFirst(2)) }
            if string.hasPrefix("b:") {
                // Hex bytes: UTF-16BE with a byte order mark, or PDFDocEncoding (taken as Latin-1).
                let hex = Array(string.dropFirst(2))
                var bytes: [UInt8] = []
                var i = 0
                while i + 1 < hex.count { bytes.append(UInt8(String(hex[i...i + 1]), radix: 16) ?? 0); i += 2 }
                if bytes.starts(with: [0xFE, 0xFF]) {
                    let units = stride(from: 2, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
                    return String(decoding: units, as: UTF16.self)
                }
                return String(bytes.map { Character(Unicode.Scalar($0)) })
            }
            return string
        }
        let trailer = (objects["trailer"] as? [String: Any])?["value"] as? [String: Any]
        let root = object(trailer?["/Root"])
        // Pages in order, by object reference.
        var pages: [String] = []
        var stack: [Any] = [root?["/Pages"] as Any]
        while let node = stack.popLast() {
            guard let dict = object(node) else { continue }
            if let kids = dict["/Kids"] as? [Any] { stack.append(contentsOf: kids.reversed()); continue }
            if let ref = node as? String { pages.append(ref) }
        }
        let pageIndex = Dictionary(uniqueKeysWithValues: pages.enumerated().map { ($1, $0) })
        for (index, ref) in pages.enumerated() {
            let page = object(ref) ?? [:]
            tabs.append(page["/Tabs"] as? String)
            structParents.append(page["/StructParents"] as? Int)
            for annotation in page["/Annots"] as? [Any] ?? [] {
                guard let dict = object(annotation) else { continue }
                let action = object(dict["/A"])
                annotations.append(Annotation(id: annotation as? String ?? "", page: index, subtype: dict["/Subtype"] as? String ?? "",
                                              contents: text(dict["/Contents"]), structParent: dict["/StructParent"] as? Int,
                                              flags: dict["/F"] as? Int ?? 0, uri: text(action?["/URI"]), dest: text(dict["/Dest"])))
            }
        }
        // The tree, depth first.
        guard let treeRoot = object(root?["/StructTreeRoot"]) else { return }
        func kids(_ value: Any?) -> [Any] {
            if let array = value as? [Any] { return array }
            return value.map { [$0] } ?? []
        }
        var visit: [(node: Any, depth: Int, parent: Int?)] = kids(treeRoot["/K"]).reversed().map { ($0, 0, nil) }
        var steps = 0
        while let (node, depth, parent) = visit.popLast(), steps < 1_000_000 {
            steps += 1
            guard let dict = object(node), let type = dict["/S"] as? String else { continue }
            var element = Element(type: String(type.dropFirst()), depth: depth, alt: text(dict["/Alt"]), actualText: text(dict["/ActualText"]))
            let pageOfElement = (dict["/Pg"] as? String).flatMap { pageIndex[$0] }
            var childNodes: [Any] = []
            for kid in kids(dict["/K"]) {
                if let mcid = kid as? Int {
                    element.content.append((pageOfElement ?? -1, mcid))
                } else if let reference = object(kid) {
                    switch reference["/Type"] as? String {
                    case "/MCR":
                        let page = (reference["/Pg"] as? String).flatMap { pageIndex[$0] } ?? pageOfElement ?? -1
                        element.content.append((page, reference["/MCID"] as? Int ?? -1))
                    case "/OBJR":
                        element.annotations.append(reference["/Obj"] as? String ?? "")
                    default:
                        childNodes.append(kid)
                    }
                }
            }
            let index = elements.count
            elements.append(element)
            if let parent { elements[parent].children.append(index) }
            visit.append(contentsOf: childNodes.reversed().map { ($0, depth + 1, index) })
        }
    }
}

import CQpdf
import Foundation
import KaternDocument

/// `katern check --pdf`: reads a built PDF back with qpdf's library and reports what an
/// accessibility checker would flag: no document language or title, not marked as tagged, no
/// structure tree, pages with content but no tagged content, figures without alt text, headings
/// that skip a level, and contents entries that link to a page other than their heading's; and
/// of PDF/UA-1 (`PDFChecker+UA.swift`): content that is neither tagged nor an artifact, marked
/// content the parent tree does not know, links without a description, a structure parent or the
/// Print flag, links to a named place the PDF does not have, pages with links but no structure
/// tab order, the XMP metadata (title,
/// `pdfuaid:part`), `DisplayDocTitle`, and fonts without a Unicode map or a CID-to-glyph map.
public struct PDFChecker {
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public var page: Int?
        public var message: String
        public var description: String { (page.map { "page \($0): " } ?? "") + message }
    }

    public init() {}

    public func check(_ path: String) throws -> [Finding] {
        // qpdf keeps the file name it is given: it must outlive the handle (see PDFFinisher).
        guard let name = strdup(path) else { throw RenderError.cannotWrite(SourceLocation(file: path), "out of memory") }
        defer { free(name) }
        if let why = katern_qpdf_load() {
            throw RenderError.cannotWrite(SourceLocation(file: path), "checking a PDF needs qpdf's library, which could not be loaded: \(String(cString: why))")
        }
        guard let qpdf = qpdf_init() else { throw RenderError.cannotWrite(SourceLocation(file: path), "qpdf could not start") }
        var handle: qpdf_data? = qpdf
        defer { qpdf_cleanup(&handle) }
        qpdf_silence_errors(qpdf)
        qpdf_set_suppress_warnings(qpdf, QPDF_TRUE)
        if qpdf_read(qpdf, name, nil) & QPDF_ERRORS != 0 {
            throw RenderError.cannotWrite(SourceLocation(file: path), "cannot read this file as a PDF")
        }
        var findings: [Finding] = []
        // qpdf's own check first: every object and content stream parsed; what it finds damaged
        // (a dictionary that repeats a key, a stream of the wrong length) is a finding. (Type
        // errors of the reads below are not the file's: they are left out.)
        _ = qpdf_check_pdf(qpdf)
        var damage: [String] = []
        while qpdf_more_warnings(qpdf) != 0 {
            guard let warning = qpdf_next_warning(qpdf) else { break }
            let code = qpdf_get_error_code(qpdf, warning)
            if code == qpdf_e_damaged_pdf || code == qpdf_e_pages || code == qpdf_e_unsupported, let text = qpdf_get_error_full_text(qpdf, warning) {
                damage.append(String(cString: text))
            }
        }
        if let first = damage.first {
            findings.append(Finding(page: nil, message: "the file is damaged: \(first)" + (damage.count > 1 ? " (and \(damage.count - 1) more)" : "")))
        }
        let root = qpdf_get_root(qpdf)
        let language = qpdf_oh_get_key(qpdf, root, "/Lang")
        if qpdf_oh_is_string(qpdf, language) == 0 || String(cString: qpdf_oh_get_utf8_value(qpdf, language)).isEmpty {
            findings.append(Finding(page: nil, message: "no document language (/Lang)"))
        }
        let marked = qpdf_oh_get_key(qpdf, qpdf_oh_get_key(qpdf, root, "/MarkInfo"), "/Marked")
        if qpdf_oh_is_bool(qpdf, marked) == 0 || qpdf_oh_get_bool_value(qpdf, marked) == 0 {
            findings.append(Finding(page: nil, message: "not marked as a tagged PDF (/MarkInfo /Marked true)"))
        }
        let info = qpdf_oh_get_key(qpdf, qpdf_get_trailer(qpdf), "/Info")
        let title = qpdf_oh_get_key(qpdf, info, "/Title")
        if qpdf_oh_is_string(qpdf, title) == 0 || String(cString: qpdf_oh_get_utf8_value(qpdf, title)).isEmpty {
            findings.append(Finding(page: nil, message: "no document title"))
        }
        // Pages, by object id.
        var pageOf: [Int32: Int] = [:]
        let count = Int(qpdf_get_num_pages(qpdf))
        for i in 0..<count {
            let page = qpdf_get_page_n(qpdf, i)
            pageOf[qpdf_oh_get_object_id(qpdf, page)] = i + 1
            if qpdf_oh_has_key(qpdf, page, "/StructParents") == 0 && hasContent(qpdf, page) {
                findings.append(Finding(page: i + 1, message: "content that is not tagged"))
            }
        }
        findings += checkUniversalAccess(qpdf, root: root, info: info, destinations: namedDestinations(qpdf, pageOf: pageOf))
        guard qpdf_oh_has_key(qpdf, root, "/StructTreeRoot") != 0 else {
            findings.append(Finding(page: nil, message: "no structure tree"))
            return findings
        }
        var elements: [(type: String, page: Int?, node: qpdf_oh, nested: Bool)] = []
        walk(qpdf, qpdf_oh_get_key(qpdf, qpdf_oh_get_key(qpdf, root, "/StructTreeRoot"), "/K"), pageOf: pageOf, into: &elements, depth: 0)
        var lastLevel = 0
        for element in elements {
            if element.type == "Figure" {
                let alt = qpdf_oh_get_key(qpdf, element.node, "/Alt")
                if qpdf_oh_is_string(qpdf, alt) == 0 || String(cString: qpdf_oh_get_utf8_value(qpdf, alt)).isEmpty {
                    findings.append(Finding(page: element.page, message: "a figure without alt text"))
                }
            }
            if element.type == "Table" { findings += checkTable(qpdf, element.node, page: element.page) }
            if element.type.count == 2, element.type.hasPrefix("H"), let level = Int(element.type.dropFirst()) {
                if level > lastLevel + 1 {
                    findings.append(Finding(page: element.page, message: "heading level skips from H\(lastLevel) to H\(level)"))
                }
                lastLevel = level
            }
        }
        findings += checkContents(qpdf, elements: elements, pageOf: pageOf)
        return findings
    }

    /// A table's grid closes (every row has as many cells), and each header cell says what it
    /// heads (`/Scope`), so that a screen reader can name a cell's column.
    private func checkTable(_ qpdf: qpdf_data, _ table: qpdf_oh, page: Int?) -> [Finding] {
        func type(_ node: qpdf_oh) -> String {
            let name = qpdf_oh_get_key(qpdf, node, "/S")
            return qpdf_oh_is_name(qpdf, name) != 0 ? String(String(cString: qpdf_oh_get_name(qpdf, name)).dropFirst()) : ""
        }
        func kids(_ node: qpdf_oh) -> [qpdf_oh] {
            let k = qpdf_oh_get_key(qpdf, node, "/K")
            let all = qpdf_oh_is_array(qpdf, k) != 0 ? (0..<qpdf_oh_get_array_n_items(qpdf, k)).map { qpdf_oh_get_array_item(qpdf, k, $0) } : [k]
            return all.filter { qpdf_oh_is_dictionary(qpdf, $0) != 0 && qpdf_oh_has_key(qpdf, $0, "/S") != 0 }
        }
        func hasScope(_ cell: qpdf_oh) -> Bool {
            let a = qpdf_oh_get_key(qpdf, cell, "/A")
            let dictionaries = qpdf_oh_is_array(qpdf, a) != 0 ? (0..<qpdf_oh_get_array_n_items(qpdf, a)).map { qpdf_oh_get_array_item(qpdf, a, $0) } : [a]
            return dictionaries.contains { qpdf_oh_is_dictionary(qpdf, $0) != 0 && qpdf_oh_is_name(qpdf, qpdf_oh_get_key(qpdf, $0, "/Scope")) != 0 }
        }
        let rows = kids(table).flatMap { ["THead", "TBody", "TFoot"].contains(type($0)) ? kids($0) : [$0] }.filter { type($0) == "TR" }
        let cells = rows.map { kids($0).filter { ["TH", "TD"].contains(type($0)) } }
        var findings: [Finding] = []
        let counts = cells.map(\.count)
        if rows.isEmpty || Set(counts).count > 1 || counts.contains(0) {
            findings.append(Finding(page: page, message: "a table whose rows have \(counts.map(String.init).joined(separator: ", ")) cells: its grid does not close, so a screen reader cannot follow its columns"))
        }
        let unscoped = cells.joined().filter { type($0) == "TH" && !hasScope($0) }.count
        if unscoped > 0 {
            findings.append(Finding(page: page, message: "\(unscoped) table header cells without /Scope"))
        }
        return findings
    }

    /// Each contents entry (TOCI) links to the page of the heading it lists: the entries and the
    /// headings after the contents correspond one to one, in order.
    private func checkContents(_ qpdf: qpdf_data, elements: [(type: String, page: Int?, node: qpdf_oh, nested: Bool)], pageOf: [Int32: Int]) -> [Finding] {
        guard let tocIndex = elements.firstIndex(where: { $0.type == "TOC" }) else { return [] }
        let entries = elements.filter { $0.type == "TOCI" }
        let lastEntry = elements.lastIndex { $0.type == "TOCI" } ?? tocIndex
        // The sections the contents list: headings of the text, not those inside a quote or list.
        let headings = elements[(lastEntry + 1)...].filter { ($0.type == "H1" || $0.type == "H2") && !$0.nested }
        var findings: [Finding] = []
        let destinations = namedDestinations(qpdf, pageOf: pageOf)
        for (index, entry) in entries.enumerated() {
            guard let target = linkTarget(qpdf, entry.node, destinations: destinations, pageOf: pageOf) else {
                findings.append(Finding(page: entry.page, message: "contents entry \(index + 1) has no link"))
                continue
            }
            guard index < headings.count else { break }
            if let page = headings[index].page, page != target {
                findings.append(Finding(page: entry.page, message: "contents entry \(index + 1) goes to page \(target), but its heading is on page \(page)"))
            }
        }
        if entries.count > headings.count {
            findings.append(Finding(page: nil, message: "\(entries.count) contents entries but \(headings.count) headings"))
        }
        return findings
    }

    private func walk(_ qpdf: qpdf_data, _ node: qpdf_oh, pageOf: [Int32: Int], into elements: inout [(type: String, page: Int?, node: qpdf_oh, nested: Bool)], depth: Int, nested: Bool = false) {
        guard depth < 100 else { return }
        if qpdf_oh_is_array(qpdf, node) != 0 {
            for i in 0..<qpdf_oh_get_array_n_items(qpdf, node) {
                walk(qpdf, qpdf_oh_get_array_item(qpdf, node, i), pageOf: pageOf, into: &elements, depth: depth + 1, nested: nested)
            }
            return
        }
        guard qpdf_oh_is_dictionary(qpdf, node) != 0, qpdf_oh_has_key(qpdf, node, "/S") != 0 else { return }
        let type = qpdf_oh_get_key(qpdf, node, "/S")
        guard qpdf_oh_is_name(qpdf, type) != 0 else { return }
        let name = String(String(cString: qpdf_oh_get_name(qpdf, type)).dropFirst())
        let pg = qpdf_oh_get_key(qpdf, node, "/Pg")
        let page = qpdf_oh_is_dictionary(qpdf, pg) != 0 ? pageOf[qpdf_oh_get_object_id(qpdf, pg)] : nil
        elements.append((name, page, node, nested))
        if qpdf_oh_has_key(qpdf, node, "/K") != 0 {
            walk(qpdf, qpdf_oh_get_key(qpdf, node, "/K"), pageOf: pageOf, into: &elements, depth: depth + 1,
                 nested: nested || ["BlockQuote", "L", "Table", "Note", "Aside"].contains(name))
        }
    }

    /// The page a TOCI's link goes to: its Link element's annotation's destination.
    func linkTarget(_ qpdf: qpdf_data, _ element: qpdf_oh, destinations: [String: Int], pageOf: [Int32: Int]) -> Int? {
        var stack = [qpdf_oh_get_key(qpdf, element, "/K")]
        var steps = 0
        while let node = stack.popLast(), steps < 200 {
            steps += 1
            if qpdf_oh_is_array(qpdf, node) != 0 {
                for i in 0..<qpdf_oh_get_array_n_items(qpdf, node) { stack.append(qpdf_oh_get_array_item(qpdf, node, i)) }
                continue
            }
            guard qpdf_oh_is_dictionary(qpdf, node) != 0 else { continue }
            if qpdf_oh_has_key(qpdf, node, "/Obj") != 0 {
                let annotation = qpdf_oh_get_key(qpdf, node, "/Obj")
                let dest = destination(qpdf, of: annotation)
                if qpdf_oh_is_string(qpdf, dest) != 0 { return destinations[String(cString: qpdf_oh_get_utf8_value(qpdf, dest))] }
                if qpdf_oh_is_name(qpdf, dest) != 0 { return destinations[String(String(cString: qpdf_oh_get_name(qpdf, dest)).dropFirst())] }
                if qpdf_oh_is_array(qpdf, dest) != 0 { return pageOf[qpdf_oh_get_object_id(qpdf, qpdf_oh_get_array_item(qpdf, dest, 0))] }
            }
            if qpdf_oh_has_key(qpdf, node, "/K") != 0 { stack.append(qpdf_oh_get_key(qpdf, node, "/K")) }
        }
        return nil
    }

    /// Where a link annotation goes: its `/Dest`, or its GoTo action's `/D`.
    func destination(_ qpdf: qpdf_data, of annotation: qpdf_oh) -> qpdf_oh {
        let action = qpdf_oh_get_key(qpdf, annotation, "/A")
        if qpdf_oh_is_name_and_equals(qpdf, qpdf_oh_get_key(qpdf, action, "/S"), "/GoTo") != 0 { return qpdf_oh_get_key(qpdf, action, "/D") }
        return qpdf_oh_get_key(qpdf, annotation, "/Dest")
    }

    /// The document's named destinations and their pages (the /Dests name tree).
    func namedDestinations(_ qpdf: qpdf_data, pageOf: [Int32: Int]) -> [String: Int] {
        var result: [String: Int] = [:]
        let root = qpdf_get_root(qpdf)
        var stack = [qpdf_oh_get_key(qpdf, qpdf_oh_get_key(qpdf, root, "/Names"), "/Dests")]
        if qpdf_oh_has_key(qpdf, root, "/Dests") != 0 {
            let dests = qpdf_oh_get_key(qpdf, root, "/Dests")
            let keys = qpdfKeys(qpdf, dests)
            for key in keys {
                var dest = qpdf_oh_get_key(qpdf, dests, key)
                if qpdf_oh_is_dictionary(qpdf, dest) != 0 { dest = qpdf_oh_get_key(qpdf, dest, "/D") }
                if qpdf_oh_is_array(qpdf, dest) != 0 { result[String(key.dropFirst())] = pageOf[qpdf_oh_get_object_id(qpdf, qpdf_oh_get_array_item(qpdf, dest, 0))] }
            }
        }
        var steps = 0
        while let node = stack.popLast(), steps < 10000 {
            steps += 1
            guard qpdf_oh_is_dictionary(qpdf, node) != 0 else { continue }
            if qpdf_oh_has_key(qpdf, node, "/Kids") != 0 {
                let kids = qpdf_oh_get_key(qpdf, node, "/Kids")
                for i in 0..<qpdf_oh_get_array_n_items(qpdf, kids) { stack.append(qpdf_oh_get_array_item(qpdf, kids, i)) }
            }
            guard qpdf_oh_has_key(qpdf, node, "/Names") != 0 else { continue }
            let names = qpdf_oh_get_key(qpdf, node, "/Names")
            var i: Int32 = 0
            while i + 1 < qpdf_oh_get_array_n_items(qpdf, names) {
                let name = String(cString: qpdf_oh_get_utf8_value(qpdf, qpdf_oh_get_array_item(qpdf, names, i)))
                var dest = qpdf_oh_get_array_item(qpdf, names, i + 1)
                if qpdf_oh_is_dictionary(qpdf, dest) != 0 { dest = qpdf_oh_get_key(qpdf, dest, "/D") }
                if qpdf_oh_is_array(qpdf, dest) != 0 { result[name] = pageOf[qpdf_oh_get_object_id(qpdf, qpdf_oh_get_array_item(qpdf, dest, 0))] }
                i += 2
            }
        }
        return result
    }

    /// Whether the page draws anything (a content stream with more than white space).
    private func hasContent(_ qpdf: qpdf_data, _ page: qpdf_oh) -> Bool {
        qpdf_oh_has_key(qpdf, page, "/Contents") != 0
    }
}

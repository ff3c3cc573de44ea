import CCmark
import Foundation

/// The forms GitHub-flavoured Markdown and GitHub's conventions add, read from cmark-gfm's tree:
/// pipe tables, warning and note boxes (`> [!WARNING]`), and glossaries (a bold term on a line of
/// its own, then `: definition`).
extension CommonMarkConverter {
    /// A pipe table. cmark-gfm pads a row with too few cells and drops the cells of one with too
    /// many; a booklet's table must not lose or invent a cell in silence, so each row's cells are
    /// counted in the source as GitHub counts them (at unescaped pipes) and a ragged row is an error.
    func table(_ node: OpaquePointer, at here: SourceLocation, lines: [Substring]) throws -> Block {
        let rowNodes = children(of: node)
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        guard columns > 0, let first = rowNodes.first else {
            throw DocumentError.content(here, "this table has no columns; write a header row, a row of dashes (|---|---|), then the rows")
        }
        var alignments: [Table.Alignment] = []
        if let marks = cmark_gfm_extensions_get_table_alignments(node) {
            for index in 0..<columns {
                switch UInt8(marks[index]) {
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.left)
                }
            }
        } else {
            alignments = Array(repeating: .left, count: columns)
        }
        guard rowNodes.count >= 2 else {
            throw DocumentError.content(here, "this table has a header and no rows; add its rows under the line of dashes")
        }
        // The header's line is the one above the line of dashes (cmark-gfm dates a header that
        // ends a paragraph from the paragraph's start); its column is the rows' column.
        let firstRowLine = Int(cmark_node_get_start_line(rowNodes[1]))
        let rowColumn = Int(cmark_node_get_start_column(rowNodes[1]))
        let headerLine = firstRowLine - 2
        let here = SourceLocation(file: file, line: headerLine + lineOffset)
        var header: [[TextSpan]] = []
        var rows: [[[TextSpan]]] = []
        var locations: [SourceLocation] = []
        for row in rowNodes {
            let rowLine = row == first ? headerLine : Int(cmark_node_get_start_line(row))
            let rowAt = SourceLocation(file: file, line: rowLine + lineOffset)
            if rowLine >= 1, rowLine <= lines.count {
                // From the row's own column: a quote's '>' or a list item's marker is no cell.
                let bytes = Array(lines[rowLine - 1].utf8)
                let column = max(0, min(bytes.count, (row == first ? rowColumn : Int(cmark_node_get_start_column(row))) - 1))
                let written = Self.cellCount(Substring(String(decoding: bytes[column...], as: UTF8.self)))
                if written != columns {
                    throw DocumentError.content(rowAt, "this table row has \(written) cell\(written == 1 ? "" : "s") and the header has \(columns); give every row \(columns) cells (an empty cell is written '| |')")
                }
            }
            let cells = try children(of: row).map { cell -> [TextSpan] in
                let spans = try inlines(of: cell)
                if spans.contains(where: { $0.text.contains("\u{2028}") }) {
                    throw DocumentError.content(rowAt, "a table cell cannot hold a line break; let the text wrap, or split the row")
                }
                // The cell's text without the spaces around it (those between its words stay).
                var trimmed = spans
                while let first = trimmed.first, first.text.first == " " {
                    trimmed[0].text = String(first.text.drop { $0 == " " })
                    if trimmed[0].text.isEmpty { trimmed.removeFirst() }
                }
                while let last = trimmed.last, last.text.last == " " {
                    trimmed[trimmed.count - 1].text = String(last.text.reversed().drop { $0 == " " }.reversed())
                    if trimmed[trimmed.count - 1].text.isEmpty { trimmed.removeLast() }
                }
                return trimmed
            }
            if row == first { header = cells } else { rows.append(cells); locations.append(rowAt) }
        }
        guard header.contains(where: { !$0.isEmpty }) else {
            throw DocumentError.content(here, "this table's header row is empty; name each column, so that a reader (and a screen reader) knows what it holds")
        }
        if let empty = header.firstIndex(where: \.isEmpty) {
            throw DocumentError.content(here, "column \(empty + 1) of this table has no header; name each column")
        }
        guard !rows.isEmpty else {
            throw DocumentError.content(here, "this table has a header and no rows; add its rows under the line of dashes")
        }
        return Block(.table(Table(alignments: alignments, header: header, rows: rows, rowLocations: locations)), at: here)
    }

    /// The cells of a table row as written: the row split at pipes that no backslash escapes,
    /// without the leading and trailing pipe.
    static func cellCount(_ line: Substring) -> Int {
        var text = line.trimmingCharacters(in: .whitespaces)[...]
        if text.hasPrefix("|") { text = text.dropFirst() }
        var cells = 1
        var escaped = false
        var last = Character(" ")
        for character in text {
            if character == "|" && !escaped { cells += 1 }
            escaped = character == "\\" && !escaped
            last = character
        }
        // A trailing pipe closes the last cell rather than opening one.
        if last == "|" && !text.hasSuffix("\\|") { cells -= 1 }
        return max(cells, 1)
    }

    /// A block quote that starts with `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or
    /// `[!CAUTION]` (GitHub's alerts) is a warning or note box: its kind, with the marker taken
    /// out of cmark's tree (and its line, when it stands alone). An unknown kind is an error;
    /// an escaped bracket (`\[!NOTE]`) keeps the quote a quote.
    func takeCalloutMarker(_ quote: OpaquePointer, lines: [Substring]) throws -> CalloutKind? {
        guard let paragraph = cmark_node_first_child(quote), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
              let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_TEXT else { return nil }
        let text = literal(first)
        guard text.hasPrefix("[!"), let close = text.firstIndex(of: "]") else { return nil }
        let name = String(text[text.index(text.startIndex, offsetBy: 2)..<close])
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter }) else { return nil }
        // Only a bracket written as it is: `\[!NOTE]` or `&#91;!NOTE]` is literal text.
        let line = Int(cmark_node_get_start_line(paragraph)), column = Int(cmark_node_get_start_column(paragraph))
        if line >= 1, line <= lines.count {
            let bytes = Array(lines[line - 1].utf8)
            if column >= 1, column <= bytes.count, bytes[column - 1] != UInt8(ascii: "[") { return nil }
        }
        guard let kind = CalloutKind(rawValue: name.lowercased()) else {
            let known = CalloutKind.allCases.map { "[!\($0.rawValue.uppercased())]" }.joined(separator: ", ")
            throw DocumentError.content(location(paragraph), "'[!\(name)]' is no kind of box; use one of \(known), or write '\\[!' for a quote that starts with these characters")
        }
        var rest = String(text[text.index(after: close)...])
        while rest.first == " " { rest.removeFirst() }
        if rest.isEmpty {
            // The marker alone on its line: it goes, with the line break after it.
            if let next = cmark_node_next(first), [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK].contains(cmark_node_get_type(next)) {
                cmark_node_unlink(next)
                cmark_node_free(next)
            }
            cmark_node_unlink(first)
            cmark_node_free(first)
        } else {
            _ = cmark_node_set_literal(first, rest)
        }
        if cmark_node_first_child(paragraph) == nil {
            cmark_node_unlink(paragraph)
            cmark_node_free(paragraph)
        }
        return kind
    }

    /// A paragraph of glossary entries: lines that are a bold term alone, each followed by a line
    /// that starts with `: ` and gives its definition (which may go on over more lines).
    func glossary(_ paragraph: OpaquePointer, at here: SourceLocation) throws -> Block? {
        // The paragraph's inline nodes, cut into lines at its line breaks.
        var lines: [[OpaquePointer]] = [[]]
        for child in children(of: paragraph) {
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK { lines.append([]) } else { lines[lines.count - 1].append(child) }
        }
        func isTerm(_ line: [OpaquePointer]) -> Bool {
            line.count == 1 && cmark_node_get_type(line[0]) == CMARK_NODE_STRONG
        }
        func isDefinition(_ line: [OpaquePointer]) -> Bool {
            guard let first = line.first, cmark_node_get_type(first) == CMARK_NODE_TEXT else { return false }
            return literal(first).hasPrefix(": ")
        }
        guard lines.count >= 2, isTerm(lines[0]), isDefinition(lines[1]) else { return nil }
        var entries: [GlossaryEntry] = []
        var index = 0
        while index < lines.count {
            guard isTerm(lines[index]) else {
                throw DocumentError.content(location(lines[index].first ?? paragraph), "in a glossary every term stands in bold on a line of its own, followed by a line ': definition' (a blank line ends the glossary)")
            }
            var term: [TextSpan] = []
            try collect(lines[index][0], into: &term, style: TextSpan(""), depth: 1)
            term = term.map { var s = $0; s.strong = false; return s }
            let termAt = location(lines[index][0])
            index += 1
            guard index < lines.count, isDefinition(lines[index]) else {
                throw DocumentError.content(termAt, "the glossary term '\(term.plainText)' has no definition; write it on the next line, starting with ': '")
            }
            var definition: [TextSpan] = []
            while index < lines.count, !isTerm(lines[index]) || isDefinition(lines[index]) {
                if !definition.isEmpty { definition.append(TextSpan(" ")) }
                // Each inline node is read as the paragraph reads it (emphasis, links).
                for node in lines[index] { try collectOne(node, into: &definition) }
                index += 1
            }
            if let first = definition.first, first.text.hasPrefix(": ") {
                definition[0].text.removeFirst(2)
            }
            entries.append(GlossaryEntry(term: Self.merged(term), definition: Self.merged(definition), location: termAt))
        }
        return Block(.glossary(entries), at: here)
    }

    /// Neighbouring glossary paragraphs (entries separated by blank lines) are one glossary.
    static func joinGlossaries(_ blocks: [Block]) -> [Block] {
        var result: [Block] = []
        for block in blocks {
            if case .glossary(let more) = block.kind, let last = result.last, case .glossary(let entries) = last.kind {
                result[result.count - 1].kind = .glossary(entries + more)
            } else {
                result.append(block)
            }
        }
        return result
    }
}

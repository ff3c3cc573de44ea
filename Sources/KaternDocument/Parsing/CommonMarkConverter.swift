import CCmark
import Foundation

/// CommonMark text -> `[Block]`, through cmark-gfm (GitHub-flavoured Markdown: pipe tables and
/// task lists besides CommonMark). This file and `CommonMarkConverter+GFM.swift` are the only
/// ones that touch cmark: they walk cmark's tree, build Swift values with source lines, and free
/// the tree. Raw HTML in the source stays literal text: content is never markup.
public struct CommonMarkConverter {
    public let file: String
    /// Lines before `text` in the file (the front matter), added to cmark's line numbers.
    public let lineOffset: Int

    public init(file: String, lineOffset: Int = 0) {
        self.file = file
        self.lineOffset = lineOffset
    }

    public func blocks(from text: String) throws -> [Block] {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return [] }
        guard let root = Self.parse(bytes) else {
            throw DocumentError.content(SourceLocation(file: file), "the CommonMark parser could not read this file")
        }
        defer { cmark_node_free(root) }
        let lines = Self.lines(of: text)
        // cmark-gfm moves the footnotes' notes to the end, numbered in the order of their first
        // references; they are set there, as the file's notes.
        let nodes = children(of: root)
        let noteNodes = nodes.filter { cmark_node_get_type($0) == CMARK_NODE_FOOTNOTE_DEFINITION }
        var blocks = Self.joinGlossaries(try nodes.filter { cmark_node_get_type($0) != CMARK_NODE_FOOTNOTE_DEFINITION }
            .compactMap { try block($0, depth: 0, lines: lines) })
        try checkEveryNoteIsReferenced(lines, found: noteNodes.count)
        if !noteNodes.isEmpty {
            let notes = try noteNodes.enumerated().map { index, node in
                Footnote(number: index + 1, id: footnoteID(index + 1),
                         blocks: Self.joinGlossaries(try children(of: node).compactMap { try block($0, depth: 1, lines: lines) }))
            }
            blocks.append(Block(.notes(notes), at: location(noteNodes[0])))
        }
        return blocks
    }

    /// The text's lines, as `text.split(separator: "\n", omittingEmptySubsequences: false)` gives
    /// them (a CR LF is one character, no line break, there too), found in the UTF-8 bytes
    /// rather than character by character (a tenth of the time).
    static func lines(of text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var previous: UInt8 = 0
        var index = start
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A && previous != 0x0D {
                lines.append(text[start..<index])
                start = utf8.index(after: index)
            }
            previous = byte
            index = utf8.index(after: index)
        }
        lines.append(text[start..<utf8.endIndex])
        return lines
    }

    /// The id a footnote's note has (its references link to it): unique in the booklet.
    func footnoteID(_ number: Int) -> String {
        "fn-" + Slug.make(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent) + "-\(number)"
    }

    /// cmark-gfm leaves out a note that no reference names; nothing may go in silence.
    private func checkEveryNoteIsReferenced(_ lines: [Substring], found: Int) throws {
        var written: [(label: String, line: Int)] = []
        var fenced = false
        for (index, line) in lines.enumerated() {
            // Read in the line's bytes, as cmark-gfm reads them: a fence is ASCII backticks or
            // tildes, a note's definition "[^label]:" (String's comparisons would take a
            // character canonically equal to one of them, U+1FEF for "`", as the same, and so
            // miss a note cmark-gfm leaves out).
            let bytes = line.utf8
            guard bytes.contains(where: { $0 == 0x5B || $0 == 0x60 || $0 == 0x7E }) else { continue }
            let spaces = bytes.prefix { $0 == 0x20 }.count
            let trimmed = bytes.dropFirst(spaces)
            if trimmed.starts(with: "```".utf8) || trimmed.starts(with: "~~~".utf8) { fenced.toggle() }
            guard !fenced, spaces < 4, trimmed.starts(with: "[^".utf8), let close = trimmed.firstIndex(of: 0x5D),
                  trimmed[close...].starts(with: "]:".utf8) else { continue }
            written.append((String(Substring(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close])), index + 1))
        }
        guard written.count > found else { return }
        let text = lines.joined(separator: "\n")
        // A note is referenced when its label appears other than where it is defined.
        for note in written where text.components(separatedBy: "[^\(note.label)]").count - 1 <= text.components(separatedBy: "[^\(note.label)]:").count - 1 {
            throw DocumentError.content(SourceLocation(file: file, line: note.line + lineOffset),
                                        "the footnote [^\(note.label)] is never referenced, so it would not be printed; refer to it in the text ([^\(note.label)]) or remove it")
        }
    }

    /// The extensions of GitHub-flavoured Markdown Katern sets: pipe tables and task lists.
    static let extensions = ["table", "tasklist", "strikethrough"]

    /// Parses with the extensions attached (the tree is the caller's to free).
    private static func parse(_ bytes: [UInt8]) -> OpaquePointer? {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            guard let ext = cmark_find_syntax_extension(name) else { return nil }
            cmark_parser_attach_syntax_extension(parser, ext)
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, bytes.count) }
        }
        return cmark_parser_finish(parser)
    }

    func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    func location(_ node: OpaquePointer) -> SourceLocation {
        SourceLocation(file: file, line: Int(cmark_node_get_start_line(node)) + lineOffset)
    }

    /// The node's type as cmark-gfm names it (`table`, `tasklist`, ...): the extensions' node
    /// types are numbered at run time, so they are told apart by name.
    func typeName(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// A text node's text as it is set: composed (NFC: "e" + U+0308 is "ë", as fonts and the
    /// PDF's text want it) and with a tab as a space (a booklet has no tab stops).
    private func text(_ node: OpaquePointer) -> String { text(literal(node)) }

    private func text(_ raw: String) -> String {
        let text = raw.utf8.contains(0x09) ? raw.replacingOccurrences(of: "\t", with: " ") : raw
        // Below U+0300 (where the combining marks begin) every character is already composed:
        // Dutch text needs no work; other text goes through Foundation.
        return text.unicodeScalars.allSatisfy({ $0.value < 0x300 }) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// An address as ASCII: characters outside ASCII percent-encoded; a host outside ASCII is
    /// an error (it needs its punycode form, which only the address's owner can check).
    static func asciiAddress(_ address: String, at here: SourceLocation) throws -> String {
        guard address.unicodeScalars.contains(where: { !$0.isASCII }) else { return address }
        if let scheme = address.range(of: "://") {
            let rest = address[scheme.upperBound...]
            let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            if host.unicodeScalars.contains(where: { !$0.isASCII }) {
                throw DocumentError.content(here, "the address's host '\(host)' has characters outside ASCII; write it in its ASCII (punycode) form, as the hospital's web team gives it")
            }
        }
        var out = ""
        for scalar in address.unicodeScalars {
            if scalar.isASCII { out.unicodeScalars.append(scalar) } else {
                for byte in String(scalar).utf8 { out += String(format: "%%%02X", byte) }
            }
        }
        return out
    }

    /// How deep lists and quotes may nest inside each other (a list in a quote in a list is 3).
    public static let maximumNesting = 8
    /// How deep inline markup (emphasis, strong, links) may nest.
    public static let maximumInlineNesting = 16

    private func block(_ node: OpaquePointer, depth: Int, lines: [Substring]) throws -> Block? {
        let here = location(node)
        switch typeName(node) {
        case "table": return try table(node, at: here, lines: lines)
        default: break
        }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING:
            let level = Int(cmark_node_get_heading_level(node))
            var spans = try inlines(of: node)
            let explicitID = Self.takeExplicitID(from: &spans)
            // Template tags are no part of the id (a heading's text may change with a flag).
            let plain = spans.plainText
            let slug = Slug.make(TextScan.contains(plain, "{{") ? plain.replacingOccurrences(of: #"\{\{[^}]*\}\}"#, with: " ", options: .regularExpression) : plain)
            let id = explicitID ?? (slug.isEmpty ? "section" : slug)
            return Block(.heading(level: level, id: id, content: spans), at: here)
        case CMARK_NODE_PARAGRAPH:
            if let figure = try figure(in: node, at: here) { return figure }
            if let glossary = try glossary(node, at: here) { return glossary }
            return Block(.paragraph(try inlines(of: node)), at: here)
        case CMARK_NODE_LIST:
            try checkNesting(depth, at: here)
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let start = ordered ? Int(cmark_node_get_list_start(node)) : 1
            let itemNodes = children(of: node)
            var items = try itemNodes.map { Self.joinGlossaries(try children(of: $0).compactMap { try block($0, depth: depth + 1, lines: lines) }) }
            var tasks = itemNodes.map { typeName($0) == "tasklist" }
            var written: [Bool?] = Array(repeating: nil, count: items.count)
            // cmark-gfm 0.29 does not see task items inside a block quote: their box is read here,
            // as GitHub reads it ("[ ] " or "[x] " at the start of the item's text).
            for index in items.indices where !tasks[index] {
                guard let first = items[index].first, case .paragraph(var spans) = first.kind, let head = spans.first,
                      !head.code, head.link == nil else { continue }
                if spans.count == 1, ["[ ]", "[x]", "[X]"].contains(head.text.trimmingCharacters(in: .whitespaces)) {
                    throw DocumentError.content(first.location, "this checklist item has a box and no text; write what is to be ticked after '[ ]'")
                }
                guard head.text.count > 3 else { continue }
                let mark = head.text.prefix(4)
                guard mark == "[ ] " || mark == "[x] " || mark == "[X] " else { continue }
                spans[0].text.removeFirst(4)
                spans = spans.filter { !$0.text.isEmpty }
                items[index][0].kind = .paragraph(spans)
                tasks[index] = true
                written[index] = mark != "[ ] "
            }
            if tasks.contains(true) {
                guard !ordered, tasks.allSatisfy({ $0 }) else {
                    let plain = zip(itemNodes, tasks).first { !$0.1 }.map { location($0.0) } ?? here
                    throw DocumentError.content(ordered ? here : plain, ordered
                        ? "a numbered list cannot be a checklist; write the checklist with '- [ ]' before each item"
                        : "this list mixes checklist items ('- [ ]') with plain items; give every item a box ('- [ ] ...'), or none")
                }
                let checked = itemNodes.indices.map { written[$0] ?? cmark_gfm_extensions_get_tasklist_item_checked(itemNodes[$0]) }
                return Block(.checklist(items: items, checked: checked), at: here)
            }
            return Block(.list(ordered: ordered, start: start, items: items), at: here)
        case CMARK_NODE_BLOCK_QUOTE:
            try checkNesting(depth, at: here)
            // A box's `[!KIND]` goes first, so that what follows it (a figure, a glossary) is read
            // as it would be anywhere.
            let kind = try takeCalloutMarker(node, lines: lines)
            let inner = Self.joinGlossaries(try children(of: node).compactMap { try block($0, depth: depth + 1, lines: lines) })
            if let kind {
                guard !inner.isEmpty else {
                    throw DocumentError.content(here, "this [!\(kind.rawValue.uppercased())] box is empty; write its text on the lines after it, each starting with '>'")
                }
                return Block(.callout(kind, inner), at: here)
            }
            return Block(.quote(inner), at: here)
        case CMARK_NODE_THEMATIC_BREAK:
            return Block(.rule, at: here)
        case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
            let text = literal(node).trimmingCharacters(in: .newlines)
            return Block(.paragraph([TextSpan(text, code: cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK)]), at: here)
        default:
            throw DocumentError.content(here, "unsupported content here; use paragraphs, headings, lists and block quotes")
        }
    }

    private func checkNesting(_ depth: Int, at here: SourceLocation) throws {
        guard depth < Self.maximumNesting else {
            throw DocumentError.content(here, "lists and quotes are nested more than \(Self.maximumNesting) deep here; a booklet's reader cannot follow that, so flatten the structure")
        }
    }

    /// A paragraph that is only an image becomes a figure (or a QR code, for `qr:` addresses);
    /// the image needs alt text. Its caption is its title (`![alt](file "caption")`) or an
    /// italic line right under it.
    private func figure(in paragraph: OpaquePointer, at here: SourceLocation) throws -> Block? {
        let all = children(of: paragraph)
        guard all.contains(where: { cmark_node_get_type($0) == CMARK_NODE_IMAGE }) else { return nil }
        var parts = all.filter {
            !(cmark_node_get_type($0) == CMARK_NODE_TEXT && literal($0).trimmingCharacters(in: .whitespaces).isEmpty)
        }
        var caption: [TextSpan] = []
        if parts.count == 3, cmark_node_get_type(parts[0]) == CMARK_NODE_IMAGE,
           [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK].contains(cmark_node_get_type(parts[1])), cmark_node_get_type(parts[2]) == CMARK_NODE_EMPH {
            try collect(parts[2], into: &caption, style: TextSpan(""), depth: 1)
            caption = Self.merged(caption)
            parts = [parts[0]]
        }
        guard parts.count == 1, cmark_node_get_type(parts[0]) == CMARK_NODE_IMAGE else { return nil }
        let image = parts[0]
        var spans: [TextSpan] = []
        try collect(image, into: &spans, style: TextSpan(""), depth: 0)
        let alt = spans.plainText.trimmingCharacters(in: .whitespacesAndNewlines)
        let written = cmark_node_get_url(image).map { String(cString: $0) } ?? ""
        let url = written.removingPercentEncoding ?? written
        let title = (cmark_node_get_title(image).map { String(cString: $0) } ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !title.isEmpty {
            guard caption.isEmpty else {
                throw DocumentError.content(here, "this image has a caption twice (its title \"\(title)\" and an italic line under it); keep one")
            }
            caption = [TextSpan(text(title))]
        }
        guard !alt.isEmpty else {
            throw DocumentError.content(here, "the image '\(written)' has no alt text; describe what it shows: ![what the image shows](\(written))")
        }
        if written.lowercased().hasPrefix("qr:") {
            let typed = String(written.dropFirst(3)).trimmingCharacters(in: .whitespaces)
            guard !typed.isEmpty else {
                throw DocumentError.content(here, "the QR code has no address; write it after 'qr:', as in ![\(alt)](qr:https://www.example.nl/video)")
            }
            // The code holds the address as a link does: ASCII, other characters percent-encoded
            // (a phone reads raw UTF-8 in a QR code as Latin-1 or Shift JIS).
            let address = try Self.asciiAddress(typed, at: here)
            return Block(.qrCode(address: address, alt: alt, caption: caption), at: here)
        }
        guard !url.isEmpty, !url.contains(":"), !url.hasPrefix("/"), !url.contains("\u{0}") else {
            throw DocumentError.content(here, "the image '\(written)' must be a file in the project, named by a path relative to this file, such as images/picture.png")
        }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        return Block(.figure(path: folder.appendingPathComponent(url).standardizedFileURL.path, alt: alt, caption: caption), at: here)
    }

    func inlines(of node: OpaquePointer) throws -> [TextSpan] {
        var spans: [TextSpan] = []
        try collect(node, into: &spans, style: TextSpan(""), depth: 0)
        return Self.merged(spans)
    }

    func collect(_ node: OpaquePointer, into spans: inout [TextSpan], style: TextSpan, depth: Int) throws {
        guard depth < Self.maximumInlineNesting else {
            throw DocumentError.content(location(node), "emphasis, strong text and links are nested more than \(Self.maximumInlineNesting) deep here; simplify the markup")
        }
        for child in children(of: node) {
            try collectNode(child, parent: node, into: &spans, style: style, depth: depth)
        }
    }

    /// One inline node (a paragraph's line read on its own, as a glossary's definition is).
    func collectOne(_ node: OpaquePointer, into spans: inout [TextSpan]) throws {
        try collectNode(node, parent: node, into: &spans, style: TextSpan(""), depth: 1)
    }

    private func collectNode(_ child: OpaquePointer, parent node: OpaquePointer, into spans: inout [TextSpan], style: TextSpan, depth: Int) throws {
        var span = style
        switch cmark_node_get_type(child) {
        case CMARK_NODE_TEXT, CMARK_NODE_HTML_INLINE:
            span.text = text(child)
            spans.append(span)
        case CMARK_NODE_CODE:
            span.text = text(child)
            span.code = true
            spans.append(span)
        case CMARK_NODE_SOFTBREAK:
            span.text = " "
            spans.append(span)
        case CMARK_NODE_LINEBREAK:
            span.text = "\u{2028}"
            spans.append(span)
        case CMARK_NODE_EMPH:
            span.emphasis = true
            try collect(child, into: &spans, style: span, depth: depth + 1)
        case CMARK_NODE_STRONG:
            span.strong = true
            try collect(child, into: &spans, style: span, depth: depth + 1)
        case CMARK_NODE_LINK:
            span.link = cmark_node_get_url(child).map { String(cString: $0) }
            let first = spans.count
            try collect(child, into: &spans, style: span, depth: depth + 1)
            // A link is read and clicked by its text: one without any would be lost.
            if spans[first...].allSatisfy({ $0.text.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0.properties.isDefaultIgnorableCodePoint } }) {
                throw DocumentError.content(location(child), "a link without text to show ([text](address)); write the words a reader clicks between the brackets")
            }
        case CMARK_NODE_IMAGE:
            throw DocumentError.content(location(node), "an image must stand in a paragraph of its own: put a blank line before and after it")
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            // A footnote's reference: its number in superscript, linked to its note.
            guard let number = Int(literal(child)) else { break }
            span.text = Footnote.superscript(number)
            span.link = "#" + footnoteID(number)
            spans.append(span)
        case _ where typeName(child) == "strikethrough":
            span.strike = true
            try collect(child, into: &spans, style: span, depth: depth + 1)
        default:
            try collect(child, into: &spans, style: span, depth: depth + 1)
        }
    }

    /// Joins neighbouring spans of the same style.
    static func merged(_ spans: [TextSpan]) -> [TextSpan] {
        var result: [TextSpan] = []
        for span in spans where !span.text.isEmpty {
            if let last = result.last, last.sameStyle(as: span) {
                result[result.count - 1].text += span.text
            } else {
                result.append(span)
            }
        }
        return result
    }

    /// Takes a trailing `{#id}` off a heading's text and returns the id.
    static func takeExplicitID(from spans: inout [TextSpan]) -> String? {
        guard var last = spans.last else { return nil }
        let text = last.text.trimmingCharacters(in: .whitespaces)
        guard text.hasSuffix("}"), let open = text.range(of: "{#", options: .backwards) else { return nil }
        let id = String(text[open.upperBound..<text.index(before: text.endIndex)])
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        last.text = String(text[..<open.lowerBound]).trimmingCharacters(in: .whitespaces)
        spans[spans.count - 1] = last
        if last.text.isEmpty { spans.removeLast() }
        return id
    }
}

import Foundation
import Mustache

/// Renders the Mustache tags in a booklet's blocks: variables in text spans, inline sections,
/// and block-level sections (a paragraph that is only `{{#name}}`, `{{^name}}` or `{{/name}}`).
/// A variable that is not defined is an error at its block's line.
final class TemplateRenderer {
    let variables: [String: String]
    let flags: Set<String>
    /// Who defines the variables, for the error message.
    let owner: String
    private let context: [String: Any]
    /// Section names seen while rendering (to tell an edition that a flag of its is unused).
    private(set) var sectionNames: Set<String> = []

    static let tag = try! NSRegularExpression(pattern: #"\{\{\s*([#^/!&{>=]?)\s*([^{}]*?)\s*\}?\}\}"#)
    static let blockTag = try! NSRegularExpression(pattern: #"^\{\{\s*([#^/])\s*([A-Za-z0-9_.\-]+)\s*\}\}$"#)

    init(variables: [String: String], flags: Set<String>, owner: String) {
        self.variables = variables
        self.flags = flags
        self.owner = owner
        var root: [String: Any] = [:]
        for (key, value) in variables { Self.insert(value, at: key.split(separator: ".").map(String.init), into: &root) }
        for flag in flags where root[flag] == nil { root[flag] = true }
        context = root
    }

    private static func insert(_ value: String, at path: [String], into dictionary: inout [String: Any]) {
        guard let first = path.first else { return }
        if path.count == 1 { dictionary[first] = value; return }
        var child = dictionary[first] as? [String: Any] ?? [:]
        insert(value, at: Array(path.dropFirst()), into: &child)
        dictionary[first] = child
    }

    func render(_ blocks: [Block]) throws -> [Block] {
        var output: [Block] = []
        var open: [(name: String, inverted: Bool, keep: Bool, location: SourceLocation)] = []
        for block in blocks {
            if case .paragraph(let spans) = block.kind, let marker = Self.marker(spans.plainText) {
                sectionNames.insert(marker.name)
                switch marker.kind {
                case "#", "^":
                    let on = isOn(marker.name)
                    open.append((marker.name, marker.kind == "^", marker.kind == "#" ? on : !on, block.location))
                default:
                    guard let last = open.popLast(), last.name == marker.name else {
                        throw DocumentError.content(block.location, "'{{/\(marker.name)}}' closes a conditional passage that was not opened here")
                    }
                }
                continue
            }
            guard open.allSatisfy(\.keep) else { continue }
            guard let rendered = try render(block) else { continue }
            // A paragraph that was only a conditional passage that is off leaves nothing to set.
            if case .paragraph(let spans) = rendered.kind, spans.plainText.allSatisfy(\.isWhitespace) { continue }
            output.append(rendered)
        }
        if let unclosed = open.last {
            throw DocumentError.content(unclosed.location, "conditional passage '{{#\(unclosed.name)}}' is never closed; end it with a paragraph '{{/\(unclosed.name)}}'")
        }
        return output
    }

    private func isOn(_ name: String) -> Bool {
        if flags.contains(name) { return true }
        return variables[name].map { !$0.isEmpty } ?? variables.keys.contains { $0.hasPrefix(name + ".") }
    }

    private static func marker(_ text: String) -> (kind: String, name: String)? {
        guard TextScan.contains(text, "{{") else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let range = NSRange(trimmed.startIndex..., in: trimmed)
        guard let match = blockTag.firstMatch(in: trimmed, range: range) else { return nil }
        return (String(trimmed[Range(match.range(at: 1), in: trimmed)!]), String(trimmed[Range(match.range(at: 2), in: trimmed)!]))
    }

    /// A block with its templates rendered; nil when nothing is left of it (a list whose items
    /// were all conditional passages that are off).
    private func render(_ block: Block) throws -> Block? {
        var result = block
        switch block.kind {
        case .heading(let level, let id, let content):
            result.kind = .heading(level: level, id: id, content: try render(content, at: block.location))
        case .paragraph(let content):
            result.kind = .paragraph(try render(content, at: block.location))
        case .list(let ordered, let start, let items):
            // An item that was only a passage that is off goes; the numbers close up.
            let kept = try items.map { try render($0) }.filter { !$0.isEmpty }
            guard !kept.isEmpty else { return nil }
            result.kind = .list(ordered: ordered, start: start, items: kept)
        case .quote(let inner):
            let kept = try render(inner)
            guard !kept.isEmpty else { return nil }
            result.kind = .quote(kept)
        case .figure(let path, let alt, let caption):
            guard !path.contains("{{") else {
                throw DocumentError.content(block.location, "an image's file name cannot hold template tags; name the file itself")
            }
            result.kind = .figure(path: path, alt: alt.contains("{{") ? try render(alt, at: block.location) : alt,
                                  caption: try render(caption, at: block.location))
        case .qrCode(let address, let alt, let caption):
            // A QR code's address may name the hospital's page: qr:{{hospital.web}}.
            let written = address.replacingOccurrences(of: "%7B%7B", with: "{{").replacingOccurrences(of: "%7D%7D", with: "}}")
            result.kind = .qrCode(address: written.contains("{{") ? try render(written, at: block.location).trimmingCharacters(in: .whitespaces) : address,
                                  alt: alt.contains("{{") ? try render(alt, at: block.location) : alt,
                                  caption: try render(caption, at: block.location))
        case .checklist(let items, let checked):
            let rendered = try items.map { try render($0) }
            let kept = zip(rendered, checked).filter { !$0.0.isEmpty }
            guard !kept.isEmpty else { return nil }
            result.kind = .checklist(items: kept.map(\.0), checked: kept.map(\.1))
        case .callout(let kind, let inner):
            let kept = try render(inner)
            guard !kept.isEmpty else { return nil }
            result.kind = .callout(kind, kept)
        case .table(let table):
            result.kind = .table(try table.mappingCells { try render($0, at: block.location) })
        case .glossary(let entries):
            result.kind = .glossary(try entries.map { entry in
                var e = entry
                e.term = try render(entry.term, at: entry.location)
                e.definition = try render(entry.definition, at: entry.location)
                return e
            })
        case .notes(let notes):
            result.kind = .notes(try notes.map { note in
                var n = note
                n.blocks = try render(note.blocks)
                return n
            })
        case .rule:
            break
        }
        return result
    }

    /// Renders a paragraph's spans as one template, so that a conditional passage may hold
    /// emphasis or a link (`{{#flag}}tekst *nadruk*{{/flag}}`): the spans are joined with
    /// markers (noncharacters, which no source text may hold), rendered, and cut apart again.
    private func render(_ spans: [TextSpan], at location: SourceLocation) throws -> [TextSpan] {
        // A link's address may hold variables too: [...]({{hospital.web}}).
        var spans = spans
        for index in spans.indices {
            if let link = spans[index].link, TextScan.contains(link, "{{") || TextScan.contains(link, "%7B%7B") {
                let written = link.replacingOccurrences(of: "%7B%7B", with: "{{").replacingOccurrences(of: "%7D%7D", with: "}}")
                spans[index].link = try render(written, at: location).trimmingCharacters(in: .whitespaces)
            }
        }
        guard spans.contains(where: { TextScan.contains($0.text, "{{") }) else { return spans }
        if spans.count == 1 {
            var span = spans[0]
            span.text = try render(span.text, at: location)
            return Self.collapsingSpaces([span])
        }
        var joined = ""
        for (index, span) in spans.enumerated() {
            joined += "\(Self.markerOpen)\(index)\(Self.markerClose)" + span.text
        }
        let rendered = try render(joined, at: location)
        var result: [TextSpan] = []
        var current: TextSpan?
        var rest = Substring(rendered)
        while !rest.isEmpty {
            if rest.first == Self.markerOpen, let close = rest.firstIndex(of: Self.markerClose),
               let index = Int(rest[rest.index(after: rest.startIndex)..<close]), spans.indices.contains(index) {
                if let done = current, !done.text.isEmpty { result.append(done) }
                current = spans[index]
                current?.text = ""
                rest = rest[rest.index(after: close)...]
                continue
            }
            let next = rest.firstIndex(of: Self.markerOpen) ?? rest.endIndex
            let end = next == rest.startIndex ? rest.index(after: next) : next
            if current == nil { current = spans[0]; current?.text = "" }
            current?.text += rest[..<end]
            rest = rest[end...]
        }
        if let done = current, !done.text.isEmpty { result.append(done) }
        return Self.collapsingSpaces(CommonMarkConverter.merged(result))
    }

    /// A passage that is off leaves the spaces around it: one space stays, as written text has.
    static func collapsingSpaces(_ spans: [TextSpan]) -> [TextSpan] {
        var result: [TextSpan] = []
        var lastWasSpace = true  // (no space at the paragraph's start)
        for span in spans {
            var text = ""
            for character in span.text {
                if character == " " {
                    if lastWasSpace { continue }
                    lastWasSpace = true
                } else {
                    lastWasSpace = false
                }
                text.append(character)
            }
            if !text.isEmpty { var s = span; s.text = text; result.append(s) }
        }
        if var last = result.last, last.text.hasSuffix(" ") {
            last.text.removeLast()
            if last.text.isEmpty { result.removeLast() } else { result[result.count - 1] = last }
        }
        return result
    }

    private static let markerOpen = Character(Unicode.Scalar(0xFDD0)!)
    private static let markerClose = Character(Unicode.Scalar(0xFDD1)!)

    private func render(_ text: String, at location: SourceLocation) throws -> String {
        let range = NSRange(text.startIndex..., in: text)
        for match in Self.tag.matches(in: text, range: range) {
            let kind = String(text[Range(match.range(at: 1), in: text)!])
            let name = String(text[Range(match.range(at: 2), in: text)!])
            switch kind {
            case "#", "^", "/":
                sectionNames.insert(name)
            case "!":
                continue
            case ">":
                throw DocumentError.content(location, "'{{> \(name)}}' includes a partial template, which Katern does not support; write the text itself, or use a variable")
            case "=":
                throw DocumentError.content(location, "'{{=...=}}' changes the template delimiters, which Katern does not support")
            default:
                guard variables[name] != nil else {
                    let hint = YAMLValue.closest(to: name, in: Array(variables.keys)).map { " (did you mean '{{\($0)}}'?)" } ?? ""
                    throw DocumentError.content(location, "variable '{{\(name)}}' is not defined by \(owner)\(hint); define it there or remove it from the text")
                }
            }
        }
        do {
            return try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text).render(context)
        } catch {
            let shown = text.replacingOccurrences(of: #"\x{FDD0}\d+\x{FDD1}"#, with: "", options: .regularExpression)
            throw DocumentError.content(location, "the template tags in this text are not balanced: each {{#name}} needs its {{/name}} in the same paragraph (\(shown.prefix(60))...)")
        }
    }
}

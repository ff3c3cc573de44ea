/// What an edition changes against the base booklet, section by section: sections inserted,
/// replaced (their source is the edition's passage), changed (conditional passages, substituted
/// values) and omitted, and the variables whose values differ. For a hospital's reviewer.
public struct EditionDiff: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        case inserted(Section, after: String?)
        case replaced(old: Section, new: Section)
        case changed(old: Section, new: Section)
        case omitted(Section)
    }

    /// A heading with the text under it, up to the next heading.
    public struct Section: Sendable, Equatable {
        public var id: String
        public var title: String
        public var level: Int
        public var location: SourceLocation
        public var text: [String]
    }

    public var changes: [Change]
    /// Variables whose value the edition sets differently: name, base value, edition value.
    public var values: [(name: String, base: String?, edition: String)]

    public static func == (a: EditionDiff, b: EditionDiff) -> Bool {
        a.changes == b.changes && a.values.map(\.name) == b.values.map(\.name)
    }

    /// `operations`: the edition's section operations, so that a section replaced by a passage
    /// whose heading has another id shows as replaced (not as inserted and omitted).
    public init(base: Booklet, edition: Booklet, baseVariables: [String: String], editionVariables: [String: String],
                operations: [SectionOperation] = []) {
        let old = Self.sections(of: base), new = Self.sections(of: edition)
        let oldByID = Dictionary(old.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newIDs = Set(new.map(\.id))
        var replacedBy: [String: String] = [:]  // passage file -> the id of the section it replaces
        for operation in operations { if case .replace(let file) = operation.kind { replacedBy[file] = operation.section } }
        var reported = Set<String>()  // old sections shown as replaced
        var changes: [Change] = []
        var previous: String?
        for section in new {
            if let before = oldByID[section.id] {
                if before.location.file != section.location.file {
                    changes.append(.replaced(old: before, new: section))
                    reported.insert(before.id)
                } else if before.text != section.text || before.title != section.title {
                    changes.append(.changed(old: before, new: section))
                }
            } else if let id = replacedBy[section.location.file], let before = oldByID[id], !reported.contains(id) {
                changes.append(.replaced(old: before, new: section))
                reported.insert(id)
            } else {
                changes.append(.inserted(section, after: previous))
            }
            previous = section.id
        }
        for section in old where !newIDs.contains(section.id) && !reported.contains(section.id) {
            changes.append(.omitted(section))
        }
        changes.sort { Self.order($0, old) < Self.order($1, old) }
        self.changes = changes
        self.values = editionVariables.keys.sorted().compactMap { name in
            let value = editionVariables[name]!
            return baseVariables[name] == value ? nil : (name, baseVariables[name], value)
        }
    }

    /// Changes in the order of the base booklet (inserted ones after the section they follow).
    private static func order(_ change: Change, _ base: [Section]) -> Double {
        func index(_ id: String?) -> Double { Double(base.firstIndex { $0.id == id } ?? -1) }
        switch change {
        case .inserted(_, let after): return index(after) + 0.5
        case .replaced(let old, _), .changed(let old, _), .omitted(let old): return index(old.id)
        }
    }

    static func sections(of booklet: Booklet) -> [Section] {
        var sections: [Section] = []
        func visit(_ blocks: [Block]) {
            for block in blocks {
                switch block.kind {
                case .heading(let level, let id, let content):
                    sections.append(Section(id: id, title: content.plainText, level: level, location: block.location, text: []))
                case .paragraph(let content):
                    if !sections.isEmpty { sections[sections.count - 1].text.append(content.plainText) }
                case .list(_, _, let items):
                    for item in items where !sections.isEmpty {
                        sections[sections.count - 1].text.append("• " + item.plainTexts.joined(separator: " "))
                    }
                case .quote(let inner):
                    if !sections.isEmpty { sections[sections.count - 1].text.append("> " + inner.plainTexts.joined(separator: " ")) }
                case .figure(_, let alt, _), .qrCode(_, let alt, _):
                    if !sections.isEmpty { sections[sections.count - 1].text.append("[" + alt + "]") }
                case .checklist(let items, _):
                    for item in items where !sections.isEmpty {
                        sections[sections.count - 1].text.append("☐ " + item.plainTexts.joined(separator: " "))
                    }
                case .callout(let kind, let inner):
                    if !sections.isEmpty { sections[sections.count - 1].text.append("[!\(kind.rawValue.uppercased())] " + inner.plainTexts.joined(separator: " ")) }
                case .notes(let notes):
                    for note in notes where !sections.isEmpty {
                        sections[sections.count - 1].text.append("[\(note.number)] " + note.blocks.plainTexts.joined(separator: " "))
                    }
                case .table, .glossary:
                    if !sections.isEmpty { sections[sections.count - 1].text.append(contentsOf: [block].plainTexts) }
                case .rule:
                    break
                }
            }
        }
        visit(booklet.chapters.flatMap(\.blocks) + booklet.contact)
        return sections
    }

    /// The diff as text for a terminal or a review comment.
    public func report(editionName: String) -> String {
        var out = "Edition \(editionName): \(changes.count) section change(s), \(values.count) value(s)\n"
        func heading(_ s: Section) -> String { String(repeating: "#", count: s.level) + " " + s.title + "  {#\(s.id)}  (\(s.location))" }
        func body(_ s: Section) -> String { s.text.map { "    " + $0 }.joined(separator: "\n") }
        for change in changes {
            switch change {
            case .inserted(let s, let after):
                out += "\n+ inserted\(after.map { " after #\($0)" } ?? ""): \(heading(s))\n\(body(s))\n"
            case .replaced(let old, let new):
                out += "\n~ replaced: \(heading(old))\n  by: \(heading(new))\n\(body(new))\n"
            case .changed(let old, let new):
                out += "\n~ changed: \(heading(old))\n"
                if old.title != new.title { out += "  - title: \(old.title)\n  + title: \(new.title)\n" }
                let removed = old.text.filter { !new.text.contains($0) }, added = new.text.filter { !old.text.contains($0) }
                out += removed.map { "  - " + $0 + "\n" }.joined() + added.map { "  + " + $0 + "\n" }.joined()
            case .omitted(let s):
                out += "\n- omitted: \(heading(s))\n"
            }
        }
        if !values.isEmpty {
            out += "\nValues:\n"
            for value in values { out += "  {{\(value.name)}}: \(value.base.map { "'\($0)'" } ?? "(no default)") -> '\(value.edition)'\n" }
        }
        return out
    }
}

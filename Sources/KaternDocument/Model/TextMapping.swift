/// Rewriting the text of a booklet's blocks, for the passes that work on text spans after
/// parsing (typography, links): every paragraph, list item and quote, and headings if asked.
extension Booklet {
    public func mappingSpans(headings: Bool, _ transform: ([TextSpan]) -> [TextSpan]) -> Booklet {
        var result = self
        result.opening = opening.mappingSpans(headings: headings, transform)
        result.chapters = chapters.map { chapter in
            var c = chapter
            c.blocks = chapter.blocks.mappingSpans(headings: headings, transform)
            return c
        }
        result.contact = contact.mappingSpans(headings: headings, transform)
        result.colophon = colophon.mappingSpans(headings: headings, transform)
        return result
    }
}

extension Array where Element == Block {
    public func mappingSpans(headings: Bool, _ transform: ([TextSpan]) -> [TextSpan]) -> [Block] {
        map { block in
            var b = block
            switch block.kind {
            case .heading(let level, let id, let content) where headings:
                b.kind = .heading(level: level, id: id, content: transform(content))
            case .paragraph(let content):
                b.kind = .paragraph(transform(content))
            case .list(let ordered, let start, let items):
                b.kind = .list(ordered: ordered, start: start, items: items.map { $0.mappingSpans(headings: headings, transform) })
            case .quote(let inner):
                b.kind = .quote(inner.mappingSpans(headings: headings, transform))
            case .checklist(let items, let checked):
                b.kind = .checklist(items: items.map { $0.mappingSpans(headings: headings, transform) }, checked: checked)
            case .callout(let kind, let inner):
                b.kind = .callout(kind, inner.mappingSpans(headings: headings, transform))
            case .table(let table):
                b.kind = .table(table.mappingCells(transform))
            case .glossary(let entries):
                b.kind = .glossary(entries.map { entry in
                    var e = entry
                    e.term = transform(entry.term)
                    e.definition = transform(entry.definition)
                    return e
                })
            case .figure(let path, let alt, let caption):
                b.kind = .figure(path: path, alt: alt, caption: caption.isEmpty ? caption : transform(caption))
            case .qrCode(let address, let alt, let caption):
                b.kind = .qrCode(address: address, alt: alt, caption: caption.isEmpty ? caption : transform(caption))
            case .notes(let notes):
                b.kind = .notes(notes.map { note in
                    var n = note
                    n.blocks = note.blocks.mappingSpans(headings: headings, transform)
                    return n
                })
            case .heading, .rule:
                break
            }
            return b
        }
    }
}

import Foundation
import KaternLayout

/// Where a reader can jump in the PDF: the outline of the headings (first and second level, as
/// their tags say: a ### right after a # is a second level) and the named destinations that
/// links within the booklet point to. Found from the structure plan before any page is written,
/// so the pages can be written and let go one after another.
struct Navigation {
    struct Target {
        var page: Int
        var x: Double
        var top: Double
    }
    var headings: [(level: Int, title: String, target: Target)] = []
    /// By name, each name once (its first place), in the order of the names' bytes.
    var destinations: [(name: String, target: Target)] = []

    /// `offset`: where the trimmed page's top-left corner lies on the sheet, `sheetHeight`: the
    /// sheet's height (PDF space has its y axis up).
    init(_ document: PagedDocument, structure: StructurePlan, offset: Double, sheetHeight: Double) {
        func target(_ page: Int, _ item: PageItem) -> Target {
            switch item {
            case .line(let line):
                return Target(page: page, x: offset + line.origin.x.points, top: sheetHeight - offset - line.origin.y.points + line.ascent.points)
            case .box(let box):
                return Target(page: page, x: offset + box.rect.x.points, top: sheetHeight - offset - box.rect.y.points)
            case .image(let image):
                return Target(page: page, x: offset + image.rect.x.points, top: sheetHeight - offset - image.rect.y.points)
            }
        }
        var named: [String: Target] = [:]
        for (index, page) in document.pages.enumerated() {
            var previousItem = -1
            for piece in structure.pages[index].pieces {
                for part in piece.parts {
                    defer { previousItem = part.item }
                    let item = page.items[part.item]
                    if let anchor = part.anchor, named[anchor] == nil { named[anchor] = target(index, item) }
                    guard case .line(let line) = item, part.item != previousItem, case .heading = line.role, line.lineIndex == 0,
                          let tag = line.structure.last?.type, tag.hasPrefix("H"), let level = Int(tag.dropFirst()), level <= 2 else { continue }
                    let title = page.lines.filter { $0.block == line.block }.map(\.sourceText).joined().trimmingCharacters(in: .whitespaces)
                    headings.append((level, title, target(index, item)))
                }
            }
        }
        destinations = named.map { ($0.key, $0.value) }.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }

    /// `[page /XYZ x top 0]`.
    static func destination(_ target: Target, pageID: Int, into out: inout PDFSyntax) {
        out.raw("["); out.reference(pageID); out.raw("/XYZ "); out.decimal(target.x); out.raw(" "); out.decimal(target.top); out.raw(" 0]")
    }

    /// The catalog's `/Names` entry with the destinations (a name tree of one node), if any.
    func writeNames(pageID: (Int) -> Int, into out: inout PDFSyntax) {
        guard !destinations.isEmpty else { return }
        out.raw("/Names<</Dests<</Names[")
        for (n, entry) in destinations.enumerated() {
            if n > 0 { out.raw(" ") }
            out.string(Array(entry.name.utf8))
            Self.destination(entry.target, pageID: pageID(entry.target.page), into: &out)
        }
        out.raw("]>>>>")
    }

    /// The outline: its root `rootID`, the items from `base` on (one a heading): first-level
    /// headings open, with the second-level ones after them under them.
    func writeOutline(rootID: Int, base: Int, pageID: (Int) -> Int, into file: inout PDFFileWriter) {
        guard !headings.isEmpty else { return }
        var children: [Int: [Int]] = [:]
        var top: [Int] = []
        var parentOf = [Int](repeating: -1, count: headings.count)
        var lastFirst: Int?
        for (n, heading) in headings.enumerated() {
            if heading.level == 1 || lastFirst == nil {
                top.append(n)
                if heading.level == 1 { lastFirst = n }
            } else if let parent = lastFirst {
                children[parent, default: []].append(n)
                parentOf[n] = parent
            }
        }
        file.begin(rootID)
        file.body.raw("<</Type/Outlines/First "); file.body.reference(base + top.first!)
        file.body.raw("/Last "); file.body.reference(base + top.last!)
        file.body.raw("/Count "); file.body.int(top.count + top.reduce(0) { $0 + (children[$1]?.count ?? 0) }); file.body.raw(">>")
        file.end()
        var position = [Int](repeating: 0, count: headings.count)
        for (n, item) in top.enumerated() { position[item] = n }
        for kids in children.values { for (n, item) in kids.enumerated() { position[item] = n } }
        for (n, heading) in headings.enumerated() {
            let siblings = parentOf[n] >= 0 ? children[parentOf[n]]! : top
            let place = position[n]
            file.begin(base + n)
            file.body.raw("<</Title"); file.body.text(heading.title)
            file.body.raw("/Parent "); file.body.reference(parentOf[n] >= 0 ? base + parentOf[n] : rootID)
            if place > 0 { file.body.raw("/Prev "); file.body.reference(base + siblings[place - 1]) }
            if place + 1 < siblings.count { file.body.raw("/Next "); file.body.reference(base + siblings[place + 1]) }
            if let kids = children[n], !kids.isEmpty {
                file.body.raw("/First "); file.body.reference(base + kids.first!)
                file.body.raw("/Last "); file.body.reference(base + kids.last!)
                file.body.raw("/Count "); file.body.int(kids.count)
            }
            file.body.raw("/Dest"); Self.destination(heading.target, pageID: pageID(heading.target.page), into: &file.body)
            file.body.raw(">>")
            file.end()
        }
    }
}

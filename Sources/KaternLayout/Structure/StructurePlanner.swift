import KaternDocument
import KaternStyle
import KaternText

extension StructurePlan {
    /// Plans the structure of `document`: its elements from the items' structure paths, links
    /// and hyphenated words from the lines, marked content in reading order. `labels` give the
    /// words that describe a link's target to a reader (in the booklet's language).
    public init(_ document: PagedDocument, labels: LanguageResources.Labels) {
        var planner = StructurePlanner(labels: labels, pageCount: document.pages.count)
        planner.headings = StructurePlanner.headingTexts(document)
        for (index, page) in document.pages.enumerated() { planner.add(page, index: index) }
        self = planner.finish()
    }
}

/// Builds a `StructurePlan`: first the tree, with content in a provisional order, then the
/// source order of siblings, then the MCIDs in reading order.
struct StructurePlanner {
    let labels: LanguageResources.Labels
    /// A heading's text by its anchor, to describe links to it.
    var headings: [String: String] = [:]
    /// Each address's description, made once (a contents entry over many lines has one per line).
    var descriptions: [String: String] = [:]

    private enum Key: Hashable {
        case node(String, Int)
        case link(leaf: Int, index: Int)
        case word(leaf: Int, line: Int)
    }

    private var elements = [StructurePlan.Element(type: "Document")]
    private var keys: [Key: Int] = [:]
    /// The source id of elements made from the page model's nodes, which orders siblings.
    private var sourceID: [Int: Int] = [:]
    private var pages: [StructurePlan.PageTags]
    /// Content and annotations before their final order: `.content(page, n)` and
    /// `.annotation(page, n)` point into these.
    private var pieces: [StructurePlan.Piece] = []
    private var annotations: [StructurePlan.Annotation] = []
    /// A word hyphenated at the end of a paragraph's line, waiting for its end on the next line.
    private var openWords: [Int: (line: Int, element: Int, text: String)] = [:]

    init(labels: LanguageResources.Labels, pageCount: Int) {
        self.labels = labels
        pages = Array(repeating: StructurePlan.PageTags(), count: pageCount)
    }

    /// The text of every heading with an anchor (all its lines), by anchor.
    static func headingTexts(_ document: PagedDocument) -> [String: String] {
        var anchorOf: [Int: String] = [:]
        var texts: [String: String] = [:]
        for page in document.pages {
            for line in page.lines {
                guard let leaf = line.structure.last?.id else { continue }
                if let anchor = line.anchor { anchorOf[leaf] = anchor }
                if let anchor = anchorOf[leaf] { texts[anchor, default: ""] += line.sourceText }
            }
        }
        return texts.mapValues { $0.trimmingCharacters(in: .whitespaces) }
    }

    mutating func add(_ page: Page, index pageIndex: Int) {
        for (itemIndex, item) in page.items.enumerated() {
            switch item {
            case .box:
                pages[pageIndex].artifacts.append(itemIndex)
            case .image(let image):
                guard !image.structure.isEmpty else { pages[pageIndex].artifacts.append(itemIndex); continue }
                let element = path(image.structure)
                if elements[element].type == "Figure" {
                    elements[element].alt = image.alt
                    elements[element].box = image.rect
                    elements[element].boxPage = pageIndex
                }
                addPiece(StructurePlan.Piece(parts: [.init(item: itemIndex, bytes: nil)], element: element), page: pageIndex)
            case .line(let line):
                guard !line.structure.isEmpty else { pages[pageIndex].artifacts.append(itemIndex); continue }
                addLine(line, item: itemIndex, page: pageIndex)
            }
        }
    }

    /// The element at the end of a structure path, made (with its parents) when new.
    private mutating func path(_ nodes: [StructureNode]) -> Int {
        var parent = 0
        for node in nodes {
            parent = element(.node(node.type, node.id), type: node.type, parent: parent)
            if (1..<StructureNode.notesBase).contains(node.id) { sourceID[parent] = node.id }
            if let numbering = node.numbering { elements[parent].numbering = numbering }
            if let scope = node.scope { elements[parent].scope = scope }
        }
        return parent
    }

    private mutating func element(_ key: Key, type: String, parent: Int) -> Int {
        if let known = keys[key] { return known }
        let index = elements.count
        elements.append(StructurePlan.Element(type: type))
        elements[parent].children.append(.element(index))
        keys[key] = index
        return index
    }

    private mutating func addPiece(_ piece: StructurePlan.Piece, page: Int) {
        elements[piece.element].children.append(.content(page: page, mcid: pieces.count))
        pieces.append(piece)
    }

    /// A line's marked content: cut where a link or a hyphenated word starts or ends.
    private mutating func addLine(_ line: LineItem, item: Int, page: Int) {
        let leafNode = line.structure[line.structure.count - 1]
        let leaf = path(line.structure)
        let text = Array(line.runs.map(\.text).joined().utf8)
        let length = text.count
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 }
        let links = line.links.map { link in (range: min(link.bytes.lowerBound, length)..<min(link.bytes.upperBound, length), link: link) }
        /// Whether a stretch of the line lies inside one link or outside all of them.
        func fitsLinks(_ range: Range<Int>) -> Bool {
            links.allSatisfy { !$0.range.overlaps(range) || ($0.range.lowerBound <= range.lowerBound && range.upperBound <= $0.range.upperBound) }
        }
        let hyphenated = line.runs.last?.isHyphen == true && length > 0
        /// The hyphenated words on the line: their bytes, and their Span (made with its first
        /// piece, so that it takes its place among its parent's children in reading order).
        var words: [(range: Range<Int>, element: Int?, link: Int?, shown: String)] = []

        // The end of a word hyphenated on the line before (the whole line when it has no space).
        var headEnd = 0
        if let open = openWords[leafNode.id], open.line == line.lineIndex - 1 {
            openWords[leafNode.id] = nil
            let firstSpace = text.firstIndex(where: isSpace) ?? length
            let wholeLine = hyphenated && firstSpace >= length - 1
            let end = wholeLine ? length : firstSpace
            if end > 0, fitsLinks(0..<end) {
                let shown = String(decoding: text[0..<(wholeLine ? length - 1 : end)], as: UTF8.self)
                words.append((0..<end, open.element, nil, shown))
                elements[open.element].actualText = open.text + shown
                headEnd = end
                if wholeLine { openWords[leafNode.id] = (line.lineIndex, open.element, open.text + shown) }
            }
        }
        // A word hyphenated at this line's end.
        if hyphenated && headEnd < length {
            let start = max(headEnd, (text[0..<(length - 1)].lastIndex(where: isSpace) ?? -1) + 1)
            if start < length - 1, fitsLinks(start..<length) {
                let container = links.first { $0.range.lowerBound <= start && length <= $0.range.upperBound }
                words.append((start..<length, nil, container?.link.index, String(decoding: text[start..<(length - 1)], as: UTF8.self)))
            }
        }

        var cuts = Set([0, length])
        for link in links { cuts.insert(link.range.lowerBound); cuts.insert(link.range.upperBound) }
        for word in words { cuts.insert(word.range.lowerBound); cuts.insert(word.range.upperBound) }
        let bounds = cuts.sorted()
        var first = true
        for (from, to) in zip(bounds, bounds.dropFirst()) where from < to {
            let range = from..<to
            guard hasGlyphs(line.runs, bytes: range) else { continue }
            var owner = leaf
            if let link = links.first(where: { $0.range.lowerBound <= from && to <= $0.range.upperBound }) {
                owner = element(.link(leaf: leafNode.id, index: link.link.index), type: "Link", parent: leaf)
            }
            if let w = words.firstIndex(where: { $0.range.lowerBound <= from && to <= $0.range.upperBound }) {
                if words[w].element == nil {
                    // A word hyphenated here: its Span, which the next line's piece will join.
                    let span = element(.word(leaf: leafNode.id, line: line.lineIndex), type: "Span", parent: owner)
                    elements[span].actualText = words[w].shown
                    openWords[leafNode.id] = (line.lineIndex, span, words[w].shown)
                    words[w].element = span
                }
                owner = words[w].element!
            }
            addPiece(StructurePlan.Piece(parts: [.init(item: item, bytes: range, anchor: first ? line.anchor : nil)], element: owner), page: page)
            first = false
        }
        // The line's clickable areas, after its text, in their Link elements.
        for link in line.links where link.width.points > 0 {
            let owner = element(.link(leaf: leafNode.id, index: link.index), type: "Link", parent: leaf)
            let rect = Rect(x: line.origin.x + link.x, y: line.origin.y - line.ascent, width: link.width, height: line.ascent + line.descent)
            elements[owner].children.append(.annotation(page: page, index: annotations.count))
            let description = descriptions[link.uri] ?? describe(link.uri)
            descriptions[link.uri] = description
            annotations.append(StructurePlan.Annotation(rect: rect, uri: link.uri, contents: description, element: owner))
        }
    }

    /// Whether the line's runs (their texts one after the other) have glyphs in the bytes `range`:
    /// a cluster with glyphs whose first byte lies in it (what `GlyphRun.slice` would keep).
    private func hasGlyphs(_ runs: [GlyphRun], bytes range: Range<Int>) -> Bool {
        var start = 0
        for run in runs {
            var byte = start
            for (bytes, glyphs) in run.clusters {
                if byte >= range.upperBound { return false }
                if byte >= range.lowerBound, glyphs > 0 { return true }
                byte += bytes
            }
            start += run.text.utf8.count
        }
        return false
    }

    static let describedLength = 120

    /// What a link's annotation says to a reader: where it goes.
    /// A heading or address longer than `describedLength` characters is cut at a word with an
    /// ellipsis: a description says where a link goes, it does not repeat the text (a heading
    /// of 10,000 words, listed on 700 lines of the contents, gave 700 descriptions of 50 KB).
    func describe(_ uri: String) -> String {
        func fill(_ label: String, _ target: String) -> String {
            var short = target
            if short.count > Self.describedLength {
                short = String(short.prefix(Self.describedLength))
                if let space = short.lastIndex(of: " "), short.distance(from: short.startIndex, to: space) > Self.describedLength / 2 {
                    short = String(short[..<space])
                }
                short += "…"
            }
            return label.replacing("{target}", with: short)
        }
        if uri.hasPrefix("#") {
            let anchor = String(uri.dropFirst())
            return fill(labels.linkPage, headings[anchor] ?? anchor)
        }
        let lower = uri.lowercased()
        if lower.hasPrefix("mailto:") { return fill(labels.linkEmail, String(uri.dropFirst(7)).removingPercentEncoding ?? String(uri.dropFirst(7))) }
        if lower.hasPrefix("tel:") { return fill(labels.linkPhone, String(uri.dropFirst(4))) }
        return fill(labels.linkWeb, uri)
    }

    /// The tree in source order, with the MCIDs numbered in reading order per page.
    mutating func finish() -> StructurePlan {
        // Siblings from the source (not the cover's, the notes', or links and words) go in the
        // order of their ids, in the places such siblings take: a float moved down the page
        // is read where the source has it.
        for index in elements.indices {
            let children = elements[index].children
            var slots: [Int] = [], movable: [Int] = []
            for (position, child) in children.enumerated() {
                if case .element(let e) = child, sourceID[e] != nil { slots.append(position); movable.append(e) }
            }
            guard movable.count > 1 else { continue }
            movable.sort { sourceID[$0]! < sourceID[$1]! }
            for (slot, e) in zip(slots, movable) { elements[index].children[slot] = .element(e) }
        }
        // MCIDs and annotation indices in reading order; an element's content that follows
        // its own previous content on the page joins that sequence.
        var ordered = [[StructurePlan.Child]](repeating: [], count: elements.count)
        var stack: [(element: Int, next: Int)] = [(0, 0)]
        while let (index, start) = stack.popLast() {
            var next = start
            let children = elements[index].children
            while next < children.count {
                let child = children[next]
                next += 1
                switch child {
                case .element(let e):
                    ordered[index].append(child)
                    stack.append((index, next))
                    stack.append((e, 0))
                    next = Int.max
                case .content(let page, let provisional):
                    // The element's last content (its annotations aside: where an OBJR sits does not matter).
                    let previous = ordered[index].last { if case .annotation = $0 { return false } else { return true } }
                    if case .content(page, let last)? = previous, last == pages[page].pieces.count - 1 {
                        pages[page].pieces[last].parts += pieces[provisional].parts
                    } else {
                        ordered[index].append(.content(page: page, mcid: pages[page].pieces.count))
                        pages[page].pieces.append(pieces[provisional])
                    }
                case .annotation(let page, let provisional):
                    ordered[index].append(.annotation(page: page, index: pages[page].annotations.count))
                    pages[page].annotations.append(annotations[provisional])
                }
            }
        }
        for index in elements.indices { elements[index].children = ordered[index] }
        return StructurePlan(elements: elements, pages: pages)
    }
}

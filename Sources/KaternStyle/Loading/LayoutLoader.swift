import Foundation
import KaternDocument

/// `Layouts/<name>.yaml` -> `Layout`. Every key is checked: an unknown key, a value of the wrong
/// type, a length without a unit or an unknown colour is a `DocumentError.yaml` at its line.
/// Styles other than `body` inherit what they do not set from `body`.
public struct LayoutLoader {
    public let file: String
    /// Colours that replace the layout's tokens of the same name (an edition's brand colours).
    public let colorOverrides: [String: Color]

    public init(file: String, colorOverrides: [String: Color] = [:]) {
        self.file = file
        self.colorOverrides = colorOverrides
    }

    static let topKeys = LayoutSchema.keys.map(\.name)
    static let styleKeys = LayoutSchema.text.map(\.name)

    public func load() throws -> Layout {
        // A path that is there but is no file (a folder, a named pipe, a device, one too large)
        // says so; it is never read (a named pipe would hang the read).
        if case .failure(let problem) = ProjectFiles(root: "/").check(file), problem != .missing {
            throw DocumentError.content(SourceLocation(file: file), problem.describe(file, what: "layout file", root: "/"))
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
            let layouts = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }
            if let near = YAMLValue.closest(to: URL(fileURLWithPath: file).lastPathComponent, in: layouts) {
                throw DocumentError.content(SourceLocation(file: file), "layout file not found; did you mean \(folder.appendingPathComponent(near).relativePath)?")
            }
            throw DocumentError.missingFile(SourceLocation(file: file), what: "layout file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DocumentError.unreadable(SourceLocation(file: file), reason: "the layout file is not UTF-8 text")
        }
        let document = try YAMLValue.parse(text, file: file)
        // Every key, kind and range first (LayoutSchema); then the values are read.
        try SettingsCheck.check(document, against: LayoutSchema.keys, what: "the layout")
        let root = try document.mapping("the layout", allowed: Self.topKeys)
        let own = try loadColors(root["colors"])
        let colors = own.merging(colorOverrides) { $1 }
        var reader = StyleReader(colors: colors)

        let page = try loadPage(try root.required("page"))
        let body = try reader.style(try root.required("body"), name: "body", base: nil)
        let headings = try (1...3).map { level in
            try reader.style(try root.required("heading-\(level)"), name: "heading-\(level)", base: body)
        }
        let list = try loadList(root["list"], reader: reader, body: body)
        let quote = try loadQuote(try root.required("quote"), reader: reader, body: body)
        let pullQuote = try root["pull-quote"].map { try loadQuote($0, reader: reader, body: body) } ?? quote
        let colophon = try reader.style(try root.required("colophon"), name: "colophon", base: body)
        let footer = try loadFooter(try root.required("footer"), reader: reader, body: body)
        // The footer sits in the bottom margin: its letters may not reach into the text column.
        if footer.baseline + footer.text.size > page.bottom {
            let footerMap = try root.required("footer").mapping("footer", allowed: Self.styleKeys + ["baseline", "show-chapter", "rule"])
            let margins = try root.required("page").mapping("page", allowed: ["width", "height", "margins", "bleed"]).required("margins")
                .mapping("page margins", allowed: ["inner", "outer", "top", "bottom"])
            let at = footerMap["baseline"] ?? margins["bottom"] ?? root.owner
            let most = (page.bottom - footer.text.size).millimetres
            throw at.error("the footer (its baseline \(LengthText.format(footer.baseline.millimetres))mm from the bottom edge) would print over the text, which ends \(LengthText.format(page.bottom.millimetres))mm from it; make the footer's baseline at most \(LengthText.format(max(0, most)))mm, or the bottom margin larger")
        }
        let cover = try loadCover(try root.required("cover"), reader: reader, body: body)
        let chapter = try loadChapter(root["chapter"], reader: reader)
        let pagination = try loadPagination(root["pagination"])
        let contact = try loadContact(root["contact"])
        var layout = Layout(file: file, page: page, colors: colors, body: body, headings: headings, list: list, quote: quote, pullQuote: pullQuote,
                      colophon: colophon, footer: footer, cover: cover, chapter: chapter, contact: contact, pagination: pagination,
                      typography: try loadTypography(root), contents: try loadContents(root["contents"], reader: reader, body: body),
                      notes: try loadNotes(root["notes"], reader: reader),
                      content: try loadContentStyles(root, reader: reader, body: body, accent: list.bulletColor))
        layout.colorTokens = Set(own.keys)
        if let imposition = try root["imposition"]?.mapping("imposition", allowed: ["paper-thickness"]),
           let thickness = imposition["paper-thickness"] {
            layout.paperThickness = try StyleReader.length(thickness, "paper thickness")
        }
        return layout
    }

    private func loadContents(_ value: YAMLValue?, reader: StyleReader, body: TextStyle) throws -> ContentsStyle {
        let map = try value?.mapping("contents", allowed: ["position", "title", "levels", "chapter", "section", "section-indent"])
        var r = reader
        let position = try map?["position"]?.string("contents position") ?? "after-opening"
        guard ["after-opening", "none"].contains(position) else {
            throw map!["position"]!.error("contents position must be after-opening or none, not '\(position)'")
        }
        let levels = try map?["levels"]?.int("levels") ?? 2
        guard (1...3).contains(levels) else { throw map!["levels"]!.error("levels must be 1, 2 or 3") }
        return ContentsStyle(
            position: position, title: try map?["title"]?.string("contents title") ?? "Inhoud", levels: levels,
            chapter: try map?["chapter"].map { try r.style($0, name: "contents chapter", base: body) } ?? body,
            section: try map?["section"].map { try r.style($0, name: "contents section", base: body) } ?? body,
            sectionIndent: try map?["section-indent"].map { try StyleReader.length($0, "section indent") } ?? .mm(5))
    }

    private func loadNotes(_ value: YAMLValue?, reader: StyleReader) throws -> NotesStyle {
        let map = try value?.mapping("notes", allowed: ["title", "multiple", "rule-color", "rule-spacing"])
        let multiple = try map?["multiple"]?.int("multiple") ?? 4
        guard [1, 2, 4, 8, 16].contains(multiple) else { throw map!["multiple"]!.error("multiple must be 1, 2, 4, 8 or 16") }
        return NotesStyle(title: try map?["title"]?.string("notes title") ?? "Notities", multiple: multiple,
                          ruleColor: try map?["rule-color"].map { try reader.color($0) } ?? Color(red: 0.8, green: 0.8, blue: 0.8),
                          ruleSpacing: try map?["rule-spacing"].map { try StyleReader.length($0, "rule spacing") } ?? .mm(8))
    }

    private func loadTypography(_ root: YAMLMapping) throws -> Typography {
        var typography = Typography()
        if let value = root["line-breaking"] {
            let text = try value.string("line-breaking")
            guard ["total-fit", "greedy"].contains(text) else { throw value.error("line-breaking must be total-fit or greedy, not '\(text)'") }
            typography.lineBreaking = text
        }
        if let value = root["hyphenation"] {
            let map = try value.mapping("hyphenation", allowed: ["left-min", "right-min"])
            for (key, path) in [("left-min", \Typography.hyphenLeftMin), ("right-min", \Typography.hyphenRightMin)] {
                guard let v = map[key] else { continue }
                let n = try v.int(key)
                guard (1...6).contains(n) else { throw v.error("\(key) must be from 1 to 6") }
                typography[keyPath: path] = n
            }
        }
        if let value = root["loose-word-space"] { typography.looseWordSpace = try value.double("loose-word-space") }
        return typography
    }

    private func loadContact(_ value: YAMLValue?) throws -> ContactPlacement {
        guard let map = try value?.mapping("contact", allowed: ["position"]), let position = map["position"] else { return .beforeColophon }
        let text = try position.string("contact position")
        guard let placement = ContactPlacement(rawValue: text) else {
            throw position.error("contact position must be before-colophon, after-opening or none, not '\(text)'")
        }
        return placement
    }

    private func loadColors(_ value: YAMLValue?) throws -> [String: Color] {
        guard let value else { return [:] }
        guard case .mapping(let mapping) = value.node else { throw value.error("colors must be a mapping of names to '#rrggbb' values") }
        var colors: [String: Color] = [:]
        for (key, node) in mapping {
            let name = try YAMLValue(node: key, file: value.file, lineOffset: 0).string("a colour name")
            let item = YAMLValue(node: node, file: value.file, lineOffset: 0)
            let hex = try item.string("colour '\(name)'")
            guard let color = Color.parse(hex: hex) else { throw item.error("colour '\(name)' must be written '#rrggbb', not '\(hex)'") }
            colors[name] = color
        }
        return colors
    }

    private func loadPage(_ value: YAMLValue) throws -> PageSpec {
        let page = try value.mapping("page", allowed: ["width", "height", "margins", "bleed"])
        let margins = try page.required("margins").mapping("page margins", allowed: ["inner", "outer", "top", "bottom"])
        let spec = PageSpec(
            width: try StyleReader.length(try page.required("width"), "page width"),
            height: try StyleReader.length(try page.required("height"), "page height"),
            inner: try StyleReader.length(try margins.required("inner"), "inner margin"),
            outer: try StyleReader.length(try margins.required("outer"), "outer margin"),
            top: try StyleReader.length(try margins.required("top"), "top margin"),
            bottom: try StyleReader.length(try margins.required("bottom"), "bottom margin"),
            bleed: try page["bleed"].map { try StyleReader.length($0, "bleed") } ?? .mm(3))
        guard spec.columnWidth > .mm(20), spec.columnHeight > .mm(30) else {
            throw value.error("the margins leave too little room for text (column \(Int(spec.columnWidth.millimetres)) x \(Int(spec.columnHeight.millimetres)) mm); the column must be at least 20mm wide and 30mm high")
        }
        return spec
    }

    private func loadList(_ value: YAMLValue?, reader: StyleReader, body: TextStyle) throws -> ListStyle {
        let map = try value?.mapping("list", allowed: ["indent", "bullet", "bullet-color", "item-spacing", "space-before", "space-after"])
        return ListStyle(
            indent: try map?["indent"].map { try StyleReader.length($0, "list indent") } ?? .mm(5),
            bullet: try map?["bullet"]?.string("bullet") ?? "•",
            bulletColor: try map?["bullet-color"].map { try reader.color($0) } ?? body.color,
            bulletFont: body.font,
            itemSpacing: try map?["item-spacing"].map { try StyleReader.length($0, "item spacing") } ?? .pt(2),
            spaceBefore: try map?["space-before"].map { try StyleReader.length($0, "space before") } ?? .zero,
            spaceAfter: try map?["space-after"].map { try StyleReader.length($0, "space after") } ?? body.spaceAfter)
    }

    private func loadQuote(_ value: YAMLValue, reader: StyleReader, body: TextStyle) throws -> QuoteStyle {
        let extra = ["panel", "rule", "rule-width", "padding"]
        let map = try value.mapping("quote", allowed: Self.styleKeys + extra)
        var r = reader
        let text = try r.style(value, name: "quote", base: body, extraKeys: extra)
        return QuoteStyle(
            text: text,
            panel: try map["panel"].map { try reader.color($0) },
            rule: try map["rule"].map { try reader.color($0) },
            ruleWidth: try map["rule-width"].map { try StyleReader.length($0, "rule width") } ?? .pt(2),
            padding: try map["padding"].map { try StyleReader.length($0, "padding") } ?? .mm(4),
            spaceBefore: text.spaceBefore, spaceAfter: text.spaceAfter)
    }

    private func loadFooter(_ value: YAMLValue, reader: StyleReader, body: TextStyle) throws -> FooterStyle {
        let extra = ["baseline", "show-chapter", "rule"]
        let map = try value.mapping("footer", allowed: Self.styleKeys + extra)
        var r = reader
        return FooterStyle(
            text: try r.style(value, name: "footer", base: body, extraKeys: extra),
            baseline: try map["baseline"].map { try StyleReader.length($0, "footer baseline") } ?? .mm(12),
            showChapter: try map["show-chapter"]?.bool("show-chapter") ?? true,
            rule: try map["rule"].map { try reader.color($0) })
    }

    private func loadCover(_ value: YAMLValue, reader: StyleReader, body: TextStyle) throws -> CoverStyle {
        let map = try value.mapping("cover", allowed: ["panel", "panel-height", "kind", "title", "publisher", "department", "logo-height", "label"])
        var r = reader
        let share = try map["panel-height"]?.double("panel-height") ?? 0.62
        guard (0.1...1).contains(share) else { throw map["panel-height"]!.error("panel-height is a share of the page height, from 0.1 to 1") }
        var cover = CoverStyle(
            panel: try reader.color(try map.required("panel")),
            panelShare: share,
            kind: try r.style(try map.required("kind"), name: "cover kind", base: body),
            title: try r.style(try map.required("title"), name: "cover title", base: body),
            publisher: try r.style(try map.required("publisher"), name: "cover publisher", base: body),
            department: try r.style(try map.required("department"), name: "cover department", base: body),
            logoHeight: try map["logo-height"].map { try StyleReader.length($0, "logo height") } ?? .mm(16))
        if let label = map["label"] { cover.label = try label.string("cover label") }
        return cover
    }

    private func loadChapter(_ value: YAMLValue?, reader: StyleReader) throws -> ChapterStyle {
        let map = try value?.mapping("chapter", allowed: ["start", "sink", "rule"])
        var start = ChapterStyle.Start.newPage
        if let v = map?["start"] {
            let text = try v.string("chapter start")
            guard let s = ChapterStyle.Start(rawValue: text) else { throw v.error("chapter start must be new-page or right-page, not '\(text)'") }
            start = s
        }
        return ChapterStyle(start: start,
                            sink: try map?["sink"].map { try StyleReader.length($0, "chapter sink") } ?? .mm(20),
                            rule: try map?["rule"].map { try reader.color($0) })
    }

    private func loadPagination(_ value: YAMLValue?) throws -> PaginationRules {
        let map = try value?.mapping("pagination", allowed: ["orphans", "widows", "heading-keep-lines", "keep-list-item-lines"])
        func count(_ key: String, _ fallback: Int) throws -> Int {
            guard let v = map?[key] else { return fallback }
            let n = try v.int(key)
            guard (1...10).contains(n) else { throw v.error("\(key) must be from 1 to 10") }
            return n
        }
        return PaginationRules(orphans: try count("orphans", 2), widows: try count("widows", 2),
                               headingKeepLines: try count("heading-keep-lines", 2),
                               keepListItemLines: try count("keep-list-item-lines", 3))
    }
}

import KaternDocument

/// The layout's styles of tables, boxes, checklists, glossaries, captions and QR codes
/// (`table:`, `boxes:`, `checklist:`, `glossary:`, `caption:`, `qr:`). Each section is optional;
/// what a layout leaves out follows its body text.
extension LayoutLoader {
    func loadContentStyles(_ root: YAMLMapping, reader: StyleReader, body: TextStyle, accent: Color) throws -> ContentStyles {
        var r = reader
        // Smaller type for what sits beside the text: 90 % of the body, left-aligned.
        var small = body
        small.size = body.size * 0.9
        small.leading = body.leading * 0.88
        small.align = .left
        small.firstLineIndent = .zero
        small.spaceBefore = .zero
        small.spaceAfter = .zero
        var bold = small
        bold.font.weight = .bold

        // Tables.
        let tableExtra = LayoutSchema.tableExtra.map(\.name)
        let tableMap = try root["table"]?.mapping("table", allowed: Self.styleKeys + tableExtra)
        var cell = try root["table"].map { try r.style($0, name: "table", base: small, extraKeys: tableExtra) } ?? small
        if tableMap?["hyphenate"] == nil { cell.hyphenate = true }
        cell.firstLineIndent = .zero
        var headerBase = cell
        headerBase.font.weight = .bold
        let table = TableStyle(
            text: cell,
            header: try tableMap?["header"].map { try r.style($0, name: "table header", base: headerBase) } ?? headerBase,
            headerFill: try tableMap?["header-fill"].map { try reader.color($0) },
            rule: try tableMap?["rule"].map { try reader.color($0) } ?? body.color,
            ruleWidth: try tableMap?["rule-width"].map { try StyleReader.length($0, "table rule width") } ?? .pt(0.6),
            rowRule: try tableMap?["row-rule"].map { try reader.color($0) },
            stripe: try tableMap?["stripe"].map { try reader.color($0) },
            cellPadding: try tableMap?["cell-padding"].map { try StyleReader.length($0, "cell padding") } ?? .mm(1.5),
            maxColumn: try tableMap?["max-column"]?.double("max-column") ?? 0.6,
            spaceBefore: try tableMap?["space-before"].map { try StyleReader.length($0, "table space-before") } ?? body.spaceAfter,
            spaceAfter: try tableMap?["space-after"].map { try StyleReader.length($0, "table space-after") } ?? body.spaceAfter * 2)

        // Warning and note boxes.
        let boxExtra = LayoutSchema.boxExtra.map(\.name)
        let boxMap = try root["boxes"]?.mapping("boxes", allowed: Self.styleKeys + boxExtra)
        var boxText = body
        boxText.align = .left
        boxText.firstLineIndent = .zero
        boxText.spaceBefore = .zero
        boxText.spaceAfter = body.spaceAfter
        let text = try root["boxes"].map { try r.style($0, name: "boxes", base: boxText, extraKeys: boxExtra) } ?? boxText
        var labelBase = text
        labelBase.font.weight = .bold
        labelBase.hyphenate = false
        labelBase.spaceAfter = .pt(2)
        var kinds: [CalloutKind: CalloutStyle.Kind] = [:]
        for kind in CalloutKind.allCases {
            let map = try boxMap?[kind.rawValue]?.mapping("boxes \(kind.rawValue)", allowed: ["color", "panel"])
            kinds[kind] = CalloutStyle.Kind(color: try map?["color"].map { try reader.color($0) } ?? (kind == .warning || kind == .caution ? Color(red: 0.70, green: 0.15, blue: 0.12) : accent),
                                            panel: try map?["panel"].map { try reader.color($0) })
        }
        let callout = CalloutStyle(
            text: text,
            label: try boxMap?["label"].map { try r.style($0, name: "boxes label", base: labelBase) } ?? labelBase,
            ruleWidth: try boxMap?["rule-width"].map { try StyleReader.length($0, "boxes rule width") } ?? .pt(2.5),
            padding: try boxMap?["padding"].map { try StyleReader.length($0, "boxes padding") } ?? .mm(3.5),
            kinds: kinds,
            spaceBefore: try boxMap?["space-before"].map { try StyleReader.length($0, "boxes space-before") } ?? .pt(6),
            spaceAfter: try boxMap?["space-after"].map { try StyleReader.length($0, "boxes space-after") } ?? .pt(10))

        // Checklists.
        let checkMap = try root["checklist"]?.mapping("checklist", allowed: LayoutSchema.checklistKeys.map(\.name))
        let checklist = ChecklistStyle(
            box: try checkMap?["box-size"].map { try StyleReader.length($0, "checklist box size") } ?? body.size * 0.72,
            line: try checkMap?["line-width"].map { try StyleReader.length($0, "checklist line width") } ?? .pt(0.7),
            color: try checkMap?["color"].map { try reader.color($0) } ?? accent)

        // Glossaries.
        let glossaryMap = try root["glossary"]?.mapping("glossary", allowed: LayoutSchema.glossaryKeys.map(\.name))
        var termBase = body
        termBase.font.weight = .bold
        termBase.align = .left
        termBase.hyphenate = false
        termBase.firstLineIndent = .zero
        termBase.spaceAfter = .zero
        var definitionBase = body
        definitionBase.firstLineIndent = .zero
        definitionBase.spaceAfter = .zero
        let glossary = GlossaryStyle(
            term: try glossaryMap?["term"].map { try r.style($0, name: "glossary term", base: termBase) } ?? termBase,
            definition: try glossaryMap?["definition"].map { try r.style($0, name: "glossary definition", base: definitionBase) } ?? definitionBase,
            indent: try glossaryMap?["indent"].map { try StyleReader.length($0, "glossary indent") } ?? .mm(5),
            entrySpacing: try glossaryMap?["entry-spacing"].map { try StyleReader.length($0, "glossary entry spacing") } ?? .pt(4))

        // Captions.
        var captionBase = small
        captionBase.font.italic = true
        captionBase.hyphenate = true
        let caption = try root["caption"].map { try r.style($0, name: "caption", base: captionBase) } ?? captionBase

        // QR codes.
        let qrMap = try root["qr"]?.mapping("qr", allowed: LayoutSchema.qrKeys.map(\.name))
        var addressBase = small
        addressBase.size = body.size * 0.75
        addressBase.leading = body.size * 0.75 * 1.25
        addressBase.hyphenate = false
        let qr = QRStyle(
            size: try qrMap?["size"].map { try StyleReader.length($0, "qr size") } ?? .mm(24),
            color: try qrMap?["color"].map { try reader.color($0) } ?? .black,
            address: try qrMap?["address"].map { try r.style($0, name: "qr address", base: addressBase) } ?? addressBase,
            showAddress: try qrMap?["show-address"]?.bool("show-address") ?? true)
        if qr.size < .mm(20), let at = qrMap?["size"] {
            throw at.error("a printed QR code must be at least 20mm wide to scan reliably; make qr size 20mm or more")
        }
        return ContentStyles(table: table, callout: callout, checklist: checklist, glossary: glossary, caption: caption, qr: qr)
    }
}

import KaternDocument

/// The styles of the content forms beyond paragraphs, lists and quotes: tables, warning and note
/// boxes, checklists, glossaries, captions and QR codes. Each has defaults that follow the body,
/// so a layout that names none of them still sets them well.
public struct ContentStyles: Sendable, Equatable {
    public var table: TableStyle
    public var callout: CalloutStyle
    public var checklist: ChecklistStyle
    public var glossary: GlossaryStyle
    public var caption: TextStyle
    public var qr: QRStyle

    public var fonts: [FontSpec] {
        [table.text.font, table.header.font, callout.text.font, callout.label.font, glossary.term.font, glossary.definition.font, caption.font, qr.address.font]
    }
}

/// Tables: cell text, the header row's text and fill, rules, zebra stripes, padding, and how wide
/// one column may grow.
public struct TableStyle: Sendable, Equatable {
    public var text: TextStyle
    public var header: TextStyle
    public var headerFill: Color?
    /// Rules above and below the table and under the header row (booktabs style).
    public var rule: Color?
    public var ruleWidth: Length
    /// Hairlines between body rows (none without it).
    public var rowRule: Color?
    /// The fill of every other body row (none without it).
    public var stripe: Color?
    public var cellPadding: Length
    /// The widest one column may be, as a share of the measure.
    public var maxColumn: Double
    public var spaceBefore: Length
    public var spaceAfter: Length
}

/// Warning and note boxes: a panel with a rule, the kind's label above the text.
public struct CalloutStyle: Sendable, Equatable {
    /// The colours of one kind of box.
    public struct Kind: Sendable, Equatable {
        public var color: Color
        public var panel: Color?
    }
    public var text: TextStyle
    public var label: TextStyle
    public var ruleWidth: Length
    public var padding: Length
    public var kinds: [CalloutKind: Kind]
    public var spaceBefore: Length
    public var spaceAfter: Length

    public func kind(_ kind: CalloutKind) -> Kind {
        kinds[kind] ?? Kind(color: label.color, panel: nil)
    }
}

/// Checklists: an empty square to tick by hand before each item.
public struct ChecklistStyle: Sendable, Equatable {
    /// The square's side and its line's width and colour.
    public var box: Length
    public var line: Length
    public var color: Color
}

/// Glossaries: each term set bold, its definition hanging under it (or beside it).
public struct GlossaryStyle: Sendable, Equatable {
    public var term: TextStyle
    public var definition: TextStyle
    /// How far a definition is indented under its term.
    public var indent: Length
    public var entrySpacing: Length
}

/// QR codes: their printed size (at least 20 mm) and the address printed under them.
public struct QRStyle: Sendable, Equatable {
    public var size: Length
    public var color: Color
    public var address: TextStyle
    /// Print the address under the code too (for readers without a phone at hand).
    public var showAddress: Bool
}

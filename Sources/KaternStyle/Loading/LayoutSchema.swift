import KaternDocument

/// Every key of a layout file, declared once with its kind, range, default and meaning. The
/// loader checks layouts against it; `katern schema` writes the JSON Schema and the README's
/// table from it. Ranges keep every number finite and every page settable: a font size of
/// 0pt or 1e308pt, a page of infinite width or a leading of 0 is refused at its line.
public enum LayoutSchema {
    static func mm(_ value: Double) -> Double { value * 72 / 25.4 }

    static let weights = ["thin", "light", "regular", "medium", "semibold", "bold", "heavy", "black"]

    /// The keys of a text style.
    public static let text: [Setting] = [
        Setting("font", .font, "the font family, one of those in Fonts/"),
        Setting("weight", .choice(weights), default: "regular", "the weight of the font; Fonts/ must have it"),
        Setting("italic", .flag, default: "false", "italic (Fonts/ must have the italic face)"),
        Setting("size", .length(min: 4, max: 200, unit: "pt"), "the font size"),
        Setting("leading", .length(min: 4, max: 300, unit: "pt"), default: "1.3 times the size", "the distance from baseline to baseline; at least 0.8 times the size"),
        Setting("color", .color, default: "black", "the text colour: a name from colors, or '#rrggbb'"),
        Setting("align", .choice(["justify", "left", "center", "right"]), default: "left", "how lines meet the column's edges"),
        Setting("space-before", .length(min: 0, max: mm(100)), default: "0", "space above each block"),
        Setting("space-after", .length(min: 0, max: mm(100)), default: "0", "space below each block"),
        Setting("first-line-indent", .length(min: 0, max: mm(50)), default: "0", "the indent of a paragraph's first line"),
        Setting("hyphenate", .flag, default: "false", "hyphenate with the booklet language's patterns"),
        Setting("uppercase", .flag, default: "false", "set the text in capitals"),
        Setting("tracking", .number(min: -0.1, max: 1), default: "0", "extra space between letters, in ems"),
        Setting("word-spacing", .number(min: 0.5, max: 2), default: "1", "the word space as a share of the font's own"),
    ]

    static func textStyle(_ extra: [Setting] = []) -> Setting.Kind { .mapping(text + extra) }

    static let quoteExtra: [Setting] = [
        Setting("panel", .color, "the panel's fill colour (none without it)"),
        Setting("rule", .color, "the colour of the rule beside the quote (none without it)"),
        Setting("rule-width", .length(min: 0, max: 28, unit: "pt"), default: "2pt", "the rule's width"),
        Setting("padding", .length(min: 0, max: mm(20)), default: "4mm", "the room between the panel's edge and the text"),
    ]

    static let tableExtra: [Setting] = [
        Setting("header", textStyle(), default: "the table's text, bold", "the header row's text"),
        Setting("header-fill", .color, "the header row's fill (none without it)"),
        Setting("rule", .color, default: "the body's colour", "the rules above and below the table and under its header"),
        Setting("rule-width", .length(min: 0, max: 6, unit: "pt"), default: "0.6pt", "the rules' width"),
        Setting("row-rule", .color, "hairlines between the body rows (none without it)"),
        Setting("stripe", .color, "the fill of every other body row (none without it)"),
        Setting("cell-padding", .length(min: 0, max: mm(10)), default: "1.5mm", "the room around a cell's text"),
        Setting("max-column", .number(min: 0.2, max: 1), default: "0.6", "the widest one column may grow, as a share of the column"),
    ]

    static let boxKind: Setting.Kind = .mapping([
        Setting("color", .color, "the rule's and the label's colour"),
        Setting("panel", .color, "the panel's fill (none without it)"),
    ])

    static let boxExtra: [Setting] = [
        Setting("label", textStyle(), default: "the box's text, bold", "the label above the text (\"Let op\", from Languages/)"),
        Setting("rule-width", .length(min: 0, max: 28, unit: "pt"), default: "2.5pt", "the rule at the box's left edge"),
        Setting("padding", .length(min: 0, max: mm(20)), default: "3.5mm", "the room between the panel's edge and the text"),
    ] + CalloutKind.allCases.map { Setting($0.rawValue, boxKind, "[!\($0.rawValue.uppercased())] boxes") }

    static let checklistKeys: [Setting] = [
        Setting("box-size", .length(min: 2, max: mm(15), unit: "pt"), default: "0.72 times the body's size", "the side of the square to tick"),
        Setting("line-width", .length(min: 0.1, max: 4, unit: "pt"), default: "0.7pt", "the square's line"),
        Setting("color", .color, default: "the bullets' colour", "the square's colour"),
    ]

    static let glossaryKeys: [Setting] = [
        Setting("term", textStyle(), default: "the body, bold", "the terms"),
        Setting("definition", textStyle(), default: "the body", "the definitions"),
        Setting("indent", .length(min: 0, max: mm(40)), default: "5mm", "how far a definition is indented under its term"),
        Setting("entry-spacing", .length(min: 0, max: 56, unit: "pt"), default: "4pt", "the space between entries"),
    ]

    static let qrKeys: [Setting] = [
        Setting("size", .length(min: mm(20), max: mm(100)), default: "24mm", "the printed size of a QR code with its quiet zone (20mm at least)"),
        Setting("color", .color, default: "black", "the modules' colour (dark on white scans best)"),
        Setting("address", textStyle(), default: "small body text", "the address printed under the code"),
        Setting("show-address", .flag, default: "true", "print the address under the code"),
    ]

    public static let keys: [Setting] = [
        Setting("page", .mapping([
            Setting("width", .length(min: mm(50), max: mm(1000)), required: true, "the trimmed page's width (A5: 148mm)"),
            Setting("height", .length(min: mm(50), max: mm(1000)), required: true, "the trimmed page's height (A5: 210mm)"),
            Setting("margins", .mapping([
                Setting("inner", .length(min: 0, max: mm(200)), required: true, "the margin at the spine"),
                Setting("outer", .length(min: 0, max: mm(200)), required: true, "the margin at the outer edge"),
                Setting("top", .length(min: 0, max: mm(200)), required: true, "the top margin"),
                Setting("bottom", .length(min: 0, max: mm(200)), required: true, "the bottom margin (the footer sits in it)"),
            ]), required: true, "the margins, mirrored on facing pages; the text column must stay at least 20mm wide and 30mm high"),
            Setting("bleed", .length(min: 0, max: mm(20)), default: "3mm", "how far the print PDF's colour runs beyond the trim"),
        ]), required: true, "the page geometry"),
        Setting("colors", .dictionary(of: .color, maxCount: 100), "colour names and their '#rrggbb' values; styles and editions use the names"),
        Setting("body", textStyle(), required: true, "the body text; every other style starts from it"),
        Setting("heading-1", textStyle(), required: true, "chapter titles"),
        Setting("heading-2", textStyle(), required: true, "section headings"),
        Setting("heading-3", textStyle(), required: true, "sub-section headings"),
        Setting("list", .mapping([
            Setting("indent", .length(min: mm(2), max: mm(40)), default: "5mm", "how far a list's text is indented; the bullet hangs in it"),
            Setting("bullet", .text(maxLength: 4), default: "•", "the bullet of unnumbered lists"),
            Setting("bullet-color", .color, default: "the body's colour", "the colour of bullets and numbers"),
            Setting("item-spacing", .length(min: 0, max: 56, unit: "pt"), default: "2pt", "the space between items"),
            Setting("space-before", .length(min: 0, max: mm(50)), default: "0", "the space above a list"),
            Setting("space-after", .length(min: 0, max: mm(50)), default: "the body's space-after", "the space below a list"),
        ]), "lists"),
        Setting("quote", textStyle(quoteExtra), required: true, "sidebar quotes (block quotes in the source)"),
        Setting("pull-quote", textStyle(quoteExtra), default: "quote", "the opening page's quotes (the body of index.md)"),
        Setting("colophon", textStyle(), required: true, "the closing small print"),
        Setting("footer", textStyle([
            Setting("baseline", .length(min: mm(2), max: mm(100)), default: "12mm", "the footer's baseline, from the page's bottom edge"),
            Setting("show-chapter", .flag, default: "true", "show the chapter's title beside the page number"),
            Setting("rule", .color, "the colour of a rule above the footer (none without it)"),
        ]), required: true, "the running footer"),
        Setting("cover", .mapping([
            Setting("panel", .color, required: true, "the colour of the cover's panel"),
            Setting("panel-height", .number(min: 0.1, max: 1), default: "0.62", "the panel's height as a share of the page"),
            Setting("kind", textStyle(), required: true, "the booklet's kind above the title"),
            Setting("title", textStyle(), required: true, "the title"),
            Setting("publisher", textStyle(), required: true, "the publisher's, or an edition's hospital's, name at the foot"),
            Setting("department", textStyle(), required: true, "an edition's department under the hospital's name"),
            Setting("logo-height", .length(min: mm(5), max: mm(80)), default: "16mm", "the height of an edition's logo"),
            Setting("label", .text(maxLength: 40), default: "Omslag", "the cover's page label in the PDF"),
        ]), required: true, "the cover"),
        Setting("chapter", .mapping([
            Setting("start", .choice(["new-page", "right-page"]), default: "new-page", "where a chapter starts"),
            Setting("sink", .length(min: 0, max: mm(150)), default: "20mm", "the space above a chapter's title"),
            Setting("rule", .color, "the colour of a short bar above the title (none without it)"),
        ]), "chapter openers"),
        Setting("contact", .mapping([
            Setting("position", .choice(["before-colophon", "after-opening", "none"]), default: "before-colophon", "where the contact page goes"),
        ]), "the contact page"),
        Setting("contents", .mapping([
            Setting("position", .choice(["after-opening", "none"]), default: "after-opening", "where the table of contents goes"),
            Setting("title", .text(maxLength: 80), default: "Inhoud", "its title"),
            Setting("levels", .integer(min: 1, max: 3), default: "2", "how deep it lists headings"),
            Setting("chapter", textStyle(), default: "body", "the style of chapter entries"),
            Setting("section", textStyle(), default: "body", "the style of section entries"),
            Setting("section-indent", .length(min: 0, max: mm(30)), default: "5mm", "the indent of section entries"),
        ]), "the table of contents"),
        Setting("notes", .mapping([
            Setting("title", .text(maxLength: 80), default: "Notities", "the title of the notes pages"),
            Setting("multiple", .choice(["1", "2", "4", "8", "16"]), default: "4", "the page count is padded to a multiple of this (4 for saddle stitching, 1 for none)"),
            Setting("rule-color", .color, default: "#cccccc", "the colour of the ruled lines"),
            Setting("rule-spacing", .length(min: mm(4), max: mm(50)), default: "8mm", "the distance between the ruled lines"),
        ]), "the notes pages that pad the booklet"),
        Setting("imposition", .mapping([
            Setting("paper-thickness", .length(min: 0, max: mm(1)), default: "0.1mm", "how far each inner sheet moves towards the spine (creep)"),
        ]), "saddle-stitch imposition"),
        Setting("pagination", .mapping([
            Setting("orphans", .integer(min: 1, max: 10), default: "2", "fewest lines of a paragraph at the foot of a page"),
            Setting("widows", .integer(min: 1, max: 10), default: "2", "fewest lines of a paragraph at the head of a page"),
            Setting("heading-keep-lines", .integer(min: 1, max: 10), default: "2", "lines of what follows that stay with a heading"),
            Setting("keep-list-item-lines", .integer(min: 1, max: 10), default: "3", "a list item of at most this many lines is never split"),
        ]), "the pagination rules"),
        Setting("table", textStyle(tableExtra), default: "the body, smaller", "tables (pipe tables in the source): the cells' text and the table's look"),
        Setting("boxes", textStyle(boxExtra), default: "the body", "warning and note boxes ([!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION])"),
        Setting("checklist", .mapping(checklistKeys), "checklists (- [ ] items): the square to tick"),
        Setting("glossary", .mapping(glossaryKeys), "glossaries (a bold term on its own line, then ': definition')"),
        Setting("caption", textStyle(), default: "small italic body text", "captions under figures and QR codes"),
        Setting("qr", .mapping(qrKeys), "QR codes (![text](qr:https://...))"),
        Setting("line-breaking", .choice(["total-fit", "greedy"]), default: "total-fit", "total-fit (Knuth and Plass) or greedy (first fit)"),
        Setting("hyphenation", .mapping([
            Setting("left-min", .integer(min: 1, max: 6), default: "3", "fewest letters before a hyphenation break"),
            Setting("right-min", .integer(min: 1, max: 6), default: "3", "fewest letters after a hyphenation break"),
        ]), "hyphenation"),
        Setting("loose-word-space", .number(min: 0.1, max: 3), default: "0.5", "the quality report's threshold for a loose line, in ems"),
    ]
}

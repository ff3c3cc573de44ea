import KaternDocument

/// A loaded layout file: page geometry, colours and every style, resolved to plain values.
/// Produced by `LayoutLoader` from `Layouts/<name>.yaml`; nothing about looks lives in code.
public struct Layout: Sendable, Equatable {
    public var file: String
    public var page: PageSpec
    /// Named colour tokens (`accent`, `text`, ...), which styles refer to by name.
    public var colors: [String: Color]
    /// The colour names the layout file itself defines (what an edition may override).
    public var colorTokens: Set<String> = []
    public var body: TextStyle
    public var headings: [TextStyle]  // levels 1, 2, 3
    public var list: ListStyle
    public var quote: QuoteStyle
    /// The opening page's quotes, set as large pull quotes.
    public var pullQuote: QuoteStyle
    public var colophon: TextStyle
    public var footer: FooterStyle
    public var cover: CoverStyle
    public var chapter: ChapterStyle
    public var contact: ContactPlacement
    public var pagination: PaginationRules
    public var typography: Typography
    public var contents: ContentsStyle
    public var notes: NotesStyle
    /// Tables, boxes, checklists, glossaries, captions, QR codes.
    public var content: ContentStyles
    /// Imposition: the paper's thickness, for creep compensation.
    public var paperThickness: Length = .mm(0.1)

    public func heading(level: Int) -> TextStyle {
        headings[min(max(level, 1), headings.count) - 1]
    }

    /// Every font the layout names, for checking against `Fonts/` before anything is shaped.
    public var fonts: [FontSpec] {
        [body.font, colophon.font, footer.text.font, quote.text.font, pullQuote.text.font, list.bulletFont, cover.kind.font, cover.title.font, cover.publisher.font,
         cover.department.font, contents.chapter.font, contents.section.font]
            + headings.map(\.font) + content.fonts
    }
}

/// Bulleted lists: the bullet glyph hangs in the indent, the text aligns on the indent.
public struct ListStyle: Sendable, Equatable {
    public var indent: Length
    public var bullet: String
    public var bulletColor: Color
    public var bulletFont: FontSpec
    public var itemSpacing: Length
    public var spaceBefore: Length
    public var spaceAfter: Length
}

/// Sidebar quotes: a tinted panel and/or a rule beside the text, in their own type.
public struct QuoteStyle: Sendable, Equatable {
    public var text: TextStyle
    public var panel: Color?
    public var rule: Color?
    public var ruleWidth: Length
    public var padding: Length
    public var spaceBefore: Length
    public var spaceAfter: Length

    public init(text: TextStyle, panel: Color?, rule: Color?, ruleWidth: Length, padding: Length, spaceBefore: Length, spaceAfter: Length) {
        self.text = text
        self.panel = panel
        self.rule = rule
        self.ruleWidth = ruleWidth
        self.padding = padding
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
    }
}

/// The running footer: page number and, optionally, the chapter title.
public struct FooterStyle: Sendable, Equatable {
    public var text: TextStyle
    /// Distance from the bottom trim edge to the footer's baseline.
    public var baseline: Length
    public var showChapter: Bool
    public var rule: Color?
}

/// The cover page: a colour panel with the booklet's kind and title.
public struct CoverStyle: Sendable, Equatable {
    public var panel: Color
    /// The panel's height as a share of the page height (0 to 1).
    public var panelShare: Double
    public var kind: TextStyle
    public var title: TextStyle
    /// The publisher's (or, in an edition, the hospital's) name at the foot of the cover.
    public var publisher: TextStyle
    /// An edition's department, under the hospital's name.
    public var department: TextStyle
    /// The height of an edition's logo at the foot of the cover.
    public var logoHeight: Length
    /// The cover's page label in the PDF (it has no number).
    public var label: String = "Omslag"
}

/// The table of contents: where it goes, its title, how deep it lists, its entry styles.
public struct ContentsStyle: Sendable, Equatable {
    /// `after-opening` or `none`.
    public var position: String
    public var title: String
    public var levels: Int
    /// Entry styles for chapters (level 1) and sections (level 2 and deeper).
    public var chapter: TextStyle
    public var section: TextStyle
    public var sectionIndent: Length
}

/// The "Notities" pages that pad the booklet to a multiple of four pages for saddle stitching.
public struct NotesStyle: Sendable, Equatable {
    public var title: String
    /// Pages a printed booklet needs to be a multiple of (4 for saddle stitching; 1 for none).
    public var multiple: Int
    public var ruleColor: Color
    public var ruleSpacing: Length
}

/// Line breaking and hyphenation settings.
public struct Typography: Sendable, Equatable {
    /// `total-fit` (Knuth and Plass) or `greedy` (Pango's first fit, to compare against).
    public var lineBreaking: String
    /// Fewest letters before and after a hyphenation break.
    public var hyphenLeftMin: Int
    public var hyphenRightMin: Int
    /// A justified line is loose when its mean word space exceeds this many ems (for the report).
    public var looseWordSpace: Double

    public init(lineBreaking: String = "total-fit", hyphenLeftMin: Int = 3, hyphenRightMin: Int = 3, looseWordSpace: Double = 0.5) {
        self.lineBreaking = lineBreaking
        self.hyphenLeftMin = hyphenLeftMin
        self.hyphenRightMin = hyphenRightMin
        self.looseWordSpace = looseWordSpace
    }
}

/// Where the contact page ("Vragen?") goes.
public enum ContactPlacement: String, Sendable, Equatable {
    case beforeColophon = "before-colophon"
    case afterOpening = "after-opening"
    case none
}

/// Chapter openers: where a chapter starts and how far down its heading sits.
public struct ChapterStyle: Sendable, Equatable {
    public enum Start: String, Sendable { case newPage = "new-page", rightPage = "right-page" }
    public var start: Start
    /// Space above a chapter's heading on its opening page.
    public var sink: Length
    public var rule: Color?
}

/// Pagination rules, applied by the distributor to every page.
public struct PaginationRules: Sendable, Equatable {
    /// Fewest lines of a paragraph left alone at the foot of a page.
    public var orphans: Int
    /// Fewest lines of a paragraph carried alone to the head of a page.
    public var widows: Int
    /// Lines of what follows that must stay on the page with a heading.
    public var headingKeepLines: Int
    /// A list item of at most this many lines is never split.
    public var keepListItemLines: Int

    public init(orphans: Int = 2, widows: Int = 2, headingKeepLines: Int = 2, keepListItemLines: Int = 3) {
        self.orphans = orphans
        self.widows = widows
        self.headingKeepLines = headingKeepLines
        self.keepListItemLines = keepListItemLines
    }
}

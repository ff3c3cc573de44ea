/// A whole booklet as read from `Booklets/<name>/`: metadata from `index.md`'s front matter, the
/// opening content (the body of `index.md`, such as the cover's sidebar quotes), the chapters in
/// the order the front matter lists them, and the colophon in small print.
public struct Booklet: Sendable, Equatable {
    public var metadata: BookletMetadata
    public var opening: [Block]
    public var chapters: [Chapter]
    /// The contact page ("Vragen?"): its text from the booklet, the contact card from the edition.
    public var contact: [Block]
    public var colophon: [Block]

    public init(metadata: BookletMetadata, opening: [Block], chapters: [Chapter], contact: [Block] = [], colophon: [Block]) {
        self.metadata = metadata
        self.opening = opening
        self.chapters = chapters
        self.contact = contact
        self.colophon = colophon
    }
}

/// One chapter file: its blocks, the first of which is its level-1 heading.
public struct Chapter: Sendable, Equatable {
    public var file: String
    public var blocks: [Block]

    public init(file: String, blocks: [Block]) {
        self.file = file
        self.blocks = blocks
    }

    /// The chapter's title: the text of its first level-1 heading.
    public var title: String {
        for block in blocks {
            if case .heading(1, _, let content) = block.kind { return content.plainText }
        }
        return ""
    }
}

/// The booklet's metadata, from the front matter of `index.md`.
public struct BookletMetadata: Sendable, Equatable {
    public var title: String
    public var kind: String
    /// A BCP 47 language tag such as `nl-NL`.
    public var language: String
    public var publisher: String
    public var subject: String?
    public var keywords: [String]
    /// Default values of the template variables (`hospital.name` -> "je ziekenhuis"), flat.
    public var variables: [String: String]
    /// The booklet's date (`YYYY-MM-DD`), written into the PDF when SOURCE_DATE_EPOCH is not set.
    public var date: String?
    /// Hyphenation exceptions of the booklet's own: words with their break points (`lym-fo-blas-ten`).
    public var hyphenation: [String] = []
    /// Where the front matter names the language, for errors about it (no dictionary, no fonts).
    public var languageLocation: SourceLocation?
    /// Where each front-matter key is written (`title`, `kind`, `publisher`, ...), so that what
    /// is set from them (the cover) points at its source line.
    public var keyLocations: [String: SourceLocation] = [:]

    public init(title: String, kind: String, language: String, publisher: String,
                subject: String? = nil, keywords: [String] = [], variables: [String: String] = [:], date: String? = nil) {
        self.title = title
        self.kind = kind
        self.language = language
        self.publisher = publisher
        self.subject = subject
        self.keywords = keywords
        self.variables = variables
        self.date = date
    }
}

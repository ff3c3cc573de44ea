import Foundation

/// What the PDF says about itself (Info dictionary).
public struct PDFMetadata: Sendable, Equatable {
    public var title: String
    public var author: String
    public var subject: String
    public var keywords: [String]
    public var creator: String
    /// The creation date written into the PDF: fixed by the caller, never the clock.
    public var date: Date
    /// The document language, a BCP 47 tag such as `nl-NL`.
    public var language: String

    public init(title: String, author: String, subject: String, keywords: [String], creator: String, date: Date, language: String) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.creator = creator
        self.date = date
        self.language = language
    }

    /// The date as Cairo wants it: `YYYY-MM-DDThh:mm:ssZ`.
    var cairoDate: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return formatter.string(from: date)
    }
}

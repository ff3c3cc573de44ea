/// Every key of a booklet's front matter (the YAML at the top of index.md), declared once: the
/// loader takes its allowed keys from here, and `katern schema` and the README's table are made
/// from it.
public enum FrontMatterSchema {
    public static let keys: [Setting] = [
        Setting("title", .text(maxLength: 300), required: true, "the booklet's title, on the cover and in the PDF's metadata"),
        Setting("kind", .text(maxLength: 100), "what kind of booklet it is, above the title (such as Patiëntenboekje)"),
        Setting("language", .string, required: true, "the language tag (nl-NL): hyphenation, quotation marks, labels"),
        Setting("publisher", .text(maxLength: 200), required: true, "the patient organisation, on the cover of the base booklet"),
        Setting("subject", .text(maxLength: 1000), "the PDF's subject (default: kind and title)"),
        Setting("keywords", .list(of: .text(maxLength: 100), maxCount: 100), "the PDF's keywords"),
        Setting("date", .date, "the booklet's date, written into the PDF (the same bytes from every build)"),
        Setting("variables", .dictionary(of: .tree, maxCount: 500), "default text for {{ variables }}, such as hospital.name; an edition sets its own"),
        Setting("chapters", .list(of: .path, maxCount: 500), required: true, "the chapter files in reading order"),
        Setting("contact", .path, "the contact page's file (the editions' contacts follow it)"),
        Setting("colophon", .path, "the closing small print's file"),
        Setting("hyphenation", .list(of: .string, maxCount: 5000), "words hyphenated as written (be-en-merg), or kept whole"),
    ]
}

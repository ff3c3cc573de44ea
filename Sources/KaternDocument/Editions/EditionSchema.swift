/// Every key of a hospital edition file, declared once: the loader takes its allowed and
/// required keys from here, and `katern schema`, `katern new edition` and the README's table are
/// made from it.
public enum EditionSchema {
    public static let contacts: [Setting] = [
        Setting("phone", .text(maxLength: 200), "the hospital's main telephone number"),
        Setting("email", .text(maxLength: 200), "the department's e-mail address"),
        Setting("web", .text(maxLength: 200), "the department's web page (https://...)"),
        Setting("address", .text(maxLength: 200), "the visiting address"),
        Setting("department", .mapping([
            Setting("name", .text(maxLength: 200), required: true, "the department's name"),
            Setting("phone", .text(maxLength: 200), "its telephone number"),
            Setting("hours", .text(maxLength: 200), "when it can be reached"),
        ]), "the department patients call"),
        Setting("nurse", .mapping([
            Setting("name", .text(maxLength: 200), required: true, "the nurse specialist's name"),
            Setting("role", .text(maxLength: 200), "their role"),
            Setting("phone", .text(maxLength: 200), "their telephone number"),
            Setting("email", .text(maxLength: 200), "their e-mail address"),
        ]), "the nurse specialist patients can ask"),
    ]

    /// The keys of one item of `sections`: `after` + `insert`, `replace` + `with`, or `omit`.
    public static let section: [Setting] = [
        Setting("after", .string, "insert a passage after this section (a heading's id)"),
        Setting("insert", .path, "the passage to insert (a .md file beside the edition)"),
        Setting("replace", .string, "replace this section (a heading's id) with a passage"),
        Setting("with", .path, "the passage that replaces it (a .md file beside the edition)"),
        Setting("omit", .string, "leave this section (a heading's id) out"),
    ]

    public static let keys: [Setting] = [
        Setting("id", .string, required: true, "the edition's id: its file's name, 1 to 64 lower-case letters, digits and '-'"),
        Setting("name", .text(maxLength: 200), required: true, "the hospital's name, on the cover and in the contact page"),
        Setting("department", .text(maxLength: 200), "the department, under the hospital's name on the cover"),
        Setting("logo", .path, "the hospital's logo, an SVG, PNG or JPEG file (relative to Editions/)"),
        Setting("colors", .dictionary(of: .hexColor, maxCount: 100), "the hospital's colours in place of the layout's, by the layout's colour names (accent, accent-dark, tint...)"),
        Setting("contacts", .mapping(contacts), "how patients reach the hospital, printed on the contact page"),
        Setting("variables", .dictionary(of: .text(maxLength: 2000), maxCount: 200), "text for the booklet's {{ variables }}"),
        Setting("flags", .list(of: .string, maxCount: 100), "words the booklet's {{#flag}} ... {{/flag}} passages test"),
        Setting("sections", .list(of: .mapping(section), maxCount: 200), "local changes: each item is 'after' + 'insert', 'replace' + 'with', or 'omit'"),
    ]
}

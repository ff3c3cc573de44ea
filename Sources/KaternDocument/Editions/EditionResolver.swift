import Foundation
import Mustache

/// Resolve: a booklet and (optionally) a hospital's edition -> the booklet as that edition prints
/// it. Template variables (`{{hospital.name}}`) and conditional passages (`{{#flag}} ... {{/flag}}`,
/// inside a paragraph or as paragraphs of their own around whole blocks) are rendered with
/// Mustache *after* CommonMark parsing, so substituted values are always literal text, never
/// markup. Then the edition's section operations are applied and its contact card added.
public struct EditionResolver {
    public let booklet: Booklet
    public let edition: Edition?
    /// The words the contact card prints, in the booklet's language.
    public let language: LanguageResources

    public init(booklet: Booklet, edition: Edition?, language: LanguageResources = .dutch) {
        self.booklet = booklet
        self.edition = edition
        self.language = language
    }

    /// The variables in force, flat (`hospital.name` -> value): the booklet's defaults, with the
    /// edition's `hospital.*` values in place of the defaults' and its own variables on top.
    public var variables: [String: String] {
        var values = booklet.metadata.variables
        guard let edition else { return values }
        values = values.filter { !$0.key.hasPrefix("hospital.") }
        let hospital: [String: String?] = [
            "name": edition.name, "department": edition.department, "phone": edition.contacts.phone,
            "email": edition.contacts.email, "web": edition.contacts.web, "address": edition.contacts.address,
            "nurse.name": edition.contacts.nurse?.name, "nurse.phone": edition.contacts.nurse?.phone,
            "nurse.email": edition.contacts.nurse?.email, "nurse.role": edition.contacts.nurse?.role,
        ]
        for (key, value) in hospital { if let value { values["hospital." + key] = value } }
        for (key, value) in edition.variables { values[key] = value }
        return values
    }

    /// Flags that are on: the edition's, and `edition` itself in every edition.
    public var flags: Set<String> {
        guard let edition else { return [] }
        return edition.flags.union(["edition"])
    }

    public func resolve() throws -> Booklet {
        let renderer = TemplateRenderer(variables: variables, flags: flags, owner: edition?.file ?? "the booklet's index.md")
        var result = booklet
        result.opening = try renderer.render(booklet.opening)
        result.chapters = try booklet.chapters.map { chapter in
            var c = chapter
            c.blocks = try renderer.render(chapter.blocks)
            return c
        }
        result.contact = try renderer.render(booklet.contact)
        result.colophon = try renderer.render(booklet.colophon)
        guard let edition else { return result }
        result = try SectionEditor(renderer: renderer, files: edition.files).apply(edition.sections, to: result)
        try checkFlagsAreUsed(renderer)
        // The hospital's contact card goes on the booklet's contact page; a booklet without one
        // gets a page of the card alone, so that an edition's contacts are never lost.
        let card = ContactCard(edition: edition, labels: language.labels).blocks()
        if result.contact.isEmpty && card.count > 1 {
            result.contact = [Block(.heading(level: 1, id: "contact:page", content: [TextSpan(language.labels.contact)]), at: SourceLocation(file: edition.file))]
        }
        if !result.contact.isEmpty { result.contact += card }
        // Inserted and replacing passages bring headings of their own: still one id each.
        try BookletLoader.checkUniqueHeadingIDs(result.chapters.flatMap(\.blocks) + result.contact)
        return result
    }

    private func checkFlagsAreUsed(_ renderer: TemplateRenderer) throws {
        guard let edition else { return }
        for flag in edition.flags.sorted() where !renderer.sectionNames.contains(flag) {
            throw DocumentError.yaml(edition.flagLocations[flag] ?? SourceLocation(file: edition.file),
                                     "flag '\(flag)' is not used by any conditional passage of the booklet ({{#\(flag)}} ... {{/\(flag)}})")
        }
    }
}

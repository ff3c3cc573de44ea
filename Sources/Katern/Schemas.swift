import KaternDocument
import KaternStyle

/// The three settings files an editor writes, each with its JSON Schema made from the key table
/// its loader checks with (`katern schema`; shipped in `Schemas/`).
public enum SettingsFile: String, CaseIterable, Sendable {
    case layout, edition, booklet

    public var settings: [Setting] {
        switch self {
        case .layout: return LayoutSchema.keys
        case .edition: return EditionSchema.keys
        case .booklet: return FrontMatterSchema.keys
        }
    }

    /// The schema's file name, in `Schemas/`.
    public var fileName: String { "\(rawValue).schema.json" }

    public var schema: String {
        let (title, description): (String, String)
        switch self {
        case .layout:
            (title, description) = ("Katern layout", "A layout file in Layouts/: page geometry and styles. Lengths take a unit (mm, cm or pt); colours are '#rrggbb' or a name from colors.")
        case .edition:
            (title, description) = ("Katern hospital edition", "A hospital edition in Editions/<id>.yaml: the hospital's name, logo, colours, contacts and local sections.")
        case .booklet:
            (title, description) = ("Katern booklet front matter", "The YAML front matter of a booklet's index.md: title, language, publisher, chapters.")
        }
        return JSONSchema.document(settings, id: "urn:katern:schema:\(rawValue):\(Pipeline.version)", title: title, description: description)
    }
}

/// A key of a settings file (a layout, an edition, a booklet's front matter), declared once:
/// what it holds, the range its values must lie in, its default and what it means. The loaders
/// check files against these declarations (`SettingsCheck`), and the JSON Schemas and the
/// README's key tables are made from them, so that the three cannot drift apart.
public struct Setting: Sendable {
    public var name: String
    public var kind: Kind
    /// What the key means, in a sentence, for editors and schemas.
    public var help: String
    /// The default as it would be written in the file (nil: none, or computed).
    public var defaultValue: String?
    public var required: Bool

    public init(_ name: String, _ kind: Kind, required: Bool = false, default defaultValue: String? = nil, _ help: String) {
        self.name = name
        self.kind = kind
        self.help = help
        self.defaultValue = defaultValue
        self.required = required
    }

    /// What a key holds.
    public indirect enum Kind: Sendable {
        /// A length with a unit (`12pt`, `4mm`, `1.5cm`), from `min` to `max` points; `unit` is the
        /// one messages and documents show the range in (`pt` for type sizes, `mm` for the rest).
        case length(min: Double, max: Double, unit: String = "mm")
        /// A plain number from `min` to `max` (a share, a number of ems).
        case number(min: Double, max: Double)
        case integer(min: Int, max: Int)
        /// true or false.
        case flag
        /// Text of 1 to `maxLength` characters that can be printed.
        case text(maxLength: Int)
        /// One of these words.
        case choice([String])
        /// A colour: a name from the layout's `colors`, or `#rrggbb`.
        case color
        /// A colour written `#rrggbb` (or `#rgb`): an edition's colours, which have no names to refer to.
        case hexColor
        /// A font family in `Fonts/`.
        case font
        /// A list of at most `maxCount` values of one kind.
        case list(of: Kind, maxCount: Int)
        /// A mapping with these keys and no others.
        case mapping([Setting])
        /// A mapping whose keys are free names (at most `maxCount`), each holding a value of one kind.
        case dictionary(of: Kind, maxCount: Int)
        /// A date written `YYYY-MM-DD`.
        case date
        /// A path to a file, relative to the file that names it.
        case path
        /// Text a reader checks itself (a language tag, an address).
        case string
        /// Text, or a mapping of names to text or further such mappings (template variables,
        /// used with dots: `{{ hospital.phone }}`).
        case tree
    }

    /// The keys of a mapping's settings, for error messages.
    static func names(_ settings: [Setting]) -> [String] { settings.map(\.name) }
}

/// Length units as settings files write them.
public enum LengthText {
    /// `12pt`, `3mm`, `1.5cm` or `0` -> points; nil for anything else (no unit, not a number).
    public static func points(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "0" { return 0 }
        for (unit, factor) in [("pt", 1.0), ("mm", 72.0 / 25.4), ("cm", 720.0 / 25.4)] {
            if t.hasSuffix(unit), let value = Double(t.dropLast(unit.count).trimmingCharacters(in: .whitespaces)) {
                return value * factor
            }
        }
        return nil
    }

    /// Points as a length for messages, in `unit` (`mm` or `pt`).
    public static func describe(_ points: Double, unit: String = "mm") -> String {
        if points.isInfinite { return "any" }
        if unit == "pt" { return "\(format(points))pt" }
        return "\(format(points * 25.4 / 72))mm"
    }

    public static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

import Foundation

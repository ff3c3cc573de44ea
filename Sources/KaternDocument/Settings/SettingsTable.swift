/// Settings declarations as documentation: a Markdown table of every key (dotted for nested
/// ones) with what it holds, its range and default, and its meaning. The README's layout table
/// is this table (a test keeps them the same).
public enum SettingsTable {
    public static func markdown(_ settings: [Setting]) -> String {
        var rows = ["| key | value | default | meaning |", "|---|---|---|---|"]
        func visit(_ settings: [Setting], prefix: String) {
            for setting in settings {
                let key = prefix + setting.name
                switch setting.kind {
                case .mapping(let children) where !isTextStyle(children):
                    rows.append("| `\(key)` | a mapping | | \(setting.help) |")
                    visit(children, prefix: key + ".")
                case .mapping(let children):
                    // A text style: one row, and one for each key it adds to the text keys.
                    rows.append("| `\(key)` | \(describe(setting.kind)) | \(setting.defaultValue.map { "`\($0)`" } ?? (setting.required ? "required" : "")) | \(setting.help) |")
                    visit(children.filter { !TextStyleKeys.names.contains($0.name) }, prefix: key + ".")
                default:
                    rows.append("| `\(key)` | \(describe(setting.kind)) | \(setting.defaultValue.map { "`\($0)`" } ?? (setting.required ? "required" : "")) | \(setting.help) |")
                }
            }
        }
        visit(settings, prefix: "")
        return rows.joined(separator: "\n") + "\n"
    }

    /// A text style is named once as "a text style" rather than key by key.
    static func isTextStyle(_ settings: [Setting]) -> Bool {
        settings.contains { $0.name == "font" } && settings.contains { $0.name == "leading" }
    }

    public static func describe(_ kind: Setting.Kind) -> String {
        switch kind {
        case .length(let min, let max, let unit):
            return "a length, \(LengthText.describe(min, unit: unit)) to \(LengthText.describe(max, unit: unit))"
        case .number(let min, let max): return "a number, \(LengthText.format(min)) to \(LengthText.format(max))"
        case .integer(let min, let max): return "a whole number, \(min) to \(max)"
        case .flag: return "true or false"
        case .text(let maxLength): return "text, 1 to \(maxLength) characters"
        case .choice(let options): return options.map { "`\($0)`" }.joined(separator: ", ")
        case .color: return "a colour name or `#rrggbb`"
        case .hexColor: return "a colour, `#rrggbb`"
        case .tree: return "text, or names with text (nested)"
        case .font: return "a font family in Fonts/"
        case .list(let element, let maxCount): return "a list of at most \(maxCount): \(describe(element))"
        case .mapping(let children):
            if isTextStyle(children) {
                let extra = children.filter { child in !TextStyleKeys.names.contains(child.name) }.map { "`\($0.name)`" }
                return "a text style" + (extra.isEmpty ? "" : " plus " + extra.joined(separator: ", "))
            }
            return "a mapping"
        case .dictionary(let element, let maxCount): return "up to \(maxCount) names, each \(describe(element))"
        case .date: return "a date, `YYYY-MM-DD`"
        case .path: return "a file, relative to this file"
        case .string: return "text"
        }
    }
}

/// The keys of a text style, by name (the layout schema declares them).
public enum TextStyleKeys {
    public static let names: Set<String> = ["font", "weight", "italic", "size", "leading", "color", "align", "space-before",
                                            "space-after", "first-line-indent", "hyphenate", "uppercase", "tracking", "word-spacing"]
}

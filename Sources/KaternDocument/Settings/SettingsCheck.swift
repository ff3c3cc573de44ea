import Foundation

/// Checks a YAML value against settings declarations: every key known, every value of its kind
/// and within its range (finite numbers only), required keys present. Each problem is an error
/// at the line of the value (or key) at fault that says what is allowed.
public enum SettingsCheck {
    /// Every key is checked: all the problems of a file are reported in one run (each at its
    /// line), not one per run.
    public static func check(_ value: YAMLValue, against settings: [Setting], what: String) throws {
        let mapping = try value.mapping(what, allowed: Setting.names(settings))
        var errors: [any LocatedError] = []
        let owner = what == "the layout" ? "" : what.replacingOccurrences(of: "the ", with: "") + " "
        for setting in settings {
            guard let entry = mapping[setting.name] else {
                if setting.required { errors.append(mapping.owner.error("\(what) lacks the required key '\(setting.name)'")) }
                continue
            }
            do {
                try check(entry, kind: setting.kind, what: owner + setting.name)
            } catch let found as LocatedErrors {
                errors += found.errors
            } catch let found as any LocatedError {
                errors.append(found)
            }
        }
        if errors.count == 1 { throw errors[0] }
        if errors.count > 1 { throw LocatedErrors(errors) }
    }

    static func check(_ value: YAMLValue, kind: Setting.Kind, what: String) throws {
        switch kind {
        case .length(let min, let max, let unit):
            let text = try value.string(what)
            guard let points = LengthText.points(text) else {
                throw value.error("\(what) must be a length with a unit, such as 12pt or 4mm, not '\(text)'")
            }
            guard points.isFinite, points >= min - 1e-9, points <= max + 1e-9 else {
                throw value.error("\(what) must be from \(LengthText.describe(min, unit: unit)) to \(LengthText.describe(max, unit: unit)), not '\(text)'")
            }
        case .number(let min, let max):
            let number = try value.double(what)
            guard number.isFinite, number >= min, number <= max else {
                throw value.error("\(what) must be a number from \(LengthText.format(min)) to \(LengthText.format(max)), not '\(number)'")
            }
        case .integer(let min, let max):
            let number = try value.int(what)
            guard (min...max).contains(number) else { throw value.error("\(what) must be a whole number from \(min) to \(max), not \(number)") }
        case .flag:
            _ = try value.bool(what)
        case .text(let maxLength):
            let text = try value.text(what)
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw value.error("\(what) must not be empty") }
            guard text.count <= maxLength else { throw value.error("\(what) must be at most \(maxLength) characters long") }
        case .choice(let options):
            let text = try value.string(what)
            guard options.contains(text) else {
                throw value.error("\(what) must be \(options.dropLast().joined(separator: ", ")) or \(options.last ?? ""), not '\(text)'")
            }
        case .color, .font, .string, .path:
            let text = try value.text(what)
            guard !text.isEmpty, text.count <= 200 else { throw value.error("\(what) must be 1 to 200 characters long") }
        case .hexColor:
            let text = try value.string(what)
            guard isHexColor(text) else { throw value.error("\(what) must be a colour written '#rrggbb', such as '#1d6b45', not '\(text)'") }
        case .tree:
            if case .mapping(let mapping) = value.node {
                for (key, node) in mapping {
                    let name = try YAMLValue(node: key, file: value.file, lineOffset: value.lineOffset).string("a name in \(what)")
                    try check(YAMLValue(node: node, file: value.file, lineOffset: value.lineOffset), kind: .tree, what: "\(what).\(name)")
                }
            } else {
                _ = try value.text(what)
            }
        case .date:
            _ = try value.string(what)
        case .list(let element, let maxCount):
            let items = try value.array(what)
            guard items.count <= maxCount else { throw value.error("\(what) holds more than \(maxCount) items") }
            for item in items { try check(item, kind: element, what: "each item of \(what)") }
        case .mapping(let settings):
            try check(value, against: settings, what: what)
        case .dictionary(let element, let maxCount):
            guard case .mapping(let mapping) = value.node else { throw value.error("\(what) must be a mapping of names to values, not \(value.kindName)") }
            guard mapping.count <= maxCount else { throw value.error("\(what) has more than \(maxCount) entries") }
            for (key, node) in mapping {
                let name = try YAMLValue(node: key, file: value.file, lineOffset: value.lineOffset).string("a name in \(what)")
                try check(YAMLValue(node: node, file: value.file, lineOffset: value.lineOffset), kind: element, what: "\(what) '\(name)'")
            }
        }
    }

    /// `#rrggbb` or `#rgb`.
    public static func isHexColor(_ text: String) -> Bool {
        let digits = text.dropFirst()
        return text.hasPrefix("#") && (digits.count == 6 || digits.count == 3) && digits.allSatisfy(\.isHexDigit)
    }
}

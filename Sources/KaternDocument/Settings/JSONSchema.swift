import Foundation

/// JSON Schemas (draft 2020-12) made from settings declarations, for editors that check YAML as
/// it is typed (VS Code's YAML extension reads a file's `# yaml-language-server: $schema=...`
/// line). What a schema cannot say (a length's range in its unit, a colour name the layout
/// defines) stays in the descriptions; Katern's own check is the authority.
public enum JSONSchema {
    /// A JSON value whose objects keep their keys in the order given.
    indirect enum Value {
        case string(String)
        case number(Double)
        case bool(Bool)
        case array([Value])
        case object([(String, Value)])

        func text(indent: String = "") -> String {
            let inner = indent + "  "
            switch self {
            case .string(let s): return JSONSchema.quote(s)
            case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
            case .bool(let b): return b ? "true" : "false"
            case .array(let items):
                if items.allSatisfy({ switch $0 { case .array, .object: return false; default: return true } }) {
                    return "[" + items.map { $0.text() }.joined(separator: ", ") + "]"
                }
                return "[\n" + items.map { inner + $0.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
            case .object(let pairs):
                if pairs.isEmpty { return "{}" }
                return "{\n" + pairs.map { inner + JSONSchema.quote($0.0) + ": " + $0.1.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "}"
            }
        }
    }

    /// The schema of a settings file, as JSON text.
    public static func document(_ settings: [Setting], id: String, title: String, description: String) -> String {
        var pairs: [(String, Value)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(id)),
            ("title", .string(title)),
            ("description", .string(description)),
        ]
        pairs += object(settings)
        if settings.contains(where: { contains(.tree, in: $0.kind) }) {
            pairs.append(("$defs", .object([("tree", .object([
                ("description", .string("text, or names with text or further names")),
                ("anyOf", .array([.object([("type", .array([.string("string"), .string("number"), .string("boolean")]))]),
                                  .object([("type", .string("object")), ("additionalProperties", .object([("$ref", .string("#/$defs/tree"))]))])])),
            ]))])))
        }
        return Value.object(pairs).text() + "\n"
    }

    static func contains(_ wanted: Setting.Kind, in kind: Setting.Kind) -> Bool {
        switch kind {
        case .tree: if case .tree = wanted { return true } else { return false }
        case .list(let element, _), .dictionary(let element, _): return contains(wanted, in: element)
        case .mapping(let children): return children.contains { contains(wanted, in: $0.kind) }
        default: return false
        }
    }

    /// The members of an object schema with these keys and no others.
    static func object(_ settings: [Setting]) -> [(String, Value)] {
        var pairs: [(String, Value)] = [("type", .string("object"))]
        pairs.append(("properties", .object(settings.map { ($0.name, schema($0)) })))
        let required = settings.filter(\.required).map(\.name)
        if !required.isEmpty { pairs.append(("required", .array(required.map { .string($0) }))) }
        pairs.append(("additionalProperties", .bool(false)))
        return pairs
    }

    static func schema(_ setting: Setting) -> Value {
        var pairs = schema(of: setting.kind)
        var description = setting.help
        if case .length(let min, let max, let unit) = setting.kind {
            description += " (\(LengthText.describe(min, unit: unit)) to \(LengthText.describe(max, unit: unit)))"
        }
        if let value = setting.defaultValue { description += "; default: \(value)" }
        pairs.insert(("description", .string(description)), at: 0)
        if let value = setting.defaultValue, let typed = typedDefault(value, kind: setting.kind) { pairs.append(("default", typed)) }
        return .object(pairs)
    }

    /// A default as the schema's type has it (nil for one written in words, such as "the body's colour").
    static func typedDefault(_ text: String, kind: Setting.Kind) -> Value? {
        switch kind {
        case .flag: return text == "true" ? .bool(true) : text == "false" ? .bool(false) : nil
        case .number(let min, let max): return Double(text).flatMap { (min...max).contains($0) ? .number($0) : nil }
        case .integer(let min, let max): return Int(text).flatMap { (min...max).contains($0) ? .number(Double($0)) : nil }
        case .length: return LengthText.points(text) != nil ? .string(text) : nil
        case .choice(let options): return options.contains(text) ? (Int(text).map { .number(Double($0)) } ?? .string(text)) : nil
        case .text, .string: return .string(text)
        default: return nil
        }
    }

    static let lengthPattern = #"^\s*(0|[0-9]+(\.[0-9]+)?\s*(pt|mm|cm))\s*$"#

    static func schema(of kind: Setting.Kind) -> [(String, Value)] {
        switch kind {
        case .length:
            // `0` needs no unit, and YAML reads it as a number.
            return [("anyOf", .array([.object([("type", .string("string")), ("pattern", .string(lengthPattern))]),
                                      .object([("const", .number(0))])]))]
        case .number(let min, let max):
            return [("type", .string("number")), ("minimum", .number(min)), ("maximum", .number(max))]
        case .integer(let min, let max):
            return [("type", .string("integer")), ("minimum", .number(Double(min))), ("maximum", .number(Double(max)))]
        case .flag:
            return [("type", .string("boolean"))]
        case .text(let maxLength):
            return [("type", .string("string")), ("minLength", .number(1)), ("maxLength", .number(Double(maxLength)))]
        case .choice(let options):
            // A number among the words is written as YAML reads it: a number.
            return [("enum", .array(options.map { option in Int(option).map { .number(Double($0)) } ?? .string(option) }))]
        case .color:
            return [("type", .string("string")), ("pattern", .string("^(#[0-9A-Fa-f]{6}|#[0-9A-Fa-f]{3}|[A-Za-z][A-Za-z0-9-]*)$"))]
        case .hexColor:
            return [("type", .string("string")), ("pattern", .string("^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$"))]
        case .font, .path, .string:
            return [("type", .string("string")), ("minLength", .number(1)), ("maxLength", .number(200))]
        case .date:
            return [("type", .string("string")), ("pattern", .string(#"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#))]
        case .list(let element, let maxCount):
            return [("type", .string("array")), ("items", .object(schema(of: element))), ("maxItems", .number(Double(maxCount)))]
        case .mapping(let children):
            return object(children)
        case .dictionary(let element, let maxCount):
            return [("type", .string("object")), ("additionalProperties", .object(schema(of: element))), ("maxProperties", .number(Double(maxCount)))]
        case .tree:
            return [("$ref", .string("#/$defs/tree"))]
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

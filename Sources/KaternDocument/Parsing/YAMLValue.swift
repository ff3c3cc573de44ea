import Foundation
import Yams

/// A YAML node with the file it came from, read strictly: every accessor checks the type and
/// every mapping checks its keys, and each failure is a `DocumentError.yaml` naming file and line.
/// Used for front matter here and for layout and edition files in later stages.
public struct YAMLValue {
    public let node: Node
    public let file: String
    /// Lines before the YAML text in its file (front matter starts after the opening `---`).
    public let lineOffset: Int

    /// Parses `text`; an empty document is an empty mapping.
    /// Every scalar is text to Katern (it reads numbers and yes/no itself, with its own
    /// messages): Yams's basic resolver, which tags none by regular expressions (the default one
    /// runs seven on every scalar, and again on every key when it looks for duplicates).
    static let resolver = Resolver.basic

    public static func parse(_ text: String, file: String, lineOffset: Int = 0) throws -> YAMLValue {
        do {
            let node = try Yams.compose(yaml: text, Self.resolver) ?? Node.mapping(Node.Mapping([]))
            try checkKeys(node, file: file, lineOffset: lineOffset)
            return YAMLValue(node: node, file: file, lineOffset: lineOffset)
        } catch let error as YamlError {
            throw DocumentError.yaml(Self.location(of: error, file: file, lineOffset: lineOffset),
                                     "invalid YAML: \(Self.problem(of: error))")
        }
    }

    /// Katern reads every key as text: two keys of a mapping with the same text are the same key,
    /// whatever their tags (`1` and `!!int 1`; Yams tells those apart), and an error at the
    /// second, never one of them dropped in silence.
    /// It also bounds the values a file may hold once its aliases are expanded: an alias of a
    /// list of aliases of lists ... holds millions (a tree Yams shares, but every walk over it,
    /// this one first, would visit each), and is an error at the alias that crosses the bound.
    static func checkKeys(_ root: Node, file: String, lineOffset: Int) throws {
        var pending = [root]
        var visited = 0
        while let node = pending.popLast() {
            visited += 1
            if visited > maximumValues {
                throw DocumentError.yaml(SourceLocation(file: file, line: node.mark.map { $0.line + lineOffset }),
                                         "invalid YAML: its aliases expand to more than \(maximumValues) values (aliases of lists of aliases); write the values out, or use fewer aliases")
            }
            switch node {
            case .mapping(let mapping):
                var seen: [String: Int] = [:]
                for (key, value) in mapping {
                    if case .scalar(let scalar) = key {
                        let line = (key.mark?.line ?? 0) + lineOffset
                        if let first = seen[scalar.string] {
                            throw DocumentError.yaml(SourceLocation(file: file, line: key.mark.map { $0.line + lineOffset }),
                                                     "invalid YAML: duplicate keys: \(scalar.string) (first on line \(first)); keep one of them")
                        }
                        seen[scalar.string] = line
                    }
                    pending.append(value)
                }
            case .sequence(let sequence):
                pending.append(contentsOf: sequence)
            default:
                break
            }
        }
    }

    /// The most values (scalars, lists and mappings, aliases expanded) a YAML file may hold.
    static let maximumValues = 200_000

    public init(node: Node, file: String, lineOffset: Int) {
        self.node = node
        self.file = file
        self.lineOffset = lineOffset
    }

    /// Where this node starts.
    public var location: SourceLocation {
        SourceLocation(file: file, line: node.mark.map { $0.line + lineOffset })
    }

    public func error(_ message: String) -> DocumentError {
        .yaml(location, message)
    }

    public func string(_ what: String) throws -> String {
        guard case .scalar(let scalar) = node else { throw error("\(what) must be text, not \(kindName)") }
        return scalar.string
    }

    /// Text that will be printed: a string with no character that cannot be set (NUL, control
    /// characters, noncharacters); each is an error at this value's line.
    public func text(_ what: String) throws -> String {
        let value = try string(what)
        if let problem = ProjectFiles.unsettableCharacter(in: value) {
            throw error("\(what): \(problem.message)")
        }
        return value
    }

    /// Printed text that must say something: not empty, not only white space.
    public func words(_ what: String) throws -> String {
        let value = try text(what)
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw error("\(what) is empty; write it, or leave the key out") }
        return value
    }

    public func double(_ what: String) throws -> Double {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string.trimmingCharacters(in: .whitespaces)) else {
            throw error("\(what) must be a number, not \(describe)")
        }
        return value
    }

    public func int(_ what: String) throws -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            throw error("\(what) must be a whole number, not \(describe)")
        }
        return value
    }

    public func bool(_ what: String) throws -> Bool {
        guard case .scalar(let scalar) = node else { throw error("\(what) must be true or false, not \(kindName)") }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("\(what) must be true or false, not '\(scalar.string)'")
        }
    }

    public func array(_ what: String) throws -> [YAMLValue] {
        guard case .sequence(let sequence) = node else { throw error("\(what) must be a list, not \(kindName)") }
        return sequence.map { YAMLValue(node: $0, file: file, lineOffset: lineOffset) }
    }

    public func strings(_ what: String) throws -> [String] {
        try array(what).map { try $0.string("each item of \(what)") }
    }

    /// The node as a mapping whose keys must all be in `allowed`; an unknown key is an error at
    /// its own line that lists the keys that are allowed.
    public func mapping(_ what: String, allowed: [String]) throws -> YAMLMapping {
        guard case .mapping(let mapping) = node else { throw error("\(what) must be a mapping of keys to values, not \(kindName)") }
        var entries: [(key: String, keyLocation: SourceLocation, value: YAMLValue)] = []
        for (key, value) in mapping {
            let keyValue = YAMLValue(node: key, file: file, lineOffset: lineOffset)
            let name = try keyValue.string("a key in \(what)")
            guard allowed.contains(name) else {
                let hint = Self.closest(to: name, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                throw keyValue.error("unknown key '\(name)' in \(what)\(hint); allowed keys: \(allowed.joined(separator: ", "))")
            }
            entries.append((name, keyValue.location, YAMLValue(node: value, file: file, lineOffset: lineOffset)))
        }
        return YAMLMapping(what: what, owner: self, entries: entries)
    }

    var kindName: String {
        switch node {
        case .scalar: return "a single value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    var describe: String {
        if case .scalar(let scalar) = node { return "'\(scalar.string)'" }
        return kindName
    }

    public static func closest(to name: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(Array(name.lowercased()), Array($0.lowercased()))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, name.count / 3) else { return nil }
        return best.0
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    static func location(of error: YamlError, file: String, lineOffset: Int) -> SourceLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourceLocation(file: file, line: mark.line + lineOffset)
        case .duplicatedKeysInMapping(_, let context):
            return SourceLocation(file: file, line: context.mark.line + lineOffset)
        default:
            return SourceLocation(file: file)
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            if let context { return "\(problem) (\(context.text))" }
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate keys: \(duplicates.joined(separator: ", "))"
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable YAML"
        }
    }
}

/// A checked YAML mapping: keys in source order with their values.
public struct YAMLMapping {
    public let what: String
    public let owner: YAMLValue
    public let entries: [(key: String, keyLocation: SourceLocation, value: YAMLValue)]

    public subscript(key: String) -> YAMLValue? {
        entries.first { $0.key == key }?.value
    }

    public func required(_ key: String) throws -> YAMLValue {
        guard let value = self[key] else { throw owner.error("\(what) lacks the required key '\(key)'") }
        return value
    }

    public var keys: [String] { entries.map(\.key) }
}

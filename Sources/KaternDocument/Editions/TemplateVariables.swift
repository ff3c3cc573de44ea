/// Template variables from YAML (a booklet's defaults, an edition's own): nested mappings of text
/// flattened to `a.b.c` keys, with limits, so that a file cannot make Katern expand without end
/// (YAML aliases can make a short file name millions of values).
public enum TemplateVariables {
    /// At most this many variables, nested at most this deep, each at most this long.
    public static let maximumCount = 1000
    public static let maximumDepth = 8
    public static let maximumLength = 10_000

    public static func flatten(_ value: YAMLValue) throws -> [String: String] {
        var result: [String: String] = [:]
        try flatten(value, prefix: "", depth: 0, into: &result)
        return result
    }

    private static func flatten(_ value: YAMLValue, prefix: String, depth: Int, into result: inout [String: String]) throws {
        guard depth <= maximumDepth else {
            throw value.error("variables are nested more than \(maximumDepth) deep here")
        }
        guard case .mapping(let mapping) = value.node else {
            guard result.count < maximumCount else {
                throw value.error("more than \(maximumCount) variables; a booklet needs far fewer")
            }
            let text = try value.text("variable '\(prefix)'")
            guard text.count <= maximumLength else {
                throw value.error("variable '\(prefix)' is longer than \(maximumLength) characters")
            }
            result[prefix] = text
            return
        }
        for (key, node) in mapping {
            let name = try YAMLValue(node: key, file: value.file, lineOffset: value.lineOffset).string("a variable name")
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw YAMLValue(node: key, file: value.file, lineOffset: value.lineOffset)
                    .error("a variable name is letters, digits, '_' and '-', not '\(name)'")
            }
            let child = YAMLValue(node: node, file: value.file, lineOffset: value.lineOffset)
            try flatten(child, prefix: prefix.isEmpty ? name : prefix + "." + name, depth: depth + 1, into: &result)
        }
    }
}

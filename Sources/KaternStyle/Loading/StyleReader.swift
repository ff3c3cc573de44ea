import KaternDocument

/// Reads one style mapping of a layout file into a `TextStyle`, inheriting unset keys from a base.
struct StyleReader {
    let colors: [String: Color]

    mutating func style(_ value: YAMLValue, name: String, base: TextStyle?, extraKeys: [String] = []) throws -> TextStyle {
        let map = try value.mapping(name, allowed: LayoutLoader.styleKeys + extraKeys)
        func len(_ key: String) throws -> Length? { try map[key].map { try Self.length($0, "\(name) \(key)") } }

        let fontLocation = map["font"]?.location ?? base?.font.location ?? value.location
        guard let family = try map["font"]?.string("font") ?? base?.font.family else {
            throw value.error("\(name) needs a font (a family in Fonts/)")
        }
        var weight = base?.font.weight ?? .regular
        if map["font"] != nil && map["weight"] == nil { weight = .regular }
        if let w = map["weight"] {
            let text = try w.string("weight")
            guard let parsed = FontSpec.Weight(rawValue: text) else {
                throw w.error("weight must be one of \(FontSpec.Weight.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
            }
            weight = parsed
        }
        var italic = try map["italic"]?.bool("italic") ?? base?.font.italic ?? false
        if map["font"] != nil && map["italic"] == nil { italic = false }
        var font = FontSpec(family: family, weight: weight, italic: italic, location: fontLocation)
        font.faceLocation = map["weight"]?.location ?? map["italic"]?.location ?? base?.font.faceLocation

        guard let size = try len("size") ?? base?.size else { throw value.error("\(name) needs a size") }
        let leading = try len("leading") ?? (map["size"] != nil || base == nil ? size * 1.3 : base!.leading)
        guard leading.points >= size.points * 0.8 - 1e-9 else {
            throw (map["leading"] ?? map["size"] ?? value).error("\(name)'s leading (\(leading)) is less than 0.8 times its size (\(size)): its lines would overprint; make the leading at least \(size * 0.8)")
        }
        var align = base?.align ?? .left
        if let a = map["align"] {
            let text = try a.string("align")
            guard let parsed = Alignment(rawValue: text) else { throw a.error("align must be justify, left, center or right, not '\(text)'") }
            align = parsed
        }
        var style = TextStyle(
            font: font, size: size, leading: leading,
            color: try map["color"].map { try color($0) } ?? base?.color ?? .black,
            align: align,
            spaceBefore: try len("space-before") ?? (base == nil ? .zero : .zero),
            spaceAfter: try len("space-after") ?? (base?.spaceAfter ?? .zero),
            firstLineIndent: try len("first-line-indent") ?? .zero,
            hyphenate: try map["hyphenate"]?.bool("hyphenate") ?? false,
            uppercase: try map["uppercase"]?.bool("uppercase") ?? false,
            tracking: try map["tracking"]?.double("tracking") ?? 0)
        style.wordSpacing = try map["word-spacing"]?.double("word-spacing") ?? base?.wordSpacing ?? 1
        guard (0.5...2).contains(style.wordSpacing) else {
            throw map["word-spacing"]!.error("word-spacing is a share of the font's word space, from 0.5 to 2")
        }
        return style
    }

    /// A colour: a token from `colors:` or a literal `#rrggbb`.
    func color(_ value: YAMLValue) throws -> Color {
        let text = try value.string("a colour")
        if let named = colors[text] { return named }
        if let literal = Color.parse(hex: text) { return literal }
        let names = colors.keys.sorted().joined(separator: ", ")
        throw value.error("unknown colour '\(text)'; use '#rrggbb' or one of the layout's colours (\(names))")
    }

    static func length(_ value: YAMLValue, _ what: String) throws -> Length {
        let text = try value.string(what)
        guard let length = Length.parse(text) else {
            throw value.error("\(what) must be a length with a unit, such as 12pt or 4mm, not '\(text)'")
        }
        guard length.points >= 0 else { throw value.error("\(what) must not be negative") }
        return length
    }
}

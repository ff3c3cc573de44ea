import Foundation

/// Patterns the typography passes share, so that the linker and the typographer agree on what a
/// phone number is.
public enum Patterns {
    /// Compiles the regular expressions of the linker, the typographer and the template renderer
    /// (ICU's compiler: about a twentieth of a build's work on the main thread), for a warm-up
    /// thread to call while the main thread reads the sources. Each is a lazy static, so a
    /// thread that needs one first waits for it or compiles it itself.
    public static func compile() {
        _ = (Typographer.unit, Typographer.range, Typographer.dash, TemplateRenderer.tag, TemplateRenderer.blockTag, Linker.pattern, phone)
    }

    /// A Dutch phone number: `030 - 760 38 90`, `020-566 91 11`, `06-12345678`, `0800-022 66 22`,
    /// `+31 20 566 5555`, `+31 (0)20 566 91 11`, `(020) 566 91 11`. Spaces may be no-break spaces.
    static let phoneSource = #"(?<![\d\w])(?:\+31[ \x{A0}-]?(?:\(0\)[ \x{A0}]?)?\d{1,3}|\(0\d{1,3}\)|0\d{1,3})(?:(?:[ \x{A0}]-[ \x{A0}]|[ \x{A0}]|-)\d{2,4}){1,4}(?![\d])"#
    static let phone = try! NSRegularExpression(pattern: phoneSource)

    /// The `tel:` address of a phone number as written: its digits, international when it
    /// starts with `+` (the `(0)` of `+31 (0)20` left out).
    static func telephone(_ written: String) -> String {
        var text = written
        if text.hasPrefix("+") { text = text.replacingOccurrences(of: "(0)", with: "") }
        return "tel:" + (text.hasPrefix("+") ? "+" : "") + text.filter(\.isNumber)
    }
}

import Foundation

/// Patterns the typography passes share, so that the linker and the typographer agree on what a
/// phone number is.
enum Patterns {
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

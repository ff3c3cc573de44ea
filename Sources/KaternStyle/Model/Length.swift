/// A length in PostScript points (1/72 inch). Layout files write lengths in mm, cm or pt;
/// inside Katern every length is a `Length`, never a bare number of unknown unit.
public struct Length: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
    public var points: Double

    public init(points: Double) { self.points = points }
    public static func pt(_ value: Double) -> Length { Length(points: value) }
    public static func mm(_ value: Double) -> Length { Length(points: value * 72.0 / 25.4) }
    public static let zero = Length(points: 0)

    public var millimetres: Double { points * 25.4 / 72.0 }

    public static func + (a: Length, b: Length) -> Length { Length(points: a.points + b.points) }
    public static func - (a: Length, b: Length) -> Length { Length(points: a.points - b.points) }
    public static func * (a: Length, k: Double) -> Length { Length(points: a.points * k) }
    public static func += (a: inout Length, b: Length) { a.points += b.points }
    public static func -= (a: inout Length, b: Length) { a.points -= b.points }
    public static func < (a: Length, b: Length) -> Bool { a.points < b.points }
    public static prefix func - (a: Length) -> Length { Length(points: -a.points) }

    public var description: String {
        let rounded = (points * 100).rounded() / 100
        return "\(rounded)pt"
    }

    /// Parses `12pt`, `3mm`, `1.5cm` or `0`; nil for anything else.
    public static func parse(_ text: String) -> Length? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "0" { return .zero }
        for (unit, make) in [("pt", Length.pt), ("mm", Length.mm), ("cm", { Length.mm($0 * 10) })] as [(String, (Double) -> Length)] {
            if t.hasSuffix(unit), let value = Double(t.dropLast(unit.count).trimmingCharacters(in: .whitespaces)) {
                return make(value)
            }
        }
        return nil
    }
}

import Foundation

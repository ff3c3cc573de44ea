import KaternStyle

/// A point on a page, from the top-left corner of the trimmed page, y growing downwards.
public struct Point: Sendable, Equatable {
    public var x: Length
    public var y: Length
    public init(x: Length, y: Length) { self.x = x; self.y = y }
}

/// A rectangle on a page, from its top-left corner.
public struct Rect: Sendable, Equatable {
    public var x: Length
    public var y: Length
    public var width: Length
    public var height: Length
    public init(x: Length, y: Length, width: Length, height: Length) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Length { x + width }
    public var maxY: Length { y + height }
}

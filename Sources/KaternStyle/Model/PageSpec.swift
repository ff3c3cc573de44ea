/// The page's geometry: trim size, margins mirrored on facing pages, and bleed.
public struct PageSpec: Sendable, Equatable {
    public var width: Length
    public var height: Length
    public var inner: Length
    public var outer: Length
    public var top: Length
    public var bottom: Length
    public var bleed: Length

    public init(width: Length, height: Length, inner: Length, outer: Length, top: Length, bottom: Length, bleed: Length = .mm(3)) {
        self.width = width
        self.height = height
        self.inner = inner
        self.outer = outer
        self.top = top
        self.bottom = bottom
        self.bleed = bleed
    }

    /// Page numbers start at 1, a right-hand (recto) page; its inner margin is on the left.
    public static func isRecto(pageNumber: Int) -> Bool { pageNumber % 2 == 1 }

    /// The left margin of a page: the inner margin on a recto page, the outer on a verso page.
    public func leftMargin(pageNumber: Int) -> Length {
        Self.isRecto(pageNumber: pageNumber) ? inner : outer
    }

    public var columnWidth: Length { width - inner - outer }
    public var columnHeight: Length { height - top - bottom }
}

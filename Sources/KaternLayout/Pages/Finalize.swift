import KaternStyle

extension Page {
    /// Joins the slices of a panel or rule that line slots carry (a sidebar quote's tint, one
    /// slice per line) into one rectangle per run of touching slices, so that no hairline seams
    /// show between them in a viewer and the page holds a few rectangles instead of many.
    /// Text and images keep their order; the merged rectangles stay in front of the text.
    mutating func mergeDecorations() {
        struct Key: Hashable { var color: Color; var x: Double; var width: Double; var role: String }
        var merged: [PageItem] = []
        var open: [Key: Int] = [:]   // key -> index in `merged` of the run being extended
        for item in items {
            guard case .box(let box) = item, box.role == .artifact else { merged.append(item); continue }
            let key = Key(color: box.color, x: (box.rect.x.points * 100).rounded(), width: (box.rect.width.points * 100).rounded(), role: "\(box.role)")
            if let index = open[key], case .box(var run) = merged[index], abs(run.rect.maxY.points - box.rect.y.points) < 0.01 {
                run.rect.height = box.rect.maxY - run.rect.y
                merged[index] = .box(run)
                continue
            }
            open[key] = merged.count
            merged.append(item)
        }
        items = merged
    }
}

import KaternDocument
import KaternStyle

extension Page {
    /// Joins the slices of a panel or rule that line slots carry (a sidebar quote's tint, one
    /// slice per line) into one rectangle per run of touching slices, so that no hairline seams
    /// show between them in a viewer and the page holds a few rectangles instead of many.
    /// Text and images keep their order; the merged rectangles stay in front of the text.
    mutating func mergeDecorations() {
        // (Only artifacts are merged, so the role is not part of the key.)
        struct Key: Hashable { var color: Color; var x: Double; var width: Double }
        var merged: [PageItem] = []
        var open: [Key: Int] = [:]   // key -> index in `merged` of the run being extended
        for item in items {
            guard case .box(let box) = item, box.role == .artifact else { merged.append(item); continue }
            let key = Key(color: box.color, x: (box.rect.x.points * 100).rounded(), width: (box.rect.width.points * 100).rounded())
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

extension PagedDocument {
    /// The last check of a layout: every line and image lies on its page (boxes may run into the
    /// bleed). What does not is an error at its source line, never text lost off the page.
    func itemsOffThePage(bleed: Length) -> [LayoutProblem] {
        var problems: [LayoutProblem] = []
        let w = pageWidth.points, h = pageHeight.points, b = bleed.points, tolerance = 0.5
        for page in pages {
            for item in page.items {
                switch item {
                case .line(let line):
                    let x = line.origin.x.points, y = line.origin.y.points
                    if x < -tolerance || x + line.width.points > w + tolerance || y - line.ascent.points < -tolerance || y + line.descent.points > h + tolerance {
                        problems.append(LayoutProblem(location: line.source, error: "on page \(page.number) this text would lie off the page ('\(line.text.prefix(40))'); the layout leaves too little room for it"))
                    }
                case .image(let image):
                    let r = image.rect
                    if r.x.points < -tolerance || r.maxX.points > w + tolerance || r.y.points < -tolerance || r.maxY.points > h + tolerance {
                        problems.append(LayoutProblem(location: SourceLocation(file: image.image.path), error: "on page \(page.number) this image would lie off the page"))
                    }
                case .box(let box):
                    let r = box.rect
                    if r.x.points < -b - tolerance || r.maxX.points > w + b + tolerance || r.y.points < -b - tolerance || r.maxY.points > h + b + tolerance {
                        problems.append(LayoutProblem(location: box.source ?? SourceLocation(file: "the layout"), error: "on page \(page.number) a panel or rule would lie off the page"))
                    }
                }
            }
        }
        return problems
    }
}

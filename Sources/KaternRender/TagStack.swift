import CCairo
import KaternLayout

/// The structure elements open on the page being drawn: opens and closes Cairo tags so that each
/// item is drawn inside the elements of its structure path. Elements are closed at the end of a
/// page and before page furniture, which stays outside the structure tree.
struct TagStack {
    let cairo: OpaquePointer
    private(set) var open: [StructureNode] = []

    init(cairo: OpaquePointer) { self.cairo = cairo }

    /// Makes `path` the open elements: closes what differs, opens what is new.
    mutating func open(_ path: [StructureNode]) {
        var common = 0
        while common < open.count && common < path.count && open[common] == path[common] { common += 1 }
        close(to: Array(open.prefix(common)))
        for node in path.dropFirst(common) {
            cairo_tag_begin(cairo, node.type, "")
            open.append(node)
        }
    }

    mutating func close(to prefix: [StructureNode]) {
        while open.count > prefix.count {
            let node = open.removeLast()
            cairo_tag_end(cairo, node.type)
        }
    }
}

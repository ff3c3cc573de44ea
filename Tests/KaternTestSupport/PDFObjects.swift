import Foundation

/// A PDF's objects as qpdf reads them (`qpdf --json=2`): for tests that look at what a page
/// draws, independently of Katern's own reader.
public struct PDFObjects {
    public struct Unreadable: Error, CustomStringConvertible { public let description: String }

    let pages: [[String: Any]]
    let objects: [String: Any]

    public init(_ pdf: String) throws {
        let result = try CLI.run("/usr/bin/qpdf", ["--json=2", "--json-key=pages", "--json-key=qpdf", pdf])
        guard let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
              let pages = json["pages"] as? [[String: Any]], let qpdf = json["qpdf"] as? [Any], qpdf.count > 1,
              let objects = qpdf[1] as? [String: Any] else {
            throw Unreadable(description: "qpdf --json=2 could not read \(pdf): \(result.stderr)")
        }
        self.pages = pages
        self.objects = objects
    }

    /// An object's dictionary (a stream's dictionary for a stream).
    func dictionary(_ reference: String) -> [String: Any]? {
        guard let entry = objects["obj:" + reference] as? [String: Any] else { return nil }
        if let value = entry["value"] as? [String: Any] { return value }
        return (entry["stream"] as? [String: Any])?["dict"] as? [String: Any]
    }

    /// The subtypes (`/Image`, `/Form`) of the XObjects page `index` (from 0) names in its resources.
    public func xObjectTypes(page index: Int) -> [String] {
        guard index < pages.count, let reference = pages[index]["object"] as? String, let page = dictionary(reference),
              let resources = (page["/Resources"] as? [String: Any]) ?? (page["/Resources"] as? String).flatMap(dictionary),
              let xObjects = resources["/XObject"] as? [String: Any] else { return [] }
        return xObjects.values.compactMap { ($0 as? String).flatMap(dictionary)?["/Subtype"] as? String }.sorted()
    }
}

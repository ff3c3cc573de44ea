import Foundation

/// A booklet folder in a temporary directory, made of the given files; removed by `remove()`.
struct TemporaryBooklet {
    let folder: String

    init(_ files: [String: String]) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("katern-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

let minimalIndex = """
    ---
    title: "Test"
    kind: "Patiëntenboekje"
    language: nl-NL
    publisher: "Hematon"
    chapters:
      - een.md
    ---

    > Een zijbalk.
    """

import Foundation

/// `Editions/<id>.yaml` -> `Edition`. Checks every key and value: unknown keys, colours that are
/// not `#rrggbb`, logo files that are missing, not images, or outside the project folder
/// (`..`, absolute paths, symlinks pointing out), local passage files likewise.
public struct EditionLoader {
    /// The folder that holds the edition files (`Editions`).
    public let folder: String
    /// The project folder: logos and passages must resolve inside it.
    public let projectFolder: String

    public init(folder: String, projectFolder: String) {
        self.folder = folder
        self.projectFolder = projectFolder
    }

    static let keys = ["id", "name", "department", "logo", "colors", "contacts", "variables", "flags", "sections"]

    /// The edition files in the folder, sorted by name.
    public func files() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { folder + "/" + $0 }
    }

    /// Every edition in the folder; two files with the same id is an error at the second.
    public func loadAll() throws -> [Edition] {
        var seen: [String: String] = [:]
        var editions: [Edition] = []
        for file in files() {
            let edition = try load(file: file)
            if let first = seen[edition.id] {
                throw DocumentError.yaml(SourceLocation(file: file, line: idLine(file)),
                                         "duplicate edition id '\(edition.id)': \(first) has it too; give each edition its own id")
            }
            seen[edition.id] = file
            editions.append(edition)
        }
        return editions
    }

    /// The edition with this id. Only its own file is read in full, so that one broken edition
    /// does not stop the others from building; another file with the same id is an error.
    public func load(id: String) throws -> Edition {
        let matches = scan().filter { $0.id == id }
        guard let first = matches.first else {
            let known = scan().map(\.id).joined(separator: ", ")
            throw DocumentError.missingFile(SourceLocation(file: folder), what: "edition '\(id)' (editions here: \(known.isEmpty ? "none" : known));")
        }
        if matches.count > 1 {
            throw DocumentError.yaml(SourceLocation(file: matches[1].file, line: idLine(matches[1].file)),
                                     "duplicate edition id '\(id)': \(first.file) has it too; give each edition its own id")
        }
        return try load(file: first.file)
    }

    /// Each edition file's id, read leniently (a file whose id cannot be read is named by its
    /// file name), without checking anything else: for listing and for batch builds.
    public func scan() -> [(id: String, file: String)] {
        files().map { file in
            let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            guard let text = try? String(contentsOfFile: file, encoding: .utf8),
                  let root = try? YAMLValue.parse(text, file: file), case .mapping(let mapping) = root.node,
                  let id = mapping["id"]?.string else { return (stem, file) }
            return (id, file)
        }
    }

    private func idLine(_ file: String) -> Int? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        return text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("id:") }.map { $0 + 1 }
    }

    public func load(file: String) throws -> Edition {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            throw DocumentError.unreadable(SourceLocation(file: file), reason: "not a readable UTF-8 file")
        }
        let root = try YAMLValue.parse(text, file: file).mapping("the edition", allowed: Self.keys)
        let idValue = try root.required("id")
        let id = try idValue.string("id")
        guard !id.isEmpty, id.allSatisfy({ ($0.isLetter && $0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "-" }) else {
            throw idValue.error("id must be lower-case letters, digits and '-', such as 'sint-anna', not '\(id)'")
        }
        var colors: [String: Edition.ColorValue] = [:]
        if let colorValue = root["colors"] {
            guard case .mapping(let mapping) = colorValue.node else { throw colorValue.error("colors must be a mapping of colour names to '#rrggbb'") }
            for (key, node) in mapping {
                let name = try YAMLValue(node: key, file: file, lineOffset: 0).string("a colour name")
                let value = YAMLValue(node: node, file: file, lineOffset: 0)
                let hex = try value.string("colour '\(name)'")
                guard Self.isHexColor(hex) else { throw value.error("invalid colour '\(hex)' for '\(name)'; write it as '#rrggbb', such as '#1d6b45'") }
                colors[name] = Edition.ColorValue(hex: hex, location: value.location)
            }
        }
        var variables: [String: String] = [:]
        if let value = root["variables"] {
            guard case .mapping(let mapping) = value.node else { throw value.error("variables must be a mapping of names to text") }
            for (key, node) in mapping {
                let name = try YAMLValue(node: key, file: file, lineOffset: 0).string("a variable name")
                variables[name] = try YAMLValue(node: node, file: file, lineOffset: 0).string("variable '\(name)'")
            }
        }
        return Edition(
            id: id, file: file,
            name: try root.required("name").string("name"),
            department: try root["department"]?.string("department"),
            logo: try root["logo"].map { try logo($0) },
            colors: colors,
            contacts: try contacts(root["contacts"]),
            variables: variables,
            flags: Set(try root["flags"]?.strings("flags") ?? []),
            sections: try root["sections"]?.array("sections").map { try operation($0) } ?? [])
    }

    static func isHexColor(_ text: String) -> Bool {
        let digits = text.dropFirst()
        return text.hasPrefix("#") && (digits.count == 6 || digits.count == 3) && digits.allSatisfy(\.isHexDigit)
    }

    private func contacts(_ value: YAMLValue?) throws -> Edition.Contacts {
        guard let value else { return Edition.Contacts() }
        let map = try value.mapping("contacts", allowed: ["phone", "email", "web", "address", "department", "nurse"])
        var contacts = Edition.Contacts(
            phone: try map["phone"]?.string("phone"), email: try map["email"]?.string("email"),
            web: try map["web"]?.string("web"), address: try map["address"]?.string("address"))
        if let d = map["department"] {
            let dm = try d.mapping("the department", allowed: ["name", "phone", "hours"])
            contacts.department = Edition.Department(name: try dm.required("name").string("name"),
                                                     phone: try dm["phone"]?.string("phone"), hours: try dm["hours"]?.string("hours"))
        }
        if let n = map["nurse"] {
            let nm = try n.mapping("the nurse specialist", allowed: ["name", "role", "phone", "email"])
            contacts.nurse = Edition.Person(name: try nm.required("name").string("name"), role: try nm["role"]?.string("role"),
                                            phone: try nm["phone"]?.string("phone"), email: try nm["email"]?.string("email"))
        }
        if let email = contacts.email, !email.contains("@") { throw map["email"]!.error("'\(email)' is not an e-mail address") }
        return contacts
    }

    private func operation(_ value: YAMLValue) throws -> SectionOperation {
        let map = try value.mapping("a section operation", allowed: ["after", "insert", "replace", "with", "omit"])
        if let after = map["after"] {
            let file = try passage(try map.required("insert"))
            return SectionOperation(kind: .insertAfter(file: file), section: try after.string("after"), location: after.location)
        }
        if let replace = map["replace"] {
            let file = try passage(try map.required("with"))
            return SectionOperation(kind: .replace(file: file), section: try replace.string("replace"), location: replace.location)
        }
        if let omit = map["omit"] {
            return SectionOperation(kind: .omit, section: try omit.string("omit"), location: omit.location)
        }
        throw value.error("a section operation is one of: 'after' + 'insert', 'replace' + 'with', or 'omit'")
    }

    private func passage(_ value: YAMLValue) throws -> String {
        let path = try inside(try value.string("a passage file"), value: value, what: "passage")
        guard path.hasSuffix(".md") else { throw value.error("a local passage must be a CommonMark file ending in .md") }
        return path
    }

    private func logo(_ value: YAMLValue) throws -> Edition.Logo {
        let path = try inside(try value.string("logo"), value: value, what: "logo")
        guard let handle = FileHandle(forReadingAtPath: path) else { throw value.error("cannot read the logo file \(path)") }
        defer { try? handle.close() }
        let head = handle.readData(ofLength: 512)
        let format: Edition.Logo.Format
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            format = .png
        } else if let text = String(data: head, encoding: .utf8), text.contains("<svg") {
            format = .svg
        } else {
            throw value.error("the logo \(path) is not an image; use a PNG or SVG file")
        }
        return Edition.Logo(path: path, format: format, location: value.location)
    }

    /// Resolves `name` relative to the editions folder and checks that the real file (after
    /// following symlinks) exists inside the project folder.
    private func inside(_ name: String, value: YAMLValue, what: String) throws -> String {
        guard !name.hasPrefix("/") else {
            throw value.error("the \(what) path '\(name)' is absolute; give a path relative to \(folder)/ inside the project")
        }
        let path = URL(fileURLWithPath: folder).appendingPathComponent(name).standardizedFileURL.path
        let root = URL(fileURLWithPath: projectFolder).standardizedFileURL.resolvingSymlinksInPath().path
        func isInside(_ candidate: String) -> Bool {
            candidate == root || candidate.hasPrefix(root.hasSuffix("/") ? root : root + "/")
        }
        let outside = value.error("the \(what) path '\(name)' leads outside the project folder \(root); keep \(what) files inside it")
        guard isInside(URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent().path + "/") || isInside(path) else {
            throw outside
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw value.error("the \(what) file \(path) does not exist")
        }
        // A symlink (or a linked folder) must not lead out either.
        guard isInside(URL(fileURLWithPath: path).resolvingSymlinksInPath().path) else { throw outside }
        return path
    }
}

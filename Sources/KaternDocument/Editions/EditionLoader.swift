import Foundation

/// `Editions/<id>.yaml` -> `Edition`. Checks every key and value: unknown keys, colours that are
/// not `#rrggbb`, logo files that are missing, not images, or outside the project folder
/// (`..`, absolute paths, symlinks pointing out), local passage files likewise.
public struct EditionLoader {
    /// The folder that holds the edition files (`Editions`).
    public let folder: String
    /// The project folder: logos and passages must resolve inside it.
    public let projectFolder: String

    /// The root that logos and passages must resolve inside.
    public let files: ProjectFiles

    public init(folder: String, projectFolder: String) {
        self.folder = folder
        self.projectFolder = projectFolder
        self.files = ProjectFiles.root(for: URL(fileURLWithPath: folder).deletingLastPathComponent().path, project: projectFolder)
    }

    static let keys = EditionSchema.keys.map(\.name)

    /// The keys of a mapping of the schema, by its path of names.
    static func keys(of setting: [Setting], _ path: String...) -> [String] {
        var settings = setting
        for name in path {
            guard case .mapping(let children)? = settings.first(where: { $0.name == name })?.kind else { return [] }
            settings = children
        }
        return settings.map(\.name)
    }

    /// Whether the editions folder exists.
    public var folderExists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The edition files in the folder (`<id>.yaml` or `.yml`), sorted by name. A folder that
    /// exists but cannot be read is an error, never an empty list.
    public func editionFiles() throws -> [String] {
        guard folderExists else {
            throw DocumentError.missingFile(SourceLocation(file: folder), what: "the editions folder")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw DocumentError.unreadable(SourceLocation(file: folder), reason: "the editions folder cannot be listed (\(error.localizedDescription))")
        }
        return names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }

    /// Every edition in the folder.
    public func loadAll() throws -> [Edition] {
        let found = try scan()
        return try found.map { try load(file: $0.file) }
    }

    /// The edition with this id. Only its own file is read, so that one broken edition does not
    /// stop the others from building.
    public func load(id: String) throws -> Edition {
        // Its file, looked up directly: a batch of thousands of editions does not list the folder
        // for each. Anything else (no such file, two for the id) goes through `scan`'s errors.
        if !id.isEmpty, !id.hasPrefix("."), !id.contains("/"), folderExists {
            let files = [".yaml", ".yml"].map { folder + "/" + id + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
            if files.count == 1 { return try load(file: files[0]) }
        }
        let known = try scan()
        guard let match = known.first(where: { $0.id == id }) else {
            let hint = YAMLValue.closest(to: id, in: known.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
            throw DocumentError.content(SourceLocation(file: folder), "there is no edition '\(id)' here (its editions: \(known.isEmpty ? "none" : known.map(\.id).joined(separator: ", ")))\(hint)")
        }
        return try load(file: match.file)
    }

    /// Each edition file's id (its file name without `.yaml`, which the file's `id` must equal),
    /// without reading the files: for listing and for batch builds. Two files for one id
    /// (`x.yaml` and `x.yml`) are an error.
    public func scan() throws -> [(id: String, file: String)] {
        var seen: [String: String] = [:]
        var result: [(id: String, file: String)] = []
        for file in try editionFiles() {
            let id = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            if let first = seen[id] {
                throw DocumentError.yaml(SourceLocation(file: file), "duplicate edition id '\(id)': \(first) has it too; keep one of the two files")
            }
            seen[id] = file
            result.append((id, file))
        }
        return result
    }

    public func load(file: String) throws -> Edition {
        let text = try files.readText(file, what: "edition file", at: SourceLocation(file: file))
        let document = try YAMLValue.parse(text, file: file)
        let root = try document.mapping("the edition", allowed: Self.keys)
        let idValue = try root.required("id")
        let id = try idValue.string("id")
        guard !id.isEmpty, id.count <= 64, id.allSatisfy({ ($0.isLetter && $0.isASCII && $0.isLowercase) || $0.isNumber || $0 == "-" }) else {
            throw idValue.error("id must be 1 to 64 lower-case letters, digits and '-', such as 'sint-anna', not '\(id)'")
        }
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        guard id == stem else {
            throw idValue.error("the edition's id '\(id)' differs from its file name '\(stem)'; name the file \(id).yaml or set id: \(stem)")
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
                variables[name] = try YAMLValue(node: node, file: file, lineOffset: 0).text("variable '\(name)'")
            }
        }
        let flagValues = try root["flags"]?.array("flags") ?? []
        var flagLocations: [String: SourceLocation] = [:]
        for value in flagValues { flagLocations[try value.string("a flag")] = value.location }
        var edition = Edition(
            id: id, file: file, files: files,
            name: try root.required("name").words("name"),
            department: try root["department"]?.words("department"),
            logo: try root["logo"].map { try logo($0) },
            colors: colors,
            contacts: try contacts(root["contacts"]),
            variables: variables,
            flags: Set(flagLocations.keys),
            sections: try root["sections"]?.array("sections").map { try operation($0) } ?? [])
        edition.flagLocations = flagLocations
        // Then every key against its declaration (what the reading above lets through), as the
        // schema editors check with says.
        try SettingsCheck.check(document, against: EditionSchema.keys, what: "the edition")
        edition.locations["name"] = try root.required("name").location
        edition.locations["department"] = root["department"]?.location
        if let contacts = root["contacts"], case .mapping(let mapping) = contacts.node {
            for (key, node) in mapping {
                let name = try YAMLValue(node: key, file: file, lineOffset: 0).string("a contact")
                edition.locations["contacts." + name] = YAMLValue(node: node, file: file, lineOffset: 0).location
            }
        }
        return edition
    }

    static func isHexColor(_ text: String) -> Bool { SettingsCheck.isHexColor(text) }

    private func contacts(_ value: YAMLValue?) throws -> Edition.Contacts {
        guard let value else { return Edition.Contacts() }
        let map = try value.mapping("contacts", allowed: EditionSchema.contacts.map(\.name))
        var contacts = Edition.Contacts(
            phone: try map["phone"]?.words("phone"), email: try map["email"]?.words("email"),
            web: try map["web"]?.words("web"), address: try map["address"]?.words("address"))
        if let d = map["department"] {
            let dm = try d.mapping("the department", allowed: Self.keys(of: EditionSchema.contacts, "department"))
            contacts.department = Edition.Department(name: try dm.required("name").words("name"),
                                                     phone: try dm["phone"]?.words("phone"), hours: try dm["hours"]?.words("hours"))
        }
        if let n = map["nurse"] {
            let nm = try n.mapping("the nurse specialist", allowed: Self.keys(of: EditionSchema.contacts, "nurse"))
            contacts.nurse = Edition.Person(name: try nm.required("name").words("name"), role: try nm["role"]?.words("role"),
                                            phone: try nm["phone"]?.words("phone"), email: try nm["email"]?.words("email"))
        }
        if let email = contacts.email, !email.contains("@") { throw map["email"]!.error("'\(email)' is not an e-mail address") }
        if let web = contacts.web, let problem = LinkPolicy.problem(web) { throw map["web"]!.error(problem) }
        return contacts
    }

    private func operation(_ value: YAMLValue) throws -> SectionOperation {
        let map = try value.mapping("a section operation", allowed: EditionSchema.section.map(\.name))
        // One operation an item: a forgotten '- ' must not let one of two pass unseen.
        let keys = Set(map.keys)
        guard [["after", "insert"], ["replace", "with"], ["omit"]].contains(where: { Set($0) == keys }) else {
            throw value.error("a section operation is one of: 'after' + 'insert', 'replace' + 'with', or 'omit'; this one has \(map.keys.joined(separator: ", ")) (start each operation with '- ')")
        }
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
        let head = try files.head(path, bytes: ImageFormat.headBytes, what: "logo", at: value.location)
        guard let format = ImageFormat.sniff(head) else {
            throw value.error("the logo \(path) is not an image; use an SVG, PNG or JPEG file")
        }
        if let problem = ImageFormat.tooLarge(head) { throw value.error("the logo \(path) \(problem)") }
        if format == .jpeg, let problem = ImageFormat.jpegProblem(head) { throw value.error("the logo \(path) \(problem)") }
        if format != .png, let problem = ImageFormat.contentProblem(try files.head(path, bytes: ImageFormat.wholeFileLimit, what: "logo", at: value.location), format: format) {
            throw value.error("the logo \(path) \(problem)")
        }
        let logoFormat: Edition.Logo.Format = switch format { case .png: .png; case .svg: .svg; case .jpeg: .jpeg }
        return Edition.Logo(path: path, format: logoFormat, location: value.location)
    }

    /// Resolves `name` relative to the editions folder and checks that the real file (after
    /// following symlinks) is a regular file inside the project folder.
    private func inside(_ name: String, value: YAMLValue, what: String) throws -> String {
        guard !name.hasPrefix("/") else {
            throw value.error("the \(what) path '\(name)' is absolute; give a path relative to \(folder)/ inside the project")
        }
        let path = URL(fileURLWithPath: folder).appendingPathComponent(name).standardizedFileURL.path
        switch files.check(path) {
        case .success: return path
        case .failure(.outside):
            throw value.error("the \(what) path '\(name)' leads outside the project folder \(files.root); keep \(what) files inside it")
        case .failure(let problem):
            throw value.error(problem.describe(path, what: "\(what) file", root: files.root))
        }
    }
}

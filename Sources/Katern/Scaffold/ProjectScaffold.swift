import Foundation
import KaternDocument
import KaternRender

/// `katern init` and `katern new edition`: a new booklet project that builds at once, and a
/// commented edition file with every key. The fonts, the standard layouts, the hyphenation
/// exceptions and the language resources are copied from Katern's own resources; the sample
/// booklet, the edition and the schemas are written from here (the edition and the schemas
/// from the key tables the loaders check with).
public enum ProjectScaffold {
    /// The folders a project holds, copied from Katern's resources.
    static let copied = ["Fonts", "Layouts", "Hyphenation", "Languages"]

    /// The path of the running `katern`: the kernel's (`/proc/self/exe`), else the command as
    /// run, looked up in `PATH` when it was run by its bare name.
    public static var runningExecutable: String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        let command = CommandLine.arguments[0]
        if command.contains("/") { return command }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = String(folder) + "/" + command
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return command
    }

    /// Katern's resources: `KATERN_HOME`, else `<prefix>/share/katern` beside an installed
    /// `<prefix>/bin/katern`, else the checkout the running `katern` was built in.
    public static func resources(executable: String = runningExecutable) throws -> String {
        func complete(_ folder: String) -> Bool {
            copied.allSatisfy { FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0)) }
                && FileManager.default.fileExists(atPath: folder + "/Layouts/a5.yaml")
        }
        if let home = ProcessInfo.processInfo.environment["KATERN_HOME"] {
            guard complete(home) else {
                throw RenderError.cannotWrite(SourceLocation(file: home), "KATERN_HOME does not hold Katern's resources (\(copied.joined(separator: "/, "))/ and Layouts/a5.yaml); point it at the folder that does, or unset it")
            }
            return home
        }
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        let share = folder.deletingLastPathComponent().appendingPathComponent("share/katern").path
        if complete(share) { return share }
        while folder.path != "/" {
            if complete(folder.path) { return folder.path }
            folder = folder.deletingLastPathComponent()
        }
        throw RenderError.cannotWrite(SourceLocation(file: executable), "cannot find Katern's resources (fonts, layouts, language files) beside this katern; set KATERN_HOME to the folder that holds Fonts/, Layouts/, Hyphenation/ and Languages/ (a Katern checkout)")
    }

    /// Creates a project in `folder` (made if missing; it must not hold a project already, and
    /// nothing in it is overwritten). Returns the paths made, relative to `folder`.
    @discardableResult
    public static func create(at folder: String, resources: String) throws -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw RenderError.cannotWrite(SourceLocation(file: folder), "this is a file; name a new or empty folder for the project")
            }
            let present = ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }
            guard present.isEmpty else {
                throw RenderError.cannotWrite(SourceLocation(file: folder), "the folder is not empty (it holds \(present.sorted().prefix(5).joined(separator: ", "))); name a new or empty folder, nothing was changed")
            }
        }
        var made: [String] = []
        func write(_ text: String, _ path: String) throws {
            let full = (folder as NSString).appendingPathComponent(path)
            try makeFolder((full as NSString).deletingLastPathComponent)
            try TemporaryFiles.write(Data(text.utf8), to: full)
            made.append(path)
        }
        try makeFolder(folder)
        for name in copied {
            let target = (folder as NSString).appendingPathComponent(name)
            do {
                try manager.copyItem(atPath: (resources as NSString).appendingPathComponent(name), toPath: target)
            } catch {
                throw RenderError.cannotWrite(SourceLocation(file: target), "cannot copy Katern's \(name)/ (\(error.localizedDescription))")
            }
            made.append(name + "/")
        }
        for file in SettingsFile.allCases { try write(file.schema, "Schemas/" + file.fileName) }
        for (name, text) in SampleBooklet.files { try write(text, "Booklets/\(SampleBooklet.folder)/\(name)") }
        try write(EditionTemplate.text(id: "voorbeeld"), "Editions/voorbeeld.yaml")
        try write(EditionTemplate.logo, "Editions/logos/voorbeeld.svg")
        // A .gitignore that is there already (a fresh git clone) keeps its lines; Output/ is added.
        let ignore = (folder as NSString).appendingPathComponent(".gitignore")
        let present = (try? String(contentsOfFile: ignore, encoding: .utf8)) ?? ""
        if !present.split(separator: "\n").contains(where: { ["Output/", "/Output/", "Output", "/Output"].contains($0.trimmingCharacters(in: .whitespaces)) }) {
            try write(present + (present.isEmpty || present.hasSuffix("\n") ? "" : "\n") + "Output/\n", ".gitignore")
        }
        try makeFolder((folder as NSString).appendingPathComponent(BuildRequest.defaultOutputFolder))
        return made
    }

    /// Writes `Editions/<id>.yaml` (every key, commented) and a placeholder logo
    /// `Editions/logos/<id>.svg`; an edition that exists is never overwritten. Returns the paths.
    public static func newEdition(id: String, editions: String) throws -> (file: String, logo: String) {
        func isWordCharacter(_ c: Character) -> Bool { (c.isLetter && c.isASCII && c.isLowercase) || (c.isNumber && c.isASCII) }
        guard let first = id.first, isWordCharacter(first), id.count <= 64, id.allSatisfy({ isWordCharacter($0) || $0 == "-" }) else {
            throw RenderError.cannotWrite(SourceLocation(file: editions), "'\(id)' cannot be an edition's id: use 1 to 64 lower-case letters, digits and '-', starting with a letter or digit, such as 'sint-anna'")
        }
        let project = (editions as NSString).deletingLastPathComponent
        guard ["Booklets", "Editions"].contains(where: { FileManager.default.fileExists(atPath: ((project.isEmpty ? "." : project) as NSString).appendingPathComponent($0)) }) else {
            throw RenderError.cannotWrite(SourceLocation(file: editions), "this is not in a Katern project (no Booklets/ or Editions/ beside it); run it in the project folder, give --project, or make one with katern init")
        }
        let file = (editions as NSString).appendingPathComponent(id + ".yaml")
        let logo = (editions as NSString).appendingPathComponent("logos/\(id).svg")
        for path in [file, (editions as NSString).appendingPathComponent(id + ".yml"), logo] where FileManager.default.fileExists(atPath: path) {
            throw RenderError.cannotWrite(SourceLocation(file: path), "this file exists already; edit it, or choose another id")
        }
        try makeFolder((logo as NSString).deletingLastPathComponent)
        try TemporaryFiles.write(Data(EditionTemplate.logo.utf8), to: logo)
        try TemporaryFiles.write(Data(EditionTemplate.text(id: id).utf8), to: file)
        return (file, logo)
    }

    static func makeFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw RenderError.cannotWrite(SourceLocation(file: path), "cannot make the folder (\(error.localizedDescription))")
        }
    }
}

/// A commented edition file with every key of `EditionSchema`, which builds as it is: the keys a
/// hospital must fill in hold placeholders, the optional ones are shown commented out.
public enum EditionTemplate {
    /// What each key holds in the template, by its dotted name: a value (written as is) or, for
    /// optional keys left out, a commented example.
    static let examples: [String: (value: String, active: Bool)] = [
        "id": ("ID", true),
        "name": ("\"Naam van het ziekenhuis\"", true),
        "department": ("\"Naam van de afdeling\"", true),
        "logo": ("logos/ID.svg", true),
        "colors": ("\n  accent: \"#00677f\"        # the main colour: headings, rules, the cover's panel\n  accent-dark: \"#004c5e\"   # a darker shade (quote text)\n  tint: \"#e5f0f3\"          # a very light tint (sidebar panels)", false),
        "contacts": ("", true),
        "contacts.phone": ("\"000 - 000 00 00\"", true),
        "contacts.email": ("\"afdeling@ziekenhuis.example\"", true),
        "contacts.web": ("\"https://www.ziekenhuis.example/afdeling\"", true),
        "contacts.address": ("\"Straat 1, 1234 AB Plaats\"", true),
        "contacts.department": ("", true),
        "contacts.department.name": ("\"Polikliniek\"", true),
        "contacts.department.phone": ("\"000 - 000 00 01\"", true),
        "contacts.department.hours": ("\"maandag tot en met vrijdag, 8.30 tot 17.00 uur\"", true),
        "contacts.nurse": ("", false),
        "contacts.nurse.name": ("\"Naam\"", false),
        "contacts.nurse.role": ("\"verpleegkundig specialist\"", false),
        "contacts.nurse.phone": ("\"000 - 000 00 02\"", false),
        "contacts.nurse.email": ("\"naam@ziekenhuis.example\"", false),
        "variables": ("\n  parking: \"Parkeren kan in de garage aan de Straat.\"", false),
        "flags": ("[transplantatiecentrum]", false),
        "sections": ("\n  - omit: immuuntherapie                  # leave a section out (a heading's id)\n  - replace: controles                    # replace a section with your own text\n    with: ID/controles.md\n  - after: behandeling                    # add a section after another\n    insert: ID/na-de-behandeling.md", false),
    ]

    /// The keys a hospital fills in (printed by `katern new edition`).
    public static let toFill = ["name", "department", "logo", "contacts"]

    public static func text(id: String) -> String {
        var lines = [
            "# yaml-language-server: $schema=../Schemas/edition.schema.json",
            "# Hospital edition '\(id)': the hospital's name, logo, colours and contacts, and its local sections.",
            "# Every key is shown; remove the '# ' before a commented key to use it. `katern watch --edition \(id)`",
            "# or `katern serve` shows the result as you save.",
        ]
        func visit(_ settings: [Setting], prefix: String, indent: String, inactive: Bool) {
            for setting in settings {
                let key = prefix + setting.name
                guard let example = examples[key] else { continue }
                let off = inactive || !example.active
                let comment = off ? "# " : ""
                lines.append("")
                lines.append(indent + "# " + setting.help + (setting.required ? " (required)" : ""))
                let value = example.value.replacingOccurrences(of: "ID", with: id)
                if case .mapping(let children) = setting.kind, value.isEmpty {
                    lines.append(indent + comment + setting.name + ":")
                    visit(children, prefix: key + ".", indent: indent + "  ", inactive: off)
                } else if value.hasPrefix("\n") {
                    lines.append(indent + comment + setting.name + ":")
                    for line in value.dropFirst().split(separator: "\n") { lines.append(indent + comment + line) }
                } else {
                    lines.append(indent + comment + setting.name + ": " + value)
                }
            }
        }
        visit(EditionSchema.keys, prefix: "", indent: "", inactive: false)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A placeholder logo: a plain cross on a square, to be replaced by the hospital's own.
    public static let logo = """
        <svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">
          <title>Placeholder logo: replace this file with the hospital's logo (SVG, PNG or JPEG)</title>
          <rect x="4" y="4" width="152" height="152" rx="20" fill="#00677f"/>
          <path d="M64 32h32v32h32v32H96v32H64V96H32V64h32z" fill="#ffffff"/>
        </svg>

        """
}

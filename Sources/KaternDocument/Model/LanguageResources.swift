import Foundation

/// What Katern needs to know of a booklet's language besides its hyphenation patterns: month
/// names (so that dates are never broken over two lines) and the words Katern prints itself
/// around an edition's contacts. Read from `Languages/<language>.yaml` (`nl-NL` tries
/// `nl-NL.yaml`, then `nl.yaml`), so that a language is added without touching code.
public struct LanguageResources: Sendable, Equatable {
    public var language: String
    public var months: [String]
    /// Words written with an apostrophe in front ('t, 'n, 's): it is no opening quote.
    public var elisions: [String] = []
    public var labels: Labels

    public struct Labels: Sendable, Equatable {
        public var phone: String
        public var email: String
        public var web: String
        public var hours: String
        /// The title of the contact page an edition's contacts get when the booklet has none.
        public var contact: String = "Contact"
        /// `{name}` stands for the hospital's name.
        public var logo: String
        public var edition: String
        /// What a link's annotation tells a screen reader, `{target}` standing for where it goes:
        /// a heading's title, a web address, an e-mail address, a phone number.
        public var linkPage = "Naar {target}"
        public var linkWeb = "Website {target}"
        public var linkEmail = "E-mail aan {target}"
        public var linkPhone = "Bel {target}"
        /// The label of each kind of warning and note box ("Let op"); a booklet that uses a kind
        /// its language file does not name is an error at the box.
        public var boxes: [CalloutKind: String] = [:]
        /// What a QR code's alt text says before its own ("QR-code naar {target}").
        public var qrCode: String?

        public init(phone: String, email: String, web: String, hours: String, logo: String, edition: String) {
            self.phone = phone; self.email = email; self.web = web; self.hours = hours; self.logo = logo; self.edition = edition
        }
    }

    public init(language: String, months: [String], labels: Labels) {
        self.language = language
        self.months = months
        self.labels = labels
    }

    /// Dutch, as `Languages/nl.yaml` has it: for tests that do not read the project's files.
    public static let dutch: LanguageResources = {
        var dutch = LanguageResources(
            language: "nl", months: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
            labels: Labels(phone: "Telefoon", email: "E-mail", web: "Website", hours: "Bereikbaar", logo: "Logo van {name}", edition: "uitgave van {name}"))
        dutch.elisions = ["t", "n", "s", "k", "m", "r", "ns"]
        dutch.labels.boxes = [.note: "Goed om te weten", .tip: "Tip", .important: "Belangrijk", .warning: "Let op", .caution: "Voorzichtig"]
        dutch.labels.qrCode = "QR-code naar {target}"
        return dutch
    }()

    static let keys = ["months", "elisions", "labels"]
    static let labelKeys = ["phone", "email", "web", "hours", "contact", "logo", "edition", "link-page", "link-web", "link-email", "link-phone", "qr-code"]
        + CalloutKind.allCases.map { "box-" + $0.rawValue }

    /// Loads the resources of `language` from `folder`; a language without a file is an error at
    /// `location` (where the booklet names its language).
    public static func load(language: String, folder: String, files: ProjectFiles? = nil, at location: SourceLocation) throws -> LanguageResources {
        let tag = language
        let base = String(tag.split(separator: "-").first ?? "")
        let candidates = [tag, base].map { "\(folder)/\($0).yaml" }
        guard let file = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw DocumentError.content(location, "no language resources for '\(language)': there is no \(candidates.last!); copy Languages/nl.yaml to it and translate its words")
        }
        let reader = files ?? ProjectFiles(root: folder)
        let text = try reader.readText(file, what: "language file", at: location)
        // A batch reads the same file for every edition: what it says is read once per text.
        let key = language + "\u{0}" + file + "\u{0}" + text
        if let known = readLock.withLock({ read[key] }) { return known }
        let resources = try parse(text, language: language, file: file)
        readLock.withLock {
            if read.count >= 16 { read.removeAll() }
            read[key] = resources
        }
        return resources
    }

    /// The language files read so far, by language, path and text (any thread, under the lock).
    nonisolated(unsafe) private static var read: [String: LanguageResources] = [:]
    private static let readLock = NSLock()

    private static func parse(_ text: String, language: String, file: String) throws -> LanguageResources {
        let root = try YAMLValue.parse(text, file: file).mapping("the language file", allowed: keys)
        let months = try root.required("months").array("months").map { try $0.text("a month") }
        guard months.count == 12 else { throw try root.required("months").error("months must list the twelve month names, January first") }
        let map = try root.required("labels").mapping("labels", allowed: labelKeys)
        func label(_ key: String) throws -> String { try map.required(key).text(key) }
        var resources = LanguageResources(language: language, months: months, labels: Labels(
            phone: try label("phone"), email: try label("email"), web: try label("web"), hours: try label("hours"),
            logo: try label("logo"), edition: try label("edition")))
        resources.elisions = try root["elisions"]?.array("elisions").map { try $0.text("an elision") } ?? []
        resources.labels.contact = try label("contact")
        resources.labels.linkPage = try label("link-page")
        resources.labels.linkWeb = try label("link-web")
        resources.labels.linkEmail = try label("link-email")
        resources.labels.linkPhone = try label("link-phone")
        for kind in CalloutKind.allCases {
            if let value = map["box-" + kind.rawValue] { resources.labels.boxes[kind] = try value.text("box-" + kind.rawValue) }
        }
        resources.labels.qrCode = try map["qr-code"]?.text("qr-code")
        return resources
    }
}

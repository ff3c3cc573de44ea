import Foundation

/// A hospital's edition of a booklet, from `Editions/<id>.yaml`: who the hospital is, its logo,
/// colours and contacts, the flags that switch on conditional passages, and the operations on
/// the booklet's sections. Plain values; every entry keeps the line it came from for errors.
public struct Edition: Sendable, Equatable {
    public var id: String
    public var file: String
    /// Where the edition's logo and passages must stay (after following links).
    public var files: ProjectFiles
    public var name: String
    public var department: String?
    /// The logo file, resolved inside the project folder; nil for an edition without a logo.
    public var logo: Logo?
    /// Colour tokens that override the layout's (`accent`, `tint`, ...), as `#rrggbb` text.
    public var colors: [String: ColorValue]
    public var contacts: Contacts
    /// Extra template variables, `{{edition.<name>}}` in the content.
    public var variables: [String: String]
    public var flags: Set<String>
    /// Where each flag is named, for errors about it.
    public var flagLocations: [String: SourceLocation] = [:]
    /// Where the edition's printed values are written (`name`, `department`, `contacts.phone`,
    /// ...), so that what is set from them points at its line.
    public var locations: [String: SourceLocation] = [:]
    public var sections: [SectionOperation]

    /// Whether the edition gives any contact (a contact card is printed for it).
    public var hasContacts: Bool {
        let c = contacts
        return c.phone != nil || c.email != nil || c.web != nil || c.address != nil || c.department != nil || c.nurse != nil
    }

    public struct Logo: Sendable, Equatable {
        public enum Format: String, Sendable { case png, svg, jpeg }
        public var path: String
        public var format: Format
        public var location: SourceLocation
    }

    public struct ColorValue: Sendable, Equatable {
        public var hex: String
        public var location: SourceLocation
    }

    public struct Contacts: Sendable, Equatable {
        public var phone: String?
        public var email: String?
        public var web: String?
        public var address: String?
        public var department: Department?
        public var nurse: Person?

        public init(phone: String? = nil, email: String? = nil, web: String? = nil, address: String? = nil,
                    department: Department? = nil, nurse: Person? = nil) {
            self.phone = phone; self.email = email; self.web = web; self.address = address
            self.department = department; self.nurse = nurse
        }
    }

    public struct Department: Sendable, Equatable {
        public var name: String
        public var phone: String?
        public var hours: String?
    }

    public struct Person: Sendable, Equatable {
        public var name: String
        public var role: String?
        public var phone: String?
        public var email: String?
    }
}

/// What an edition does to one section of the booklet (a heading and everything under it).
public struct SectionOperation: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Insert a local passage (a CommonMark file beside the edition) after the section.
        case insertAfter(file: String)
        /// Replace the section with a local passage.
        case replace(file: String)
        /// Leave the section out.
        case omit
    }
    public var kind: Kind
    /// The heading id of the section (a slug of its text, or an explicit `{#id}`).
    public var section: String
    public var location: SourceLocation
}

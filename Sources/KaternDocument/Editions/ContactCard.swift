/// The hospital's contacts as blocks for the contact page ("Vragen?"): label and value per line,
/// built from the edition's values as literal text (never parsed as markup).
struct ContactCard {
    let edition: Edition
    let labels: LanguageResources.Labels

    func blocks() -> [Block] {
        let here = SourceLocation(file: edition.file)
        var blocks: [Block] = []
        func entry(_ lines: [(label: String?, value: String?, link: String?)], at key: String) {
            var spans: [TextSpan] = []
            for line in lines {
                guard let value = line.value, !value.isEmpty else { continue }
                if !spans.isEmpty { spans.append(TextSpan("\u{2028}")) }
                if let label = line.label { spans.append(TextSpan(label + " ", strong: true)) }
                spans.append(TextSpan(value, link: line.link))
            }
            if !spans.isEmpty { blocks.append(Block(.paragraph(spans), at: edition.locations[key] ?? here)) }
        }
        let c = edition.contacts
        blocks.append(Block(.heading(level: 2, id: "contact:\(edition.id)", content: [TextSpan(edition.name)]), at: edition.locations["name"] ?? here))
        entry([(nil, edition.department, nil), (nil, c.address, nil)], at: edition.department != nil ? "department" : "contacts.address")
        entry([(labels.phone, c.phone, c.phone.map { "tel:" + $0.filter { $0.isNumber || $0 == "+" } }),
               (labels.email, c.email, c.email.map { "mailto:" + $0 }), (labels.web, c.web, c.web)],
              at: c.phone != nil ? "contacts.phone" : c.email != nil ? "contacts.email" : "contacts.web")
        if let department = c.department {
            entry([(nil, department.name, nil), (labels.phone, department.phone, department.phone.map { "tel:" + $0.filter(\.isNumber) }),
                   (labels.hours, department.hours, nil)], at: "contacts.department")
        }
        if let nurse = c.nurse {
            entry([(nil, nurse.name + (nurse.role.map { ", " + $0 } ?? ""), nil),
                   (labels.phone, nurse.phone, nurse.phone.map { "tel:" + $0.filter(\.isNumber) }),
                   (labels.email, nurse.email, nurse.email.map { "mailto:" + $0 })], at: "contacts.nurse")
        }
        return blocks
    }
}

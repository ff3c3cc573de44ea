import Foundation
import KaternDocument

/// What the PDF says about itself (Info dictionary).
public struct PDFMetadata: Sendable, Equatable {
    public var title: String
    public var author: String
    public var subject: String
    public var keywords: [String]
    public var creator: String
    /// The creation date written into the PDF: fixed by the caller, never the clock.
    public var date: Date
    /// The document language, a BCP 47 tag such as `nl-NL`.
    public var language: String

    public init(title: String, author: String, subject: String, keywords: [String], creator: String, date: Date, language: String) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.creator = creator
        self.date = date
        self.language = language
    }

    /// The date as a PDF date: `D:YYYYMMDDhhmmssZ`.
    var pdfDate: String { "D:" + cairoDate.filter(\.isNumber) + "Z" }

    /// The date as Cairo wants it: `YYYY-MM-DDThh:mm:ssZ`.
    var cairoDate: String {
        CivilDate.iso(seconds: Int(date.timeIntervalSince1970.rounded(.down)))
    }
}

extension PDFMetadata {
    /// The XMP metadata packet PDF/UA asks for: the same title, author, subject, keywords and
    /// dates as the Info dictionary, the document's language, and the claim `pdfuaid:part 1`.
    func xmp(producer: String) -> String {
        func escape(_ text: String) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                default:
                    // XML 1.0 has no place for other control characters (the sources refuse them).
                    if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
                    out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        let date = cairoDate
        return """
        <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about=""
            xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
            xmlns:xmp="http://ns.adobe.com/xap/1.0/"
            xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
           <dc:format>application/pdf</dc:format>
           <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(escape(title))</rdf:li></rdf:Alt></dc:title>
           <dc:creator><rdf:Seq><rdf:li>\(escape(author))</rdf:li></rdf:Seq></dc:creator>
           <dc:description><rdf:Alt><rdf:li xml:lang="x-default">\(escape(subject))</rdf:li></rdf:Alt></dc:description>
           <dc:language><rdf:Bag><rdf:li>\(escape(language))</rdf:li></rdf:Bag></dc:language>
           <pdf:Keywords>\(escape(keywords.joined(separator: ", ")))</pdf:Keywords>
           <pdf:Producer>\(escape(producer))</pdf:Producer>
           <xmp:CreatorTool>\(escape(creator))</xmp:CreatorTool>
           <xmp:CreateDate>\(date)</xmp:CreateDate>
           <xmp:ModifyDate>\(date)</xmp:ModifyDate>
           <xmp:MetadataDate>\(date)</xmp:MetadataDate>
           <pdfuaid:part>1</pdfuaid:part>
          </rdf:Description>
         </rdf:RDF>
        </x:xmpmeta>
        <?xpacket end="w"?>
        """
    }
}

import CCairo
import Foundation
import KaternDocument
import KaternText

/// The fonts a render draws with: each face of the page model (`FontFace`: a file and an index)
/// loaded once with FreeType into a Cairo font face. No Pango, no fontconfig: each render (each
/// worker thread) has its own registry, and drawing takes no lock. Only opening and closing a
/// FreeType face (rare) goes through one lock, as FreeType asks of a shared library.
public final class FontRegistry {
    private var faces: [FontFace: OpaquePointer] = [:]
    /// The FreeType face behind each Cairo face (owned by Cairo), for its character map.
    private var ftFaces: [FontFace: FT_Face] = [:]
    /// Whether `cairoText` gave Cairo a presentation form (U+FB00 ...) since the last `reset`.
    private(set) var gavePresentationForms = false

    /// Ligatures Unicode has as presentation forms, by the letters they join.
    static let presentationForms: [String: Unicode.Scalar] = [
        "ff": "\u{FB00}", "fi": "\u{FB01}", "fl": "\u{FB02}", "ffi": "\u{FB03}", "ffl": "\u{FB04}", "\u{17F}t": "\u{FB05}", "st": "\u{FB06}",
    ]

    public init() {}

    deinit {
        for face in faces.values { cairo_font_face_destroy(face) }
    }

    /// One FreeType library for the process, and the lock for opening and closing faces in it.
    nonisolated(unsafe) private static let freetype: (library: FT_Library?, lock: NSLock) = {
        var library: FT_Library?
        FT_Init_FreeType(&library)
        return (library, NSLock())
    }()

    /// The address Cairo keys the FreeType face by (its value is never used).
    nonisolated(unsafe) private static var key = cairo_user_data_key_t()

    /// The Cairo font face of a face of the page model; an error names the file when it cannot
    /// be read (it was read when the text was shaped, so this means it changed since).
    func cairoFace(_ face: FontFace) throws -> OpaquePointer {
        if let known = faces[face] { return known }
        let (library, lock) = Self.freetype
        var ftFace: FT_Face?
        lock.lock()
        let error = library.map { FT_New_Face($0, face.file, FT_Long(face.index), &ftFace) } ?? 1
        lock.unlock()
        guard error == 0, let ftFace else {
            throw RenderError.cannotWrite(SourceLocation(file: face.file), "the font file cannot be read any more; did it change during the build?")
        }
        // Unhinted outlines: the glyphs have the shapes they were measured with, at any resolution.
        let cairoFace = cairo_ft_font_face_create_for_ft_face(ftFace, Int32(FT_LOAD_NO_HINTING))!
        // Cairo keeps the face while any font uses it; then it closes the FreeType face.
        let status = cairo_font_face_set_user_data(cairoFace, &FontRegistry.key, UnsafeMutableRawPointer(ftFace)) { pointer in
            guard let pointer else { return }
            FontRegistry.freetype.lock.lock()
            FT_Done_Face(pointer.assumingMemoryBound(to: FT_FaceRec.self))
            FontRegistry.freetype.lock.unlock()
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(cairoFace)
            lock.lock()
            FT_Done_Face(ftFace)
            lock.unlock()
            throw RenderError.cannotWrite(SourceLocation(file: face.file), "Cairo could not take this font")
        }
        faces[face] = cairoFace
        ftFaces[face] = ftFace
        return cairoFace
    }

    /// The text to give Cairo for a glyph that shows `text`: the character the font's map gives
    /// the glyph, when it is the same text in compatibility form (U+FB00 for "ff", a space for a
    /// no-break space drawn with the space's glyph). Cairo takes a glyph's text from the font's
    /// map first and wraps any other text for it in an /ActualText span of its own, which some
    /// readers of the structure take for the end of the marked content. The finished PDF's
    /// Unicode map turns ligatures back into their letters (`PDFFinisher`). Nil: `text` as it is.
    func cairoText(_ text: Substring, glyph: UInt32, face: FontFace) -> String? {
        let scalars = text.unicodeScalars
        // Most clusters are one ASCII character: nothing to do.
        if let first = scalars.first, first.isASCII, scalars.count == 1 { return nil }
        guard let ftFace = ftFaces[face] else { return nil }
        if let form = Self.presentationForms[String(text)] {
            guard FT_Get_Char_Index(ftFace, FT_ULong(form.value)) == glyph else { return nil }
            gavePresentationForms = true
            return String(form)
        }
        // One character whose compatibility form is another, lower one (a no-break space and
        // the space) that the font draws with the same glyph: Cairo's map finds that one first.
        guard scalars.count == 1, let scalar = scalars.first,
              let compatible = String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars.first,
              String(scalar).precomposedStringWithCompatibilityMapping.unicodeScalars.count == 1,
              compatible.value < scalar.value, FT_Get_Char_Index(ftFace, FT_ULong(compatible.value)) == glyph else { return nil }
        return String(compatible)
    }

    /// Starts a new document: `gavePresentationForms` is false again.
    func resetPresentationForms() { gavePresentationForms = false }

}

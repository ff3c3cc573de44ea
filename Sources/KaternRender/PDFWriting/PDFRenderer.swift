import Foundation
import KaternDocument
import KaternLayout
import KaternStyle
import KaternText

/// Render: pages -> a PDF/UA-1 file, written straight from the page model (no Cairo surface, no
/// shaper, no lock): each page's content stream in parallel (`PageContent`), the fonts embedded
/// as subsets made with HarfBuzz (`FontProgram`), the images, the outline of the headings, the
/// named destinations, the page labels, the metadata and the structure tree (`StructureWriter`),
/// packed into object streams (`PDFFileWriter`). Writes to a temporary file beside the target
/// and renames it, so a failed build never leaves a partial PDF behind.
public struct PDFRenderer {
    public let images: ImagePainter
    /// Pages written by earlier builds in this process (nil: every page is written anew).
    public let cache: PageCache?

    public init(images: ImagePainter, cache: PageCache? = nil) {
        self.images = images
        self.cache = cache
    }

    /// Print production: bleed, crop marks, and the PDF's TrimBox and BleedBox.
    public struct Options: Sendable {
        public var print: Bool
        public var bleed: Length
        /// Room around the trimmed page for the bleed and the crop marks.
        public var margin: Length { bleed + .mm(10) }

        public init(print: Bool = false, bleed: Length = .mm(3)) {
            self.print = print
            self.bleed = bleed
        }
    }

    /// How long writing the pages' content and the rest of the file took.
    public struct Times: Sendable {
        public var draw: TimeInterval = 0
        public var finish: TimeInterval = 0
        /// Pages whose content came from the cache.
        public var cachedPages = 0
    }

    /// A real number as the PDF writes it.
    static func real(_ value: Double) -> PDFValue {
        var syntax = PDFSyntax(renumber: [])
        syntax.decimal(value)
        return .real(syntax.bytes)
    }

    /// A JPEG file's bytes as a PDF image (checked when the booklet was read: 8-bit grey or RGB).
    static func jpeg(_ path: String) throws -> PageCache.Image {
        guard let data = FileManager.default.contents(atPath: path), let info = ImageFormat.jpegInfo(data), [1, 3].contains(info.components) else {
            throw RenderError.badImage(SourceLocation(file: path), "the JPEG \(path) cannot be read (it changed since the booklet was read?)")
        }
        return PageCache.Image(width: info.width, height: info.height, rgb: [UInt8](data), alpha: nil, dct: true, gray: info.components == 1)
    }

    /// The producer named in the Info dictionary and the XMP metadata.
    static let producer = "Katern"

    /// Renders `document` to a PDF/UA-1 file at `path`, tagged as `structure` plans it (the
    /// plan of this very document).
    @discardableResult
    public func render(_ document: PagedDocument, structure: StructurePlan, metadata: PDFMetadata, to path: String, options: Options = Options()) throws -> Times {
        try render(document, plannedBy: { structure }, metadata: metadata, to: path, options: options)
    }

    /// `render`, with the structure plan asked of `plan` only once the fonts and the images are
    /// read (a build makes the plan on another thread meanwhile).
    @discardableResult
    public func render(_ document: PagedDocument, plannedBy plan: () -> StructurePlan, metadata: PDFMetadata, to path: String,
                       options: Options = Options()) throws -> Times {
        var times = Times()
        let started = Date()
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "the output folder \(folder.path) does not exist; create it or choose another --output")
        }
        TemporaryFiles.removeStale(in: folder.path)

        let margin = options.print ? options.margin.points : 0
        let sheetWidth = document.pageWidth.points + margin * 2, sheetHeight = document.pageHeight.points + margin * 2

        // What every glyph stands for, the fonts, and the images, before any page is written.
        let texts = GlyphTexts(document) { face, glyph in (try? FontProgram.load(face))?.character(of: glyph) }
        Trace.mark("render: what each glyph stands for")
        let programs = try texts.faces.map { try FontProgram.load($0) }
        Trace.mark("render: fonts read")
        var imageKeys: [String] = []
        var imageIndex: [String: Int] = [:]
        var imageItems: [ImageItem] = []
        for page in document.pages {
            for case .image(let image) in page.items where image.image.format != .qr {
                let key = ImagePainter.key(image, svgResolution: images.svgResolution)
                guard imageIndex[key] == nil else { continue }
                imageIndex[key] = imageKeys.count
                imageKeys.append(key)
                imageItems.append(image)
            }
        }
        // The images: from the cache when an earlier build wrote the same file at the same size,
        // else their pixels (Cairo and librsvg, in this thread), compressed in parallel below.
        var imageData = [PageCache.Image?](repeating: nil, count: imageItems.count)
        var pixels = [(width: Int, height: Int, rgb: [UInt8], alpha: [UInt8]?)?](repeating: nil, count: imageItems.count)
        // SVG images as vectors: each a form with the objects it needs (numbered after the rest).
        var forms = [SVGForm?](repeating: nil, count: imageItems.count)
        for (i, item) in imageItems.enumerated() {
            let identity = PageCache.imageIdentity(item, key: imageKeys[i])
            if item.image.format == .svg {
                forms[i] = try images.form(item)
            } else if let known = identity.flatMap({ cache?.image($0) }) {
                imageData[i] = known
            } else if item.image.format == .jpeg {
                // A JPEG goes into the PDF as it is (DCTDecode): no decoding, no re-encoding.
                imageData[i] = try Self.jpeg(item.image.path)
            } else {
                pixels[i] = ImagePainter.pdfPixels(try images.raster(item))
            }
        }
        let rasters = pixels

        let context = PageContent.Context(
            texts: texts, widths: programs, imageIndex: imageIndex, svgResolution: images.svgResolution, offset: margin, sheetHeight: sheetHeight,
            cropMarks: options.print ? (options.bleed.points, document.pageWidth.points, document.pageHeight.points) : nil)
        let structure = plan()
        Trace.mark("render: structure plan taken")
        guard structure.pages.count == document.pages.count else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "the structure plan is not this document's; please report this")
        }
        let types = structure.elements.map(\.type)
        let pageCount = document.pages.count
        let navigation = Navigation(document, structure: structure, offset: margin, sheetHeight: sheetHeight)

        // Object numbers.
        let catalogID = 1, pageTreeID = 2, infoID = 3, outlinesID = 4
        let pageBase = 5
        let fontBase = pageBase + 2 * pageCount
        let imageBase = fontBase + 5 * programs.count
        let outlineBase = imageBase + 2 * imageItems.count
        let writer = StructureWriter(plan: structure, offset: margin, sheetHeight: sheetHeight)
        let numbers = writer.numbers(from: outlineBase + navigation.headings.count)
        var formBases: [Int] = []
        var objectCount = numbers.end
        for form in forms {
            formBases.append(objectCount)
            objectCount += form?.objects.count ?? 0
        }
        func pageID(_ index: Int) -> Int { pageBase + 2 * index }

        let finished = TemporaryFiles.make(beside: path)
        defer { TemporaryFiles.remove(finished) }
        let fd = open(finished, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw RenderError.cannotWrite(SourceLocation(file: path), "cannot write the PDF here (\(String(cString: strerror(errno)))); check the folder's permissions or choose another --output") }
        defer { close(fd) }
        var out = PDFFileWriter(renumber: Array(0..<objectCount), count: objectCount, capacity: 0) { try Self.write($0, to: fd, reportAs: path) }

        // The pages, a batch at a time (each batch in parallel, then written and let go), with
        // the font subsets and the images in parallel with the first batch.
        var fontFiles = [[UInt8]?](repeating: nil, count: programs.count)
        let batch = 64
        let frame = [margin, sheetHeight, options.print ? 1 : 0, options.bleed.points, images.svgResolution ?? 0]
        for first in stride(from: 0, to: max(pageCount, 1), by: batch) {
            let last = min(pageCount, first + batch)
            let fontTasks = first == 0 ? programs.count : 0, imageTasks = first == 0 ? rasters.count : 0
            // Pages an earlier build wrote the same way come from the cache; the rest are written.
            var contents = [Result<PageContent, Error>](repeating: .failure(CancellationError()), count: last - first)
            var keys = [Int](repeating: 0, count: last - first)
            var tagNames = [[String]](repeating: [], count: last - first)
            var missing: [Int] = []
            for index in first..<last {
                let page = document.pages[index]
                guard let cache, page.images.isEmpty else { missing.append(index); continue }
                keys[index - first] = PageCache.key(page)
                tagNames[index - first] = structure.pages[index].pieces.map { types[$0.element] }
                if let entry = cache.lookup(page, key: keys[index - first], tags: structure.pages[index], tagNames: tagNames[index - first],
                                            frame: frame, texts: texts) {
                    times.cachedPages += 1
                    var content = PageContent(data: entry.data)
                    content.fonts = Set(entry.faces.compactMap { texts.index[$0.face] })
                    contents[index - first] = .success(content)
                } else {
                    missing.append(index)
                }
            }
            let written = missing
            contents.withUnsafeMutableBufferPointer { pagesOut in
                fontFiles.withUnsafeMutableBufferPointer { fontsOut in
                    imageData.withUnsafeMutableBufferPointer { imagesOut in
                        // Each task writes its own element only.
                        nonisolated(unsafe) let pagesOut = pagesOut, fontsOut = fontsOut, imagesOut = imagesOut
                        DispatchQueue.concurrentPerform(iterations: fontTasks + imageTasks + written.count) { task in
                            if task < fontTasks {
                                fontsOut[task] = programs[task].compressedSubset(texts.drawn[task].sorted())
                            } else if task < fontTasks + imageTasks {
                                guard let raster = rasters[task - fontTasks] else { return }
                                imagesOut[task - fontTasks] = PageCache.Image(width: raster.width, height: raster.height, rgb: (try? Flate.deflate(raster.rgb)) ?? [],
                                                                             alpha: raster.alpha.flatMap { try? Flate.deflate($0) })
                            } else {
                                let index = written[task - fontTasks - imageTasks]
                                pagesOut[index - first] = Result {
                                    var content = PageContent(document.pages[index], tags: structure.pages[index], types: types, context: context)
                                    content.data = try Flate.deflate(content.data)
                                    return content
                                }
                            }
                        }
                    }
                }
            }
            Trace.mark("render: pages drawn, fonts cut down")
            if let cache {
                for index in missing where document.pages[index].images.isEmpty {
                    guard case .success(let content) = contents[index - first] else { continue }
                    let faces = content.glyphs.sorted { $0.key < $1.key }.map { f, glyphs in
                        (face: texts.faces[f], name: texts.names[f], glyphs: glyphs.map { ($0, texts.text(of: $0, face: f) ?? []) })
                    }
                    cache.insert(PageCache.Entry(page: document.pages[index], tags: structure.pages[index], tagNames: tagNames[index - first],
                                                 frame: frame, faces: faces, data: content.data), key: keys[index - first])
                }
            }
            for (offset, result) in contents.enumerated() {
                let page = try result.get()
                let index = first + offset
                out.begin(pageID(index))
                out.body.raw("<</Type/Page/Parent "); out.body.reference(pageTreeID)
                out.body.raw("/Contents "); out.body.reference(pageID(index) + 1)
                out.body.raw("/Resources<<")
                if !page.fonts.isEmpty {
                    out.body.raw("/Font<<")
                    for f in page.fonts.sorted() { out.body.name(texts.names[f]); out.body.raw(" "); out.body.reference(fontBase + 5 * f) }
                    out.body.raw(">>")
                }
                if !page.images.isEmpty {
                    out.body.raw("/XObject<<")
                    for i in page.images.sorted() { out.body.raw("/I"); out.body.int(i); out.body.raw(" "); out.body.reference(imageBase + 2 * i) }
                    out.body.raw(">>")
                }
                out.body.raw(">>")
                if !numbers.annotations[index].isEmpty {
                    out.body.raw("/Annots[")
                    for (n, id) in numbers.annotations[index].enumerated() { if n > 0 { out.body.raw(" ") }; out.body.reference(id) }
                    out.body.raw("]")
                }
                out.body.raw("/Tabs/S/StructParents "); out.body.int(index)
                if options.print {
                    let m = options.margin.points, b = options.bleed.points
                    let w = document.pageWidth.points, h = document.pageHeight.points
                    out.body.raw("/TrimBox"); out.body.rectangle(m, m, m + w, m + h)
                    out.body.raw("/BleedBox"); out.body.rectangle(m - b, m - b, m + w + b, m + h + b)
                }
                out.body.raw(">>")
                out.end()
                out.stream(pageID(index) + 1, dictionary: PDFDictionary(entries: [("Filter", .name("FlateDecode"))]), data: page.data)
            }
        }
        times.draw = Date().timeIntervalSince(started)
        for (index, file) in fontFiles.enumerated() where file == nil {
            throw RenderError.cannotWrite(SourceLocation(file: programs[index].face.file), "this font cannot be embedded (HarfBuzz cannot cut it down to the glyphs used); choose another font in the layout")
        }

        // The catalog and the page tree.
        out.begin(catalogID)
        out.body.raw("<</Type/Catalog/Pages "); out.body.reference(pageTreeID)
        if !navigation.headings.isEmpty { out.body.raw("/Outlines "); out.body.reference(outlinesID) }
        navigation.writeNames(pageID: pageID, into: &out.body)
        if document.pages.contains(where: { $0.label != nil }) {
            // A label that is a number continues or starts a decimal range; any other is a prefix
            // of its own; a page without one is numbered by its place.
            out.body.raw("/PageLabels<</Nums[")
            var range: (start: Int, first: Int)?
            for (index, page) in document.pages.enumerated() {
                let label = page.label ?? String(index + 1)
                if let number = Int(label), number > 0, String(number) == label {
                    if let current = range, current.first + (index - current.start) == number { continue }
                    range = (index, number)
                    out.body.int(index); out.body.raw("<</S/D/St "); out.body.int(number); out.body.raw(">>")
                } else {
                    range = nil
                    out.body.int(index); out.body.raw("<</P"); out.body.text(label); out.body.raw(">>")
                }
            }
            out.body.raw("]>>")
        }
        out.body.raw("/Lang"); out.body.text(metadata.language)
        out.body.raw("/MarkInfo<</Marked true>>/ViewerPreferences<</DisplayDocTitle true>>/StructTreeRoot "); out.body.reference(numbers.treeRoot)
        out.body.raw("/Metadata "); out.body.reference(numbers.metadata)
        out.body.raw(">>")
        out.end()
        out.begin(pageTreeID)
        out.body.raw("<</Type/Pages/Count "); out.body.int(pageCount); out.body.raw("/Kids[")
        for index in 0..<pageCount { if index > 0 { out.body.raw(" ") }; out.body.reference(pageID(index)) }
        out.body.raw("]/MediaBox[0 0 "); out.body.decimal(sheetWidth); out.body.raw(" "); out.body.decimal(sheetHeight); out.body.raw("]>>")
        out.end()

        // The fonts, the images and the outline.
        for (f, program) in programs.enumerated() {
            FontObjects.write(program, drawn: texts.drawn[f], texts: texts.texts[f], file: fontFiles[f]!, base: fontBase + 5 * f, into: &out)
        }
        for (i, form) in forms.enumerated() {
            guard let form else { continue }
            // The form maps its box onto the unit square, as an image does: the page draws both alike.
            var entries: [(String, PDFValue)] = [("Type", .name("XObject")), ("Subtype", .name("Form")),
                                                 ("BBox", .array([.integer(0), .integer(0), Self.real(form.width), Self.real(form.height)])),
                                                 ("Matrix", .array([Self.real(1 / form.width), .integer(0), .integer(0), Self.real(1 / form.height), .integer(0), .integer(0)])),
                                                 ("Resources", SVGForm.rebased(form.resources, at: formBases[i]))]
            if let group = form.group { entries.append(("Group", SVGForm.rebased(group, at: formBases[i]))) }
            entries.append(("Filter", .name("FlateDecode")))
            out.stream(imageBase + 2 * i, dictionary: PDFDictionary(entries: entries), data: try Flate.deflate(form.content))
            for (k, object) in form.objects.enumerated() {
                let value = SVGForm.rebased(object.value, at: formBases[i])
                if let data = object.data, case .dictionary(let dictionary) = value {
                    out.stream(formBases[i] + k, dictionary: dictionary, data: data)
                } else {
                    out.begin(formBases[i] + k)
                    out.body.value(value)
                    out.end()
                }
            }
        }
        for (i, image) in imageData.enumerated() {
            guard let image else { continue }
            if rasters[i] != nil, let identity = PageCache.imageIdentity(imageItems[i], key: imageKeys[i]) { cache?.insert(image, for: identity) }
            let id = imageBase + 2 * i
            var entries: [(String, PDFValue)] = [("Type", .name("XObject")), ("Subtype", .name("Image")), ("Width", .integer(image.width)),
                                                 ("Height", .integer(image.height)), ("ColorSpace", .name(image.gray ? "DeviceGray" : "DeviceRGB")),
                                                 ("BitsPerComponent", .integer(8)), ("Interpolate", .bool(true)), ("Filter", .name(image.dct ? "DCTDecode" : "FlateDecode"))]
            if let alpha = image.alpha {
                entries.append(("SMask", .reference(id + 1)))
                out.stream(id + 1, dictionary: PDFDictionary(entries: [
                    ("Type", .name("XObject")), ("Subtype", .name("Image")), ("Width", .integer(image.width)), ("Height", .integer(image.height)),
                    ("ColorSpace", .name("DeviceGray")), ("BitsPerComponent", .integer(8)), ("Interpolate", .bool(true)), ("Filter", .name("FlateDecode")),
                ]), data: alpha)
            }
            out.stream(id, dictionary: PDFDictionary(entries: entries), data: image.rgb)
        }
        Trace.mark("render: pages, fonts and images written")
        navigation.writeOutline(rootID: outlinesID, base: outlineBase, pageID: pageID, into: &out)

        // The Info dictionary, then the structure tree and the XMP metadata.
        out.begin(infoID)
        out.body.raw("<</Title"); out.body.text(metadata.title)
        out.body.raw("/Author"); out.body.text(metadata.author)
        out.body.raw("/Subject"); out.body.text(metadata.subject)
        out.body.raw("/Keywords"); out.body.text(metadata.keywords.joined(separator: ", "))
        out.body.raw("/Creator"); out.body.text(metadata.creator)
        out.body.raw("/Producer"); out.body.text(Self.producer)
        out.body.raw("/CreationDate"); out.body.text(metadata.pdfDate)
        out.body.raw("/ModDate"); out.body.text(metadata.pdfDate)
        out.body.raw(">>")
        out.end()
        writer.write(into: &out, numbers: numbers, pages: (0..<pageCount).map(pageID), metadata: Array(metadata.xmp(producer: Self.producer).utf8))
        _ = try out.finish(root: catalogID, info: infoID)
        Trace.mark("render: outline, structure tree and metadata written")

        try Self.verify(finished, reportAs: path)
        Trace.mark("render: PDF checked")
        guard TemporaryFiles.commit(finished, to: path) else {
            throw RenderError.cannotWrite(SourceLocation(file: path), "cannot move the finished PDF into place (\(String(cString: strerror(errno))))")
        }
        times.finish = Date().timeIntervalSince(started) - times.draw
        return times
    }

    /// Writes all of `bytes` to the open file `fd`.
    static func write(_ bytes: [UInt8], to fd: Int32, reportAs target: String) throws {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + done, bytes.count - done) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw RenderError.cannotWrite(SourceLocation(file: target), "the PDF could not be written (\(String(cString: strerror(errno)))); is the disk full? The previous PDF is left as it was")
            }
            done += count
        }
    }

    /// A written PDF is on the disk whole before it replaces the previous one: flushed to the
    /// disk (a full disk shows here, if not before) and ending with `%%EOF`.
    static func verify(_ file: String, reportAs target: String) throws {
        let fd = open(file, O_RDONLY)
        guard fd >= 0 else { throw RenderError.cannotWrite(SourceLocation(file: target), "the PDF was not written (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            throw RenderError.cannotWrite(SourceLocation(file: target), "the PDF could not be written to the disk (\(String(cString: strerror(errno)))); is the disk full?")
        }
        var tail = [UInt8](repeating: 0, count: 32)
        let size = lseek(fd, 0, SEEK_END)
        let start = max(0, size - 32)
        let read = pread(fd, &tail, Int(size - start), start)
        guard read > 0, String(decoding: tail[0..<read], as: UTF8.self).contains("%%EOF") else {
            throw RenderError.cannotWrite(SourceLocation(file: target), "the PDF was written incompletely (is the disk full?); the previous PDF is left as it was")
        }
    }
}

/// The system's write(2): Glibc's on Linux, Darwin's on macOS.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}

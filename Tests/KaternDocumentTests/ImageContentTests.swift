import Foundation
import Testing
@testable import KaternDocument

/// What an image file must be for the PDF to print it faithfully, read from its bytes: a JPEG
/// whole (its scan, its end, enough data for its pixels) and upright; an SVG without text.
@Suite struct ImageContentTests {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    func data(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)) }

    @Test func aWholeUprightJPEGIsFine() throws {
        let photo = try data("Booklets/opname/images/ziekenhuis.jpg")
        #expect(ImageFormat.contentProblem(photo, format: .jpeg) == nil)
        #expect(ImageFormat.jpegInfo(photo).map { [$0.width, $0.height, $0.components] } == [1200, 800, 3])
    }

    @Test func aJPEGCutShortIsDamaged() throws {
        let photo = try data("Booklets/opname/images/ziekenhuis.jpg")
        for length in [400, photo.count / 2, photo.count - 2] {
            #expect(ImageFormat.contentProblem(photo.prefix(length), format: .jpeg)?.contains("cut short or damaged") == true, "\(length) bytes")
        }
    }

    @Test func aJPEGTooSmallForItsSizeIsDamaged() throws {
        var photo = [UInt8](try data("Booklets/opname/images/ziekenhuis.jpg"))
        // The frame header's height and width bytes, set to 30000 x 30000.
        let sof = try #require((2..<(photo.count - 1)).first { photo[$0] == 0xFF && photo[$0 + 1] == 0xC0 })
        photo[sof + 5] = 0x75; photo[sof + 6] = 0x30; photo[sof + 7] = 0x75; photo[sof + 8] = 0x30
        #expect(ImageFormat.contentProblem(Data(photo), format: .jpeg)?.contains("too small for its 30000 x 30000 pixels") == true)
    }

    @Test func aSidewaysJPEGIsRefused() throws {
        let photo = try data("Tests/KaternCLITests/Fixtures/images/sideways.jpg")
        #expect(ImageFormat.exifOrientation([UInt8](photo)) == 6)
        #expect(ImageFormat.contentProblem(photo, format: .jpeg)?.contains("EXIF orientation (6)") == true)
    }

    @Test func anSVGWithTextIsRefusedOneWithPathsIsNot() throws {
        #expect(ImageFormat.contentProblem(try data("Tests/KaternCLITests/Fixtures/images/text.svg"), format: .svg)?.contains("holds text") == true)
        #expect(ImageFormat.contentProblem(try data("Booklets/opname/images/route.svg"), format: .svg) == nil)
        #expect(ImageFormat.contentProblem(Data("<svg><svg:text>x</svg:text></svg>".utf8), format: .svg) != nil)
        #expect(ImageFormat.contentProblem(Data("<svg><textarea-like/><g id=\"text\"/></svg>".utf8), format: .svg) == nil)
    }
}

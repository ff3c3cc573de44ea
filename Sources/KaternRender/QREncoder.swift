import CQrencode
import KaternDocument
import KaternLayout
import KaternStyle

/// Addresses -> QR code modules, through libqrencode (error correction level M, 8-bit mode). An
/// address too long to print as a code that still scans at the layout's size is an error at the
/// line that places it.
public enum QREncoder {
    /// The smallest printed module that phone cameras read reliably from paper.
    public static let minimumModule = Length.mm(0.4)

    public static func encode(_ address: String, printedSize: Length, at location: SourceLocation) throws -> QRMatrix {
        guard let code = QRcode_encodeString8bit(address, 0, QR_ECLEVEL_M) else {
            throw RenderError.badImage(location, "the address \(address.prefix(60))... is too long for a QR code (\(address.utf8.count) bytes); use a shorter address")
        }
        defer { QRcode_free(code) }
        let size = Int(code.pointee.width)
        let data = code.pointee.data!
        let dark = (0..<(size * size)).map { data[$0] & 1 == 1 }
        let module = printedSize * (1 / Double(size + 2 * QRMatrix.quietZone))
        if module < minimumModule {
            let most = Int((printedSize.millimetres / minimumModule.millimetres).rounded(.down)) - 2 * QRMatrix.quietZone
            throw RenderError.badImage(location, "the address is too long for a QR code printed \(Int(printedSize.millimetres.rounded())) mm wide: it needs \(size) x \(size) modules of \(String(format: "%.2f", module.millimetres)) mm, and a phone reads modules from \(String(format: "%.1f", minimumModule.millimetres)) mm (at most \(most) across); use a shorter address, or a larger qr size in the layout")
        }
        return QRMatrix(size: size, dark: dark)
    }
}

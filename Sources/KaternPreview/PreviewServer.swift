import Foundation
import Hummingbird
import Katern
import KaternLayout
import Logging
import NIOCore

/// `katern serve`: a local web server (Hummingbird) with one page, the booklet as spreads with
/// the quality findings outlined and the build's errors in a banner, updated live through
/// server-sent events. Only these addresses answer:
///
/// - `/` the page, `/app.js`, `/app.css` and `/favicon.svg` its script, style and icon;
/// - `/state?edition=&layout=` the target's pages, findings and errors (JSON);
/// - `/page/<n>.png?edition=&layout=&dpi=` a page drawn from the page model, and
///   `/page/<n>.json` its lines' text and places;
/// - `/pdf?edition=&layout=` the target's PDF;
/// - `/events` server-sent events, one after every rebuild.
///
/// Edition and layout are names looked up among the project's, never paths; anything else is a
/// 404 (a malformed number a 400), so no URL reaches a file outside the output and the sources.
public struct PreviewServer: Sendable {
    public let session: PreviewSession
    public let host: String
    public let port: Int

    public init(session: PreviewSession, host: String, port: Int) {
        self.session = session
        self.host = host
        self.port = port
    }

    /// Runs until the process ends; `started` gets the address once the server listens.
    public func run(started: @escaping @Sendable (String) -> Void) async throws {
        let router = Router()
        let session = session
        router.middlewares.add(SecurityHeaders(host: host))
        router.get("/") { _, _ in Self.text(PreviewPage.html, type: "text/html; charset=utf-8") }
        router.get("/app.js") { _, _ in Self.text(PreviewPage.script, type: "text/javascript; charset=utf-8") }
        router.get("/app.css") { _, _ in Self.text(PreviewPage.style, type: "text/css; charset=utf-8") }
        router.get("/favicon.svg") { _, _ in Self.text(PreviewPage.icon, type: "image/svg+xml") }
        router.get("/favicon.ico") { _, _ in Self.text(PreviewPage.icon, type: "image/svg+xml") }
        router.get("/state") { request, _ in
            guard let target = Self.target(request, session) else { return Self.notFound("no such edition or layout") }
            let view = await session.view(target)
            return try Self.json(PreviewState(view, target: target, session: session))
        }
        router.get("/page/:file") { request, context in
            guard let file = context.parameters.get("file"), file.hasSuffix(".png") || file.hasSuffix(".json") else { return Self.notFound("no such page") }
            let isText = file.hasSuffix(".json")
            guard let number = Int(file.dropLast(isText ? 5 : 4)), number >= 1 else { return Self.badRequest("a page is a number, such as /page/3.png") }
            if isText {
                guard let target = Self.target(request, session) else { return Self.notFound("no such edition or layout") }
                let view = await session.view(target)
                guard let pages = view.snapshot.document?.pages, number <= pages.count else { return Self.notFound("no such page") }
                return try Self.json(pages[number - 1].lines.map(PageText.init))
            }
            let dpi = request.uri.queryParameters.get("dpi").map { Double($0) } ?? 96
            guard let dpi, dpi >= 24, dpi <= Self.maxDPI else { return Self.badRequest("dpi is a number from 24 to \(Int(Self.maxDPI))") }
            guard let target = Self.target(request, session) else { return Self.notFound("no such edition or layout") }
            guard let png = await session.png(target, page: number, resolution: dpi.rounded()) else { return Self.notFound("no such page") }
            var response = Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: png)))
            response.headers[.contentType] = "image/png"
            // The URL names the page's revision: the same URL is always the same image.
            response.headers[.cacheControl] = request.uri.queryParameters.get("r") == nil ? "no-cache" : "max-age=3600"
            return response
        }
        router.get("/pdf") { request, _ in
            guard let target = Self.target(request, session) else { return Self.notFound("no such edition or layout") }
            let view = await session.view(target)
            guard view.snapshot.document != nil, let data = FileManager.default.contents(atPath: view.snapshot.request.output) else {
                return Self.notFound("this edition has no PDF yet")
            }
            var response = Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
            response.headers[.contentType] = "application/pdf"
            response.headers[.cacheControl] = "no-cache"
            return response
        }
        router.get("/events") { _, _ in
            guard let stream = session.subscribe() else {
                var busy = Self.text("too many pages are open; close some\n", type: "text/plain; charset=utf-8")
                busy.status = .serviceUnavailable
                return busy
            }
            var response = Response(status: .ok, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "retry: 500\n\n"))
                for await event in stream {
                    // A ping is a comment: the page ignores it, a closed connection fails on it.
                    try await writer.write(ByteBuffer(string: event == "ping" ? ": ping\n\n" : "data: \(event)\n\n"))
                }
                try await writer.finish(nil)
            })
            response.headers[.contentType] = "text/event-stream"
            response.headers[.cacheControl] = "no-cache"
            return response
        }
        var logger = Logger(label: "katern-serve")
        logger.logLevel = .critical
        let host = host
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "katern"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]" : host
                started("http://\(shown):\(port)/")
            },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [])
    }

    /// Three times a screen's 96 pixels per inch: sharp on any screen, and an A5 page is at most
    /// 1,680 by 2,380 pixels (16 MB to draw).
    static let maxDPI = 288.0

    static func target(_ request: Request, _ session: PreviewSession) -> PreviewSession.Target? {
        let query = request.uri.queryParameters
        return session.target(edition: query.get("edition"), layout: query.get("layout"))
    }

    static func text(_ text: String, type: String) -> Response {
        var response = Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        response.headers[.contentType] = type
        return response
    }

    static func json<T: Encodable>(_ value: T) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var response = Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
        response.headers[.contentType] = "application/json"
        response.headers[.cacheControl] = "no-cache"
        return response
    }

    static func notFound(_ message: String) -> Response {
        var response = text(message + "\n", type: "text/plain; charset=utf-8")
        response.status = .notFound
        return response
    }

    static func badRequest(_ message: String) -> Response {
        var response = text(message + "\n", type: "text/plain; charset=utf-8")
        response.status = .badRequest
        return response
    }
}

/// Every answer: no framing by other sites, no sniffing, scripts and images from this server only.
/// A request must name this server in its Host header (localhost, the loopback address, or the
/// address it listens on): a web page whose name was rebound to 127.0.0.1 (DNS rebinding) gets a
/// 403, never the sources. Listening on every interface (0.0.0.0, ::) takes any name.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    let host: String

    func allows(_ header: String?) -> Bool {
        if host == "0.0.0.0" || host == "::" { return true }
        guard let header else { return false }
        var name = header.lowercased()
        if name.hasPrefix("[") {
            name = String(name.dropFirst().prefix { $0 != "]" })
        } else if let colon = name.lastIndex(of: ":"), name.filter({ $0 == ":" }).count == 1 {
            name = String(name[..<colon])
        }
        return ["localhost", "127.0.0.1", "::1", host.lowercased()].contains(name)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard allows(request.head.authority) else {
            var refused = Response(status: .forbidden, body: ResponseBody(byteBuffer: ByteBuffer(string: "this server answers only to its own address\n")))
            refused.headers[.contentType] = "text/plain; charset=utf-8"
            return refused
        }
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self'; object-src 'none'; frame-ancestors 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}

/// A line's text and place, for the page's text layer (found with the browser's search, read by
/// a screen reader, selectable).
struct PageText: Encodable {
    var text: String
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    init(_ line: LineItem) {
        text = line.text
        x = line.origin.x.points
        y = line.origin.y.points - line.ascent.points
        width = line.width.points
        height = line.ascent.points + line.descent.points
    }
}

/// The page's view of one target, as JSON.
struct PreviewState: Encodable {
    struct PageInfo: Encodable {
        var number: Int
        var label: String?
        var width: Double
        var height: Double
        /// The page's revision, named with the run (`<run>.<build>`): the same URL is the same image.
        var revision: String
    }

    var edition: String?
    var layout: String
    var editions: [String]
    var layouts: [String]
    var version: Int
    var built: String
    var milliseconds: Int
    var pages: [PageInfo]
    var findings: [QualityReport.Finding]
    var quality: String?
    var errors: [String]
    var pdf: String?

    init(_ view: PreviewSession.View, target: PreviewSession.Target, session: PreviewSession) {
        let snapshot = view.snapshot
        edition = target.edition
        layout = target.layout
        editions = session.editions
        layouts = session.layouts.keys.sorted()
        version = snapshot.version
        built = ISO8601DateFormatter().string(from: view.builtAt)
        milliseconds = snapshot.milliseconds
        let document = snapshot.document
        pages = (document?.pages ?? []).enumerated().map { index, page in
            PageInfo(number: page.number, label: page.label, width: document!.pageWidth.points, height: document!.pageHeight.points,
                     revision: "\(session.run).\(view.revisions[index])")
        }
        findings = snapshot.quality?.findings ?? []
        quality = snapshot.quality?.shortSummary
        errors = snapshot.errors + session.sharedErrors
        var query = [URLQueryItem(name: "layout", value: target.layout)]
        if let edition = target.edition { query.insert(URLQueryItem(name: "edition", value: edition), at: 0) }
        var components = URLComponents()
        components.path = "/pdf"
        components.queryItems = query
        pdf = document == nil ? nil : components.string
    }
}

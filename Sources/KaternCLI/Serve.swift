import ArgumentParser
import Foundation
import Katern
import KaternPreview
import KaternRender

/// `katern serve`: the live preview in a browser (see `PreviewServer`).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "A live preview in the browser: the booklet as spreads, rebuilt on every change.",
        discussion: """
            Serves one page on http://127.0.0.1:8080/: the booklet as spreads (facing pages) with a \
            zoom, a picker for the edition and the layout, the quality findings outlined on the \
            pages, the build's errors in a banner over the last good pages, and a link to the PDF. \
            The page updates itself after every saved change. It answers on this computer only, \
            unless --host names another interface. Ctrl-C stops it.
            """)

    @OptionGroup var sources: SourceOptions

    @Option(help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "port"))
    var port: Int = 8080

    @Option(help: ArgumentHelp("The interface to listen on; the default answers this computer only. 0.0.0.0 shows the preview to the whole network.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Flag(help: "Open the page in the default browser.")
    var open = false

    @Flag(help: "A build with warnings or quality findings is an error.")
    var strict = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port takes 0 to 65535") }
    }

    func run() throws {
        TemporaryFiles.setInterruptHandler { _ in
            FileHandle.standardOutput.write(Data("\nstopped serving\n".utf8))
            return 0
        }
        let session = PreviewSession(base: sources.request(edition: nil), strict: strict)
        session.watch()
        session.keepAlive()
        let server = PreviewServer(session: session, host: host, port: port)
        let open = open
        final class Outcome: @unchecked Sendable {
            let done = DispatchSemaphore(value: 0)
            var failure: Error?
        }
        let outcome = Outcome()
        Task {
            do {
                try await server.run { address in
                    say("Serving the preview on \(address) (Ctrl-C stops)")
                    if open { Self.openBrowser(address) }
                }
            } catch {
                outcome.failure = error
            }
            outcome.done.signal()
        }
        outcome.done.wait()
        if let failure = outcome.failure {
            printError("error: cannot serve on \(host):\(port): \(Self.describe(failure)); choose another --port (or --port 0 for any free one)")
            throw ExitCode(1)
        }
    }

    static func describe(_ error: Error) -> String {
        let text = "\(error)"
        if text.contains("Address already in use") || text.contains("EADDRINUSE") { return "the port is in use" }
        if text.contains("Cannot assign requested address") { return "this computer has no such address" }
        return text
    }

    /// The desktop's way to open an address (xdg-open on Linux, open on macOS).
    static func openBrowser(_ address: String) {
        let process = Process()
        #if os(macOS)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/open")
        process.arguments = [address]
        #else
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", address]
        #endif
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        if (try? process.run()) == nil { printError("note: could not open a browser; open \(address) yourself") }
    }
}

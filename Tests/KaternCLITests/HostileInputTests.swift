import Foundation
import KaternTestSupport
import Testing

/// Hostile and careless input (`HostileCorpus`), each case through `katern build` in a project
/// of its own: whatever the case, no signal, no hang (killed after 60 s: a hang guard, not a
/// timing; timings are in `katern bench`), no file outside the project in a
/// PDF, no dangerous link, no temporary file left, the previous PDF intact when the build fails,
/// and an error that names the file (and line) at fault. Memory stays under 1 GiB.
@Suite struct HostileInputTests {
    @Test(arguments: HostileCorpus.cases)
    func hostileInputEndsCleanly(_ hostile: HostileCase) throws {
        let project = try HostileProject()
        defer { project.remove() }
        try hostile.spoil(project)
        let previous = try Data(contentsOf: URL(fileURLWithPath: project.output))
        let arguments = ["build", "--booklet", "Booklets/b", "--editions", "Editions"] + hostile.arguments
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let script = "\(hostile.shell) exec '\(CLI.executable)' \(quoted)"

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: project.root)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = ReadAll(out), errors = ReadAll(err)
        if let (signal, after) = hostile.signalAfter {
            Thread.sleep(forTimeInterval: after)
            kill(process.processIdentifier, signal)
        }
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let hung = process.isRunning
        if hung { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let stderr = errors.text(), stdout = output.text()
        let status = process.terminationStatus

        #expect(!hung, "\(hostile): still running after 60 s")
        #expect(process.terminationReason == .exit, "\(hostile): ended by signal \(status)\n\(stderr)")
        #expect(!stderr.contains("\u{1B}") && !stdout.contains("\u{1B}"), "\(hostile): a raw escape code reached the terminal")
        #expect(!stderr.contains("Fatal error") && !stderr.contains("Error Domain="), "\(hostile): \(stderr)")
        // No temporary file is left, anywhere in the project.
        let leftovers = (FileManager.default.enumerator(atPath: project.root)?.allObjects as? [String] ?? [])
            .filter { ($0 as NSString).lastPathComponent.hasPrefix(".katern.") }
        #expect(leftovers.isEmpty, "\(hostile): temporary files left: \(leftovers)")

        switch hostile.outcome {
        case .error(let at, let text):
            let signalled = hostile.signalAfter.map { status == 128 + $0.signal } ?? false
            #expect(status == 1 || signalled, "\(hostile): exit \(status), stderr: \(stderr)")
            if !text.isEmpty { #expect(stderr.contains(text), "\(hostile): the message lacks '\(text)': \(stderr)") }
            if !at.isEmpty {
                #expect(stderr.contains(at) && stderr.contains("error:"), "\(hostile): the error is not at \(at): \(stderr)")
            }
            // The previous PDF is left as it was.
            #expect(try Data(contentsOf: URL(fileURLWithPath: project.output)) == previous, "\(hostile): the previous PDF was changed")
        case .usage:
            #expect(status == 64, "\(hostile): exit \(status)")
        case .built:
            #expect(status == 0, "\(hostile): exit \(status), stderr: \(stderr)")
            let info = try CLI.run("/usr/bin/pdfinfo", [project.output])
            #expect(info.status == 0, "\(hostile): the PDF cannot be read")
            let text = try CLI.run("/usr/bin/pdftotext", [project.output, "-"]).stdout
            #expect(!text.contains("GEHEIM") && !text.contains("root:x:"), "\(hostile): text from outside the project is in the PDF")
        }
        // Whatever was built holds no link but to the web, e-mail, telephone or a heading.
        for pdf in (try? FileManager.default.contentsOfDirectory(atPath: project.root + "/Output")) ?? [] where pdf.hasSuffix(".pdf") {
            let objects = try CLI.run("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", project.root + "/Output/" + pdf, "-"]).stdout
            for line in objects.split(separator: "\n") where line.contains("/URI (") {
                #expect(line.contains("(https://") || line.contains("(http://") || line.contains("(mailto:") || line.contains("(tel:"),
                        "\(hostile): a link in \(pdf): \(line)")
            }
        }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        #expect(usage.ru_maxrss < 1 << 20, "\(hostile): a katern run took \(usage.ru_maxrss / 1024) MiB")
    }
}

/// Reads a pipe to its end in the background (so a chatty child never blocks on a full pipe).
final class ReadAll: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}

import ArgumentParser
import Foundation
import Katern
import KaternRender

/// `katern watch`: builds, then builds again whenever a file the build read changes, in the same
/// process and reusing what did not change. An error is printed and the watch goes on; the last
/// good PDF stays. Ctrl-C stops it (exit status 0).
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Build, then rebuild whenever a source changes.",
        discussion: """
            Watches the booklet's folder, the layout, the editions, the fonts, Hyphenation/, \
            Languages/ and the folders of the images the pages place, and rebuilds on every saved \
            change (a burst of saves is one change), printing a line per rebuild: the time, the \
            pages and the quality findings, or the errors as file:line. An error never stops the \
            watch and never replaces the last good PDF. Ctrl-C stops it.
            """)

    @OptionGroup var sources: SourceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the PDF (default: <project>/Output/<booklet>[-<edition>][-<layout>].pdf).", valueName: "file"))
    var output: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Watch this hospital edition (its id, see `katern editions`).", valueName: "id"), completion: EditionCompletion.ids)
    var edition: String?

    @Flag(help: "Build the base booklet and every edition, and rebuild them all on each change.")
    var allEditions = false

    @Flag(help: "The print PDF: bleed, crop marks, TrimBox and BleedBox.")
    var print = false

    @Flag(help: "A rebuild with warnings or quality findings is an error (and its PDF is not written).")
    var strict = false

    func validate() throws {
        if allEditions && edition != nil { throw ValidationError("--all-editions watches every edition; it does not take --edition") }
        if allEditions && output != nil { throw ValidationError("--all-editions names its PDFs itself; it does not take --output") }
    }

    func run() throws {
        TemporaryFiles.setInterruptHandler { _ in
            FileHandle.standardOutput.write(Data("\nstopped watching\n".utf8))
            return 0
        }
        let live = LiveBuild(strict: strict)
        let watcher = FileWatcher()
        var changes: [String] = []
        // The booklet is the one found at the start, even when its folder is moved away for a while.
        var sources = sources
        sources.booklet = sources.request(edition: nil).booklet
        while true {
            let (requests, scanErrors) = targets(sources)
            // Watched before the build reads them: a save during the build is the next change.
            watcher.ignored = live.outputs.union(requests.map(\.output))
            watcher.watch(live.roots(for: requests))
            let started = Date()
            let snapshots = requests.map { live.build($0) }
            watcher.watch(live.roots)
            report(snapshots, milliseconds: Int(Date().timeIntervalSince(started) * 1000), changes: changes)
            if !scanErrors.isEmpty { say("[\(Self.clock())] the editions folder has errors; no edition was built:") }
            for error in scanErrors { printError(error) }
            changes = watcher.next()
            live.changed(changes)
        }
    }

    /// The requests to build this round (an edition file added or removed shows at the next
    /// change), and the errors of the editions folder (two files for one id...): the base
    /// booklet is still built, and the errors are printed.
    func targets(_ sources: SourceOptions) -> ([BuildRequest], [String]) {
        guard allEditions else { return ([sources.request(edition: edition, output: output, print: print)], []) }
        var errors: [String] = []
        var ids: [String] = []
        do {
            ids = try sources.editionIDs(note: { _ in })
        } catch {
            errors = Pipeline.messages(of: error, building: sources.request(edition: nil).editions)
        }
        return (([nil] + ids.map { Optional($0) }).map { sources.request(edition: $0, print: print) }, errors)
    }

    func report(_ snapshots: [LiveBuild.Snapshot], milliseconds: Int, changes: [String]) {
        let time = Self.clock()
        let cause = changes.isEmpty ? "" : " (\(Self.describe(changes)) changed)"
        let failed = snapshots.filter(\.failed)
        if snapshots.count == 1, let snapshot = snapshots.first {
            if let report = snapshot.report, !snapshot.failed {
                say("[\(time)] \(report.output): \(report.pageCount) pages in \(snapshot.milliseconds) ms\(cause); \(report.quality.shortSummary)")
                for warning in report.warnings { printError(warning) }
            } else {
                say("[\(time)] build failed\(cause); the last good PDF is kept:")
            }
        } else {
            let pages = snapshots.compactMap { $0.failed ? nil : $0.report?.pageCount }.reduce(0, +)
            let findings = snapshots.compactMap { $0.failed ? nil : $0.report?.quality.findings.count }.reduce(0, +)
            say("[\(time)] \(snapshots.count - failed.count) of \(snapshots.count) PDFs built (\(pages) pages) in \(milliseconds) ms\(cause); "
                + "quality: \(findings) finding\(findings == 1 ? "" : "s")" + (failed.isEmpty ? "" : "; \(failed.count) failed, their last good PDFs are kept:"))
        }
        for snapshot in failed {
            for error in snapshot.errors { printError(error) }
        }
    }

    /// The changed files, named relative to the current folder: one, or the first and how many more.
    static func describe(_ changes: [String]) -> String {
        let here = FileManager.default.currentDirectoryPath + "/"
        // An editor's or sed's temporary file, gone by now, is not named (unless only removals happened).
        let present = changes.filter { FileManager.default.fileExists(atPath: $0) }
        let names = (present.isEmpty ? changes : present).map { $0.hasPrefix(here) ? String($0.dropFirst(here.count)) : $0 }
        return names.count == 1 ? names[0] : "\(names[0]) and \(names.count - 1) more"
    }

    /// The local time of day, HH:MM:SS.
    static func clock() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}

import ArgumentParser
import Foundation
import PartnerLedger
import PartnerProjections
import PartnerReports

extension Pledger {
    /// `pledger append`: one raw JSON event.
    struct Append: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record one event written as JSON, checked like every other command.",
            discussion: """
                The event is an object with partnership, type and payload, and optionally id, version, \
                occurredAt, causationId and correlationId, such as:
                  {"partnership":"acme-iot","type":"ExecAccessRequested","payload":{"by":"initech","granted":true}}
                The payload follows Schemas/events/<type>.v<version>.schema.json.
                """)

        @OptionGroup var options: LedgerOptions

        @Argument(help: ArgumentHelp("The event as JSON; - or nothing reads it from standard input.", valueName: "json"))
        var event: String?

        @Option(name: .long, help: ArgumentHelp("Read the event from this file instead.", valueName: "path"), completion: .file())
        var file: String?

        func validate() throws {
            if event != nil, file != nil { throw ValidationError("Give the event as an argument or with --file, not both.") }
        }

        func run() throws {
            let data: Data
            if let file {
                guard let contents = FileManager.default.contents(atPath: file) else {
                    throw LedgerError.unreadableInput(path: file, reason: "no such file, or it cannot be read")
                }
                data = contents
            } else if let event, event != "-" {
                data = Data(event.utf8)
            } else {
                data = FileHandle.standardInput.readDataToEndOfFile()
            }
            let ledger = try options.open()
            do {
                try Recorder.print(try ledger.append(json: data), json: options.json)
            } catch let error as DomainError {
                throw Refused(error: error)
            }
        }
    }

    /// `pledger import`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import events from a JSON Lines file: checked line by line, batched, idempotent by event id.",
            discussion: """
                Each line is one event envelope, as `pledger export` writes them. Lines are checked \
                against the ledger and the lines before them, then appended in batches, one transaction \
                each. The import stops at the first refused line: earlier batches stay written and \
                nothing of its batch is written. Fix the line and run the same import again: lines whose \
                event id is stored already with the same content are skipped. --dry-run checks the whole \
                file, reports every refused line and writes nothing.

                By default (--recorded-at keep) lines that carry recordedAt, recordedBy and source keep \
                them, so an export imported into a new ledger has the same hashes; such lines are written \
                one transaction per recorded time. --recorded-at now records every line now, as an import.
                """)

        @OptionGroup var options: LedgerOptions

        @Argument(help: ArgumentHelp("The JSON Lines file; - reads standard input.", valueName: "file"), completion: .file())
        var file: String

        @Flag(name: .long, help: "Check every line and report, without writing anything.")
        var dryRun = false

        @Option(name: .long, help: ArgumentHelp("Events per transaction.", valueName: "count"))
        var batchSize = 1000

        @Option(name: .long, help: ArgumentHelp("keep (the default): keep the recorded times of an export; now: record every line now.", valueName: "keep|now"))
        var recordedAt: ImportOptions.RecordedTimes = .keep

        func validate() throws {
            if batchSize < 1 { throw ValidationError("--batch-size must be 1 or more.") }
        }

        func run() throws {
            let ledger = try options.open()
            let progress = Terminal.isErrorTerminal && !options.json ? ProgressBar() : nil
            let summary = try ledger.importEvents(
                from: file, options: ImportOptions(dryRun: dryRun, batchSize: batchSize, recordedTimes: recordedAt),
                progress: progress.map { bar in { bar.show($0) } })
            progress?.clear()
            if options.json {
                try Terminal.printJSON(summary)
            } else {
                print(Self.describe(summary))
                for problem in summary.problems { Terminal.printError(problem.description) }
                if summary.rejected > summary.problems.count {
                    Terminal.printError("\(summary.rejected - summary.problems.count) more lines were refused.")
                }
                if let line = summary.stoppedAtLine {
                    let first = summary.unwrittenBatchFirstLine ?? line
                    let range = first == line ? "line \(line)" : "lines \(first)-\(line)"
                    Terminal.printError("the import stopped at line \(line); nothing of its batch (\(range)) was written. Fix the line and run the same import again: lines already stored are skipped.")
                }
            }
            if summary.rejected > 0 { throw ExitCode(ExitStatus.invalidInput.rawValue) }
        }

        static func describe(_ summary: ImportSummary) -> String {
            if summary.dryRun {
                return "Dry run: read \(summary.linesRead) lines: \(summary.appended) would be appended, \(summary.alreadyPresent) already present, \(summary.rejected) refused. Nothing was written."
            }
            var text = "Read \(summary.linesRead) lines: \(summary.appended) appended in \(summary.batches) \(summary.batches == 1 ? "batch" : "batches"), \(summary.alreadyPresent) already present, \(summary.rejected) refused."
            if summary.recordedTimesMovedForward > 0 {
                text += " \(summary.recordedTimesMovedForward) events were recorded later than their recordedAt, because the ledger already held later events."
            }
            return text
        }
    }

    /// `pledger export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export events as JSON Lines that `pledger import` turns back into an identical history.")

        @OptionGroup var options: LedgerOptions

        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "path"), completion: .file())
        var output: String?

        @Option(name: [.short, .customLong("partnership")], help: ArgumentHelp("Only this partnership (repeat).", valueName: "slug"))
        var partnerships: [String] = []

        func run() throws {
            try OutputPath.check(output, option: "-o", ledger: options.path)
            let ledger = try options.open(readOnly: true)
            let sink = try OutputFile(path: output)
            let count = try ledger.export(partnerships: partnerships.isEmpty ? nil : Set(partnerships)) { try sink.write($0) }
            try sink.close()
            if let output {
                if options.json {
                    try Terminal.printJSON(["events": count])
                } else {
                    print("Exported \(count) events to \(output).")
                }
            }
        }
    }

    /// `pledger history`.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replay the audit history: position, business and recorded time, writer, type, summary and hash.",
            discussion: """
                --as-of T shows what had happened by T (business time); --known-at T shows what the ledger \
                knew at T (recorded time); both leave out events retracted in that view. Without them, \
                retracted events are shown and marked. A date alone in --until, --as-of and --known-at \
                means the end of that day (UTC). --json prints one document with every row and full digests.
                """)

        @OptionGroup var options: LedgerOptions

        @Option(name: [.short, .customLong("partnership")], help: ArgumentHelp("Only this partnership (repeat).", valueName: "slug"))
        var partnerships: [String] = []

        @Option(name: .customLong("type"), help: ArgumentHelp("Only this event type, such as CommitmentMade (repeat).", valueName: "type"),
                completion: .list(EventCatalog.eventTypes))
        var types: [String] = []

        @Option(name: .long, help: ArgumentHelp("Only events that happened at or after this time.", valueName: "time")) var since: String?
        @Option(name: .long, help: ArgumentHelp("Only events that happened at or before this time.", valueName: "time")) var until: String?
        @Option(name: .long, help: ArgumentHelp("The ledger as of this business time.", valueName: "time")) var asOf: String?
        @Option(name: .long, help: ArgumentHelp("The ledger as known at this recorded time.", valueName: "time")) var knownAt: String?
        @Option(name: .long, help: ArgumentHelp("Only the last this many rows.", valueName: "count")) var last: Int?
        @Flag(name: .long, help: "Recompute the hash chain while replaying; exit 1 when it is broken.") var verify = false

        func run() throws {
            let query: HistoryQuery
            do {
                query = HistoryQuery(
                    partnerships: partnerships.isEmpty ? nil : Set(partnerships), types: types.isEmpty ? nil : Set(types),
                    since: try since.map { text throws(DomainError) in try Value.instant(text, option: "--since") },
                    until: try until.map { text throws(DomainError) in try Value.instant(text, option: "--until", endOfDay: true) },
                    asOf: try asOf.map { text throws(DomainError) in try Value.instant(text, option: "--as-of", endOfDay: true) },
                    knownAt: try knownAt.map { text throws(DomainError) in try Value.instant(text, option: "--known-at", endOfDay: true) },
                    last: last, verify: verify)
            } catch {
                throw Refused(error: error)
            }
            let ledger = try options.open(readOnly: true)
            if options.json {
                var rows: [HistoryRow] = []
                let verification = try ledger.history(query) { rows.append($0) }
                try Terminal.printJSON(HistoryDocument(events: rows, verification: verification))
                if let verification, !verification.isIntact { throw ChainBroken(verification: verification) }
                return
            }
            var printer = HistoryPrinter(showsVerification: verify)
            let verification = try ledger.history(query) { printer.print($0) }
            printer.finish()
            if let verification {
                guard verification.isIntact else { throw ChainBroken(verification: verification) }
                print(Terminal.style("Chain verified: \(verification).", .green))
            }
        }
    }

    /// `pledger verify`.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the hash chain of every event; exit 1 when it is broken.")

        @OptionGroup var options: LedgerOptions

        func run() throws {
            let verification = try options.open(readOnly: true).verify()
            if options.json {
                try Terminal.printJSON(verification)
            } else if verification.isIntact {
                print(Terminal.style("Verified \(verification.eventCount) events.", .green) + " Head digest \(verification.headDigest).")
            }
            if !verification.isIntact { throw ChainBroken(verification: verification) }
        }
    }

    /// `pledger digest`.
    struct Digest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the head digest: publish it, and anyone can later check that the history was not rewritten.")

        @OptionGroup var options: LedgerOptions

        func run() throws {
            let head = try options.open(readOnly: true).head()
            if options.json {
                try Terminal.printJSON(head)
            } else {
                print("\(head.digest)  position \(head.position)\(head.recordedAt.map { "  recorded \($0)" } ?? "")")
            }
        }
    }

    /// `pledger views rebuild`.
    struct Views: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the stored views that answer health, flags and reports.",
            subcommands: [Rebuild.self])

        /// `pledger views rebuild`.
        struct Rebuild: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Rebuild every stored view from the log.",
                discussion: """
                    The views are derived from the log alone and are rebuilt whenever one is found damaged; \
                    this does it on demand, for every partnership. The log is only read.
                    """)

            @OptionGroup var options: LedgerOptions

            func run() throws {
                let rebuilt = try options.open().rebuildViews()
                if options.json {
                    try Terminal.printJSON(["partnerships": Int(rebuilt.partnerships), "position": Int(rebuilt.position)])
                } else {
                    print("Rebuilt the views of \(rebuilt.partnerships) partnerships from the log, through position \(rebuilt.position).")
                }
            }
        }
    }

    /// `pledger backup`.
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a verified, compacted copy of the ledger and its settings into a new or empty directory.")

        @OptionGroup var options: LedgerOptions

        @Argument(help: ArgumentHelp("The backup directory (missing or empty).", valueName: "directory"), completion: .directory)
        var directory: String

        func run() throws {
            try OutputPath.check(directory, option: "backup", ledger: options.path)
            let verification = try options.open(readOnly: true).backup(to: directory)
            if options.json {
                try Terminal.printJSON(verification)
            } else {
                print("Backed up \(verification.eventCount) events to \(directory); head digest \(verification.headDigest).")
            }
        }
    }

    /// `pledger restore`.
    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a backup into the ledger location (which must be missing or empty) and verify it.")

        @OptionGroup var options: LedgerOptions

        @Argument(help: ArgumentHelp("The backup directory.", valueName: "backup"), completion: .directory)
        var backup: String

        func run() throws {
            // Restoring a backup kept inside the ledger directory would replace the backup while reading it.
            try OutputPath.check(backup, option: "restore", ledger: options.path)
            let verification = try Ledger.restore(from: backup, to: options.path)
            if options.json {
                try Terminal.printJSON(verification)
            } else {
                print("Restored \(verification.eventCount) events into \(options.path); head digest \(verification.headDigest).")
            }
        }
    }

    /// `pledger demo`.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a sample ledger: four partnerships over two years, each telling a different story.",
            discussion: """
                helix is a true partnership; quarry is a supplier/customer relationship recorded as a \
                partnership; orbital starts with an upfront investment and its engagement then falls; lumen \
                is new. The ledger goes into PATH (missing or empty), else a new temporary directory; your \
                own ledger is never touched. The demo prints the portfolio and writes the HTML trend report of \
                the last two years beside the ledger (--report FILE to choose where).
                """)

        @Flag(name: .long, help: "Print JSON for scripts instead of text.")
        var json = false

        @Argument(help: ArgumentHelp("Where to create the demo ledger (missing or empty).", valueName: "path"), completion: .directory)
        var path: String?

        @Option(
            name: .long,
            help: ArgumentHelp("Where to write the HTML trend report of the last two years. Default: beside the ledger, PATH-report.html.", valueName: "file"),
            completion: .file(extensions: ["html"]))
        var report: String?

        func run() throws {
            let directory = try path ?? Self.temporaryDirectory()
            if Ledger.holdsLedger(at: directory) || !((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).isEmpty {
                throw LedgerError.notEmptyDirectory(path: directory)
            }
            let now = Timestamp(Date())
            try OutputPath.check(report, option: "--report", ledger: directory)
            let sample = try Self.build(in: directory, today: now.calendarDate)
            let view = ViewPoint(asOf: now)
            let states = try sample.ledger.projections(model: .default)
            let portfolio = try states.portfolio(at: view)
            let reportPath = report ?? sample.path + "-report.html"
            let today = now.calendarDate
            let range = ReportRange(
                from: Pledger.Report.defaultStart(endingAt: today, period: .month, months: 24), to: today, period: .month)
            try Pledger.Report.write(try states.trendReport(scope: .portfolio, range: range), format: .html, to: reportPath)
            if json {
                try Terminal.printJSON(DemoDocument(
                    ledger: sample.path, partnerships: sample.overviews.map(\.slug), lastEvents: sample.rows,
                    verification: sample.verification,
                    portfolio: PortfolioDocument(modelVersion: ScoringModel.default.version, view: view, partnerships: portfolio),
                    report: reportPath))
                return
            }
            print(Terminal.style("Partnerships", .bold))
            for line in PartnershipListing.lines(sample.overviews, today: now.calendarDate) { print("  " + line) }
            print("")
            print(Terminal.style("Last events", .bold))
            var printer = HistoryPrinter(showsVerification: false, indent: "  ")
            for row in sample.rows { printer.print(row) }
            printer.finish()
            print("")
            print(Terminal.style("Verified \(sample.verification.eventCount) events.", .green) + " Head digest \(sample.verification.headDigest).")
            print("")
            print("The demo ledger is at \(sample.path). Explore it with:")
            print("  export PLEDGER_LEDGER=\(sample.path)")
            print("  pledger partnership show helix")
            print("  pledger history --partnership quarry --last 20")
            print("  pledger health quarry --explain")
            print("  pledger report quarry --period quarter")
            print("")
            for line in PortfolioTable.lines(portfolio, view: view, modelVersion: ScoringModel.default.version) { print(line) }
            print("")
            print(Terminal.style("Trend report of the last two years (HTML, open it in a browser):", .bold))
            print("  \(reportPath)")
        }

        /// Creates the sample ledger and reads what the demo prints of it.
        static func build(
            in directory: String, today: CalendarDate
        ) throws -> (ledger: Ledger, path: String, overviews: [PartnershipListEntry], rows: [HistoryRow], verification: Verification) {
            let ledger = try PartnerLedger.Demo.create(at: directory, today: today)
            let overviews = try ledger.partnershipList(today: today)
            var rows: [HistoryRow] = []
            try ledger.history(HistoryQuery(last: 8)) { rows.append($0) }
            return (ledger, ledger.path, overviews, rows, try ledger.verify())
        }

        static func temporaryDirectory() throws -> String {
            let base = FileManager.default.temporaryDirectory.path
            var template = Array("\(base)/pledger-demo.XXXXXX".utf8CString)
            guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
                throw OutputFailure(path: base, reason: String(cString: strerror(errno)))
            }
            return String(cString: created)
        }
    }
}

extension ImportOptions.RecordedTimes: ExpressibleByArgument {}

/// What `history --json` prints.
private struct HistoryDocument: Encodable {
    let events: [HistoryRow]
    let verification: Verification?
}

/// What `demo --json` prints.
private struct DemoDocument: Encodable {
    let ledger: String
    let partnerships: [String]
    let lastEvents: [HistoryRow]
    let verification: Verification
    let portfolio: PortfolioDocument
    let report: String
}

/// Prints history rows as aligned text, one line each, as they come.
struct HistoryPrinter {
    let showsVerification: Bool
    var indent = ""
    private var printedHeader = false

    init(showsVerification: Bool, indent: String = "") {
        self.showsVerification = showsVerification
        self.indent = indent
    }

    mutating func print(_ row: HistoryRow) {
        if !printedHeader {
            printedHeader = true
            Terminal.printLine(indent + Terminal.style(columns(
                "#", "OCCURRED", "RECORDED", "BY", "PARTNERSHIP", "TYPE", "DIGEST", showsVerification ? "CHAIN" : nil, "SUMMARY"), .bold))
        }
        let summary = row.retractedBy.map { Terminal.style("[retracted by #\($0)] ", .yellow) + row.summary } ?? row.summary
        let chain = row.verified.map { $0 ? "ok" : Terminal.style("BROKEN", .red) }
        Terminal.printLine(indent + columns(
            String(row.position), Terminal.minute(row.occurredAt), Terminal.minute(row.recordedAt), row.recordedBy,
            row.partnership, row.type, Terminal.style(String(row.digest.prefix(12)), .dim), chain, summary))
    }

    mutating func finish() {
        if !printedHeader { Terminal.printLine(indent + "No events match.") }
    }

    private func columns(
        _ position: String, _ occurred: String, _ recorded: String, _ by: String, _ partnership: String,
        _ type: String, _ digest: String, _ chain: String?, _ summary: String
    ) -> String {
        func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
            let visible = text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression).count
            let padding = String(repeating: " ", count: max(0, width - visible))
            return right ? padding + text : text + padding
        }
        var parts = [pad(position, 5, right: true), pad(occurred, 16), pad(recorded, 16), pad(by, 10), pad(partnership, 12), pad(type, 26), pad(digest, 12)]
        if let chain { parts.append(pad(chain, 6)) }
        parts.append(summary)
        return parts.joined(separator: "  ")
    }
}

/// Draws a long task's progress on standard error, which is a terminal.
final class ProgressBar {
    let label: String

    init(label: String = "importing") {
        self.label = label
    }

    func show(_ progress: ImportProgress) {
        let lines = "\(progress.linesRead) lines"
        guard let total = progress.totalBytes, total > 0 else {
            Terminal.writeError("\r\(label): \(lines)")
            return
        }
        show(fraction: Double(progress.bytesRead) / Double(total), detail: lines)
    }

    /// Draws `[####------] 40%  detail`.
    func show(fraction: Double, detail: String) {
        let fraction = min(1, max(0, fraction))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        Terminal.writeError("\r\(label) [\(bar)] \(Int(fraction * 100))%  \(detail)")
    }

    func clear() {
        Terminal.writeError("\r\u{1B}[K")
    }
}

/// Standard output, or a file created for writing.
final class OutputFile {
    private let handle: FileHandle
    private let path: String
    private var buffer = Data()

    init(path: String?) throws {
        guard let path, path != "-" else {
            handle = FileHandle.standardOutput
            self.path = "standard output"
            return
        }
        // A device or a pipe is written in place; a file is created (or emptied) first.
        let created = !OutputPath.isReplaceable(path) || FileManager.default.createFile(atPath: path, contents: nil)
        guard created, let handle = FileHandle(forWritingAtPath: path) else {
            throw OutputFailure(path: path, reason: "the file cannot be created")
        }
        self.handle = handle
        self.path = path
    }

    func write(_ data: Data) throws {
        buffer.append(data)
        if buffer.count >= 1 << 16 { try flush() }
    }

    func close() throws {
        try flush()
        if handle !== FileHandle.standardOutput { try handle.close() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw OutputFailure(path: path, reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

import ArgumentParser
import Foundation
import PartnerLedger
import PartnerProjections
import PartnerReports

extension Pledger {
    /// `pledger report`: a trend report of one partnership or the portfolio.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a trend report of one partnership, or of every partnership with --all.",
            discussion: """
                The range runs from --from through --to (both days included; default: the twelve months, \
                or four quarters, ending with the one that holds --to, which defaults to today), cut into \
                calendar months or quarters. Each period counts the events that occurred in it: calls \
                attended and held, meetings cancelled and missed, QBR attendees by seniority, commitments \
                made, fulfilled and missed, and opportunities each way; health and transparency are taken at \
                its last instant. The report then gives the standing red flags with their events, the \
                relationship verdict with its reasons, the scoring model's version and the ledger's head \
                digest, so that anyone can check it against the ledger.

                Formats: text (sparklines, colour on a terminal unless NO_COLOR), markdown, html (one \
                self-contained page with inline SVG charts, for screen and print), json (described by \
                Schemas/report.schema.json) and csv (one row per partnership, period and party). Without \
                --format the extension of -o chooses, else text.
                """)

        @OptionGroup var options: LedgerOptions

        @Argument(help: ArgumentHelp("A partnership's slug; omit it, or give --all, for the portfolio.", valueName: "slug"))
        var partnership: String?

        @Flag(name: .long, help: "Report every partnership, ranked by health.")
        var all = false

        @Option(name: .long, help: ArgumentHelp("The first day, YYYY-MM-DD.", valueName: "date"))
        var from: String?

        @Option(name: .long, help: ArgumentHelp("The last day, YYYY-MM-DD. Default: today (UTC).", valueName: "date"))
        var to: String?

        @Option(name: .long, help: ArgumentHelp("month or quarter.", valueName: "period"))
        var period: ReportPeriod = .month

        @Option(name: .long, help: ArgumentHelp("text, markdown, html, json or csv.", valueName: "format"))
        var format: ReportFormat?

        @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"), completion: .file())
        var output: String?

        @Option(name: .long, help: ArgumentHelp("Count only what the ledger knew at this recorded time; a date alone means the end of that day (UTC).", valueName: "time"))
        var knownAt: String?

        @OptionGroup var model: ModelOption

        func validate() throws {
            if all && partnership != nil {
                throw ValidationError("Give a partnership or --all, not both: `pledger report \(partnership ?? "")` or `pledger report --all`.")
            }
            if options.json, let format, format != .json {
                throw ValidationError("--json asks for JSON but --format is \(format.rawValue); give one of them.")
            }
        }

        func run() throws {
            let range = try self.range()
            let chosen = chosenFormat()
            try OutputPath.check(output, option: "-o", ledger: options.path)
            let states = try ProjectionStates(options, model: try model.load())
            let report = try states.trendReport(scope: partnership.map { .partnership($0) } ?? .portfolio, range: range)
            if let partnership, report.partnerships.isEmpty {
                throw ValidationError("\(partnership) was not opened by --to \(range.to); give a later --to.")
            }
            guard let output, output != "-" else {
                print(chosen.render(report, colour: Terminal.isColourful), terminator: "")
                return
            }
            try Self.write(report, format: chosen, to: output)
            let subject = report.scope == .portfolio ? "\(report.partnerships.count) partnerships" : report.partnerships.first?.partnership ?? ""
            print("Wrote the \(chosen.rawValue) report of \(subject), \(report.range.from) – \(report.range.to), to \(output).")
        }

        /// Writes a report to a file, whole or not at all.
        static func write(_ report: TrendReport, format: ReportFormat, to path: String) throws {
            do {
                // A text report is read in a terminal as often as in an editor: its control characters are escaped.
                let rendered = format.render(report)
                let data = Data((format == .text ? Terminal.safe(rendered, keepingStyles: false) : rendered).utf8)
                if OutputPath.isReplaceable(path) {
                    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
                } else {
                    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                    defer { try? handle.close() }
                    try handle.write(contentsOf: data)
                }
            } catch {
                throw OutputFailure(path: path, reason: (error as NSError).localizedDescription)
            }
        }

        /// The format asked for: --format, --json, the output file's extension, else text.
        func chosenFormat() -> ReportFormat {
            if let format { return format }
            if options.json { return .json }
            return output.flatMap(ReportFormat.implied(byFileName:)) ?? .text
        }

        /// The range the options name, with errors that name the option.
        func range() throws -> ReportRange {
            let end: CalendarDate
            let start: CalendarDate?
            let knownAt: Timestamp?
            do throws(DomainError) {
                end = try to.map { text throws(DomainError) in try Value.date(text, option: "--to") } ?? Timestamp(Date()).calendarDate
                start = try from.map { text throws(DomainError) in try Value.date(text, option: "--from") }
                knownAt = try self.knownAt.map { text throws(DomainError) in try Value.instant(text, option: "--known-at", endOfDay: true) }
            } catch {
                throw Refused(error: error)
            }
            let first = start ?? Self.defaultStart(endingAt: end, period: period)
            if first > end {
                throw ValidationError("--from \(first) is after --to \(end); give a --from on or before \(end).")
            }
            return ReportRange(from: first, to: end, period: period, knownAt: knownAt)
        }

        /// The first day of the range of `months` months (rounded to whole quarters by quarter) that ends with the period holding `end`.
        static func defaultStart(endingAt end: CalendarDate, period: ReportPeriod, months: Int = 12) -> CalendarDate {
            var monthIndex = end.year * 12 + end.month - 1
            switch period {
            case .month: monthIndex -= months - 1
            case .quarter: monthIndex = monthIndex - (end.month - 1) % 3 - (months - 3)
            }
            let firstOfEndMonth = end.adding(days: 1 - end.day)
            var day = firstOfEndMonth
            while day.year * 12 + day.month - 1 > monthIndex {
                day = day.adding(days: -1)
                day = day.adding(days: 1 - day.day)
            }
            return day
        }
    }
}

extension ReportPeriod: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

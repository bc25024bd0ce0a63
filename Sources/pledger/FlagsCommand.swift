import ArgumentParser
import Foundation
import PartnerLedger
import PartnerProjections

extension Pledger {
    /// `pledger flags`: the red flags standing, with their rules and evidence.
    struct Flags: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the red flags standing in every partnership, or in one.",
            discussion: """
                Each flag names its party (none when it is about the partnership), its severity, the rules \
                that hold with the events behind each, and the first day of its current run (checked at \
                every month end). Takes --as-of, --known-at and --model as `pledger health` does.
                """)

        @OptionGroup var options: LedgerOptions
        @OptionGroup var report: ReportOptions

        @Argument(help: ArgumentHelp("A partnership's slug. Default: every partnership.", valueName: "slug"))
        var partnership: String?

        func run() throws {
            let view = try report.viewPoint()
            let states = try ProjectionStates(options, model: try report.model.load())
            // Only each partnership's flags are kept: a full report is far larger.
            let flags = try partnership.map { slug in
                let report = try states.report(for: slug, at: view)
                return [FlagsDocument.Partnership(partnership: report.partnership, flags: report.flags)]
            } ?? states.eachReport(at: view) { FlagsDocument.Partnership(partnership: $0.partnership, flags: $0.flags) }
            if options.json {
                try Terminal.printJSON(FlagsDocument(
                    modelVersion: states.model.version, asOf: view.asOf, knownAt: view.knownAt, partnerships: flags))
                return
            }
            print(Terminal.style("Red flags \(ReportText.view(view))", .bold) + ", scoring model \(states.model.version)")
            for partnership in flags {
                print("")
                print(Terminal.style(partnership.partnership, .bold) + (partnership.flags.isEmpty ? ": no flags." : ": \(partnership.flags.count) flags."))
                for flag in partnership.flags { for line in FlagText.lines(flag) { print("  " + line) } }
            }
        }
    }
}

/// What `flags --json` prints.
private struct FlagsDocument: Encodable {
    struct Partnership: Encodable {
        let partnership: String
        let flags: [RedFlag]
    }

    let modelVersion: String
    let asOf: Timestamp
    let knownAt: Timestamp?
    let partnerships: [Partnership]
}

/// One red flag as text: a heading line, then each rule with its events.
enum FlagText {
    static func lines(_ flag: RedFlag) -> [String] {
        let severity = flag.severity == .critical ? Terminal.style("critical", .red) : Terminal.style("warning", .yellow)
        var heading = "\(Terminal.style(flag.kind.rawValue, .bold)) \(severity), party \(flag.party ?? "— (the partnership)")"
        if let raised = flag.firstRaised { heading += ", first raised \(raised)" }
        var lines = [heading]
        for rule in flag.rules {
            lines.append("  rule \(rule.rule): \(rule.explanation)")
            if !rule.evidence.isEmpty { lines.append("    events: " + rule.evidence.map(ReportText.id).joined(separator: ", ")) }
        }
        return lines
    }
}

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
                every month end). A rule with less evidence than the scoring model says it needs raises \
                nothing: for one partnership each such rule is listed with what it needs and has (`pledger \
                model show` lists every need); for the portfolio, their number. Takes --as-of, --known-at and \
                --model as `pledger health` does.
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
                return [FlagsDocument.Partnership(report)]
            } ?? states.eachReport(at: view) { FlagsDocument.Partnership($0) }
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
                guard !partnership.pendingRules.isEmpty else { continue }
                if self.partnership == nil {
                    print("  \(partnership.pendingRules.count) rules wait for more evidence (pledger flags \(partnership.partnership) lists them).")
                } else {
                    print("  Not enough evidence yet for \(partnership.pendingRules.count) rules; they raise nothing until it is there:")
                    for rule in partnership.pendingRules { print("    " + FlagText.line(rule)) }
                }
            }
        }
    }
}

/// What `flags --json` prints.
private struct FlagsDocument: Encodable {
    struct Partnership: Encodable {
        let partnership: String
        let flags: [RedFlag]
        let pendingRules: [PendingRule]

        init(_ report: PartnershipReport) {
            partnership = report.partnership
            flags = report.flags
            pendingRules = report.pendingRules
        }
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

    /// A rule waiting for evidence: "cadence-below-agreed (lumen): not enough evidence yet: needs 60 days open, has 50".
    static func line(_ rule: PendingRule) -> String {
        "\(rule.kind.rawValue) \(rule.rule)\(rule.party.map { " (\($0))" } ?? ""): \(rule.explanation)"
    }
}

import ArgumentParser
import Foundation
import PartnerLedger
import PartnerProjections

extension Pledger {
    /// `pledger health`: the portfolio, or one partnership's health.
    struct Health: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the health of every partnership, riskiest first, or of one partnership.",
            discussion: """
                Without a partnership: one line per partnership with its score (0-100), band, trend arrow \
                against 30 days earlier and its most serious red flag. With one: its score and each \
                component's weight and score; --explain adds the events behind each component with their \
                contribution (weight × credit) and the points each component could recover. Every output \
                names the scoring model in force; --model FILE applies a JSON file of overrides.

                The views are read from the checkpoints stored in the ledger and brought up to date with the \
                events recorded since; when the ledger cannot be written they are replayed in memory.
                """)

        @OptionGroup var options: LedgerOptions
        @OptionGroup var report: ReportOptions

        @Flag(name: .long, help: "Show each component's contributing events and points recoverable.")
        var explain = false

        @Argument(help: ArgumentHelp("A partnership's slug. Default: every partnership.", valueName: "slug"))
        var partnership: String?

        func validate() throws {
            if explain && partnership == nil {
                throw ValidationError("--explain needs a partnership: `pledger health <slug> --explain`.")
            }
        }

        func run() throws {
            let view = try report.viewPoint()
            let states = try ProjectionStates(options, model: try report.model.load())
            guard let partnership else {
                let entries = try states.portfolio(at: view)
                if options.json {
                    try Terminal.printJSON(PortfolioDocument(modelVersion: states.model.version, view: view, partnerships: entries))
                } else {
                    for line in PortfolioTable.lines(entries, view: view, modelVersion: states.model.version) { print(line) }
                }
                return
            }
            let result = try states.report(for: partnership, at: view)
            if options.json {
                try Terminal.printJSON(HealthDocument(result))
                return
            }
            for line in HealthText.lines(result, explain: explain) { print(line) }
        }
    }
}

/// What `health --json` prints without a partnership (and `demo --json` under `portfolio`).
struct PortfolioDocument: Encodable {
    let modelVersion: String
    let asOf: Timestamp
    let knownAt: Timestamp?
    let partnerships: [PortfolioEntry]

    init(modelVersion: String, view: ViewPoint, partnerships: [PortfolioEntry]) {
        self.modelVersion = modelVersion
        asOf = view.asOf
        knownAt = view.knownAt
        self.partnerships = partnerships
    }
}

/// What `health <slug> --json` prints.
private struct HealthDocument: Encodable {
    let partnership: String
    let name: String
    let modelVersion: String
    let asOf: Timestamp
    let knownAt: Timestamp?
    let health: HealthReport
    let flags: [RedFlag]
    let verdict: RelationshipVerdict

    init(_ report: PartnershipReport) {
        partnership = report.partnership
        name = report.name
        modelVersion = report.modelVersion
        asOf = report.asOf
        knownAt = report.knownAt
        health = report.health
        flags = report.flags
        verdict = report.classification.verdict
    }
}

/// The portfolio as a table, riskiest first.
enum PortfolioTable {
    static func lines(_ entries: [PortfolioEntry], view: ViewPoint, modelVersion: String) -> [String] {
        var lines = [Terminal.style("Portfolio \(ReportText.view(view))", .bold) + ", scoring model \(modelVersion)"]
        guard !entries.isEmpty else { return lines + ["No partnership has been opened."] }
        func row(_ entry: PortfolioEntry) -> [String] {
            [
                entry.rank.map(String.init) ?? "—", entry.partnership, entry.name, ReportText.score(entry.score), entry.band.rawValue,
                ReportText.arrow(entry.arrow), entry.criticalFlags > 0 ? "\(entry.flagCount) (\(entry.criticalFlags) critical)" : String(entry.flagCount),
                entry.topFlag.map(ReportText.flag) ?? "—",
            ]
        }
        let header = ["RANK", "PARTNERSHIP", "NAME", "SCORE", "BAND", "TREND", "FLAGS", "TOP FLAG"]
        let ranked = entries.filter { $0.rank != nil }
        let onboarding = entries.filter { $0.rank == nil }
        if !ranked.isEmpty {
            lines += Terminal.table(ranked.map(row), header: header)
        }
        if !onboarding.isEmpty {
            lines.append("")
            lines.append("Onboarding: not enough evidence yet for a band, so not ranked")
            lines += Terminal.table(onboarding.map(row), header: header)
        }
        return lines
    }
}

/// One partnership's health as text.
enum HealthText {
    static func lines(_ report: PartnershipReport, explain: Bool) -> [String] {
        let health = report.health
        var lines = [
            Terminal.style("\(report.partnership) — \(report.name)", .bold) + " (recorded as \(report.classification.recordedAs.rawValue)\(report.isClosed ? ", closed" : ""))",
            "Health \(ReportText.score(health.score)) \(ReportText.band(health.band)) \(ReportText.arrow(health.arrow))"
                + " (30 days earlier: \(ReportText.score(health.earlierScore))) \(ReportText.view(ViewPoint(asOf: report.asOf, knownAt: report.knownAt)))",
            "Scoring model \(health.modelVersion); evidence covers \(ReportText.percent(health.evidenceShare)) of the weight; \(report.eventCount) events.",
            "",
        ]
        let rows = health.components.map { component in
            [
                component.component.rawValue, ReportText.number(component.weight), ReportText.score(component.score),
                component.pointsRecoverable.map(ReportText.number) ?? "—", String(component.evidence.count),
            ]
        }
        lines += Terminal.table(rows, header: ["COMPONENT", "WEIGHT", "SCORE", "RECOVERABLE", "EVENTS"])
        lines.append("")
        if health.band == .insufficientEvidence {
            let short = health.components.filter { !$0.hasEnoughEvidence }.map(\.component.rawValue)
            lines.append(
                "Not enough evidence yet for a band: components with enough evidence carry \(ReportText.percent(health.evidenceShare)) of the weight"
                    + " (a band needs \(ReportText.percent(report.health.minimumEvidenceShare))); short of evidence: \(short.joined(separator: ", "))."
                    + (explain ? "" : " --explain says what each needs."))
        }
        if let reason = health.mainReason {
            lines.append(reason.prefix(1).uppercased() + reason.dropFirst() + ".")
        }
        lines.append(report.flags.isEmpty ? "Flags: none." : "Flags: " + report.flags.map(ReportText.flag).joined(separator: ", ") + ".")
        lines.append("Verdict: \(report.classification.verdict.rawValue) (confidence \(ReportText.percent(report.classification.confidence))).")
        guard explain else { return lines }
        for component in health.components {
            lines.append("")
            lines.append(
                Terminal.style(component.component.rawValue, .bold)
                    + ": weight \(ReportText.number(component.weight)), score \(ReportText.score(component.score)),"
                    + " points recoverable \(component.pointsRecoverable.map(ReportText.number) ?? "—")")
            if !component.partyScores.isEmpty {
                lines.append("  per party: " + component.partyScores.map { "\($0.party) \(ReportText.score($0.score))" }.joined(separator: ", "))
            }
            if let shortfall = component.shortfall {
                lines.append("  \(shortfall); until then the component has no score.")
            } else if component.component == .transparency,
                      let short = report.transparency.parties.first(where: { !$0.hasEnoughEvidence }),
                      let sentence = short.evidenceCounts.shortfallSentence {
                lines.append("  \(short.party) is left out: \(sentence).")
            }
            guard !component.evidence.isEmpty else {
                lines.append("  no events count in this component.")
                continue
            }
            let rows = component.evidence.map { entry in
                [
                    Terminal.minute(entry.occurredAt), ReportText.id(entry.eventId), entry.party ?? "—", entry.aspect,
                    ReportText.number(entry.weight), ReportText.number(entry.credit), ReportText.number(entry.weight * entry.credit),
                ]
            }
            lines += Terminal.table(rows, header: ["OCCURRED", "EVENT", "PARTY", "ASPECT", "WEIGHT", "CREDIT", "CONTRIBUTION"]).map { "  " + $0 }
        }
        return lines
    }
}

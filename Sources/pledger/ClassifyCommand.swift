import ArgumentParser
import Foundation
import PartnerLedger
import PartnerProjections

extension Pledger {
    /// `pledger classify`: what the evidence says each relationship really is.
    struct Classify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say what the evidence shows each relationship to be, against what it is recorded as.",
            discussion: """
                Without a partnership: one line per partnership with the type it is recorded as, the \
                verdict and its confidence. With one: the verdict, its confidence, each predicate of the \
                verdict's rule with its events, and the plain sentence when the verdict differs from the \
                recorded type. Takes --as-of, --known-at and --model as `pledger health` does.
                """)

        @OptionGroup var options: LedgerOptions
        @OptionGroup var report: ReportOptions

        @Argument(help: ArgumentHelp("A partnership's slug. Default: every partnership.", valueName: "slug"))
        var partnership: String?

        func run() throws {
            let view = try report.viewPoint()
            let states = try ProjectionStates(options, model: try report.model.load())
            guard let partnership else {
                let classifications = try states.eachReport(at: view, options: EvaluationOptions(includeFlagHistory: false)) {
                    ClassificationDocument(partnership: $0.partnership, classification: $0.classification)
                }
                if options.json {
                    try Terminal.printJSON(classifications)
                    return
                }
                print(Terminal.style("Classification \(ReportText.view(view))", .bold) + ", scoring model \(states.model.version)")
                let rows = classifications.map { document in
                    let classification = document.classification
                    return [
                        document.partnership, classification.recordedAs.rawValue, classification.verdict.rawValue,
                        ReportText.percent(classification.confidence), classification.statement ?? "",
                    ]
                }
                for line in Terminal.table(rows, header: ["PARTNERSHIP", "RECORDED AS", "VERDICT", "CONFIDENCE", "CALL IT WHAT IT IS"]) { print(line) }
                return
            }
            let classification = try states.report(for: partnership, at: view).classification
            if options.json {
                try Terminal.printJSON(ClassificationDocument(partnership: partnership, classification: classification))
                return
            }
            for line in ClassificationText.lines(classification, partnership: partnership, view: view) { print(line) }
        }
    }
}

/// What `classify --json` prints for one partnership (a list of them without one).
private struct ClassificationDocument: Encodable {
    let partnership: String
    let classification: Classification
}

/// One partnership's classification as text.
enum ClassificationText {
    static func lines(_ classification: Classification, partnership: String, view: ViewPoint) -> [String] {
        var lines = [
            Terminal.style("\(partnership): \(classification.verdict.rawValue)", .bold)
                + " (confidence \(ReportText.percent(classification.confidence))), recorded as \(classification.recordedAs.rawValue)",
            "\(classification.eventCount) events in the \(classification.windowDays) days up to \(ReportText.view(view).dropFirst(6)); scoring model \(classification.modelVersion).",
        ]
        if let statement = classification.statement {
            lines.append(Terminal.style(statement, .yellow))
        }
        lines.append("Why: \(classification.reason)")
        let predicates = classification.closest?.predicates ?? classification.predicates
        guard !predicates.isEmpty else { return lines }
        lines.append("")
        if let closest = classification.closest {
            lines.append("Closest rule, \(closest.verdict.rawValue) (\(closest.predicates.filter(\.holds).count) of \(closest.predicates.count) predicates hold):")
        } else {
            lines.append("Predicates:")
        }
        for predicate in predicates {
            lines.append("  [\(predicate.holds ? "x" : " ")] \(predicate.predicate): \(predicate.explanation)")
            if !predicate.evidence.isEmpty {
                lines.append("      events: " + predicate.evidence.map(ReportText.id).joined(separator: ", "))
            }
        }
        return lines
    }
}

import ArgumentParser
import Foundation
import PartnerLedger
import PartnerProjections

extension Pledger {
    /// `pledger explain`: which recorded events moved a partnership's health score between two dates.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show which recorded events moved a partnership's health score between two dates.",
            discussion: """
                Compares the health at --from and at --to (a date alone means the end of that day, UTC), \
                component by component, then lists the events that began to count, stopped counting, or \
                changed their contribution (weight × credit) between the two, in time order. With \
                --known-at both dates are evaluated as the ledger knew them then.
                """)

        @OptionGroup var options: LedgerOptions
        @OptionGroup var model: ModelOption

        @Argument(help: ArgumentHelp("The partnership's slug.", valueName: "slug"))
        var partnership: String

        @Option(name: .long, help: ArgumentHelp("The earlier business time.", valueName: "time"))
        var from: String

        @Option(name: .long, help: ArgumentHelp("The later business time.", valueName: "time"))
        var to: String

        @Option(name: .long, help: ArgumentHelp("Evaluate both times as the ledger knew them at this recorded time.", valueName: "time"))
        var knownAt: String?

        func validate() throws {
            let from = try? Value.instant(from, option: "--from", endOfDay: true)
            let to = try? Value.instant(to, option: "--to", endOfDay: true)
            if let from, let to, to <= from {
                throw ValidationError("--to must be later than --from.")
            }
        }

        func run() throws {
            let points: (from: ViewPoint, to: ViewPoint)
            do throws(DomainError) {
                let knownAt = try knownAt.map { text throws(DomainError) in try Value.instant(text, option: "--known-at", endOfDay: true) }
                points = (
                    ViewPoint(asOf: try Value.instant(from, option: "--from", endOfDay: true), knownAt: knownAt),
                    ViewPoint(asOf: try Value.instant(to, option: "--to", endOfDay: true), knownAt: knownAt))
            } catch {
                throw Refused(error: error)
            }
            let states = try ProjectionStates(options, model: try model.load())
            let movement = try states.state(of: partnership).movement(from: points.from, to: points.to, model: states.model)
            if options.json {
                try Terminal.printJSON(MovementDocument(partnership: partnership, movement: movement))
                return
            }
            for line in MovementText.lines(movement, partnership: partnership) { print(line) }
        }
    }
}

/// What `explain --json` prints.
private struct MovementDocument: Encodable {
    let partnership: String
    let movement: ScoreMovement
}

/// A score movement as text: the two scores, each component, then the events that moved.
enum MovementText {
    static func lines(_ movement: ScoreMovement, partnership: String) -> [String] {
        var lines = [
            Terminal.style(partnership, .bold)
                + ": health \(ReportText.score(movement.scoreBefore)) \(ReportText.view(movement.from))"
                + " → \(ReportText.score(movement.scoreAfter)) \(ReportText.view(movement.to))",
            "Scoring model \(movement.modelVersion).",
            "",
        ]
        let components = movement.components.map { component in
            [component.component.rawValue, ReportText.score(component.before), ReportText.score(component.after)]
        }
        lines += Terminal.table(components, header: ["COMPONENT", "BEFORE", "AFTER"])
        lines.append("")
        guard !movement.events.isEmpty else { return lines + ["No event's contribution changed."] }
        lines.append("\(movement.events.count) contributions changed (weight × credit; — where the event did not count):")
        let rows = movement.events.map { event in
            [
                Terminal.minute(event.occurredAt), ReportText.id(event.eventId), event.component.rawValue, event.party ?? "—",
                event.aspect, event.before.map(ReportText.number) ?? "—", event.after.map(ReportText.number) ?? "—",
            ]
        }
        lines += Terminal.table(rows, header: ["OCCURRED", "EVENT", "COMPONENT", "PARTY", "ASPECT", "BEFORE", "AFTER"])
        return lines
    }
}

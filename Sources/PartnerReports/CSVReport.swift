import Foundation
import PartnerDomain
import PartnerProjections

/// The period series as CSV (RFC 4180): one row per partnership, period and party.
///
/// Health, band and the period's event count repeat on each party's row of
/// a period, so that every row stands alone in a spreadsheet. Scores have
/// one decimal; an empty cell means no data.
enum CSVReport {
    /// The columns, in order.
    static let header = [
        "partnership", "period", "first_day", "last_day", "whole_period", "events", "health", "band", "party",
        "engagement", "calls_held", "calls_attended", "meetings_cancelled", "meetings_missed", "qbrs_held",
        "qbr_exec", "qbr_director", "qbr_manager", "qbr_individual",
        "commitments_made", "commitments_fulfilled", "commitments_missed",
        "opportunities_shared", "opportunities_received", "transparency", "opportunities_won", "won_value",
    ]

    static func render(_ report: TrendReport) -> String {
        var lines = [header.joined(separator: ",")]
        for trend in report.partnerships {
            for point in trend.periods {
                for party in point.parties {
                    let cells: [String] = [
                        trend.partnership, point.period, point.firstDay.description, point.lastDay.description,
                        point.isWhole ? "true" : "false", "\(point.eventCount)", number(point.health), point.band.rawValue,
                        party.party, number(party.engagement), "\(party.callsHeld)", "\(party.callsAttended)",
                        "\(party.meetingsCancelled)", "\(party.meetingsMissed)", "\(party.qbrsHeld)",
                        "\(party.qbrAttendees.exec)", "\(party.qbrAttendees.director)", "\(party.qbrAttendees.manager)",
                        "\(party.qbrAttendees.individual)",
                        "\(party.commitmentsMade)", "\(party.commitmentsFulfilled)", "\(party.commitmentsMissed)",
                        "\(party.opportunitiesShared)", "\(party.opportunitiesReceived)", number(party.transparency),
                        "\(party.opportunitiesWon)",
                        party.wonValue.map { ($0.currency.map { "\($0) " } ?? "") + RevenueLine.amount($0.amount) }.joined(separator: "; "),
                    ]
                    lines.append(cells.map(field).joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A score with one decimal, or an empty cell without one.
    private static func number(_ value: Double?) -> String {
        value == nil ? "" : ReportNumbers.score(value)
    }

    /// A field, quoted when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

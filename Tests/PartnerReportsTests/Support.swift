import Foundation
import PartnerDomain
import PartnerProjections
import PartnerReports
import ProjectionStories

/// The fixed ledger the report tests read: two of the story partnerships, reported over 2025.
enum FixedLedger {
    /// A head digest standing in for the ledger's; reports print it as given.
    static let digest = "5f0c9e1d2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5"

    /// The alliance and the inherited customer, folded.
    static let states: [PartnershipProjection] = [
        Stories.reciprocalAlliance().story.projection,
        Stories.inheritedCustomer().story.projection,
    ]

    /// The number of events of both stories: the head position of the fixed ledger.
    static var eventCount: UInt64 {
        UInt64(states.reduce(0) { $0 + $1.appliedEventCount })
    }

    /// A date, from text known to be valid.
    static func day(_ text: String) -> CalendarDate {
        (try? CalendarDate(parsing: text)) ?? CalendarDate(daysSinceEpoch: 0)
    }

    /// The portfolio report over 2025 by quarter.
    static func portfolio(period: ReportPeriod = .quarter) -> TrendReport {
        TrendReport.build(
            states: states, scope: .portfolio,
            range: ReportRange(from: day("2025-01-01"), to: day("2025-12-31"), period: period),
            model: .default, seal: LedgerSeal(headPosition: eventCount, headDigest: digest))
    }

    /// One partnership's report over 2025 by month.
    static func partnership(_ index: Int) -> TrendReport {
        TrendReport.build(
            states: [states[index]], scope: .partnership,
            range: ReportRange(from: day("2025-01-01"), to: day("2025-12-31"), period: .month),
            model: .default, seal: LedgerSeal(headPosition: eventCount, headDigest: digest))
    }
}

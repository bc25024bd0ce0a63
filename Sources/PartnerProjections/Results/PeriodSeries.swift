import Foundation
import PartnerDomain

/// The calendar periods a trend report is cut into.
public enum ReportPeriod: String, Codable, Sendable, CaseIterable {
    /// Calendar months: `2025-03`.
    case month
    /// Calendar quarters: `2025-Q1`.
    case quarter
}

/// One partnership's facts period by period over a date range: the series a trend report charts.
///
/// Periods are calendar months or quarters clipped to the range, so that the
/// first and last may be partial; a period counts exactly the events that
/// occurred inside it, and its scores are taken at its last instant.
public struct PeriodSeries: Codable, Sendable, Equatable {
    /// The partnership's slug.
    public var partnership: String
    /// The first day of the range.
    public var from: CalendarDate
    /// The last day of the range.
    public var to: CalendarDate
    /// Months or quarters.
    public var period: ReportPeriod
    /// Recording time of the evaluation; nil for everything recorded.
    public var knownAt: Timestamp?
    /// The scoring model's version.
    public var modelVersion: String
    /// The periods from the later of the range's start and the opening, oldest first.
    public var points: [PeriodPoint]

    /// Events counted over every period.
    public var eventCount: Int {
        points.reduce(0) { $0 + $1.eventCount }
    }
}

/// One period of a ``PeriodSeries``.
public struct PeriodPoint: Codable, Sendable, Equatable {
    /// The period's name: `2025-03` or `2025-Q1`.
    public var period: String
    /// Its first day inside the range.
    public var firstDay: CalendarDate
    /// Its last day inside the range.
    public var lastDay: CalendarDate
    /// Whether the whole calendar period lies inside the range.
    public var isWhole: Bool
    /// The events that occurred in the period and stand (retractions not counted).
    public var eventCount: Int
    /// The health score at the period's last instant, or nil for insufficient evidence.
    public var health: Double?
    /// The band of that score.
    public var band: HealthBand
    /// Each party's figures, in the order the parties were declared.
    public var parties: [PartyPeriod]

    /// One party's figures.
    public func party(_ id: String) -> PartyPeriod? {
        parties.first { $0.party == id }
    }
}

/// One party's figures over one period.
public struct PartyPeriod: Codable, Sendable, Equatable {
    /// The party.
    public var party: String
    /// The party's engagement score over the period (no decay), or nil without data.
    public var engagement: Double?
    /// Calls held (by anyone).
    public var callsHeld: Int
    /// Calls the party attended.
    public var callsAttended: Int
    /// Meetings the party cancelled.
    public var meetingsCancelled: Int
    /// Meetings the party was recorded missing.
    public var meetingsMissed: Int
    /// QBRs held.
    public var qbrsHeld: Int
    /// The party's QBR attendees by seniority.
    public var qbrAttendees: SeniorityCounts
    /// Commitments the party made in the period.
    public var commitmentsMade: Int
    /// Commitments of the party recorded fulfilled in the period.
    public var commitmentsFulfilled: Int
    /// Commitments of the party recorded missed in the period.
    public var commitmentsMissed: Int
    /// Opportunities the party shared with another party.
    public var opportunitiesShared: Int
    /// Opportunities another party shared with this one.
    public var opportunitiesReceived: Int
    /// Opportunities the party passed on that were won in the period.
    public var opportunitiesWon: Int
    /// What those wins were worth as recorded, one amount per currency (wins without a value add nothing).
    public var wonValue: [CurrencyAmount]
    /// The party's transparency score at the period's last instant, or nil without data or without the evidence it needs.
    public var transparency: Double?
}

/// An amount in one currency, as recorded; `currency` is nil for amounts recorded without one.
public struct CurrencyAmount: Codable, Sendable, Equatable {
    /// The ISO 4217 code.
    public var currency: String?
    /// The amount.
    public var amount: Decimal
}

/// Attendees counted by seniority.
public struct SeniorityCounts: Codable, Sendable, Equatable {
    /// Executives.
    public var exec: Int
    /// Directors.
    public var director: Int
    /// Managers.
    public var manager: Int
    /// Individual contributors.
    public var individual: Int

    /// Counts by seniority.
    public init(exec: Int = 0, director: Int = 0, manager: Int = 0, individual: Int = 0) {
        self.exec = exec
        self.director = director
        self.manager = manager
        self.individual = individual
    }

    /// Every attendee.
    public var total: Int { exec + director + manager + individual }
}

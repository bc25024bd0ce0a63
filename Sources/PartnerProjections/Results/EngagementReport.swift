import Foundation
import PartnerDomain

/// The engagement trend: monthly and quarterly series per party, their Theil-Sen directions and CUSUM shift alerts.
public struct EngagementReport: Codable, Sendable, Equatable {
    /// The scoring model's version.
    public var modelVersion: String
    /// The call cadence in force: the charter's, the opening's, or the model's default.
    public var callCadenceDays: Int
    /// Each party's monthly series, from the opening month to the month of "as of".
    public var monthly: [PartySeries]
    /// Each party's quarterly series.
    public var quarterly: [PartySeries]
    /// Each party's direction over the last complete months (6).
    public var monthlyTrends: [PartyTrend]
    /// Each party's direction over the last complete quarters (4).
    public var quarterlyTrends: [PartyTrend]
    /// The partnership's direction: the weaker party's own trend (the party with the lower mean
    /// over the trend's months, named in ``PartyTrend/party``), exactly as in ``monthlyTrends``;
    /// no party when none has a scored month.
    public var overallTrend: PartyTrend
    /// Where a party's engagement shifted, by month.
    public var shifts: [ShiftAlert]

    /// A party's monthly direction.
    public func monthlyTrend(of party: String) -> PartyTrend? {
        monthlyTrends.first { $0.party == party }
    }
}

/// One party's engagement series.
public struct PartySeries: Codable, Sendable, Equatable {
    /// The party.
    public var party: String
    /// The periods, oldest first.
    public var points: [EngagementPoint]
}

/// One party's engagement over one calendar period, without decay, and the raw counts.
public struct EngagementPoint: Codable, Sendable, Equatable {
    /// The period's name: `2025-03` or `2025-Q1`.
    public var period: String
    /// Its first day.
    public var firstDay: CalendarDate
    /// Its last day.
    public var lastDay: CalendarDate
    /// Whether the period had ended by "as of"; trends and CUSUM use complete periods only.
    public var isComplete: Bool
    /// The engagement score 0..100, or nil without data.
    public var score: Double?
    /// Calls kept against the cadence, 0..1.
    public var cadence: Double?
    /// Meetings attended among those tracked, 0..1.
    public var attendance: Double?
    /// Mean QBR seniority, 0..1.
    public var seniority: Double?
    /// `L(action items closed by due, action items due)`.
    public var actions: Double?
    /// The raw counts.
    public var counts: EngagementCounts
}

/// Raw meeting counts of one party over a period.
public struct EngagementCounts: Codable, Sendable, Equatable {
    /// Calls held (by anyone).
    public var callsHeld = 0
    /// Calls the party attended.
    public var callsAttended = 0
    /// Meetings the party cancelled.
    public var cancelled = 0
    /// Cancellations by the party with less than the late-cancellation notice.
    public var lateCancellations = 0
    /// Meetings the party was recorded missing.
    public var noShows = 0
    /// Meetings held (by anyone).
    public var meetingsHeld = 0
    /// Meetings the party attended.
    public var meetingsAttended = 0
    /// QBRs held.
    public var qbrsHeld = 0
    /// The party's attendees at executive level.
    public var execAttendees = 0
    /// The party's attendees at director level.
    public var directorAttendees = 0
    /// The party's attendees at manager level.
    public var managerAttendees = 0
    /// The party's individual contributors attending.
    public var individualAttendees = 0
    /// Action items owned by the party that fell due.
    public var actionItemsDue = 0
    /// Of those, closed by their due date.
    public var actionItemsClosedOnTime = 0
    /// Action items owned by the party closed in the period.
    public var actionItemsClosed = 0
}

/// The Theil-Sen direction of one series.
public struct PartyTrend: Codable, Sendable, Equatable {
    /// The party, or nil for the weakest-party series.
    public var party: String?
    /// The periods the fit used.
    public var periods: [String]
    /// The slope and its interval, or nil with fewer than two points.
    public var estimate: SlopeEstimate?
    /// Rising, falling, flat or uncertain.
    public var direction: TrendDirection
}

/// A CUSUM shift in one party's monthly engagement, with that month's events.
public struct ShiftAlert: Codable, Sendable, Equatable {
    /// The party.
    public var party: String
    /// The month, such as `2025-09`.
    public var period: String
    /// Down or up.
    public var direction: ShiftDirection
    /// The month's score.
    public var score: Double
    /// The baseline mean.
    public var baselineMean: Double
    /// The baseline standard deviation (after the floor).
    public var baselineStandardDeviation: Double
    /// The cumulative sum that crossed the threshold.
    public var statistic: Double
    /// The party's meeting events that month.
    @LowercasedUUIDs public var events: [UUID]
}

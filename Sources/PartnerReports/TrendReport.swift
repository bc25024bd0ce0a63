import Foundation
import PartnerDomain
import PartnerProjections

/// A trend report: one partnership or the whole portfolio over a date range, period by period,
/// sealed with the ledger head it was computed from.
///
/// The report is a plain value: ``build(states:scope:range:model:seal:)`` computes it from
/// projection states, and each format in ``ReportFormat`` renders the same value, so the text,
/// Markdown, HTML, JSON and CSV of one report always agree. Its JSON form is described by
/// `Schemas/report.schema.json`.
public struct TrendReport: Codable, Sendable, Equatable {
    /// The version of this document's shape; `Schemas/report.schema.json` describes version 1.
    public var reportVersion: Int
    /// One partnership, or every partnership ranked by health.
    public var scope: ReportScope
    /// The date range and the period it is cut into.
    public var range: ReportRange
    /// The business time the standing views are evaluated at: the last instant of ``ReportRange/to``.
    public var asOf: Timestamp
    /// The scoring model's version.
    public var modelVersion: String
    /// Where the health bands start under that model.
    public var bands: HealthBands
    /// The ledger state the report was computed from.
    public var ledger: LedgerSeal
    /// Every partnership in the report, riskiest first: band, then score.
    public var portfolio: [PortfolioLine]
    /// Each partnership's trend, in the order of ``portfolio``.
    public var partnerships: [PartnershipTrend]
}

/// What a report covers.
public enum ReportScope: String, Codable, Sendable {
    /// One partnership.
    case partnership
    /// Every partnership opened by the end of the range.
    case portfolio
}

/// A report's date range: `from` through `to`, both days included, cut into months or quarters.
public struct ReportRange: Codable, Sendable, Equatable {
    /// The first day.
    public var from: CalendarDate
    /// The last day.
    public var to: CalendarDate
    /// Months or quarters.
    public var period: ReportPeriod
    /// Only events recorded by this time count; nil for everything recorded.
    public var knownAt: Timestamp?

    /// A range; `from` must not be after `to`.
    public init(from: CalendarDate, to: CalendarDate, period: ReportPeriod, knownAt: Timestamp? = nil) {
        self.from = from
        self.to = to
        self.period = period
        self.knownAt = knownAt
    }

    /// The last instant of `to`.
    public var endInstant: Timestamp {
        to.adding(days: 1).startOfDay.adding(milliseconds: -1)
    }
}

/// The scores where the green and yellow bands start; below yellow is red.
public struct HealthBands: Codable, Sendable, Equatable {
    /// Green from this score up.
    public var greenFrom: Double
    /// Yellow from this score up to green.
    public var yellowFrom: Double
}

/// The ledger state a report was computed from: anyone can recompute the digest from the stored events.
public struct LedgerSeal: Codable, Sendable, Equatable {
    /// The position of the last event read.
    public var headPosition: UInt64
    /// Its chain digest, 64 lowercase hex digits.
    public var headDigest: String

    /// A seal.
    public init(headPosition: UInt64, headDigest: String) {
        self.headPosition = headPosition
        self.headDigest = headDigest
    }
}

/// One partnership's line in the ranking.
public struct PortfolioLine: Codable, Sendable, Equatable {
    /// 1 for the riskiest partnership; nil for one without enough evidence for a band (onboarding, shown apart).
    public var rank: Int?
    /// The slug.
    public var partnership: String
    /// The display name.
    public var name: String
    /// The health score at the end of the range, or nil for insufficient evidence.
    public var score: Double?
    /// Its band.
    public var band: HealthBand
    /// The 30-day arrow.
    public var arrow: TrendArrow
    /// The direction of the weakest party's engagement.
    public var engagementTrend: TrendDirection
    /// The standing flags, most serious first, at most three.
    public var topFlags: [FlagLabel]
    /// How many flags stand.
    public var flagCount: Int
    /// What the evidence says the relationship is.
    public var verdict: RelationshipVerdict
}

/// A flag named in a few words.
public struct FlagLabel: Codable, Sendable, Equatable {
    /// Which detector.
    public var kind: RedFlagKind
    /// The party, or nil for the partnership.
    public var party: String?
    /// Warning or critical.
    public var severity: FlagSeverity

    /// `poor-operational-engagement (quarry, critical)`.
    public var text: String {
        "\(kind.rawValue) (\([party, severity.rawValue].compactMap { $0 }.joined(separator: ", ")))"
    }
}

/// One partnership's trend over the range.
public struct PartnershipTrend: Codable, Sendable, Equatable {
    /// The slug.
    public var partnership: String
    /// The display name.
    public var name: String
    /// The parties, as declared.
    public var parties: [PartnershipOpened.Party]
    /// What it was declared to be.
    public var declaredType: RelationshipType
    /// What it is called now: the declared type or the latest reclassification.
    public var label: RelationshipType
    /// Whether it was closed by the end of the range.
    public var isClosed: Bool
    /// Health at the end of the range.
    public var health: HealthSummary
    /// The direction of the weakest party's monthly engagement over the last complete months.
    public var engagementTrend: TrendDirection
    /// The standing red flags, most serious first, with their evidence.
    public var flags: [ReportFlag]
    /// What the relationship really is, and why.
    public var verdict: ReportVerdict
    /// The events in the range that stand.
    public var eventCount: Int
    /// What the opportunities brought, by source, receiver and currency: deals won and lost in
    /// the range at their recorded values, the pipeline open at its end.
    public var revenue: [RevenueLine]
    /// The periods, oldest first.
    public var periods: [PeriodPoint]
}

/// Health at the end of the range with its components.
public struct HealthSummary: Codable, Sendable, Equatable {
    /// The score, or nil for insufficient evidence.
    public var score: Double?
    /// Its band.
    public var band: HealthBand
    /// Up, down or flat against the score 30 days earlier.
    public var arrow: TrendArrow
    /// That earlier score.
    public var earlierScore: Double?
    /// The share of the model's weight whose components have data.
    public var evidenceShare: Double
    /// Each component's score and the points it could still add.
    public var components: [ComponentLine]
    /// Which component holds the score down most, in a sentence: "health is red mainly because of
    /// commitment-reliability (score 46.7, 19.2 of the 40.0 points lost): 2 of 5 commitments
    /// missed or late"; nil without a score.
    public var mainReason: String?
}

/// One health component in a report.
public struct ComponentLine: Codable, Sendable, Equatable {
    /// Which component.
    public var component: HealthComponentKind
    /// Its weight.
    public var weight: Double
    /// Its score, or nil without data.
    public var score: Double?
    /// What the health score would gain with this component at 100.
    public var pointsRecoverable: Double?
}

/// A standing red flag with the rules that raised it and their events.
public struct ReportFlag: Codable, Sendable, Equatable {
    /// Which detector.
    public var kind: RedFlagKind
    /// The party, or nil for the partnership.
    public var party: String?
    /// Warning or critical.
    public var severity: FlagSeverity
    /// The first month end of its current run, when known.
    public var firstRaised: CalendarDate?
    /// The rules that hold.
    public var rules: [ReportReason]
}

/// A rule or predicate with its explanation and its events.
public struct ReportReason: Codable, Sendable, Equatable {
    /// A stable identifier.
    public var id: String
    /// What holds, as a sentence with the numbers.
    public var explanation: String
    /// Whether it holds (flag rules always do).
    public var holds: Bool
    /// The ids of the events behind it, lowercase.
    public var evidence: [String]
}

/// The classifier's verdict and its reasons.
public struct ReportVerdict: Codable, Sendable, Equatable {
    /// The verdict.
    public var verdict: RelationshipVerdict
    /// The share of its predicates that hold (for emerging: 1 minus the best share any rule reached).
    public var confidence: Double
    /// What the relationship is recorded as.
    public var recordedAs: RelationshipType
    /// The plain sentence when the verdict differs from what it is recorded as.
    public var statement: String?
    /// The verdict's predicates; for emerging, those of the rule that came closest.
    public var reasons: [ReportReason]
}

import Foundation
import PartnerDomain

/// Everything the projections say about one partnership as of a time, as known at a time.
///
/// Every list has a stable order and every number names the scoring model's
/// version, so two evaluations of the same state encode to the same bytes.
public struct PartnershipReport: Codable, Sendable, Equatable {
    /// The partnership's slug.
    public var partnership: String
    /// Whether a `PartnershipOpened` stands as of the time; otherwise the other fields are empty.
    public var isOpened: Bool
    /// Its display name.
    public var name: String
    /// Its parties, as declared.
    public var parties: [PartnershipOpened.Party]
    /// What it was declared to be.
    public var declaredType: RelationshipType
    /// What it is called now: the declared type or the latest reclassification.
    public var label: RelationshipType
    /// Whether it was closed.
    public var isClosed: Bool
    /// Business time of the evaluation.
    public var asOf: Timestamp
    /// Recording time of the evaluation; nil for everything recorded.
    public var knownAt: Timestamp?
    /// The scoring model's version.
    public var modelVersion: String
    /// The events that stand as of the time, retractions not counted.
    public var eventCount: Int
    /// The health score.
    public var health: HealthReport
    /// Transparency per party.
    public var transparency: TransparencyReport
    /// Reciprocity per pair.
    public var reciprocity: ReciprocityReport
    /// Engagement series, trends and shifts.
    public var engagement: EngagementReport
    /// The standing red flags, in detector order, then by party.
    public var flags: [RedFlag]
    /// The flag rules that had too little evidence to speak, with what each needs and has; in detector order, then by party.
    public var pendingRules: [PendingRule]
    /// Every run of every flag, checked at each month end and at the time itself; nil when left out.
    public var flagHistory: [FlagEpisode]?
    /// The relationship classifier's verdict.
    public var classification: Classification

    /// The standing flags of a kind.
    public func flags(_ kind: RedFlagKind) -> [RedFlag] {
        flags.filter { $0.kind == kind }
    }
}

/// What an evaluation includes beyond the standing views.
public struct EvaluationOptions: Sendable, Equatable {
    /// Whether to check every flag at each month end to give its first-raised day and the flag history. Costs one pass over the events per month.
    public var includeFlagHistory: Bool

    /// Options; flag history is included by default.
    public init(includeFlagHistory: Bool = true) {
        self.includeFlagHistory = includeFlagHistory
    }
}

import Foundation
import PartnerDomain

/// The seven red-flag detectors, one per failure mode plus the blind spot.
public enum RedFlagKind: String, Codable, Sendable, CaseIterable {
    /// Short-term gain with no substantial commitment.
    case shortTermGain = "short-term-gain"
    /// A significant upfront investment souring the relationship.
    case upfrontInvestment = "upfront-investment"
    /// Lack of appetite for collaboration.
    case noCollaborationAppetite = "no-collaboration-appetite"
    /// Poorly aligned objectives.
    case misalignedObjectives = "misaligned-objectives"
    /// Little or no transparency.
    case littleTransparency = "little-transparency"
    /// Poor operational engagement.
    case poorOperationalEngagement = "poor-operational-engagement"
    /// A flag in an area where the party rated itself strong.
    case blindSpot = "blind-spot"

    /// The weak-spot area a flag of this kind falls in; nil for the blind spot itself.
    public var area: WeakSpotArea? {
        switch self {
        case .shortTermGain: .shortTermGain
        case .upfrontInvestment: .upfrontInvestment
        case .noCollaborationAppetite: .collaborationAppetite
        case .misalignedObjectives: .objectiveAlignment
        case .littleTransparency: .transparency
        case .poorOperationalEngagement: .operationalEngagement
        case .blindSpot: nil
        }
    }
}

/// How serious a flag is.
public enum FlagSeverity: String, Codable, Sendable, CaseIterable {
    /// Worth a conversation.
    case warning
    /// Act now: several rules hold at once, or the upfront investment is souring.
    case critical
}

/// One rule of a detector that holds, with its events.
public struct FlagRule: Codable, Sendable, Equatable {
    /// A stable identifier, such as `few-opportunities-accepted`.
    public var rule: String
    /// What holds, as a sentence with the numbers.
    public var explanation: String
    /// The events that make it hold.
    @LowercasedUUIDs public var evidence: [UUID]
}

/// A red flag standing as of the report's time.
public struct RedFlag: Codable, Sendable, Equatable {
    /// Which detector.
    public var kind: RedFlagKind
    /// The party it is about, or nil when it is about the partnership (misaligned objectives).
    public var party: String?
    /// Warning or critical.
    public var severity: FlagSeverity
    /// The rules that hold.
    public var rules: [FlagRule]
    /// Every event behind the rules, without repeats.
    @LowercasedUUIDs public var evidence: [UUID]
    /// The first day of the current uninterrupted run of this flag, checked at every month end; nil when the report leaves flag history out.
    public var firstRaised: CalendarDate?
    /// The scoring model's version.
    public var modelVersion: String

    /// Whether a rule with this identifier holds.
    public func holds(_ rule: String) -> Bool {
        rules.contains { $0.rule == rule }
    }
}

/// A flag rule that did not speak: the evidence its need states is not there yet, so it neither raises nor clears its flag.
public struct PendingRule: Codable, Sendable, Equatable {
    /// The detector the rule belongs to.
    public var kind: RedFlagKind
    /// The rule's identifier, such as `cadence-below-agreed`.
    public var rule: String
    /// The party the rule is about, or nil when it is about the partnership.
    public var party: String?
    /// Every minimum of the rule's need against what the evidence has.
    public var evidenceCounts: [EvidenceCount]
    /// "not enough evidence yet: needs 60 days open, has 50", over the counts that fall short.
    public var explanation: String
}

/// One uninterrupted run of a flag: raised on a day, cleared on a later one (or still standing).
public struct FlagEpisode: Codable, Sendable, Equatable {
    /// Which detector.
    public var kind: RedFlagKind
    /// The party, or nil for the partnership.
    public var party: String?
    /// The first check day on which it stood.
    public var raised: CalendarDate
    /// The first check day on which it no longer stood; nil while it stands.
    public var cleared: CalendarDate?
}

/// What the evidence says the relationship is.
public enum RelationshipVerdict: String, Codable, Sendable, CaseIterable {
    /// Results- and collaboration-driven, with joint commitments of resourcing.
    case truePartnership = "true-partnership"
    /// One party buys from the other.
    case supplierCustomer = "supplier-customer"
    /// A commercial or strategic agreement, mostly passing deals.
    case commercialAgreement = "commercial-agreement"
    /// A marketing strategy, with leads flowing mostly one way.
    case marketingStrategy = "marketing-strategy"
    /// Technology sharing: integration and technical information, few deals.
    case technologySharing = "technology-sharing"
    /// Too few events, or no rule holds.
    case emerging

    /// The relationship type this verdict corresponds to; nil for emerging.
    public var relationshipType: RelationshipType? {
        switch self {
        case .truePartnership: .partnership
        case .supplierCustomer: .supplierCustomer
        case .commercialAgreement: .commercialAgreement
        case .marketingStrategy: .marketing
        case .technologySharing: .technologySharing
        case .emerging: nil
        }
    }
}

/// One predicate of a classifier rule: whether it holds, the value measured and the events behind it.
public struct ClassifierPredicate: Codable, Sendable, Equatable {
    /// A stable identifier, such as `charter-signed-by-all`.
    public var predicate: String
    /// What it says, with the numbers.
    public var explanation: String
    /// Whether it holds.
    public var holds: Bool
    /// The value measured, when it is a number.
    public var value: Double?
    /// The events behind it.
    @LowercasedUUIDs public var evidence: [UUID]
    /// How strongly it holds, 0 when it does not: `L(n) * (0.5 + 0.5 * clearance)`, where
    /// `L(n) = (n + 1) / (n + 2)` over the n observations it rests on and `clearance` (0 to 1)
    /// is how far the value clears the threshold toward the end of its range. It is never 1,
    /// and two observations give at most 0.75 (see ``strength(holds:observations:clearance:)``).
    public var strength: Double

    /// The strength of a predicate that rests on `observations` and clears its threshold by
    /// `clearance` (0: just at it, 1: at the far end of the range); 0 when it does not hold.
    public static func strength(holds: Bool, observations: Int, clearance: Double) -> Double {
        guard holds else { return 0 }
        let support = Double(max(observations, 0) + 1) / Double(max(observations, 0) + 2)
        return support * (0.5 + 0.5 * min(1, max(0, clearance)))
    }
}

/// One classifier rule, evaluated.
public struct RuleEvaluation: Codable, Sendable, Equatable {
    /// The verdict the rule gives.
    public var verdict: RelationshipVerdict
    /// The share of its predicates that hold.
    public var share: Double
    /// Whether every one of its predicates holds: a rule is never waived by a majority of them.
    public var matches: Bool
    /// Its predicates, in the order of DOMAIN.md.
    public var predicates: [ClassifierPredicate]
}

/// "What is this relationship, really?": the verdict over the classifier window, its confidence and its predicates.
public struct Classification: Codable, Sendable, Equatable {
    /// The scoring model's version.
    public var modelVersion: String
    /// The window in days.
    public var windowDays: Int
    /// The events in the window, retractions not counted.
    public var eventCount: Int
    /// The verdict: the first rule in order whose predicates all hold, else emerging.
    public var verdict: RelationshipVerdict
    /// The strength of the evidence behind the verdict, 0 to 1, never 0 or 1 exactly:
    /// - a rule that holds: the weakest of its predicates' ``ClassifierPredicate/strength``;
    /// - emerging with fewer events than the minimum m: `1 - (n + 1) / (m + 2)` for n events;
    /// - emerging because no rule holds: `(1 - s) * (n + 1) / (n + 2)`, s the closest rule's
    ///   share of holding predicates.
    public var confidence: Double
    /// The verdict's predicates; empty for emerging (see ``closest``).
    public var predicates: [ClassifierPredicate]
    /// For emerging: the rule that came closest (the largest share of its predicates holding,
    /// the first in order among equals), to say what it misses; `nil` for a verdict.
    public var closest: RuleEvaluation?
    /// Why the verdict is what it is, in one sentence: the rule that holds, or that too few
    /// events were recorded, or which rule came closest and what it misses.
    public var reason: String
    /// Every rule, in order, for the explanation.
    public var rules: [RuleEvaluation]
    /// What the relationship is recorded as: the declared type, or the latest reclassification.
    public var recordedAs: RelationshipType
    /// "recorded as a partnership; the evidence says supplier/customer. Call it what it is." when the verdict differs from ``recordedAs``.
    public var statement: String?

    /// The confidence of emerging with `events` events in the window, fewer than the
    /// `minimum` a verdict needs: `1 - (events + 1) / (minimum + 2)`.
    public static func tooFewEventsConfidence(events: Int, minimum: Int) -> Double {
        1 - Double(max(events, 0) + 1) / Double(max(minimum, 0) + 2)
    }

    /// The confidence of emerging when no rule holds over `events` events and the closest rule
    /// has `closestShare` of its predicates holding: `(1 - closestShare) * (events + 1) / (events + 2)`.
    public static func noRuleConfidence(closestShare: Double, events: Int) -> Double {
        (1 - min(1, max(0, closestShare))) * Double(max(events, 0) + 1) / Double(max(events, 0) + 2)
    }
}

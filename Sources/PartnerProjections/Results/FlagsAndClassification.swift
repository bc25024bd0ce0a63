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
}

/// One classifier rule, evaluated.
public struct RuleEvaluation: Codable, Sendable, Equatable {
    /// The verdict the rule gives.
    public var verdict: RelationshipVerdict
    /// The share of its predicates that hold.
    public var share: Double
    /// Whether the share reaches the model's match share.
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
    /// The verdict: the first rule in order that matches, else emerging.
    public var verdict: RelationshipVerdict
    /// The share of the verdict's predicates that hold; for emerging, 1 minus the best share any rule reached.
    public var confidence: Double
    /// The verdict's predicates; empty for emerging.
    public var predicates: [ClassifierPredicate]
    /// Every rule, in order, for the explanation.
    public var rules: [RuleEvaluation]
    /// What the relationship is recorded as: the declared type, or the latest reclassification.
    public var recordedAs: RelationshipType
    /// "recorded as a partnership; the evidence says supplier/customer. Call it what it is." when the verdict differs from ``recordedAs``.
    public var statement: String?
}

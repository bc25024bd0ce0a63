import Foundation
import PartnerDomain

/// The band of a health score: green, yellow, red, or grey when the evidence is insufficient.
public enum HealthBand: String, Codable, Sendable, CaseIterable {
    /// 75 and above by default.
    case green
    /// 50 up to green by default.
    case yellow
    /// Below 50 by default.
    case red
    /// Less than 60% of the weight has data: no number is given.
    case insufficientEvidence = "insufficient-evidence"
}

/// How the health score moved against the score a lookback (30 days) earlier.
public enum TrendArrow: String, Codable, Sendable, CaseIterable {
    /// Up by at least the arrow's points.
    case up
    /// Down by at least the arrow's points.
    case down
    /// Within the arrow's points.
    case flat
    /// One of the two scores is insufficient evidence.
    case unavailable
}

/// The direction of an engagement series by its Theil-Sen slope and interval.
public enum TrendDirection: String, Codable, Sendable, CaseIterable {
    /// Slope at least +2 points a month and the interval above 0.
    case rising
    /// Slope at most -2 points a month and the interval below 0.
    case falling
    /// The interval within ±2 points a month.
    case flat
    /// None of those: too few points or too much noise.
    case uncertain
}

/// The direction of a CUSUM shift.
public enum ShiftDirection: String, Codable, Sendable, CaseIterable {
    /// Engagement fell below its baseline.
    case down
    /// Engagement rose above its baseline.
    case up
}

/// One score or value per party.
public struct PartyScore: Codable, Sendable, Equatable {
    /// The party id.
    public var party: String
    /// The party's score.
    public var score: Double
}

/// One event's part in a result: which event, how much it weighed and what credit it earned.
///
/// `aspect` names what the event counted as, such as `fulfilled-on-time`,
/// `attendance` or `opportunities`; `weight` is its decay weight (1 where a
/// window counts events without decay) or the weight of its flow; `credit`
/// is what it earned on its part's scale (a credit 0..1, a depth, an amount).
public struct Evidence: Codable, Sendable, Equatable {
    /// The event's id.
    @LowercasedUUID public var eventId: UUID
    /// When it happened.
    public var occurredAt: Timestamp
    /// The party it counts for, when it counts for one.
    public var party: String?
    /// What it counted as.
    public var aspect: String
    /// Its weight.
    public var weight: Double
    /// Its credit or contribution.
    public var credit: Double

    /// Creates an evidence entry.
    public init(eventId: UUID, occurredAt: Timestamp, party: String?, aspect: String, weight: Double, credit: Double) {
        self.eventId = eventId
        self.occurredAt = occurredAt
        self.party = party
        self.aspect = aspect
        self.weight = weight
        self.credit = credit
    }

    /// The stable order of evidence lists: by time, then id, party and aspect.
    static func precedes(_ lhs: Evidence, _ rhs: Evidence) -> Bool {
        if lhs.occurredAt != rhs.occurredAt { return lhs.occurredAt < rhs.occurredAt }
        if lhs.eventId != rhs.eventId { return lhs.eventId.sortsBefore(rhs.eventId) }
        if lhs.party != rhs.party { return (lhs.party ?? "") < (rhs.party ?? "") }
        return lhs.aspect < rhs.aspect
    }
}


extension Array where Element == Evidence {
    /// The entries in their stable order: by time, then id, party and aspect.
    ///
    /// Sorts small keys rather than the entries, and returns the array as it
    /// is when it is already in order, as most lists built in log order are.
    func stablySorted() -> [Evidence] {
        let keys = map(EvidenceKey.init)
        if zip(keys, keys.dropFirst()).allSatisfy({ !($1 < $0) }) && isInPartyAndAspectOrder(keys) {
            return self
        }
        let order = indices.sorted { lhs, rhs in
            if keys[lhs] != keys[rhs] { return keys[lhs] < keys[rhs] }
            return Evidence.precedes(self[lhs], self[rhs])
        }
        return order.map { self[$0] }
    }

    /// The distinct event ids, in time order then id order.
    var eventIds: [UUID] {
        var seen: Set<UUID> = []
        return map(EvidenceKey.init).sorted(by: <).compactMap { seen.insert($0.id).inserted ? $0.id : nil }
    }

    /// Whether entries with equal time and id are in party and aspect order.
    private func isInPartyAndAspectOrder(_ keys: [EvidenceKey]) -> Bool {
        for index in indices.dropFirst() where keys[index - 1] == keys[index] {
            if Evidence.precedes(self[index], self[index - 1]) { return false }
        }
        return true
    }
}

/// The time and id of an evidence entry, as plain integers that compare quickly.
struct EvidenceKey: Comparable {
    let occurredAt: Int64
    let high: UInt64
    let low: UInt64
    let id: UUID

    init(_ evidence: Evidence) {
        self.init(id: evidence.eventId, occurredAt: evidence.occurredAt)
    }

    init(id: UUID, occurredAt: Timestamp) {
        self.occurredAt = occurredAt.millisecondsSinceEpoch
        (high, low) = id.orderedHalves
        self.id = id
    }

    static func < (lhs: EvidenceKey, rhs: EvidenceKey) -> Bool {
        (lhs.occurredAt, lhs.high, lhs.low) < (rhs.occurredAt, rhs.high, rhs.low)
    }

    static func == (lhs: EvidenceKey, rhs: EvidenceKey) -> Bool {
        (lhs.occurredAt, lhs.high, lhs.low) == (rhs.occurredAt, rhs.high, rhs.low)
    }
}

import Foundation
import PartnerDomain

/// The six components of the health score.
public enum HealthComponentKind: String, Codable, Sendable, CaseIterable {
    /// Commitments kept, per owner, decay-weighted.
    case commitmentReliability = "commitment-reliability"
    /// Cadence, attendance, QBR seniority and action items, per party.
    case operationalEngagement = "operational-engagement"
    /// The least transparent party's transparency.
    case transparency
    /// Reciprocity `R`.
    case reciprocity
    /// Opportunities shared, accepted and won.
    case jointValue = "joint-value"
    /// Charter, objective coverage and survey agreement.
    case alignment
}

/// One component of the health score, with the events behind it.
public struct HealthComponent: Codable, Sendable, Equatable {
    /// Which component.
    public var component: HealthComponentKind
    /// Its weight `W_k`.
    public var weight: Double
    /// Its score `S_k` 0..100, or nil when it has no data (its weight is then spread over the others).
    public var score: Double?
    /// The per-party scores the component takes the minimum of, when it is per party.
    public var partyScores: [PartyScore]
    /// `W_k * (100 - S_k) / sum W` over components with data: what the health score would gain at 100; nil without data.
    public var pointsRecoverable: Double?
    /// The events that contributed, in time order.
    public var evidence: [Evidence]
    /// The evidence the component needs (model `sufficiency.components`) against what it has; per party for transparency.
    public var evidenceCounts: [EvidenceCount]
    /// Whether the need is met (for transparency: by at least one party); without it the component has no score.
    public var hasEnoughEvidence: Bool

    /// "not enough evidence yet: needs 2 commitments settled, has 0" when the need is not met; nil when it is.
    public var shortfall: String? {
        hasEnoughEvidence ? nil : evidenceCounts.shortfallSentence
    }
}

/// The health of a partnership as of a time: a score 0..100 (or insufficient evidence), its band, its trend arrow and its components.
public struct HealthReport: Codable, Sendable, Equatable {
    /// The scoring model's version.
    public var modelVersion: String
    /// The score, or nil when less than the model's share of the weight has data.
    public var score: Double?
    /// Green, yellow, red, or insufficient evidence.
    public var band: HealthBand
    /// The share of the total weight whose components have data.
    public var evidenceShare: Double
    /// The share a band needs (the model's `health.minimumEvidenceShare`).
    public var minimumEvidenceShare: Double
    /// The score the lookback (30 days) earlier, under the same "known at".
    public var earlierScore: Double?
    /// Up, down or flat against the earlier score.
    public var arrow: TrendArrow
    /// Every component, in the order of DOMAIN.md.
    public var components: [HealthComponent]

    /// The component of a kind.
    public func component(_ kind: HealthComponentKind) -> HealthComponent? {
        components.first { $0.component == kind }
    }

    /// The scored component that costs the score most: the most points recoverable, the first
    /// in DOMAIN.md's order among equals; nil without a score or when nothing is lost.
    public var heldDownBy: HealthComponent? {
        guard score != nil else { return nil }
        return components.filter { ($0.pointsRecoverable ?? 0) > 0.005 }.max { ($0.pointsRecoverable ?? 0) < ($1.pointsRecoverable ?? 0) }
            .flatMap { worst in components.first { $0.pointsRecoverable == worst.pointsRecoverable } }
    }

    /// "health is red mainly because of commitment-reliability (score 46.7, 19.2 of the 40.0 points
    /// lost): 2 of 5 commitments missed or late" (for green: "health is green; most of what it
    /// lacks is lost on …"); nil without a score or when nothing is lost.
    public var mainReason: String? {
        guard let worst = heldDownBy, let score = worst.score, let recoverable = worst.pointsRecoverable else { return nil }
        let lost = components.compactMap(\.pointsRecoverable).reduce(0, +)
        let figures = "(score \(Self.one(score)), \(Self.one(recoverable)) of the \(Self.one(lost)) points lost)"
        var sentence = band == .green
            ? "health is green; most of what it lacks is lost on \(worst.component.rawValue) \(figures)"
            : "health is \(band.rawValue) mainly because of \(worst.component.rawValue) \(figures)"
        if let detail = worst.detail { sentence += ": " + detail }
        return sentence
    }

    private static func one(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}

extension HealthComponent {
    /// What the component's evidence says in a few words, where a count says it plainly:
    /// "2 of 5 commitments missed or late", "the lowest party is globex at 34.0".
    var detail: String? {
        switch component {
        case .commitmentReliability:
            let bad: Set<String> = ["missed", "overdue", "fulfilled-too-late", "fulfilled-late"]
            let late = evidence.filter { bad.contains($0.aspect) }.count
            return "\(late) of \(evidence.count) commitments missed or late"
        default:
            guard partyScores.count > 1, let lowest = partyScores.min(by: { $0.score < $1.score }) else { return nil }
            return "the lowest party is \(lowest.party) at \(String(format: "%.1f", lowest.score))"
        }
    }
}

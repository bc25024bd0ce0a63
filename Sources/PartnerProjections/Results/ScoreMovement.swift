import Foundation
import PartnerDomain

/// Which events moved the health score between two view points, component by component.
///
/// Compare two business dates with the same "known at" to see what
/// happened, or one business date at two "known at" times to see what was
/// learned (late-recorded events, retractions).
public struct ScoreMovement: Codable, Sendable, Equatable {
    /// The scoring model's version.
    public var modelVersion: String
    /// The earlier view point.
    public var from: ViewPoint
    /// The later view point.
    public var to: ViewPoint
    /// The health score at `from`, nil for insufficient evidence.
    public var scoreBefore: Double?
    /// The health score at `to`.
    public var scoreAfter: Double?
    /// Each component's score at both points.
    public var components: [ComponentMovement]
    /// Every evidence entry that appeared, disappeared or changed weight or credit, in time order.
    public var events: [EvidenceMovement]
}

/// One component's score at two view points.
public struct ComponentMovement: Codable, Sendable, Equatable {
    /// Which component.
    public var component: HealthComponentKind
    /// Its score before, nil without data.
    public var before: Double?
    /// Its score after.
    public var after: Double?
}

/// One event's contribution (`weight * credit`) to a component at two view points; nil where it did not count.
public struct EvidenceMovement: Codable, Sendable, Equatable {
    /// The event's id.
    @LowercasedUUID public var eventId: UUID
    /// When it happened.
    public var occurredAt: Timestamp
    /// The component it counts in.
    public var component: HealthComponentKind
    /// The party it counts for.
    public var party: String?
    /// What it counted as.
    public var aspect: String
    /// `weight * credit` before, nil when it did not count.
    public var before: Double?
    /// `weight * credit` after, nil when it no longer counts.
    public var after: Double?
}

extension PartnershipProjection {
    /// The health score at two view points and every evidence entry that differs between them.
    public func movement(from: ViewPoint, to: ViewPoint, model: ScoringModel) -> ScoreMovement {
        let options = EvaluationOptions(includeFlagHistory: false)
        let before = evaluate(at: from, model: model, options: options).health
        let after = evaluate(at: to, model: model, options: options).health
        struct Key: Hashable {
            let component: HealthComponentKind
            let eventId: UUID
            let party: String?
            let aspect: String
        }
        func contributions(_ health: HealthReport) -> [Key: (evidence: Evidence, value: Double)] {
            var result: [Key: (evidence: Evidence, value: Double)] = [:]
            for component in health.components {
                for entry in component.evidence {
                    let key = Key(component: component.component, eventId: entry.eventId, party: entry.party, aspect: entry.aspect)
                    let value = entry.weight * entry.credit + (result[key]?.value ?? 0)
                    result[key] = (entry, value)
                }
            }
            return result
        }
        let old = contributions(before)
        let new = contributions(after)
        let order = Dictionary(uniqueKeysWithValues: HealthComponentKind.allCases.enumerated().map { ($1, $0) })
        let events = Set(old.keys).union(new.keys).compactMap { key -> EvidenceMovement? in
            let previous = old[key]?.value
            let next = new[key]?.value
            guard previous != next, let entry = new[key]?.evidence ?? old[key]?.evidence else { return nil }
            return EvidenceMovement(
                eventId: key.eventId, occurredAt: entry.occurredAt, component: key.component, party: key.party,
                aspect: key.aspect, before: previous, after: next)
        }.sorted { lhs, rhs in
            if lhs.occurredAt != rhs.occurredAt { return lhs.occurredAt < rhs.occurredAt }
            if lhs.eventId != rhs.eventId { return lhs.eventId.sortsBefore(rhs.eventId) }
            if lhs.component != rhs.component { return order[lhs.component, default: 0] < order[rhs.component, default: 0] }
            if lhs.party != rhs.party { return (lhs.party ?? "") < (rhs.party ?? "") }
            return lhs.aspect < rhs.aspect
        }
        return ScoreMovement(
            modelVersion: model.version, from: from, to: to, scoreBefore: before.score, scoreAfter: after.score,
            components: before.components.map { component in
                ComponentMovement(
                    component: component.component, before: component.score,
                    after: after.component(component.component)?.score)
            },
            events: events)
    }
}

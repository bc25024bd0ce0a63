import Foundation
import PartnerDomain

/// What the opportunity events state.
enum OpportunityFact: FactValue {
    /// `OpportunityShared`.
    case shared(Terms)
    /// `OpportunityAccepted`.
    case accepted(opportunityId: String)
    /// `OpportunityDeclined`.
    case declined(opportunityId: String)
    /// `OpportunityWon`, with the value won when given.
    case won(opportunityId: String, value: MoneyAmount?)
    /// `OpportunityLost`.
    case lost(opportunityId: String)

    /// An opportunity as shared.
    struct Terms: Sendable, Equatable {
        var opportunityId: String
        var from: String
        var to: String
        var kind: OpportunityKind
        var estimatedValue: MoneyAmount?
        /// The currency of the estimate and of a won value, its ISO code; nil when none was given.
        var currency: String?
    }
}

/// Folds the opportunity events of one partnership into facts, in log order.
struct OpportunityFold: Codable, Sendable, Equatable {
    private(set) var facts: [Fact<OpportunityFact>] = []

    mutating func apply(_ event: ProjectionEvent) {
        let fact: OpportunityFact
        switch event.event {
        case .opportunityShared(let shared):
            fact = .shared(.init(
                opportunityId: shared.opportunityId, from: shared.from, to: shared.to, kind: shared.kind,
                estimatedValue: shared.estimatedValue, currency: shared.currency?.code))
        case .opportunityAccepted(let decision):
            fact = .accepted(opportunityId: decision.opportunityId)
        case .opportunityDeclined(let decision):
            fact = .declined(opportunityId: decision.opportunityId)
        case .opportunityWon(let outcome):
            fact = .won(opportunityId: outcome.opportunityId, value: outcome.value)
        case .opportunityLost(let outcome):
            fact = .lost(opportunityId: outcome.opportunityId)
        default:
            return
        }
        facts.append(Fact(stamp: event.stamp, value: fact))
    }
}

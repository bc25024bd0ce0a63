import Foundation
import PartnerDomain

/// What the commitment events state.
enum CommitmentFact: FactValue {
    /// `CommitmentMade`.
    case made(Terms)
    /// `CommitmentFulfilled`.
    case fulfilled(commitmentId: String)
    /// `CommitmentMissed`.
    case missed(commitmentId: String)
    /// `CommitmentRenegotiated`.
    case renegotiated(commitmentId: String, newDueDate: CalendarDate)
    /// `CommitmentWithdrawn`.
    case withdrawn(commitmentId: String)

    /// A commitment as made.
    struct Terms: Sendable, Equatable {
        var commitmentId: String
        var owner: String
        var beneficiary: String
        var kind: CommitmentKind
        var dueDate: CalendarDate
        var value: MoneyAmount?
    }
}

/// Folds the commitment events of one partnership into facts, in log order.
struct CommitmentFold: Codable, Sendable, Equatable {
    private(set) var facts: [Fact<CommitmentFact>] = []

    mutating func apply(_ event: ProjectionEvent) {
        let fact: CommitmentFact
        switch event.event {
        case .commitmentMade(let made):
            fact = .made(.init(
                commitmentId: made.commitmentId, owner: made.owner, beneficiary: made.beneficiary,
                kind: made.kind, dueDate: made.dueDate, value: made.value))
        case .commitmentFulfilled(let outcome):
            fact = .fulfilled(commitmentId: outcome.commitmentId)
        case .commitmentMissed(let outcome):
            fact = .missed(commitmentId: outcome.commitmentId)
        case .commitmentRenegotiated(let renegotiation):
            fact = .renegotiated(commitmentId: renegotiation.commitmentId, newDueDate: renegotiation.newDueDate)
        case .commitmentWithdrawn(let outcome):
            fact = .withdrawn(commitmentId: outcome.commitmentId)
        default:
            return
        }
        facts.append(Fact(stamp: event.stamp, value: fact))
    }
}

import Foundation
import PartnerDomain

/// What the transparency events state.
enum TransparencyFact: FactValue {
    /// `InformationShared`.
    case shared(from: String, to: String, category: InformationCategory, depth: DisclosureDepth)
    /// `InformationRequested`.
    case requested(requestId: String, by: String, to: String, category: InformationCategory)
    /// `InformationRequestAnswered`.
    case answered(requestId: String)
    /// `InformationRequestDeclined`.
    case declined(requestId: String)
    /// `DisclosureMade`.
    case disclosure(party: String, proactive: Bool)
    /// `SurpriseDiscovered`.
    case surprise(affectedParty: String, aboutParty: String)
}

/// Folds the transparency events of one partnership into facts, in log order.
struct TransparencyFold: Codable, Sendable, Equatable {
    private(set) var facts: [Fact<TransparencyFact>] = []

    mutating func apply(_ event: ProjectionEvent) {
        let fact: TransparencyFact
        switch event.event {
        case .informationShared(let shared):
            fact = .shared(from: shared.from, to: shared.to, category: shared.category, depth: shared.depth)
        case .informationRequested(let request):
            fact = .requested(requestId: request.requestId, by: request.by, to: request.to, category: request.category)
        case .informationRequestAnswered(let answer):
            fact = .answered(requestId: answer.requestId)
        case .informationRequestDeclined(let refusal):
            fact = .declined(requestId: refusal.requestId)
        case .disclosureMade(let disclosure):
            fact = .disclosure(party: disclosure.party, proactive: disclosure.proactive)
        case .surpriseDiscovered(let surprise):
            fact = .surprise(affectedParty: surprise.affectedParty, aboutParty: surprise.aboutParty)
        default:
            return
        }
        facts.append(Fact(stamp: event.stamp, value: fact))
    }
}

import Foundation
import PartnerDomain

/// What the money events state: investments and requests for executive access.
enum MoneyFact: FactValue {
    /// `InvestmentMade`.
    case investment(Investment)
    /// `ExecAccessRequested`.
    case execAccessRequested(by: String, granted: Bool?)

    /// An investment. Its currency is not kept: scores treat the partnership's amounts as one currency.
    struct Investment: Sendable, Equatable {
        var party: String
        var amount: MoneyAmount
        var kind: InvestmentKind
        var upfront: Bool
        var expectedReturnBy: CalendarDate?
    }
}

/// Folds the money events of one partnership into facts, in log order.
struct MoneyFold: Codable, Sendable, Equatable {
    private(set) var facts: [Fact<MoneyFact>] = []

    mutating func apply(_ event: ProjectionEvent) {
        let fact: MoneyFact
        switch event.event {
        case .investmentMade(let investment):
            fact = .investment(.init(
                party: investment.party, amount: investment.amount, kind: investment.kind,
                upfront: investment.upfront, expectedReturnBy: investment.expectedReturnBy))
        case .execAccessRequested(let request):
            fact = .execAccessRequested(by: request.by, granted: request.granted)
        default:
            return
        }
        facts.append(Fact(stamp: event.stamp, value: fact))
    }
}

/// Folds the retractions of one partnership: which event ids were declared wrong, and when that was recorded.
struct RetractionFold: Codable, Sendable, Equatable {
    /// Each retraction's stamp and the id of the event it retracts, in log order.
    private(set) var facts: [Fact<RetractedEvent>] = []

    /// The target of one retraction.
    struct RetractedEvent: FactValue {
        var targetEventId: UUID

        init(targetEventId: UUID) {
            self.targetEventId = targetEventId
        }

        init(fieldsFrom container: inout any UnkeyedDecodingContainer) throws {
            targetEventId = try LowercasedUUID.decodeText(try container.decode(String.self), codingPath: container.codingPath)
        }

        func encodeFields(to container: inout any UnkeyedEncodingContainer) throws {
            try container.encode(UUIDText.lowercased(targetEventId))
        }
    }

    mutating func apply(_ event: ProjectionEvent) {
        guard case .eventRetracted(let retraction) = event.event else { return }
        facts.append(Fact(stamp: event.stamp, value: RetractedEvent(targetEventId: retraction.targetEventId)))
    }
}

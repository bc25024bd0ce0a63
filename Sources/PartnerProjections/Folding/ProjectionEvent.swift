import Foundation
import PartnerDomain

/// One recorded event as the projections read it: the envelope's identity and times, and the decoded event.
///
/// The log supplies every field: `id` (the idempotency key), the partnership
/// slug, business time (`occurredAt`), system time (`recordedAt`), the user
/// who recorded it, and the payload decoded into the current
/// ``PartnerDomain/PartnershipEvent``.
///
/// ```swift
/// var portfolio = PortfolioProjection()
/// for stored in log { portfolio.apply(try ProjectionEvent(envelope: stored)) }
/// ```
public struct ProjectionEvent: Sendable, Equatable {
    /// The event's id, as the log stores it.
    public var id: UUID
    /// The partnership slug: the stream the event belongs to.
    public var partnership: String
    /// Business time: when it happened.
    public var occurredAt: Timestamp
    /// System time: when the log appended it.
    public var recordedAt: Timestamp
    /// The user who appended it.
    public var recordedBy: String
    /// The decoded event at its current version.
    public var event: PartnershipEvent

    /// Creates an event from its parts.
    public init(
        id: UUID, partnership: String, occurredAt: Timestamp, recordedAt: Timestamp,
        recordedBy: String, event: PartnershipEvent
    ) {
        self.id = id
        self.partnership = partnership
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.event = event
    }

    /// Reads an appended envelope; throws `not-recorded` when it has no `recordedAt`, or the payload's decoding error.
    ///
    /// Only events the log has appended can be projected: time travel by
    /// "known at" needs the recording time. A missing `recordedBy` reads as
    /// an empty name.
    public init(envelope: EventEnvelope) throws(DomainError) {
        guard let recordedAt = envelope.recordedAt else {
            throw DomainError(
                code: .notRecorded, field: "recordedAt", value: nil,
                message: "event \(envelope.id.uuidString.lowercased()) has no recording time. Project events read from the log, where recordedAt is set on append.")
        }
        self.init(
            id: envelope.id, partnership: envelope.partnership, occurredAt: envelope.occurredAt,
            recordedAt: recordedAt, recordedBy: envelope.recordedBy ?? "", event: try envelope.decodedEvent())
    }

    /// The id and both times, as the folds keep them.
    var stamp: EventStamp {
        EventStamp(id: id, occurredAt: occurredAt, recordedAt: recordedAt)
    }
}

extension DomainError.Code {
    /// An envelope given to the projections has not been appended to the log: it has no `recordedAt`.
    public static let notRecorded = Self(rawValue: "not-recorded")
}

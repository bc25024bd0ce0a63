import EventLog
import Foundation
import PartnerDomain
import PartnerProjections

/// Turns stored events into the events the projections fold.
enum EventReading {
    /// Decodes an event of `partnership` (its stream) read in place, taking its type and user names from `names`.
    static func projectionEvent(_ stored: StoredEventView, partnership: String, names: inout InternedNames) throws -> ProjectionEvent {
        let type = names.name(stored.typeBytes)
        let version = stored.typeVersion
        let event = try decoded(position: stored.position, type: type, version: version) {
            try PartnershipEvent.decode(type: type, version: version, payload: stored.payload)
        }
        return ProjectionEvent(
            id: stored.id, partnership: partnership,
            occurredAt: Timestamp(millisecondsSinceEpoch: stored.occurredAt),
            recordedAt: Timestamp(millisecondsSinceEpoch: stored.recordedAt),
            recordedBy: names.name(stored.recordedByBytes), event: event)
    }

    /// Decodes an event copied out of the log.
    static func projectionEvent(_ recorded: RecordedEvent) throws -> ProjectionEvent {
        let event = try decoded(position: recorded.position, type: recorded.type, version: recorded.typeVersion) {
            try PartnershipEvent.decode(type: recorded.type, version: recorded.typeVersion, payload: recorded.payloadData)
        }
        return ProjectionEvent(
            id: recorded.id, partnership: recorded.stream,
            occurredAt: Timestamp(millisecondsSinceEpoch: recorded.occurredAt),
            recordedAt: Timestamp(millisecondsSinceEpoch: recorded.recordedAt),
            recordedBy: recorded.recordedBy, event: event)
    }

    /// The event `decode` gives; its failure reported as ``ViewsError/undecodableEvent(position:type:version:reason:)``.
    private static func decoded(
        position: UInt64, type: String, version: Int, _ decode: () throws -> PartnershipEvent
    ) throws -> PartnershipEvent {
        do {
            return try decode()
        } catch {
            throw ViewsError.undecodableEvent(position: position, type: type, version: version, reason: "\(error)")
        }
    }
}

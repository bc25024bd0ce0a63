import EventLog
import Foundation
import PartnerDomain
import PartnerProjections

/// Turns stored events into the events the projections fold.
enum EventReading {
    /// Decodes an event read in place by ``EventLog/forEachStoredEvent(from:_:)``.
    static func projectionEvent(_ stored: StoredEventView) throws -> ProjectionEvent {
        let type = stored.type
        let version = stored.typeVersion
        return try projectionEvent(
            position: stored.position, id: stored.id, stream: stored.stream, type: type, version: version,
            occurredAt: stored.occurredAt, recordedAt: stored.recordedAt, recordedBy: stored.recordedBy,
            payload: Data(stored.payload))
    }

    /// Decodes an event copied out of the log.
    static func projectionEvent(_ recorded: RecordedEvent) throws -> ProjectionEvent {
        try projectionEvent(
            position: recorded.position, id: recorded.id, stream: recorded.stream, type: recorded.type,
            version: recorded.typeVersion, occurredAt: recorded.occurredAt, recordedAt: recorded.recordedAt,
            recordedBy: recorded.recordedBy, payload: recorded.payloadData)
    }

    private static func projectionEvent(
        position: UInt64, id: UUID, stream: String, type: String, version: Int,
        occurredAt: Int64, recordedAt: Int64, recordedBy: String, payload: Data
    ) throws -> ProjectionEvent {
        let event: PartnershipEvent
        do {
            event = try PartnershipEvent.decode(type: type, version: version, payload: payload)
        } catch {
            throw ViewsError.undecodableEvent(position: position, type: type, version: version, reason: "\(error)")
        }
        return ProjectionEvent(
            id: id, partnership: stream, occurredAt: Timestamp(millisecondsSinceEpoch: occurredAt),
            recordedAt: Timestamp(millisecondsSinceEpoch: recordedAt), recordedBy: recordedBy, event: event)
    }
}

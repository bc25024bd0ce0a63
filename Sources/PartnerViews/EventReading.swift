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
        let event: PartnershipEvent
        do {
            event = try PartnershipEvent.decode(type: type, version: version, payload: stored.payload)
        } catch {
            throw ViewsError.undecodableEvent(position: stored.position, type: type, version: version, reason: "\(error)")
        }
        return ProjectionEvent(
            id: stored.id, partnership: stored.stream, occurredAt: Timestamp(millisecondsSinceEpoch: stored.occurredAt),
            recordedAt: Timestamp(millisecondsSinceEpoch: stored.recordedAt), recordedBy: stored.recordedBy, event: event)
    }

    /// Decodes an event of `partnership` (its stream) read in place, taking its type and user names from `names`.
    static func projectionEvent(_ stored: StoredEventView, partnership: String, names: inout InternedNames) throws -> ProjectionEvent {
        let type = names.name(stored.typeBytes)
        let version = stored.typeVersion
        let event: PartnershipEvent
        do {
            event = try PartnershipEvent.decode(type: type, version: version, payload: stored.payload)
        } catch {
            throw ViewsError.undecodableEvent(position: stored.position, type: type, version: version, reason: "\(error)")
        }
        return ProjectionEvent(
            id: stored.id, partnership: partnership,
            occurredAt: Timestamp(millisecondsSinceEpoch: stored.occurredAt),
            recordedAt: Timestamp(millisecondsSinceEpoch: stored.recordedAt),
            recordedBy: names.name(stored.recordedByBytes), event: event)
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

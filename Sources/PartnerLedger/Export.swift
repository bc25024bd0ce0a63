import EventLog
import Foundation

extension Ledger {
    /// Writes every event (or those of some partnerships) as JSON Lines, in log order: one
    /// ``EventEnvelope`` per line with `seq`, `recordedAt`, `recordedBy` and `source`, keys
    /// sorted, each line ending in a newline.
    ///
    /// Importing the whole export into a new ledger (recorded times kept, the default of
    /// ``ImportOptions/RecordedTimes/keep``) reproduces the same events at the same positions
    /// with the same hashes; see ``importEvents(from:options:progress:)``.
    /// - Returns: how many events were written.
    @discardableResult
    public func export(partnerships: Set<String>? = nil, _ write: (Data) throws -> Void) throws -> Int {
        if let partnerships {
            try checkStreamsExist(partnerships)
        }
        var count = 0
        try forEachEvent(where: EventFilter(streams: partnerships)) { recorded in
            var line = try Self.envelope(of: recorded).jsonLine()
            line.append(UInt8(ascii: "\n"))
            try write(line)
            count += 1
        }
        return count
    }

    /// The envelope of a stored event, with every field the log assigned.
    static func envelope(of recorded: RecordedEvent) throws -> EventEnvelope {
        guard let source = EventEnvelope.Source(rawValue: recorded.source) else {
            throw LedgerError.unreadableEvent(
                position: recorded.position, type: recorded.type, version: recorded.typeVersion,
                reason: "its source \"\(recorded.source)\" is not one of cli, import, api")
        }
        do {
            return try EventEnvelope(
                id: recorded.id, seq: recorded.position, partnership: recorded.stream, type: recorded.type,
                version: recorded.typeVersion, occurredAt: Timestamp(millisecondsSinceEpoch: recorded.occurredAt),
                recordedAt: Timestamp(millisecondsSinceEpoch: recorded.recordedAt), recordedBy: recorded.recordedBy,
                source: source, causationId: recorded.causationID, correlationId: recorded.correlationID,
                payload: JSONValue(parsing: recorded.payloadData))
        } catch {
            throw LedgerError.unreadableEvent(
                position: recorded.position, type: recorded.type, version: recorded.typeVersion, reason: error.description)
        }
    }
}

import EventLog

extension Ledger {
    /// Calls `body` with every event `filter` selects, in log order: through the stream index
    /// when the filter names its partnerships, so that a question about one partnership reads
    /// that partnership and not the whole log; else by scanning the log.
    func forEachEvent(where filter: EventFilter, _ body: (RecordedEvent) throws -> Void) throws {
        guard let streams = filter.streams else {
            try log.forEachEvent(where: filter) { recorded in
                try body(recorded)
                return true
            }
            return
        }
        var selected: [RecordedEvent] = []
        for stream in streams.sorted() {
            selected += try log.withScatteredReads { try log.events(inStream: stream) }.filter { Self.matches($0, filter) }
        }
        if streams.count > 1 { selected.sort { $0.position < $1.position } }
        for recorded in selected { try body(recorded) }
    }

    /// Whether `recorded` meets every condition of `filter`.
    private static func matches(_ recorded: RecordedEvent, _ filter: EventFilter) -> Bool {
        if let streams = filter.streams, !streams.contains(recorded.stream) { return false }
        if let types = filter.types, !types.contains(recorded.type) { return false }
        if let from = filter.occurredFrom, recorded.occurredAt < from { return false }
        if let through = filter.occurredThrough, recorded.occurredAt > through { return false }
        if let through = filter.recordedThrough, recorded.recordedAt > through { return false }
        return true
    }
}

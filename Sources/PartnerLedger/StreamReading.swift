import EventLog

extension Ledger {
    /// How many events of a stream are read between two releases of the mapped pages.
    static let streamChunkSize: UInt64 = 512

    /// The events of `stream` from `fromVersion` on, in order, read through the stream index
    /// without readahead and a chunk at a time, releasing the mapped pages between chunks:
    /// one partnership's events lie scattered over the log, and every page fault maps some
    /// neighbours, so a long stream would otherwise keep megabytes of the file resident.
    func streamEvents(_ stream: String, fromVersion: UInt64 = 1) throws -> [RecordedEvent] {
        let last = try log.version(ofStream: stream)
        guard last >= fromVersion else { return [] }
        var events: [RecordedEvent] = []
        events.reserveCapacity(Int(last - fromVersion + 1))
        let isLong = last - fromVersion + 1 > Self.streamChunkSize
        var start = fromVersion
        while start <= last {
            let end = min(last, start + Self.streamChunkSize - 1)
            events += try log.withScatteredReads { try log.events(inStream: stream, fromVersion: start, throughVersion: end) }
            if isLong { log.releaseMappedPages() }
            start = end + 1
        }
        return events
    }

    /// Refuses a partnership with no events, naming the known ones: one index lookup per
    /// partnership named, and the list of every stream only for the error.
    func checkStreamsExist(_ partnerships: Set<String>) throws {
        for slug in partnerships.sorted() where try log.version(ofStream: slug) == 0 {
            throw LedgerError.unknownPartnership(slug: slug, known: try log.streams().map(\.stream).sorted())
        }
    }

    /// Calls `body` with every event `filter` selects, in log order: through the stream index
    /// when the filter names its partnerships, so that a question about one partnership reads
    /// that partnership and not the whole log; else by scanning the log.
    func forEachEvent(where filter: EventFilter, _ body: (RecordedEvent) throws -> Void) throws {
        try EventSelection(self, streams: filter.streams).forEach(where: filter, body)
    }
}

/// The events one question reads, for as many passes as it makes: the named partnerships'
/// streams read once and kept (in log order), or, when no partnership is named, the whole log
/// scanned again on each pass and never held.
struct EventSelection {
    private let ledger: Ledger
    private let kept: [RecordedEvent]?

    init(_ ledger: Ledger, streams: Set<String>?) throws {
        self.ledger = ledger
        guard let streams else {
            kept = nil
            return
        }
        var events: [RecordedEvent] = []
        for stream in streams.sorted() { events += try ledger.streamEvents(stream) }
        if streams.count > 1 { events.sort { $0.position < $1.position } }
        kept = events
    }

    /// Calls `body` with every selected event that `filter` also selects, in log order.
    func forEach(where filter: EventFilter, _ body: (RecordedEvent) throws -> Void) throws {
        guard let kept else {
            try ledger.log.forEachEvent(where: filter) { recorded in
                try body(recorded)
                return true
            }
            return
        }
        for recorded in kept where filter.matches(recorded) { try body(recorded) }
    }
}

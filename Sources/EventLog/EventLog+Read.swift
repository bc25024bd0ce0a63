import Foundation
internal import LMDB

/// Which events a read returns. Every condition given must hold.
public struct EventFilter: Sendable, Hashable {
    /// Only these streams.
    public var streams: Set<String>?
    /// Only these types.
    public var types: Set<String>?
    /// Only events that happened at or after this business time (ms).
    public var occurredFrom: Int64?
    /// Only events that happened at or before this business time (ms): "as of".
    public var occurredThrough: Int64?
    /// Only events the log had recorded at or before this time (ms): "as known at".
    public var recordedThrough: Int64?

    /// Creates a filter; `nil` leaves a dimension open.
    public init(
        streams: Set<String>? = nil, types: Set<String>? = nil, occurredFrom: Int64? = nil,
        occurredThrough: Int64? = nil, recordedThrough: Int64? = nil
    ) {
        self.streams = streams
        self.types = types
        self.occurredFrom = occurredFrom
        self.occurredThrough = occurredThrough
        self.recordedThrough = recordedThrough
    }

    /// Every event.
    public static let all = EventFilter()

    /// Whether `event` meets every condition given.
    public func matches(_ event: RecordedEvent) -> Bool {
        if let streams, !streams.contains(event.stream) { return false }
        if let types, !types.contains(event.type) { return false }
        if let occurredFrom, event.occurredAt < occurredFrom { return false }
        if let occurredThrough, event.occurredAt > occurredThrough { return false }
        if let recordedThrough, event.recordedAt > recordedThrough { return false }
        return true
    }
}

extension EventLog {
    /// The event at a global position, or `nil` past the end.
    public func event(at position: UInt64) throws -> RecordedEvent? {
        try storageErrors { try environment.read { try readEvent(at: position, in: $0) } }
    }

    func readEvent(at position: UInt64, in txn: Transaction) throws -> RecordedEvent? {
        let key = StorageFormat.key(position)
        return try key.withUnsafeBytes { keyBytes in
            guard let value = try txn.get(eventsDB, key: keyBytes) else { return nil }
            return try StorageFormat.decodeEvent(position: position, key: keyBytes, value: value)
        }
    }

    /// The position of the event with this id, or `nil`.
    public func position(ofEventID id: UUID) throws -> UInt64? {
        try storageErrors { try environment.read { try position(ofEventID: id, in: $0) } }
    }

    /// Looks the id up in the merged tier, then in each run (binary search).
    func position(ofEventID id: UUID, in txn: Transaction) throws -> UInt64? {
        try withUnsafeBytes(of: id.uuid) { idBytes in
            if let merged = try txn.get(idsDB, key: idBytes) { return StorageFormat.readUInt64(merged) }
            return try txn.withCursor(idRunsDB) { cursor in
                var entry = try cursor.first()
                while let run = entry {
                    if let position = IDIndex.search(run.value, for: idBytes) { return position }
                    entry = try cursor.next()
                }
                return nil
            }
        }
    }

    /// Events in global order, starting at position `start` (inclusive), at most `limit` of them,
    /// keeping those that match `filter`.
    ///
    /// A start past the end gives nothing. For an exclusive start, pass the last seen position + 1.
    public func events(from start: UInt64 = 1, limit: Int = .max, where filter: EventFilter = .all) throws -> [RecordedEvent] {
        var result: [RecordedEvent] = []
        guard limit > 0 else { return result }
        try forEachEvent(from: start, where: filter) { event in
            result.append(event)
            return result.count < limit
        }
        return result
    }

    /// Calls `body` with each event from position `start` on, in global order, until it returns `false`.
    ///
    /// Events are decoded in pages of short read transactions and `body` runs between them,
    /// outside any transaction, so it may append to the log; a long replay does not hold back
    /// page reuse; positions never change once written, so pages join up exactly.
    /// With ``EventFilter/recordedThrough`` the scan stops at the first event recorded later,
    /// because recorded times never decrease along the log.
    public func forEachEvent(
        from start: UInt64 = 1, where filter: EventFilter = .all, _ body: (RecordedEvent) throws -> Bool
    ) throws {
        var next = max(start, 1)
        var reachedEnd = false
        while !reachedEnd {
            var page: [RecordedEvent] = []
            try storageErrors {
                try environment.read { txn in
                    try txn.withCursor(eventsDB) { cursor in
                        var entry = try StorageFormat.key(next).withUnsafeBytes { try cursor.seek(atOrAfter: $0) }
                        while let current = entry, page.count < 1024 {
                            let position = StorageFormat.readUInt64(current.key)
                            page.append(try StorageFormat.decodeEvent(position: position, key: current.key, value: current.value))
                            next = position + 1
                            entry = try cursor.next()
                        }
                        reachedEnd = entry == nil
                    }
                }
            }
            for event in page {
                if let limit = filter.recordedThrough, event.recordedAt > limit { return }
                if filter.matches(event), try !body(event) { return }
            }
        }
    }

    /// Calls `body` with a view of each stored event from `start` on, inside one read
    /// transaction, without copying or decoding more than the fields read. The view is valid
    /// only during the call, and `body` must not append to the log (it runs inside the read
    /// transaction).
    ///
    /// This is the fast path for a full replay; ``forEachEvent(from:where:_:)`` copies events out.
    /// Every ``pagesReleaseInterval`` events the memory-mapped pages already read are released,
    /// so a read of the whole log does not keep the whole file resident.
    public func forEachStoredEvent(from start: UInt64 = 1, _ body: (StoredEventView) throws -> Void) throws {
        try storageErrors {
            try environment.read { txn in
                try txn.withCursor(eventsDB) { cursor in
                    var entry = try StorageFormat.key(max(start, 1)).withUnsafeBytes { try cursor.seek(atOrAfter: $0) }
                    var read = MappedPages()
                    var sinceRelease = 0
                    while let current = entry {
                        read.include(current.value)
                        sinceRelease += 1
                        if sinceRelease == Self.pagesReleaseInterval {
                            txn.releaseMappedPages(&read)
                            sinceRelease = 0
                        }
                        try body(try storedView(current))
                        entry = try cursor.next()
                    }
                }
            }
        }
    }

    /// The view of the stored event at a cursor entry of `events` (position -> digest, body).
    func storedView(_ entry: Entry) throws -> StoredEventView {
        let position = StorageFormat.readUInt64(entry.key)
        guard entry.value.count > StorageFormat.digestSize,
              let view = StoredEventView(position: position, body: UnsafeRawBufferPointer(rebasing: entry.value[StorageFormat.digestSize...]))
        else {
            throw EventLogError.notALedger(path: path, reason: "the body at position \(position) does not follow the body layout")
        }
        return view
    }

    /// Drops this process's resident pages of the ledger's memory map: the pages reads and writes
    /// went through (a write also reads LMDB's lists of free pages) stop counting in the process's
    /// resident memory. Nothing is lost; a page read again is mapped again from the page cache.
    @discardableResult
    public func releaseMappedPages() -> Bool {
        environment.releaseMappedPages()
    }

    /// How many events a full read in place goes through between two releases of the mapped pages it read.
    public static let pagesReleaseInterval = 16_384

    /// Calls `body` with views of the stored events from `start` on, up to `batchSize` at a time,
    /// all inside one read transaction: the views of a batch stay valid together until `body`
    /// returns, so a batch can be read on several threads. Between batches the memory-mapped
    /// pages already read are released, so a replay of the whole log keeps only about one
    /// batch of the file resident. `body` must not append to the log.
    public func forEachStoredEventBatch(
        from start: UInt64 = 1, batchSize: Int, _ body: ([StoredEventView]) throws -> Void
    ) throws {
        try withStoredEventBatches(from: start, batchSize: batchSize) { batches in
            while let batch = try batches.next() {
                try body(batch.events)
                batches.releasePages(of: batch)
            }
        }
    }

    /// Runs `body` with a reader that hands out the stored events from `start` on in batches of
    /// `batchSize` views, in log order, all inside one read transaction: every view stays valid
    /// until `body` returns, so batches can be worked on by other threads while the reader
    /// reads on, as long as that work ends before `body` returns. `body` must not append to the
    /// log.
    ///
    /// The reader does not release the memory-mapped pages a batch was read from:
    /// ``StoredEventBatchReader/releasePages(of:)`` does, once the batch is done with, so that a
    /// read of the whole log keeps only the batches in use resident.
    public func withStoredEventBatches<T>(
        from start: UInt64 = 1, batchSize: Int, _ body: (inout StoredEventBatchReader) throws -> T
    ) throws -> T {
        try storageErrors {
            try environment.read { txn in
                try txn.withCursor(eventsDB) { cursor in
                    var reader = StoredEventBatchReader(log: self, txn: txn, cursor: cursor, start: start, batchSize: max(batchSize, 1))
                    return try body(&reader)
                }
            }
        }
    }

    /// The version of a stream: the number of its events (0 when it does not exist).
    public func version(ofStream stream: String) throws -> UInt64 {
        try storageErrors {
            try environment.read { txn in
                try txn.withCursor(streamsDB) { try streamVersion(of: stream, cursor: $0) }
            }
        }
    }

    /// A stream's events with versions from `fromVersion` through `throughVersion`, in order.
    ///
    /// An unknown stream gives nothing.
    public func events(
        inStream stream: String, fromVersion: UInt64 = 1, throughVersion: UInt64 = .max, limit: Int = .max
    ) throws -> [RecordedEvent] {
        try storageErrors {
            try environment.read { txn in
                try txn.withCursor(streamsDB) { cursor in
                    var result: [RecordedEvent] = []
                    let key = Array(stream.utf8)
                    guard fromVersion <= throughVersion, try key.withUnsafeBytes({ try cursor.find(key: $0) }) != nil else { return [] }
                    var version: UInt64 = 1
                    var entry = try cursor.firstDuplicate()
                    while let current = entry, version <= throughVersion, result.count < limit {
                        if version >= fromVersion, let event = try readEvent(at: StorageFormat.readUInt64(current.value), in: txn) {
                            result.append(event)
                        }
                        version += 1
                        entry = try cursor.nextDuplicate()
                    }
                    return result
                }
            }
        }
    }

    /// The last event of a stream at or before `version` (the stream's last event when `nil`).
    public func lastEvent(inStream stream: String, atOrBefore version: UInt64? = nil) throws -> RecordedEvent? {
        try storageErrors {
            try environment.read { txn in
                try txn.withCursor(streamsDB) { cursor in
                    guard try Array(stream.utf8).withUnsafeBytes({ try cursor.find(key: $0) }) != nil else { return nil }
                    let count = UInt64(try cursor.duplicateCount())
                    let wanted = min(version ?? count, count)
                    guard wanted > 0 else { return nil }
                    var entry = try cursor.lastDuplicate()
                    var current = count
                    while current > wanted, entry != nil {
                        entry = try cursor.previousDuplicate()
                        current -= 1
                    }
                    guard let entry else { return nil }
                    return try readEvent(at: StorageFormat.readUInt64(entry.value), in: txn)
                }
            }
        }
    }

    /// Every stream with its version, sorted by name.
    public func streams() throws -> [(stream: String, version: UInt64)] {
        try storageErrors {
            try environment.read { txn in
                try txn.withCursor(streamsDB) { cursor in
                    var result: [(String, UInt64)] = []
                    var entry = try cursor.first()
                    while let current = entry {
                        result.append((String(decoding: current.key, as: UTF8.self), UInt64(try cursor.duplicateCount())))
                        entry = try cursor.nextNoDuplicate()
                    }
                    return result
                }
            }
        }
    }
}

/// Reads a log's stored events in batches inside one read transaction; see
/// ``EventLog/withStoredEventBatches(from:batchSize:_:)``.
public struct StoredEventBatchReader {
    private let log: EventLog
    private let txn: Transaction
    private let cursor: Cursor
    private let start: UInt64
    private let batchSize: Int
    private var started = false
    private var finished = false

    fileprivate init(log: EventLog, txn: Transaction, cursor: Cursor, start: UInt64, batchSize: Int) {
        self.log = log
        self.txn = txn
        self.cursor = cursor
        self.start = start
        self.batchSize = batchSize
    }

    /// The next batch of at most the batch size, in log order; nil after the last event.
    public mutating func next() throws -> StoredEventBatch? {
        guard !finished else { return nil }
        return try storageErrors {
            var entry: LMDB.Entry?
            if started {
                entry = try cursor.next()
            } else {
                started = true
                entry = try StorageFormat.key(max(start, 1)).withUnsafeBytes { try cursor.seek(atOrAfter: $0) }
            }
            var events: [StoredEventView] = []
            events.reserveCapacity(batchSize)
            var pages = MappedPages()
            while let current = entry {
                events.append(try log.storedView(current))
                pages.include(current.value)
                if events.count == batchSize { break }
                entry = try cursor.next()
            }
            if entry == nil { finished = true }
            return events.isEmpty ? nil : StoredEventBatch(events: events, pages: pages)
        }
    }

    /// Releases the memory-mapped pages `batch` was read from (the views stay valid: a page read
    /// again is mapped again from the page cache). Returns whether the kernel took the advice.
    @discardableResult
    public func releasePages(of batch: StoredEventBatch) -> Bool {
        var pages = batch.pages
        return txn.releaseMappedPages(&pages)
    }
}

/// One batch of ``StoredEventBatchReader``: views of consecutive stored events.
public struct StoredEventBatch {
    /// The views, in log order.
    public let events: [StoredEventView]
    /// The span of the memory map they were read from.
    let pages: MappedPages
}

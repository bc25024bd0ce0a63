import Foundation
import LedgerJSON
internal import LMDB

extension EventLog {
    /// Appends events to one stream in one transaction.
    ///
    /// See ``append(_:)`` for the rules.
    @discardableResult
    public func append(to stream: String, expecting expected: ExpectedVersion = .any, _ events: [ProposedEvent]) throws -> AppendResult {
        try append([StreamAppend(stream: stream, expected: expected, events: events)])
    }

    /// Appends a batch, possibly spanning several streams, in one write transaction:
    /// all of it or none of it, index entries included.
    ///
    /// - Each group's expectation is checked against its stream's version at that point of the
    ///   batch; a wrong expectation throws ``EventLogError/wrongExpectedVersion(stream:expected:actual:)``.
    /// - When every event id of the batch is stored already with the same content, nothing is
    ///   written and the original positions come back (``AppendResult/wasAlreadyStored``). The same id
    ///   with other content throws ``EventLogError/eventIDConflict(id:position:)``; a batch that mixes
    ///   stored and new events throws ``EventLogError/partiallyStoredBatch(id:position:)``.
    /// - Stream names, type names and payloads are checked before the transaction begins.
    /// - An empty batch is a no-op.
    ///
    /// The corresponding LMDB work is one `mdb_txn_begin` ... `mdb_txn_commit`; when the map
    /// fills, it grows and the batch is retried whole.
    @discardableResult
    public func append(_ groups: [StreamAppend]) throws -> AppendResult {
        try validate(groups)
        return try commit(groups, prepared: nil)
    }

    func validate(_ groups: [StreamAppend]) throws {
        var seen = IDTable()
        for group in groups {
            try checkName(group.stream, field: "stream", maxBytes: StorageFormat.BodyLayout.maxStreamBytes)
            for event in group.events {
                try checkName(event.type, field: "type", maxBytes: 200)
                if let recordedBy = event.recordedBy { try checkName(recordedBy, field: "recordedBy", maxBytes: 200) }
                try checkName(event.source, field: "source", maxBytes: 50)
                guard event.typeVersion <= Int(UInt16.max) else {
                    throw EventLogError.invalidField(field: "typeVersion", value: String(event.typeVersion), reason: "versions end at \(UInt16.max)")
                }
                guard (LogTime.earliest...LogTime.latest).contains(event.occurredAt) else {
                    throw EventLogError.invalidField(field: "occurredAt", value: String(event.occurredAt),
                                                     reason: "it must lie between 0000-01-01 and 9999-12-31 (milliseconds \(LogTime.earliest) to \(LogTime.latest))")
                }
                guard event.typeVersion >= 1 else {
                    throw EventLogError.invalidField(field: "typeVersion", value: String(event.typeVersion), reason: "versions start at 1")
                }
                let key = IDKey(event.id)
                guard seen[key] == nil else { throw EventLogError.duplicateEventInBatch(id: event.id) }
                seen.insert(key, position: 1)
                do {
                    try JSONParser.validate(event.payload, maxDepth: 64)
                } catch {
                    throw EventLogError.invalidPayload(id: event.id, error: error)
                }
                guard event.payload.first(where: { !isJSONWhitespace($0) }) == UInt8(ascii: "{") else {
                    throw EventLogError.invalidField(field: "payload", value: String(decoding: event.payload.prefix(40), as: UTF8.self),
                                                     reason: "a payload must be a JSON object")
                }
            }
        }
    }

    func checkName(_ name: String, field: String, maxBytes: Int) throws {
        try EventLog.checkName(name, field: field, maxBytes: maxBytes)
    }

    /// Refuses an empty name, one longer than `maxBytes`, or one with a control character.
    static func checkName(_ name: String, field: String, maxBytes: Int) throws {
        if name.isEmpty {
            throw EventLogError.invalidField(field: field, value: name, reason: "it must not be empty")
        }
        if name.utf8.count > maxBytes {
            throw EventLogError.invalidField(field: field, value: String(name.prefix(40)) + "...", reason: "it is longer than \(maxBytes) bytes")
        }
        if name.utf8.contains(where: { $0 < 0x20 }) {
            throw EventLogError.invalidField(field: field, value: name, reason: "it contains a control character")
        }
    }

    /// When the whole batch is stored already with the same content, its original positions.
    func repeatedBatch(
        _ groups: [StreamAppend], eventCount: Int, recent: RecentIDLookup, mergedFilter: MergedIDFilter?,
        mergedThrough: UInt64, in txn: Transaction
    ) throws -> AppendResult? {
        var stored: [(id: UUID, position: UInt64)] = []
        for group in groups {
            for event in group.events {
                let key = IDKey(event.id)
                let position: UInt64
                if let recentPosition = try recent.position(of: key) {
                    position = recentPosition
                } else if mergedThrough > 0, mergedFilter?.mayContain(key) ?? true,
                          let merged = try withUnsafeBytes(of: event.id.uuid, { try txn.get(idsDB, key: $0) }) {
                    position = StorageFormat.readUInt64(merged)
                } else {
                    continue
                }
                guard let original = try readEvent(at: position, in: txn),
                      original.stream == group.stream, original.type == event.type,
                      original.typeVersion == event.typeVersion, original.occurredAt == event.occurredAt,
                      original.payload == event.payload, original.causationID == event.causationID,
                      original.correlationID == event.correlationID
                else {
                    throw EventLogError.eventIDConflict(id: event.id, position: position)
                }
                stored.append((event.id, position))
            }
        }
        guard let first = stored.first else { return nil }
        guard stored.count == eventCount else {
            throw EventLogError.partiallyStoredBatch(id: first.id, position: first.position)
        }
        return AppendResult(positions: stored.map(\.position), wasAlreadyStored: true, head: try readHead(txn))
    }

    /// The id run a committed batch added, for the writer's in-memory copy.
    struct CommittedRun {
        let key: UInt64
        let entries: [(id: IDKey, position: UInt64)]
        /// Whether this batch merged every run into the `ids` B-tree.
        let merged: Bool
    }

    /// A batch encoded for a given state of the log: stored values with their positions, stream
    /// versions and chain digests. It is valid for commit only while the log's head is still
    /// `base` and each stream's version is still its group's `startVersion`.
    struct PreparedBatch {
        struct Group {
            let stream: String
            let expected: ExpectedVersion
            let startVersion: UInt64
            let count: Int
        }

        let base: Head
        let groups: [Group]
        /// The stored values one after another; `ends[i]` is where value `i` ends.
        let values: [UInt8]
        let ends: [Int]
        let runEntries: [(id: IDKey, position: UInt64)]
        let head: Head
        /// Each stream's version after the batch.
        let versions: [String: UInt64]
    }

    /// Encodes `groups` on top of `base`, taking stream versions from `version(of:)`; checks the
    /// expectations against those versions. Pure computation: no transaction is needed.
    func prepare(
        _ groups: [StreamAppend], eventCount: Int, base: Head, recordedAt: Int64, version: (String) throws -> UInt64
    ) throws -> PreparedBatch {
        var versions: [String: UInt64] = [:]
        var prepared: [PreparedBatch.Group] = []
        prepared.reserveCapacity(groups.count)
        var runEntries: [(id: IDKey, position: UInt64)] = []
        runEntries.reserveCapacity(eventCount)
        var values: [UInt8] = []
        values.reserveCapacity(eventCount * 512)
        var ends: [Int] = []
        ends.reserveCapacity(eventCount)
        var position = base.position
        var digest = base.digest
        for group in groups {
            let start = try versions[group.stream] ?? version(group.stream)
            guard group.expected.isMet(byVersion: start) else {
                throw EventLogError.wrongExpectedVersion(stream: group.stream, expected: group.expected, actual: start)
            }
            var streamVersion = start
            for event in group.events {
                position += 1
                streamVersion += 1
                let valueStart = values.count
                values.append(contentsOf: digest)
                StorageFormat.appendBody(
                    of: event, stream: group.stream, streamVersion: streamVersion,
                    recordedAt: recordedAt, recordedBy: event.recordedBy ?? options.recordedBy, to: &values)
                var key = position.bigEndian
                digest = withUnsafeBytes(of: &key) { keyBytes in
                    values.withUnsafeBytes { StorageFormat.digest(key: keyBytes, value: UnsafeRawBufferPointer(rebasing: $0[valueStart...])) }
                }
                ends.append(values.count)
                runEntries.append((IDKey(event.id), position))
            }
            versions[group.stream] = streamVersion
            prepared.append(PreparedBatch.Group(stream: group.stream, expected: group.expected, startVersion: start, count: group.events.count))
        }
        return PreparedBatch(
            base: base, groups: prepared, values: values, ends: ends, runEntries: runEntries,
            head: Head(position: position, digest: digest, recordedAt: recordedAt), versions: versions)
    }

    /// Encodes and writes a batch on the state `txn` sees.
    func write(_ groups: [StreamAppend], eventCount: Int, in txn: Transaction) throws -> (result: AppendResult, run: CommittedRun) {
        let head = try readHead(txn)
        let prepared = try txn.withCursor(streamsDB) { cursor in
            try prepare(groups, eventCount: eventCount, base: head, recordedAt: max(options.clock(), head.recordedAt)) {
                try streamVersion(of: $0, cursor: cursor)
            }
        }
        // Encoded from this transaction's own state: nothing to check against it again.
        return try store(prepared, in: txn)
    }

    /// Writes a prepared batch, or returns `nil` when the log has moved away from its base
    /// (another writer committed since it was prepared); then nothing was written.
    func write(_ prepared: PreparedBatch, in txn: Transaction) throws -> (result: AppendResult, run: CommittedRun)? {
        guard try readHead(txn) == prepared.base else { return nil }
        let matches = try txn.withCursor(streamsDB) { cursor in
            var seen: [String: UInt64] = [:]
            for group in prepared.groups {
                let actual = try seen[group.stream] ?? streamVersion(of: group.stream, cursor: cursor)
                guard actual == group.startVersion else { return false }
                seen[group.stream] = actual + UInt64(group.count)
            }
            return true
        }
        guard matches else { return nil }
        return try store(prepared, in: txn)
    }

    /// Writes a prepared batch known to match the state `txn` sees.
    private func store(_ prepared: PreparedBatch, in txn: Transaction) throws -> (result: AppendResult, run: CommittedRun) {
        var positions: [UInt64] = []
        positions.reserveCapacity(prepared.ends.count)
        try txn.withCursor(streamsDB) { streamCursor in
            try prepared.values.withUnsafeBytes { values in
                var index = 0
                var position = prepared.base.position
                for group in prepared.groups {
                    try Array(group.stream.utf8).withUnsafeBytes { streamKey in
                        for _ in 0..<group.count {
                            position += 1
                            let start = index == 0 ? 0 : prepared.ends[index - 1]
                            var key = position.bigEndian
                            try withUnsafeBytes(of: &key) { keyBytes in
                                try txn.put(eventsDB, key: keyBytes, value: UnsafeRawBufferPointer(rebasing: values[start..<prepared.ends[index]]), flags: .append)
                                try streamCursor.put(key: streamKey, value: keyBytes, flags: .appendDuplicate)
                            }
                            positions.append(position)
                            index += 1
                        }
                    }
                }
            }
        }
        try txn.put(meta, key: StorageFormat.MetaKey.head, value: StorageFormat.encodeHead(prepared.head))
        let runKey = prepared.base.position + 1
        try txn.put(idRunsDB, key: StorageFormat.key(runKey), value: IDIndex.encodeRun(prepared.runEntries), flags: .append)
        let merged = try mergeRunsIfFull(through: prepared.head.position, in: txn)
        return (AppendResult(positions: positions, wasAlreadyStored: false, head: prepared.head),
                CommittedRun(key: runKey, entries: prepared.runEntries, merged: merged))
    }

    /// Merges every id run into the `ids` B-tree once the runs are full (see ``IDIndex``).
    private func mergeRunsIfFull(through position: UInt64, in txn: Transaction) throws -> Bool {
        let pending = position - (try idsMergedThrough(txn))
        let runCount = try txn.statistics(idRunsDB).entries
        guard pending >= options.idMergeThreshold || runCount >= IDIndex.maxRuns else { return false }
        var entries: [(id: IDKey, position: UInt64)] = []
        entries.reserveCapacity(Int(pending))
        try txn.withCursor(idRunsDB) { cursor in
            var entry = try cursor.first()
            while let run = entry {
                IDIndex.forEachEntry(of: run.value) { id, position in
                    entries.append((IDKey(bytes: id), position))
                }
                entry = try cursor.next()
            }
        }
        entries.sort { $0.id < $1.id }
        let isEmpty = try txn.statistics(idsDB).entries == 0
        for entry in entries {
            var key = (entry.id.high.bigEndian, entry.id.low.bigEndian)
            var value = entry.position.bigEndian
            do {
                try withUnsafeBytes(of: &key) { keyBytes in
                    try withUnsafeBytes(of: &value) { valueBytes in
                        try txn.put(idsDB, key: keyBytes, value: valueBytes, flags: isEmpty ? [.append] : [.noOverwrite])
                    }
                }
            } catch LMDBError.keyExists {
                throw EventLogError.notALedger(path: path, reason: "an event id is indexed twice")
            }
        }
        try txn.removeAllEntries(idRunsDB)
        try txn.put(meta, key: StorageFormat.MetaKey.idsMergedThrough, value: StorageFormat.key(position))
        return true
    }

    func streamVersion(of stream: String, cursor: Cursor) throws -> UInt64 {
        let found = try Array(stream.utf8).withUnsafeBytes { try cursor.find(key: $0) }
        return found == nil ? 0 : UInt64(try cursor.duplicateCount())
    }
}

@inline(__always)
private func isJSONWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0a || byte == 0x0d || byte == 0x09
}

import Foundation
import LedgerJSON
import LMDB

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
        let eventCount = groups.reduce(0) { $0 + $1.events.count }
        if eventCount == 0 {
            return AppendResult(positions: [], wasAlreadyStored: false, head: try head())
        }
        let outcome: (result: AppendResult, run: CommittedRun?) = try storageErrors {
            try environment.write { txn in
                let mergedThrough = try idsMergedThrough(txn)
                let recent = try recentIDs.refreshed(in: txn, runs: idRunsDB, mergedThrough: mergedThrough)
                if let repeated = try repeatedBatch(groups, eventCount: eventCount, recent: recent, in: txn) {
                    return (repeated, nil)
                }
                let written = try write(groups, eventCount: eventCount, in: txn)
                return (written.result, written.run)
            }
        }
        if let run = outcome.run {
            if run.merged {
                recentIDs.reset(mergedThrough: outcome.result.head.position)
            } else {
                recentIDs.add(run.entries, runKey: run.key)
            }
        }
        return outcome.result
    }

    private func validate(_ groups: [StreamAppend]) throws {
        var seen = Set<UUID>()
        for group in groups {
            try checkName(group.stream, field: "stream", maxBytes: 400)
            for event in group.events {
                try checkName(event.type, field: "type", maxBytes: 200)
                if let recordedBy = event.recordedBy { try checkName(recordedBy, field: "recordedBy", maxBytes: 200) }
                try checkName(event.source, field: "source", maxBytes: 50)
                guard event.typeVersion >= 1 else {
                    throw EventLogError.invalidField(field: "typeVersion", value: String(event.typeVersion), reason: "versions start at 1")
                }
                guard seen.insert(event.id).inserted else { throw EventLogError.duplicateEventInBatch(id: event.id) }
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

    private func checkName(_ name: String, field: String, maxBytes: Int) throws {
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
    private func repeatedBatch(
        _ groups: [StreamAppend], eventCount: Int, recent: [UUID: UInt64], in txn: Transaction
    ) throws -> AppendResult? {
        var stored: [(id: UUID, position: UInt64)] = []
        for group in groups {
            for event in group.events {
                let merged = try withUnsafeBytes(of: event.id.uuid) { try txn.get(idsDB, key: $0) }
                guard let position = recent[event.id] ?? merged.map({ StorageFormat.readUInt64($0) }) else { continue }
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
        let entries: [(id: UUID, position: UInt64)]
        /// Whether this batch merged every run into the `ids` B-tree.
        let merged: Bool
    }

    func write(_ groups: [StreamAppend], eventCount: Int, in txn: Transaction) throws -> (result: AppendResult, run: CommittedRun) {
        let head = try readHead(txn)
        var runEntries: [(id: UUID, position: UInt64)] = []
        runEntries.reserveCapacity(eventCount)
        var position = head.position
        var digest = head.digest
        let recordedAt = max(options.clock(), head.recordedAt)
        var positions: [UInt64] = []
        positions.reserveCapacity(eventCount)
        var value: [UInt8] = []
        value.reserveCapacity(1024)
        try txn.withCursor(streamsDB) { streamCursor in
            for group in groups {
                var version = try streamVersion(of: group.stream, cursor: streamCursor)
                guard group.expected.isMet(byVersion: version) else {
                    throw EventLogError.wrongExpectedVersion(stream: group.stream, expected: group.expected, actual: version)
                }
                try Array(group.stream.utf8).withUnsafeBytes { streamKey in
                    for event in group.events {
                        position += 1
                        version += 1
                        value.removeAll(keepingCapacity: true)
                        value.append(contentsOf: digest)
                        StorageFormat.appendBody(
                            of: event, position: position, stream: group.stream, streamVersion: version,
                            recordedAt: recordedAt, recordedBy: event.recordedBy ?? options.recordedBy, to: &value)
                        var key = position.bigEndian
                        try withUnsafeBytes(of: &key) { keyBytes in
                            try value.withUnsafeBytes { valueBytes in
                                try txn.put(eventsDB, key: keyBytes, value: valueBytes, flags: .append)
                                digest = StorageFormat.digest(key: keyBytes, value: valueBytes)
                            }
                            try streamCursor.put(key: streamKey, value: keyBytes, flags: .appendDuplicate)
                        }
                        runEntries.append((event.id, position))
                        positions.append(position)
                    }
                }
            }
        }
        let newHead = Head(position: position, digest: digest, recordedAt: recordedAt)
        try txn.put(meta, key: StorageFormat.MetaKey.head, value: StorageFormat.encodeHead(newHead))
        let runKey = head.position + 1
        try txn.put(idRunsDB, key: StorageFormat.key(runKey), value: IDIndex.encodeRun(runEntries), flags: .append)
        let merged = try mergeRunsIfFull(through: newHead.position, in: txn)
        return (AppendResult(positions: positions, wasAlreadyStored: false, head: newHead),
                CommittedRun(key: runKey, entries: runEntries, merged: merged))
    }

    /// Merges every id run into the `ids` B-tree once the runs are full (see ``IDIndex``).
    private func mergeRunsIfFull(through position: UInt64, in txn: Transaction) throws -> Bool {
        let pending = position - (try idsMergedThrough(txn))
        let runCount = try txn.statistics(idRunsDB).entries
        guard pending >= options.idMergeThreshold || runCount >= IDIndex.maxRuns else { return false }
        var entries: [(id: [UInt8], position: [UInt8])] = []
        entries.reserveCapacity(Int(pending))
        try txn.withCursor(idRunsDB) { cursor in
            var entry = try cursor.first()
            while let run = entry {
                IDIndex.forEachEntry(of: run.value) { id, position in
                    entries.append((Array(id), StorageFormat.key(position)))
                }
                entry = try cursor.next()
            }
        }
        entries.sort { $0.id.lexicographicallyPrecedes($1.id) }
        let isEmpty = try txn.statistics(idsDB).entries == 0
        for entry in entries {
            do {
                try txn.put(idsDB, key: entry.id, value: entry.position, flags: isEmpty ? [.append] : [.noOverwrite])
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

import Foundation
import LMDB

/// The durable index from event id to position, in two tiers written in the same
/// transaction as the events:
///
/// - `idRuns`: one entry per batch, appended in position order (`MDB_APPEND`): key = the
///   batch's first position (8 bytes big-endian), value = the batch's ids sorted bytewise,
///   24 bytes each (16-byte id, 8-byte big-endian position).
/// - `ids`: the merged B-tree, 16-byte id -> 8-byte big-endian position.
///
/// Random ids in one B-tree would dirty a page per event in every commit; a run is a few
/// contiguous pages. When the runs hold ``mergeThreshold`` ids (``EventLogOptions`` can lower it) (or ``maxRuns`` runs), the
/// batch that crosses the line merges them all into `ids` and empties `idRuns`; `meta`
/// key `idsMergedThrough` (8 bytes big-endian) records the last position merged. Every
/// event is in exactly one tier, so the two tiers together hold as many ids as the log
/// holds events.
///
/// Writers keep a per-process copy of the runs in memory (refreshed from the runs at the
/// start of each write transaction, so other processes' runs are seen), which makes the
/// idempotency check a hash lookup plus one B-tree search.
enum IDIndex {
    static let entrySize = 24
    /// Ids held in runs before they are merged into the B-tree.
    static let mergeThreshold: UInt64 = 131_072
    /// Runs held before they are merged, whatever their size.
    static let maxRuns = 4096

    /// The run value of a batch: its (id, position) pairs sorted by id bytes.
    static func encodeRun(_ entries: [(id: UUID, position: UInt64)]) -> [UInt8] {
        var keyed = entries.map { (bytes: $0.id.bytes, position: $0.position) }
        keyed.sort { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        var value: [UInt8] = []
        value.reserveCapacity(keyed.count * entrySize)
        for entry in keyed {
            value.append(contentsOf: entry.bytes)
            value.append(contentsOf: StorageFormat.key(entry.position))
        }
        return value
    }

    /// Binary search of one run for `id`.
    static func search(_ run: UnsafeRawBufferPointer, for id: UnsafeRawBufferPointer) -> UInt64? {
        var low = 0
        var high = run.count / entrySize
        while low < high {
            let middle = (low + high) / 2
            let candidate = UnsafeRawBufferPointer(rebasing: run[middle * entrySize..<middle * entrySize + 16])
            let order = memcmp(candidate.baseAddress!, id.baseAddress!, 16)
            if order == 0 { return StorageFormat.readUInt64(run, at: middle * entrySize + 16) }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// Calls `body` with each (id bytes, position) of a run.
    static func forEachEntry(of run: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, UInt64) throws -> Void) rethrows {
        var offset = 0
        while offset + entrySize <= run.count {
            try body(UnsafeRawBufferPointer(rebasing: run[offset..<offset + 16]), StorageFormat.readUInt64(run, at: offset + 16))
            offset += entrySize
        }
    }
}

/// The writer's in-memory copy of the `idRuns` tier.
final class RecentIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var positions: [UUID: UInt64] = [:]
    private var mergedThrough: UInt64 = 0
    private var lastRunKey: UInt64 = 0

    /// Brings the copy up to the runs visible in `txn` and returns a lookup for them.
    func refreshed(in txn: Transaction, runs: Database, mergedThrough stored: UInt64) throws -> [UUID: UInt64] {
        try lock.withLock {
            if stored != mergedThrough {
                positions.removeAll(keepingCapacity: true)
                mergedThrough = stored
                lastRunKey = 0
            }
            try txn.withCursor(runs) { cursor in
                var entry = try StorageFormat.key(lastRunKey + 1).withUnsafeBytes { try cursor.seek(atOrAfter: $0) }
                while let current = entry {
                    IDIndex.forEachEntry(of: current.value) { id, position in
                        positions[UUID(bytes: id)] = position
                    }
                    lastRunKey = StorageFormat.readUInt64(current.key)
                    entry = try cursor.next()
                }
            }
            return positions
        }
    }

    /// Records a run this process committed.
    func add(_ entries: [(id: UUID, position: UInt64)], runKey: UInt64) {
        lock.withLock {
            guard runKey > lastRunKey else { return }
            for entry in entries { positions[entry.id] = entry.position }
            lastRunKey = runKey
        }
    }

    /// Forgets everything (after a merge emptied the runs).
    func reset(mergedThrough position: UInt64) {
        lock.withLock {
            positions.removeAll(keepingCapacity: true)
            mergedThrough = position
            lastRunKey = 0
        }
    }
}

import Foundation
internal import LMDB

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
    static func encodeRun(_ entries: [(id: IDKey, position: UInt64)]) -> [UInt8] {
        let sorted = entries.sorted { $0.id < $1.id }
        var value = [UInt8](repeating: 0, count: sorted.count * entrySize)
        value.withUnsafeMutableBytes { buffer in
            for (index, entry) in sorted.enumerated() {
                buffer.storeBytes(of: entry.id.high.bigEndian, toByteOffset: index * entrySize, as: UInt64.self)
                buffer.storeBytes(of: entry.id.low.bigEndian, toByteOffset: index * entrySize + 8, as: UInt64.self)
                buffer.storeBytes(of: entry.position.bigEndian, toByteOffset: index * entrySize + 16, as: UInt64.self)
            }
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

/// An event id as two big-endian halves: ordered as its bytes are, cheap to hash and compare.
struct IDKey: Hashable, Comparable {
    let high: UInt64
    let low: UInt64

    init(_ id: UUID) {
        let (high, low) = withUnsafeBytes(of: id.uuid) {
            (UInt64(bigEndian: $0.loadUnaligned(as: UInt64.self)), UInt64(bigEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
        self.high = high
        self.low = low
    }

    init(bytes: UnsafeRawBufferPointer) {
        high = UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self))
        low = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    }

    static func < (lhs: IDKey, rhs: IDKey) -> Bool {
        lhs.high != rhs.high ? lhs.high < rhs.high : lhs.low < rhs.low
    }
}

/// An open-addressing hash table from ``IDKey`` to position. Ids are random (UUIDv4) or
/// time-ordered with random tails (UUIDv7), so the low half mixed once is a good hash.
struct IDTable {
    private var highs: [UInt64] = []
    private var lows: [UInt64] = []
    private var positions: [UInt64] = []
    private(set) var count = 0
    private var mask = 0

    subscript(key: IDKey) -> UInt64? {
        guard count > 0 else { return nil }
        var slot = Self.hash(key) & mask
        while positions[slot] != 0 {
            if lows[slot] == key.low && highs[slot] == key.high { return positions[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Adds or replaces an entry; positions are never 0.
    mutating func insert(_ key: IDKey, position: UInt64) {
        if (count + 1) * 4 > positions.count * 3 { grow() }
        var slot = Self.hash(key) & mask
        while positions[slot] != 0 {
            if lows[slot] == key.low && highs[slot] == key.high {
                positions[slot] = position
                return
            }
            slot = (slot + 1) & mask
        }
        highs[slot] = key.high
        lows[slot] = key.low
        positions[slot] = position
        count += 1
    }

    mutating func removeAll() {
        self = IDTable()
    }

    private mutating func grow() {
        let old = (highs, lows, positions)
        let capacity = max(1024, positions.count * 2)
        highs = [UInt64](repeating: 0, count: capacity)
        lows = [UInt64](repeating: 0, count: capacity)
        positions = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        count = 0
        for index in old.2.indices where old.2[index] != 0 {
            insert(IDKey(high: old.0[index], low: old.1[index]), position: old.2[index])
        }
    }

    @inline(__always)
    private static func hash(_ key: IDKey) -> Int {
        Int(truncatingIfNeeded: (key.low ^ key.high) &* 0x9E37_79B9_7F4A_7C15 >> 17)
    }
}

extension IDKey {
    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }
}

/// A Bloom filter over the ids of the merged `ids` tier: "absent" is certain, "maybe" means
/// search the B-tree. It spares a large batch one random B-tree search per new event.
struct MergedIDFilter {
    private var words: [UInt64]
    private let mask: Int

    /// A filter sized for `count` ids, at 16 bits an id and 3 probes (about 0.5% false "maybe").
    init(count: Int) {
        var bits = 1 << 16
        while bits < count * 16 { bits <<= 1 }
        words = [UInt64](repeating: 0, count: bits / 64)
        mask = bits - 1
    }

    mutating func insert(_ key: IDKey) {
        for probe in 0..<3 {
            let bit = Self.bit(key, probe) & mask
            words[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    func mayContain(_ key: IDKey) -> Bool {
        for probe in 0..<3 {
            let bit = Self.bit(key, probe) & mask
            if words[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        }
        return true
    }

    @inline(__always)
    private static func bit(_ key: IDKey, _ probe: Int) -> Int {
        Int(truncatingIfNeeded: key.low &+ UInt64(probe) &* (key.high | 1))
    }
}

/// Where the ids of the `idRuns` tier are looked up during one write: in the writer's
/// in-memory copy, or, for a small first batch of a process (a command that appends one
/// event and exits), by a binary search of each run in place, which reads a few entries of
/// every run instead of hashing every id of them all.
enum RecentIDLookup {
    case table(IDTable)
    case runsInPlace(Transaction, Database)

    /// The position of `key` in the runs, or `nil`.
    func position(of key: IDKey) throws -> UInt64? {
        switch self {
        case .table(let table):
            return table[key]
        case .runsInPlace(let txn, let runs):
            var bytes = [UInt8](repeating: 0, count: 16)
            bytes.withUnsafeMutableBytes { buffer in
                buffer.storeBytes(of: key.high.bigEndian, toByteOffset: 0, as: UInt64.self)
                buffer.storeBytes(of: key.low.bigEndian, toByteOffset: 8, as: UInt64.self)
            }
            return try bytes.withUnsafeBytes { id in
                try txn.withCursor(runs) { cursor in
                    var entry = try cursor.first()
                    while let current = entry {
                        if let position = IDIndex.search(current.value, for: id) { return position }
                        entry = try cursor.next()
                    }
                    return nil
                }
            }
        }
    }
}

/// The writer's in-memory copy of the `idRuns` tier, and a filter over the `ids` tier.
final class RecentIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var positions = IDTable()
    private var mergedThrough: UInt64 = 0
    private var lastRunKey: UInt64 = 0
    private var filter: MergedIDFilter?
    private var filterThrough: UInt64 = 0

    /// A filter over the `ids` tier as `txn` sees it (merged through `mergedThrough`), built by
    /// reading every merged id the first time and after each merge.
    func mergedFilter(in txn: Transaction, ids: Database, mergedThrough: UInt64) throws -> MergedIDFilter {
        try lock.withLock {
            if let filter, filterThrough == mergedThrough { return filter }
            var built = MergedIDFilter(count: try txn.statistics(ids).entries)
            try txn.withCursor(ids) { cursor in
                var entry = try cursor.first()
                while let current = entry {
                    built.insert(IDKey(bytes: current.key))
                    entry = try cursor.next()
                }
            }
            filter = built
            filterThrough = mergedThrough
            return built
        }
    }

    /// Whether this process has read the runs into its copy yet.
    var isLoaded: Bool {
        lock.withLock { loaded }
    }

    /// Whether the next write may search the runs in place rather than load the copy: only
    /// the first write of a process that has not loaded it. A process that writes once (a
    /// command that records one event) never pays for loading every id of the runs; one that
    /// goes on writing loads them at its second write and looks each id up in memory after.
    func takeInPlaceSearch() -> Bool {
        lock.withLock {
            guard !loaded, !searchedInPlace else { return false }
            searchedInPlace = true
            return true
        }
    }

    private var loaded = false
    private var searchedInPlace = false

    /// Brings the copy up to the runs visible in `txn` and returns a lookup for them.
    func refreshed(in txn: Transaction, runs: Database, mergedThrough stored: UInt64) throws -> IDTable {
        try lock.withLock {
            loaded = true
            if stored != mergedThrough {
                positions.removeAll()
                mergedThrough = stored
                lastRunKey = 0
            }
            try txn.withCursor(runs) { cursor in
                var entry = try StorageFormat.key(lastRunKey + 1).withUnsafeBytes { try cursor.seek(atOrAfter: $0) }
                while let current = entry {
                    IDIndex.forEachEntry(of: current.value) { id, position in
                        positions.insert(IDKey(bytes: id), position: position)
                    }
                    lastRunKey = StorageFormat.readUInt64(current.key)
                    entry = try cursor.next()
                }
            }
            return positions
        }
    }

    /// Records a run this process committed; nothing before the copy is loaded, since the
    /// first refresh reads every run.
    func add(_ entries: [(id: IDKey, position: UInt64)], runKey: UInt64) {
        lock.withLock {
            guard loaded, runKey > lastRunKey else { return }
            for entry in entries { positions.insert(entry.id, position: entry.position) }
            lastRunKey = runKey
        }
    }

    /// Forgets everything (after a merge emptied the runs).
    func reset(mergedThrough position: UInt64) {
        lock.withLock {
            positions.removeAll()
            mergedThrough = position
            lastRunKey = 0
        }
    }
}

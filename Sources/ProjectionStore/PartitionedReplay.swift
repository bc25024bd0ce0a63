import Dispatch
import EventLog
import Foundation
import PartnerDomain
import PartnerProjections

/// A replay from scratch that decodes and folds each batch of stored events on several threads.
///
/// Partnerships are independent, so they are split into fixed shares (chosen from a hash of
/// the stream name); a share is decoded and folded by one thread at a time, in log order. A
/// partnership's state therefore sees exactly the events, in exactly the order, that a
/// replay on one thread gives it. When events cannot be decoded, the error reported is the
/// one of the lowest position, as a replay on one thread would report it.
struct PartitionedReplay {
    /// How many threads share the work.
    let workers: Int
    /// Events after this position are left out.
    let limit: UInt64
    /// The partnerships folded: events of the other groups are skipped without being decoded.
    let group: ReplayGroup

    /// A replay on `workers` threads (at least one), through `limit`, of the partnerships of `group`.
    init(workers: Int, limit: UInt64, group: ReplayGroup = .all) {
        self.workers = max(1, workers)
        self.limit = limit
        self.group = group
    }

    /// The threads worth using on this machine: one per active core, at most eight.
    static var defaultWorkers: Int { min(8, max(1, ProcessInfo.processInfo.activeProcessorCount)) }

    /// How many shares the partnerships are split into: four per thread, so that a thread
    /// always finds a share with work while another share is being folded.
    var shareCount: Int { workers == 1 ? 1 : workers * 4 }

    /// How many events a batch read from the log holds.
    static let batchSize = 4_096
    /// How many batches may be read ahead of the oldest one not yet folded by every share: the
    /// reader stops there, so memory holds the pages of at most this many batches.
    static let batchesInFlight = 3

    /// Folds every stored event of `log` through the limit.
    ///
    /// This thread reads the log in batches and hands each share its events of each batch;
    /// `workers` threads fold them, each share's batches in log order and one at a time, with
    /// no wait at the end of a batch: a thread takes whichever share has work. A batch's
    /// memory-mapped pages are released once every share has folded it.
    func run(_ log: EventLog, batchSize: Int = Self.batchSize) throws -> ReplayedViews {
        let shareCount = self.shareCount
        let shares = UnsafeMutableBufferPointer<ReplayShare>.allocate(capacity: shareCount)
        shares.initialize(repeating: ReplayShare())
        defer { shares.deinitialize().deallocate() }
        let limit = self.limit
        let group = self.group
        var last: UInt64 = 0
        let scheduler = ShareScheduler<SharedBatch>(shares: shareCount)
        let folding = ThreadShared(value: shares)
        let threads = DispatchGroup()
        if shareCount > 1 {
            for _ in 0..<workers {
                DispatchQueue.global().async(group: threads) {
                    scheduler.work { share, batch in folding.value[share].fold(batch.events, batch.indices[share]) }
                }
            }
        }
        defer {
            scheduler.close()
            threads.wait()
        }
        try log.withStoredEventBatches(batchSize: batchSize) { reader in
            // The views are valid only inside this closure: leave it only once the workers are done with them.
            do {
                try readBatches(&reader)
            } catch {
                _ = scheduler.finish()
                throw error
            }
            for done in scheduler.finish() { reader.releasePages(of: done.read) }
        }
        func readBatches(_ reader: inout StoredEventBatchReader) throws {
            while let batch = try reader.next() {
                // Per share, the batch's events it folds with the hash of their stream name, computed once.
                var indices = [[(index: Int, hash: UInt64)]](repeating: [], count: shareCount)
                for (index, stored) in batch.events.enumerated() where stored.position <= limit {
                    last = max(last, stored.position)
                    let hash = Self.hash(of: stored.streamBytes)
                    guard group.contains(hash: hash) else { continue }
                    indices[Int(hash % UInt64(shareCount))].append((index, hash))
                }
                if shareCount == 1 {
                    shares[0].fold(batch.events, indices[0])
                    reader.releasePages(of: batch)
                } else {
                    let shared = SharedBatch(events: batch.events, indices: indices, read: batch)
                    for done in scheduler.add(shared, for: indices.indices.filter { !indices[$0].isEmpty }, limit: Self.batchesInFlight) {
                        reader.releasePages(of: done.read)
                    }
                }
            }
        }
        if let failure = shares.compactMap(\.failure).min(by: { $0.position < $1.position }) { throw failure.error }
        var replayed = ReplayedViews(partnerships: [:], positions: [:], position: last)
        for share in shares {
            for (id, slug) in share.streams.names.enumerated() {
                replayed.partnerships[slug] = share.projections[id]
                replayed.positions[slug] = share.positions[id]
            }
        }
        return replayed
    }

    /// The share that owns the partnership whose stream name is `bytes`: FNV-1a of the name, modulo `shares`.
    static func owner(of bytes: UnsafeRawBufferPointer, among shares: Int) -> Int {
        Int(hash(of: bytes) % UInt64(shares))
    }

    /// The FNV-1a hash of a stream name's bytes.
    static func hash(of bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }
}

/// The partnerships of one share of a ``PartitionedReplay``, and the first event of theirs that could not be decoded.
struct ReplayShare {
    /// The stream names seen, in order: a stream's id is the index of its state in `projections`.
    var streams = InternedNames()
    var projections: [PartnershipProjection] = []
    var positions: [UInt64] = []
    /// Type names and users.
    var names = InternedNames()
    var failure: (position: UInt64, error: any Error)?

    /// Decodes and folds the events of `batch` at `indices` (this share's, in log order, with the
    /// hashes of their stream names); stops at the first it cannot decode.
    mutating func fold(_ batch: [StoredEventView], _ indices: [(index: Int, hash: UInt64)]) {
        guard failure == nil else { return }
        for (index, hash) in indices {
            let stored = batch[index]
            let stream = streams.intern(stored.streamBytes, hash: hash)
            let event: ProjectionEvent
            do {
                event = try EventReading.projectionEvent(stored, partnership: stream.name, names: &names)
            } catch {
                failure = (stored.position, error)
                return
            }
            if stream.id == projections.count {
                projections.append(PartnershipProjection(slug: stream.name))
                positions.append(0)
            }
            projections[stream.id].apply(event)
            positions[stream.id] = stored.position
        }
    }
}

/// One batch of a ``PartitionedReplay`` as the shares see it: the events, and per share the
/// indices of its events with the hashes of their stream names.
struct SharedBatch: @unchecked Sendable {
    let events: [StoredEventView]
    let indices: [[(index: Int, hash: UInt64)]]
    /// The batch as read, to release its pages once folded.
    let read: StoredEventBatch
}

/// Hands batches of work to worker threads, share by share: each share's batches in the order
/// added and one at a time, any share to any thread, the share with the oldest batch first.
final class ShareScheduler<Batch>: @unchecked Sendable {
    private final class Entry {
        let batch: Batch
        /// How many of its shares have yet to fold it.
        var sharesLeft: Int

        init(batch: Batch, shares: Int) {
            self.batch = batch
            sharesLeft = shares
        }
    }

    private let condition = NSCondition()
    /// Per share, the batches it has yet to fold, oldest first.
    private var pending: [[Entry]]
    private var busy: [Bool]
    /// The batches added and not yet handed back as folded, oldest first.
    private var inFlight: [Entry] = []
    private var closed = false

    /// A scheduler of `shares` shares.
    init(shares: Int) {
        pending = Array(repeating: [], count: shares)
        busy = Array(repeating: false, count: shares)
    }

    /// Adds a batch for the shares `for` (each at most once), then waits until fewer than
    /// `limit` batches are in flight; returns the batches every one of their shares has folded
    /// since the last call, oldest first.
    func add(_ batch: Batch, for shares: [Int], limit: Int) -> [Batch] {
        condition.lock()
        defer { condition.unlock() }
        let entry = Entry(batch: batch, shares: shares.count)
        for share in shares { pending[share].append(entry) }
        inFlight.append(entry)
        condition.broadcast()
        while inFlight.count >= limit, inFlight[0].sharesLeft > 0 { condition.wait() }
        return takeFolded()
    }

    /// Waits until every batch added is folded; returns those not yet handed back, oldest first.
    func finish() -> [Batch] {
        condition.lock()
        defer { condition.unlock() }
        while inFlight.contains(where: { $0.sharesLeft > 0 }) { condition.wait() }
        return takeFolded()
    }

    /// Lets the worker threads return once no work is left.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// A worker thread's loop: calls `fold` with a share and its next batch whenever one is
    /// ready, until ``close()`` was called and no work is left.
    func work(_ fold: (Int, Batch) -> Void) {
        condition.lock()
        while true {
            if let share = nextShare() {
                busy[share] = true
                let entry = pending[share].removeFirst()
                condition.unlock()
                fold(share, entry.batch)
                condition.lock()
                busy[share] = false
                entry.sharesLeft -= 1
                condition.broadcast()
            } else if closed {
                condition.unlock()
                return
            } else {
                condition.wait()
            }
        }
    }

    /// The idle share whose next batch is the oldest. Call with the lock held.
    private func nextShare() -> Int? {
        var best: Int?
        var oldest = Int.max
        for share in pending.indices where !busy[share] {
            guard let first = pending[share].first,
                  let age = inFlight.firstIndex(where: { $0 === first }), age < oldest
            else { continue }
            best = share
            oldest = age
        }
        return best
    }

    /// Removes and returns the folded batches at the front of `inFlight`. Call with the lock held.
    private func takeFolded() -> [Batch] {
        var folded: [Batch] = []
        while let first = inFlight.first, first.sharesLeft == 0 {
            folded.append(inFlight.removeFirst().batch)
        }
        return folded
    }
}

/// The strings of names that repeat across events (streams, types, users), made once per
/// distinct name, each with a dense id in the order first seen. An open-addressing table on
/// the FNV-1a hash of the bytes, whose names' bytes sit end to end in one array: cheaper than
/// a `Dictionary`, which would hash again, and than an array per name, which each look-up
/// would retain and release.
struct InternedNames {
    /// The names, by id.
    private(set) var names: [String] = []
    /// Per slot, 0 when empty, else the id of the name there plus one.
    private var slots = [Int32](repeating: 0, count: 64)
    /// By id: the hash of the name's bytes and where they start in `bytes` (the next name's start ends them).
    private var hashes: [UInt64] = []
    private var starts: [Int] = [0]
    private var bytes: [UInt8] = []

    /// The name whose UTF-8 bytes are `name` (ill-formed bytes repaired, as `String(decoding:as:)` does) and its id.
    mutating func intern(_ name: UnsafeRawBufferPointer) -> (name: String, id: Int) {
        intern(name, hash: PartitionedReplay.hash(of: name))
    }

    /// ``intern(_:)`` given the FNV-1a hash of `name`'s bytes, already computed.
    mutating func intern(_ name: UnsafeRawBufferPointer, hash: UInt64) -> (name: String, id: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let id = Int(slots[slot]) - 1
            if hashes[id] == hash, matches(id, name) { return (names[id], id) }
            slot = (slot + 1) & mask
        }
        let id = names.count
        names.append(String(decoding: name, as: UTF8.self))
        hashes.append(hash)
        bytes.append(contentsOf: name)
        starts.append(bytes.count)
        slots[slot] = Int32(id + 1)
        if names.count * 2 > slots.count { grow() }
        return (names[id], id)
    }

    /// The name whose UTF-8 bytes are `name`.
    mutating func name(_ name: UnsafeRawBufferPointer) -> String {
        intern(name).name
    }

    private func matches(_ id: Int, _ name: UnsafeRawBufferPointer) -> Bool {
        let start = starts[id]
        guard starts[id + 1] - start == name.count else { return false }
        guard let other = name.baseAddress, name.count > 0 else { return true }
        return bytes.withUnsafeBytes { memcmp($0.baseAddress! + start, other, name.count) == 0 }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for id in names.indices {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id + 1)
        }
    }
}

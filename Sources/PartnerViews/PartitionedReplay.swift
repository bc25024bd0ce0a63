import Dispatch
import EventLog
import Foundation
import PartnerDomain
import PartnerProjections

/// A replay from scratch that decodes and folds each batch of stored events on several threads.
///
/// Partnerships are independent, so each thread owns a fixed share of them (chosen from a
/// hash of the stream name) and decodes and folds only their events, in log order. A
/// partnership's state therefore sees exactly the events, in exactly the order, that a
/// replay on one thread gives it. When events cannot be decoded, the error reported is the
/// one of the lowest position, as a replay on one thread would report it.
struct PartitionedReplay {
    /// How many threads share the work.
    let workers: Int
    /// Events after this position are left out.
    let limit: UInt64

    /// A replay on `workers` threads (at least one), through `limit`.
    init(workers: Int, limit: UInt64) {
        self.workers = max(1, workers)
        self.limit = limit
    }

    /// The threads worth using on this machine: one per active core, at most eight.
    static var defaultWorkers: Int { min(8, max(1, ProcessInfo.processInfo.activeProcessorCount)) }

    /// Folds every stored event of `log` through the limit.
    func run(_ log: EventLog, batchSize: Int = 16_384) throws -> ReplayedViews {
        let shares = UnsafeMutableBufferPointer<ReplayShare>.allocate(capacity: workers)
        shares.initialize(repeating: ReplayShare())
        defer { shares.deinitialize().deallocate() }
        let workers = self.workers
        let limit = self.limit
        var last: UInt64 = 0
        try log.forEachStoredEventBatch(batchSize: batchSize) { batch in
            if workers == 1 {
                shares[0].fold(batch, worker: 0, of: 1, through: limit)
            } else {
                // Each thread writes only its own share; the batch's views are only read.
                let shared = ThreadShared(value: (shares: shares, batch: batch))
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    shared.value.shares[worker].fold(shared.value.batch, worker: worker, of: workers, through: limit)
                }
            }
            if let failure = shares.compactMap(\.failure).min(by: { $0.position < $1.position }) { throw failure.error }
            if let position = batch.last(where: { $0.position <= limit })?.position { last = max(last, position) }
        }
        var replayed = ReplayedViews(partnerships: [:], positions: [:], position: last)
        for share in shares {
            for (slug, slot) in share.slots {
                replayed.partnerships[slug] = share.projections[slot]
                replayed.positions[slug] = share.positions[slot]
            }
        }
        return replayed
    }

    /// The thread that owns the partnership whose stream name is `bytes`: FNV-1a of the name, modulo `workers`.
    static func owner(of bytes: UnsafeRawBufferPointer, among workers: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int(hash % UInt64(workers))
    }
}

/// The partnerships one thread of a ``PartitionedReplay`` owns, and the first event it could not decode.
struct ReplayShare {
    var slots: [String: Int] = [:]
    var projections: [PartnershipProjection] = []
    var positions: [UInt64] = []
    var names = InternedNames()
    var failure: (position: UInt64, error: any Error)?

    /// Decodes and folds the events of `batch` this thread owns; stops at the first it cannot decode.
    mutating func fold(_ batch: [StoredEventView], worker: Int, of workers: Int, through limit: UInt64) {
        guard failure == nil else { return }
        for stored in batch where stored.position <= limit {
            if workers > 1, PartitionedReplay.owner(of: stored.streamBytes, among: workers) != worker { continue }
            let event: ProjectionEvent
            do {
                event = try EventReading.projectionEvent(stored, names: &names)
            } catch {
                failure = (stored.position, error)
                return
            }
            let slot: Int
            if let known = slots[event.partnership] {
                slot = known
            } else {
                slot = projections.count
                slots[event.partnership] = slot
                projections.append(PartnershipProjection(slug: event.partnership))
                positions.append(0)
            }
            projections[slot].apply(event)
            positions[slot] = stored.position
        }
    }
}

/// The strings of names that repeat across events (streams, types, users), made once per distinct name.
struct InternedNames {
    private var byHash: [UInt64: String] = [:]

    /// The name whose UTF-8 bytes are `bytes` (ill-formed bytes repaired, as `String(decoding:as:)` does).
    mutating func name(_ bytes: UnsafeRawBufferPointer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        if let known = byHash[hash], known.utf8.elementsEqual(bytes) { return known }
        let name = String(decoding: bytes, as: UTF8.self)
        byHash[hash] = name
        return name
    }
}

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

    /// A replay on `workers` threads (at least one), through `limit`.
    init(workers: Int, limit: UInt64) {
        self.workers = max(1, workers)
        self.limit = limit
    }

    /// The threads worth using on this machine: one per active core, at most eight.
    static var defaultWorkers: Int { min(8, max(1, ProcessInfo.processInfo.activeProcessorCount)) }

    /// How many shares the partnerships are split into: four per thread, so that threads that
    /// finish their share early take another one and uneven partnerships even out.
    var shareCount: Int { workers == 1 ? 1 : workers * 4 }

    /// Folds every stored event of `log` through the limit.
    func run(_ log: EventLog, batchSize: Int = 16_384) throws -> ReplayedViews {
        let shareCount = self.shareCount
        let shares = UnsafeMutableBufferPointer<ReplayShare>.allocate(capacity: shareCount)
        shares.initialize(repeating: ReplayShare())
        defer { shares.deinitialize().deallocate() }
        let limit = self.limit
        var last: UInt64 = 0
        var indices = [[Int]](repeating: [], count: shareCount)
        try log.forEachStoredEventBatch(batchSize: batchSize) { batch in
            for share in indices.indices { indices[share].removeAll(keepingCapacity: true) }
            for (index, stored) in batch.enumerated() where stored.position <= limit {
                indices[Self.owner(of: stored.streamBytes, among: shareCount)].append(index)
                last = max(last, stored.position)
            }
            if shareCount == 1 {
                shares[0].fold(batch, indices[0])
            } else {
                // Each share is folded by one thread at a time; the batch's views are only read.
                let shared = ThreadShared(value: (shares: shares, batch: batch, indices: indices))
                DispatchQueue.concurrentPerform(iterations: shareCount) { share in
                    shared.value.shares[share].fold(shared.value.batch, shared.value.indices[share])
                }
            }
            if let failure = shares.compactMap(\.failure).min(by: { $0.position < $1.position }) { throw failure.error }
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

    /// The share that owns the partnership whose stream name is `bytes`: FNV-1a of the name, modulo `shares`.
    static func owner(of bytes: UnsafeRawBufferPointer, among shares: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return Int(hash % UInt64(shares))
    }
}

/// The partnerships of one share of a ``PartitionedReplay``, and the first event of theirs that could not be decoded.
struct ReplayShare {
    var slots: [String: Int] = [:]
    var projections: [PartnershipProjection] = []
    var positions: [UInt64] = []
    var names = InternedNames()
    var failure: (position: UInt64, error: any Error)?

    /// Decodes and folds the events of `batch` at `indices` (this share's, in log order); stops at the first it cannot decode.
    mutating func fold(_ batch: [StoredEventView], _ indices: [Int]) {
        guard failure == nil else { return }
        for index in indices {
            let stored = batch[index]
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

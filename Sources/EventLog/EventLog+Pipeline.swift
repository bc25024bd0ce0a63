import Dispatch
import Foundation
internal import LMDB

/// One committed batch of ``EventLog/appendBatches(_:onCommit:)``.
public struct BatchCommit: Sendable {
    /// The batch's index in the sequence, from 0.
    public let index: Int
    /// Where it went.
    public let result: AppendResult
    /// How long its write transaction took, from begin to the return of the synced commit.
    public let transactionDuration: Duration
}

extension EventLog {
    /// Appends batches in order, each in its own durable write transaction, with the same rules
    /// as ``append(_:)``, and encodes the next batch on a second thread while the current one
    /// commits: validation, JSON bodies and SHA-256 digests overlap the commit's disk sync.
    ///
    /// The next batch is encoded for the state the current one will leave. When another
    /// writer commits in between, that encoding no longer matches the log and the batch is
    /// encoded again inside its transaction, so the result is the same as appending the
    /// batches one by one. The first batch that fails stops the run: batches before it stay
    /// committed, nothing of it is written, and its error is rethrown.
    public func appendBatches<S: Sequence>(
        _ batches: S, onCommit: (BatchCommit) -> Void = { _ in }
    ) throws where S.Element == [StreamAppend] {
        // The sequence is read on the encoding thread only, one element at a time.
        let source = Box<S.Iterator>()
        source.value = batches.makeIterator()
        let worker = DispatchQueue(label: "EventLog.appendBatches")
        let produce: @Sendable (PreparedBatch?) -> Encoded? = { [self] predecessor in
            guard let groups = source.value!.next() else { return nil }
            return Encoded(groups: groups, prepared: Result { try prepareOutsideTransaction(groups, after: predecessor) })
        }
        var pending = worker.sync { produce(nil) }
        var index = 0
        while let current = pending {
            let prepared = try current.prepared.get()
            let upcoming = Box<Encoded?>()
            let done = DispatchSemaphore(value: 0)
            worker.async {
                upcoming.value = produce(prepared)
                done.signal()
            }
            let started = ContinuousClock.now
            let result: AppendResult
            do {
                result = try commit(current.groups, prepared: prepared)
            } catch {
                done.wait()
                throw error
            }
            onCommit(BatchCommit(index: index, result: result, transactionDuration: ContinuousClock.now - started))
            done.wait()
            pending = upcoming.value ?? nil
            index += 1
        }
    }

    /// A batch read from the sequence with its encoding (or the error encoding it gave).
    private struct Encoded: @unchecked Sendable {
        let groups: [StreamAppend]
        let prepared: Result<PreparedBatch?, any Error>
    }

    /// Validates and encodes a batch for the state after `predecessor` (or the current state),
    /// reading stream versions the predecessor does not settle from a read transaction.
    /// Returns `nil` when the batch should rather be encoded inside its transaction.
    private func prepareOutsideTransaction(_ groups: [StreamAppend], after predecessor: PreparedBatch?) throws -> PreparedBatch? {
        try validate(groups)
        let eventCount = groups.reduce(0) { $0 + $1.events.count }
        guard eventCount > 0 else { return nil }
        return try storageErrors {
            try environment.read { txn in
                let base = try predecessor?.head ?? readHead(txn)
                return try txn.withCursor(streamsDB) { cursor in
                    do {
                        return try prepare(groups, eventCount: eventCount, base: base, recordedAt: max(options.clock(), base.recordedAt)) {
                            try predecessor?.versions[$0] ?? streamVersion(of: $0, cursor: cursor)
                        }
                    } catch EventLogError.wrongExpectedVersion {
                        // The prediction may be stale; the transaction decides.
                        return nil
                    }
                }
            }
        }
    }

    /// Commits one batch, using its encoding when it still matches the log.
    func commit(_ groups: [StreamAppend], prepared: PreparedBatch?) throws -> AppendResult {
        let eventCount = groups.reduce(0) { $0 + $1.events.count }
        if eventCount == 0 {
            return AppendResult(positions: [], wasAlreadyStored: false, head: try head())
        }
        let outcome: (result: AppendResult, run: CommittedRun?) = try storageErrors {
            try environment.write { txn in
                let mergedThrough = try idsMergedThrough(txn)
                // The small first batch of a process searches the runs in place.
                let recent: RecentIDLookup = eventCount < 64 && recentIDs.takeInPlaceSearch()
                    ? .runsInPlace(txn, idRunsDB)
                    : .table(try recentIDs.refreshed(in: txn, runs: idRunsDB, mergedThrough: mergedThrough))
                // A large batch checks the merged ids through a filter; a small one searches directly.
                let merged = mergedThrough > 0 && eventCount >= 64
                    ? try recentIDs.mergedFilter(in: txn, ids: idsDB, mergedThrough: mergedThrough) : nil
                if let repeated = try repeatedBatch(
                    groups, eventCount: eventCount, recent: recent, mergedFilter: merged, mergedThrough: mergedThrough, in: txn
                ) {
                    return (repeated, nil)
                }
                if let prepared, let written = try write(prepared, in: txn) {
                    return (written.result, written.run)
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
}

/// A value handed from the encoding thread to the committing one; the semaphore orders access.
final class Box<Value>: @unchecked Sendable {
    var value: Value?
}

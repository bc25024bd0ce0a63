@testable import EventLog
import Foundation
import Testing

@Suite("Catch-up consumers and checkpoints")
struct CheckpointTests {
    /// A consumer whose state is the count of events it has applied, as decimal text.
    private func countingFold(_ state: [UInt8]?, _ events: [RecordedEvent]) -> [UInt8] {
        let count = state.flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? 0
        return Array(String(count + events.count).utf8)
    }

    @Test func aConsumerResumesFromItsStoredPosition() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", samples(25))
        var pages: [[UInt64]] = []
        let first = try log.catchUp(consumer: "counter", pageSize: 10) { state, events in
            pages.append(events.map(\.position))
            return countingFold(state, events)
        }
        #expect(first.position == 25)
        #expect(String(decoding: first.state, as: UTF8.self) == "25")
        #expect(pages.map(\.count) == [10, 10, 5])
        try log.append(to: "a", samples(3))
        pages = []
        let second = try log.catchUp(consumer: "counter", pageSize: 10) { state, events in
            pages.append(events.map(\.position))
            return countingFold(state, events)
        }
        #expect(pages == [[26, 27, 28]])
        #expect(String(decoding: second.state, as: UTF8.self) == "28")
    }

    @Test func aCheckpointOnlyMovesForward() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", samples(5))
        #expect(try log.saveCheckpoint(consumer: "c", previous: 0, position: 4, state: [1]))
        #expect(throws: EventLogError.checkpointRegression(consumer: "c", stored: 4, attempted: 2)) {
            try log.saveCheckpoint(consumer: "c", previous: 4, position: 2, state: [2])
        }
        // A writer that started from an older checkpoint loses the race and writes nothing.
        #expect(try !log.saveCheckpoint(consumer: "c", previous: 0, position: 5, state: [3]))
        #expect(try log.checkpoint(of: "c") == Checkpoint(position: 4, state: [1]))
    }

    @Test func aCheckpointCannotPassTheEndOfTheLog() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", samples(2))
        #expect(throws: EventLogError.self) { try log.saveCheckpoint(consumer: "c", previous: 0, position: 3, state: []) }
        #expect(try log.checkpoint(of: "c") == nil)
    }

    @Test func severalCheckpointsAreSavedTogetherEachOnItsOwnExpectation() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", samples(5))
        #expect(try log.saveCheckpoint(consumer: "moved", previous: 0, position: 3, state: [9]))
        let saved = try log.saveCheckpoints([
            CheckpointSave(consumer: "fresh", previous: 0, position: 5, state: [1]),
            CheckpointSave(consumer: "moved", previous: 0, position: 4, state: [2]),
            CheckpointSave(consumer: "forward", previous: 0, position: 2, state: [3]),
        ])
        #expect(saved == [true, false, true])
        #expect(try log.checkpoint(of: "fresh") == Checkpoint(position: 5, state: [1]))
        #expect(try log.checkpoint(of: "moved") == Checkpoint(position: 3, state: [9]))
        #expect(try log.checkpoint(of: "forward") == Checkpoint(position: 2, state: [3]))
        #expect(try log.saveCheckpoints([]) == [])
    }

    @Test func allOrNothingWritesNoneWhenOneCheckpointHasMoved() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", samples(5))
        #expect(try log.saveCheckpoint(consumer: "moved", previous: 0, position: 3, state: [9]))
        let saves = [
            CheckpointSave(consumer: "fresh", previous: 0, position: 5, state: [1]),
            CheckpointSave(consumer: "moved", previous: 0, position: 4, state: [2]),
        ]
        #expect(try log.saveCheckpoints(saves, allOrNothing: true) == [true, false])
        #expect(try log.checkpoint(of: "fresh") == nil)
        #expect(try log.checkpoint(of: "moved") == Checkpoint(position: 3, state: [9]))
        var current = saves
        current[1].previous = 3
        #expect(try log.saveCheckpoints(current, allOrNothing: true) == [true, true])
        #expect(try log.checkpoint(of: "fresh") == Checkpoint(position: 5, state: [1]))
        #expect(try log.checkpoint(of: "moved") == Checkpoint(position: 4, state: [2]))
    }

    @Test func aBadCheckpointAmongSeveralWritesNoneOfThem() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", samples(2))
        let good = CheckpointSave(consumer: "good", previous: 0, position: 1, state: [1])
        #expect(throws: EventLogError.self) {
            try log.saveCheckpoints([good, CheckpointSave(consumer: "far", previous: 0, position: 3, state: [])])
        }
        #expect(throws: EventLogError.checkpointRegression(consumer: "back", stored: 2, attempted: 1)) {
            try log.saveCheckpoints([good, CheckpointSave(consumer: "back", previous: 2, position: 1, state: [])])
        }
        #expect(throws: EventLogError.self) {
            try log.saveCheckpoints([good, CheckpointSave(consumer: "", previous: 0, position: 1, state: [])])
        }
        #expect(try log.checkpoint(of: "good") == nil)
    }

    @Test func aFailingFoldStoresNeitherStateNorPosition() throws {
        struct Boom: Error {}
        let log = try TestLedger().open()
        try log.append(to: "a", samples(15))
        var calls = 0
        #expect(throws: Boom.self) {
            try log.catchUp(consumer: "c", pageSize: 10) { state, events in
                calls += 1
                if calls == 2 { throw Boom() }
                return countingFold(state, events)
            }
        }
        #expect(try log.checkpoint(of: "c")?.position == 10)
        let resumed = try log.catchUp(consumer: "c", pageSize: 10) { countingFold($0, $1) }
        #expect(String(decoding: resumed.state, as: UTF8.self) == "15")
    }

    @Test func aHeldWriterMakesOthersWaitAndReadersSeeOnlyCommittedEvents() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", samples(3))
        let inside = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchGroup()
        finished.enter()
        Thread {
            // A batch written inside a transaction that stays open until released.
            _ = try? log.environment.write { txn in
                let result = try log.write([StreamAppend(stream: "a", events: samples(2))], eventCount: 2, in: txn)
                inside.signal()
                release.wait()
                return result
            }
            finished.leave()
        }.start()
        inside.wait()

        let otherWriterDone = DispatchSemaphore(value: 0)
        Thread {
            _ = try? log.append(to: "b", samples(1))
            otherWriterDone.signal()
        }.start()
        // LMDB has one writer: the second append cannot finish while the first transaction is open.
        #expect(otherWriterDone.wait(timeout: .now() + 0.3) == .timedOut)

        // Readers see the last commit only.
        #expect(try log.head().position == 3)
        #expect(try log.events().count == 3)
        // A consumer catching up now folds what it can see; saving its checkpoint waits for the
        // writer, and the checkpoint it stores is exactly what it applied.
        let consumerDone = DispatchSemaphore(value: 0)
        let seen = LockedBox<[UInt64]>([])
        Thread {
            _ = try? log.catchUp(consumer: "reader") { state, events in
                seen.update { $0 += events.map(\.position) }
                return countingFold(state, events)
            }
            consumerDone.signal()
        }.start()

        release.signal()
        finished.wait()
        otherWriterDone.wait()
        consumerDone.wait()
        let stored = try #require(try log.checkpoint(of: "reader"))
        #expect(stored.position == UInt64(seen.value.count))
        #expect(String(decoding: stored.state, as: UTF8.self) == String(seen.value.count))
        let after = try log.catchUp(consumer: "reader") { countingFold($0, $1) }
        #expect(after.position == 6)
        #expect(String(decoding: after.state, as: UTF8.self) == "6")
        #expect(try log.events(inStream: "b").map(\.position) == [6])
    }
}

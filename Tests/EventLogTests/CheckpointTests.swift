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

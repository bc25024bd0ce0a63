import EventLog
import Foundation
import Testing
import TestSupport

@Suite("Map growth during appends")
struct MapGrowthTests {
    /// `count` events of about `size` bytes each, numbered in their payloads.
    private func largeEvents(_ count: Int, size: Int = 1_000) -> [ProposedEvent] {
        (0..<count).map { sample("Bulky", payload: #"{"n":\#($0),"text":"\#(String(repeating: "y", count: size))"}"#) }
    }

    @Test func aBatchThatOutgrowsTheMapIsRetriedWholeWithGaplessPositions() throws {
        let ledger = TestLedger()
        // 1 byte: LMDB raises it to its smallest map, two pages.
        let log = try ledger.open(initialMapSize: 1)
        try log.append(to: "before", samples(3))
        let mapBefore = log.mapSize
        let events = largeEvents(3_000)
        #expect(mapBefore < 3_000 * 1_000, "the map must be too small for the batch")

        let result = try log.append(to: "bulk", expecting: .noStream, events)

        #expect(result.positions == Array(4...3_003))
        #expect(!result.wasAlreadyStored)
        #expect(log.mapSize > mapBefore)
        #expect(log.mapSize >= 3_000 * 1_000)
        let stored = try log.events(inStream: "bulk")
        #expect(stored.map(\.position) == Array(4...3_003))
        #expect(stored.map(\.streamVersion) == Array(1...3_000))
        #expect(stored.map(\.id) == events.map(\.id))
        #expect(stored.map(\.payload) == events.map(\.payload))
        #expect(try log.version(ofStream: "bulk") == 3_000)
        #expect(try log.position(ofEventID: events[2_999].id) == 3_003)
        let report = try log.verify(deep: true)
        #expect(report.isIntact, "\(report)")
        #expect(report.eventCount == 3_003)
        #expect(try log.append(to: "after", samples(1)).positions == [3_004])
    }

    @Test func aBatchAcrossStreamsThatOutgrowsTheMapKeepsItsExpectations() throws {
        let ledger = TestLedger()
        let log = try ledger.open(initialMapSize: 1)
        try log.append(to: "a", samples(2))
        let result = try log.append([
            StreamAppend(stream: "a", expected: .exactly(2), events: largeEvents(1_500)),
            StreamAppend(stream: "b", expected: .noStream, events: largeEvents(1_500)),
        ])
        #expect(result.positions == Array(3...3_002))
        #expect(try log.version(ofStream: "a") == 1_502)
        #expect(try log.version(ofStream: "b") == 1_500)
        #expect(try log.verify(deep: true).isIntact)
        // The expectations were checked once, against the state before the batch: a retry after
        // the map grew did not see its own first attempt.
        #expect(throws: EventLogError.wrongExpectedVersion(stream: "a", expected: .exactly(2), actual: 1_502)) {
            try log.append(to: "a", expecting: .exactly(2), samples(1))
        }
    }

    @Test func aGrownLedgerReopensWithATinyInitialMap() throws {
        let ledger = TestLedger()
        let head: Head
        do {
            let log = try ledger.open(initialMapSize: 1)
            head = try log.append(to: "bulk", largeEvents(2_000)).head
        }
        let log = try ledger.open(initialMapSize: 1)
        #expect(try log.head() == head)
        #expect(try log.events().count == 2_000)
        #expect(try log.append(to: "bulk", largeEvents(500)).positions.first == 2_001)
        #expect(try log.verify(deep: true).isIntact)
    }

    @Test func anAppendFromInsideAReadCallbackCanGrowTheMap() throws {
        // A reactor that appends while it reads (forEachEvent calls back inside its read
        // transaction) must not wait for itself when the map has to grow. Run in a child process
        // so that a deadlock fails this test instead of hanging the run; the bound only guards
        // against that hang (the work takes well under a second).
        let ledger = TestLedger()
        let probe = try startProbe(["append-while-reading", ledger.path])
        let finished = probe.waitFor("done", timeout: 60)
        if !finished { probe.kill() }
        #expect(finished, "the append inside forEachEvent never returned: printed \(probe.printed.debugDescription)")
        #expect(probe.printed.contains("appending inside a read"))
        guard finished else { return }
        #expect(probe.waitForExit() == 0)
        let log = try ledger.open()
        #expect(try log.version(ofStream: "reaction") == 2_000)
        #expect(try log.verify(deep: true).isIntact)
    }
}

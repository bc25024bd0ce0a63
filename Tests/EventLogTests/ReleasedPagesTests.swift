@testable import EventLog
import Foundation
import Testing

@Suite("Reading in place in batches")
struct ReleasedPagesTests {
    @Test func batchesHoldEveryEventInOrder() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", samples(23))
        try log.append(to: "b", samples(4))
        var single: [(UInt64, String, [UInt8])] = []
        try log.forEachStoredEvent { single.append(($0.position, $0.stream, Array($0.payload))) }
        var batches: [[(UInt64, String, [UInt8])]] = []
        try log.forEachStoredEventBatch(batchSize: 10) { batch in
            batches.append(batch.map { ($0.position, $0.stream, Array($0.payload)) })
        }
        #expect(batches.map(\.count) == [10, 10, 7])
        let flattened = batches.flatMap { $0 }
        #expect(flattened.map(\.0) == single.map(\.0))
        #expect(flattened.map(\.1) == single.map(\.1))
        #expect(flattened.map(\.2) == single.map(\.2))
        var fromFive: [UInt64] = []
        try log.forEachStoredEventBatch(from: 25, batchSize: 2) { fromFive += $0.map(\.position) }
        #expect(fromFive == [25, 26, 27])
    }

    @Test func aFullReadReleasingPagesSeesEveryEvent() throws {
        let log = try TestLedger().open()
        let count = EventLog.pagesReleaseInterval + 5
        for start in stride(from: 0, to: count, by: 2_000) {
            try log.append(to: "s", samples(min(2_000, count - start)))
        }
        var positions: UInt64 = 0
        var payloadBytes = 0
        try log.forEachStoredEvent { stored in
            positions += 1
            #expect(stored.position == positions)
            payloadBytes += stored.payload.count
        }
        #expect(positions == UInt64(count))
        #expect(payloadBytes > 0)
    }

}

@Suite("A reader of batches for work on other threads")
struct StoredEventBatchReaderTests {
    @Test func batchesComeInOrderAndStayReadableAfterTheirPagesAreReleased() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", samples(23))
        try log.append(to: "b", samples(4))
        var single: [(UInt64, [UInt8])] = []
        try log.forEachStoredEvent { single.append(($0.position, Array($0.payload))) }
        let read = try log.withStoredEventBatches(from: 3, batchSize: 10) { reader in
            var batches: [StoredEventBatch] = []
            while let batch = try reader.next() { batches.append(batch) }
            #expect(try reader.next() == nil, "the reader stays at the end")
            // Released pages are mapped again when read: every view still reads its event.
            for batch in batches { reader.releasePages(of: batch) }
            return batches.map { $0.events.map { ($0.position, Array($0.payload)) } }
        }
        #expect(read.map(\.count) == [10, 10, 5])
        #expect(read.flatMap { $0 }.map(\.0) == Array(3...27))
        #expect(read.flatMap { $0 }.map(\.1) == single.dropFirst(2).map(\.1))
        let empty = try log.withStoredEventBatches(from: 28, batchSize: 4) { try $0.next() }
        #expect(empty == nil)
    }
}

import EventLog
import Foundation
import Testing

@Suite("Pipelined batch appends")
struct PipelineTests {
    private func batches(_ count: Int, size: Int, streams: [String]) -> [[StreamAppend]] {
        (0..<count).map { number in
            [StreamAppend(stream: streams[number % streams.count], events: samples(size))]
        }
    }

    @Test func batchesCommitInOrderLikeSingleAppends() throws {
        let ledger = TestLedger()
        let log = try ledger.open()
        let input = batches(7, size: 5, streams: ["a", "b", "c"])
        var commits: [BatchCommit] = []
        try log.appendBatches(input) { commits.append($0) }
        #expect(commits.map(\.index) == Array(0..<7))
        #expect(commits.flatMap(\.result.positions) == (1...35).map { UInt64($0) })
        #expect(try log.version(ofStream: "a") == 15)
        #expect(try log.verify(deep: true).isIntact)

        // The same batches appended one by one give the same streams and payloads.
        let other = TestLedger()
        let reference = try other.open()
        for batch in input { try reference.append(batch) }
        #expect(try log.events().map(\.payload) == (try reference.events().map(\.payload)))
        #expect(try log.events().map(\.streamVersion) == (try reference.events().map(\.streamVersion)))
    }

    @Test func aWriterCommittingBetweenBatchesIsRespected() throws {
        let log = try TestLedger().open()
        let input = batches(4, size: 3, streams: ["a"])
        // After each commit another writer appends to the same stream, so the next batch,
        // encoded for the state the previous one left, must be encoded again in its transaction.
        try log.appendBatches(input) { _ in
            _ = try? log.append(to: "a", samples(1))
        }
        let versions = try log.events(inStream: "a").map(\.streamVersion)
        #expect(versions == (1...16).map { UInt64($0) })
        #expect(try log.head().position == 16)
        #expect(try log.verify(deep: true).isIntact)
    }

    @Test func theFirstFailingBatchStopsTheRunAndWritesNothingOfItself() throws {
        let log = try TestLedger().open()
        let good = [StreamAppend(stream: "a", expected: .noStream, events: samples(2))]
        let stale = [StreamAppend(stream: "a", expected: .noStream, events: samples(2))]
        let never = [StreamAppend(stream: "b", events: samples(2))]
        var committed: [Int] = []
        #expect(throws: EventLogError.wrongExpectedVersion(stream: "a", expected: .noStream, actual: 2)) {
            try log.appendBatches([good, stale, never]) { committed.append($0.index) }
        }
        #expect(committed == [0])
        #expect(try log.head().position == 2)
        #expect(try log.version(ofStream: "b") == 0)
    }

    @Test func repeatedBatchesAreIdempotent() throws {
        let log = try TestLedger().open()
        let input = batches(3, size: 4, streams: ["a", "b"])
        try log.appendBatches(input)
        var again: [AppendResult] = []
        try log.appendBatches(input) { again.append($0.result) }
        #expect(again.allSatisfy { $0.wasAlreadyStored })
        #expect(again.flatMap(\.positions) == (1...12).map { UInt64($0) })
        #expect(try log.head().position == 12)
    }
}

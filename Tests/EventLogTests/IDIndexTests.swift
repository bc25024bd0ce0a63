@testable import EventLog
import Foundation
import Testing

@Suite("Two-tier id index")
struct IDIndexTests {
    private func openWithSmallMerges(_ ledger: TestLedger, threshold: UInt64) throws -> EventLog {
        var options = EventLogOptions(initialMapSize: 1 << 24, recordedBy: "tester")
        options.idMergeThreshold = threshold
        return try EventLog(path: ledger.path, options: options)
    }

    @Test func idsStayFindableAcrossRunsAndMerges() throws {
        let ledger = TestLedger()
        let log = try openWithSmallMerges(ledger, threshold: 10)
        var batches: [[ProposedEvent]] = []
        for _ in 0..<9 {
            let batch = samples(3)
            batches.append(batch)
            try log.append(to: "a", batch)
        }
        // 27 events with merges after 12 and 24: 24 ids merged, 3 in one run.
        let mergedThrough = try log.environment.read { try log.idsMergedThrough($0) }
        #expect(mergedThrough == 24)
        for (index, batch) in batches.enumerated() {
            for (offset, event) in batch.enumerated() {
                #expect(try log.position(ofEventID: event.id) == UInt64(index * 3 + offset + 1))
            }
            // Repeats are recognised whichever tier holds the ids.
            let again = try log.append(to: "a", batch)
            #expect(again.wasAlreadyStored)
            #expect(again.positions == (1...3).map { UInt64(index * 3 + $0) })
        }
        #expect(try log.head().position == 27)
        #expect(try log.verify(deep: true).isIntact)
    }

    @Test func largeBatchesRecogniseMergedIDsThroughTheFilter() throws {
        let ledger = TestLedger()
        let log = try openWithSmallMerges(ledger, threshold: 150)
        let batches = (0..<4).map { _ in samples(100) }
        for batch in batches { try log.append(to: "a", batch) }
        // 400 events: merged through 200 and 400, so every id is in the B-tree tier.
        #expect(try log.environment.read { try log.idsMergedThrough($0) } == 400)
        for (index, batch) in batches.enumerated() {
            let again = try log.append(to: "a", batch)
            #expect(again.wasAlreadyStored)
            #expect(again.positions == (1...100).map { UInt64(index * 100 + $0) })
        }
        var altered = batches[2]
        altered[99] = ProposedEvent(id: altered[99].id, type: "Other", occurredAt: 0, payload: Array("{}".utf8))
        #expect(throws: EventLogError.eventIDConflict(id: altered[99].id, position: 300)) {
            try log.append(to: "a", altered)
        }
        #expect(throws: EventLogError.self) { try log.append(to: "a", samples(99) + [batches[1][0]]) }
        #expect(try log.head().position == 400)
        try log.append(to: "a", samples(100))
        #expect(try log.head().position == 500)
    }

    @Test func theMergedFilterNeverMissesAnInsertedID() {
        let ids = (0..<20_000).map { _ in IDKey(UUID()) }
        var filter = MergedIDFilter(count: ids.count)
        for id in ids { filter.insert(id) }
        #expect(ids.allSatisfy { filter.mayContain($0) })
        let strangers = (0..<20_000).map { _ in IDKey(UUID()) }
        let falseMaybes = strangers.filter { filter.mayContain($0) }.count
        // 16 bits an id and 3 probes: about 0.3% expected; 2% leaves room for chance.
        #expect(falseMaybes < 400)
    }

    @Test func aReopenedWriterSeesRunsWrittenBeforeIt() throws {
        let ledger = TestLedger()
        let first = samples(2)
        do {
            let log = try openWithSmallMerges(ledger, threshold: 100)
            try log.append(to: "a", first)
        }
        let log = try openWithSmallMerges(ledger, threshold: 100)
        #expect(try log.append(to: "a", first).wasAlreadyStored)
        let conflicting = ProposedEvent(id: first[0].id, type: "Other", occurredAt: 0, payload: Array("{}".utf8))
        #expect(throws: EventLogError.eventIDConflict(id: first[0].id, position: 1)) {
            try log.append(to: "a", [conflicting])
        }
    }

    @Test func theFirstSmallAppendOfAProcessSearchesTheRunsInPlaceAndTheNextLoadsThemAll() throws {
        let ledger = TestLedger()
        let batches = (0..<3).map { _ in samples(5) }
        do {
            let log = try openWithSmallMerges(ledger, threshold: 1_000)
            for batch in batches { try log.append(to: "a", batch) }
        }
        do {
            // A one-event repeat is found in the second run without loading the runs.
            let log = try openWithSmallMerges(ledger, threshold: 1_000)
            let repeated = try log.append(to: "a", [batches[1][3]])
            #expect(repeated.wasAlreadyStored && repeated.positions == [9])
            #expect(!log.recentIDs.isLoaded)
        }
        do {
            let log = try openWithSmallMerges(ledger, threshold: 1_000)
            let conflicting = ProposedEvent(id: batches[2][0].id, type: "Other", occurredAt: 0, payload: Array("{}".utf8))
            #expect(throws: EventLogError.eventIDConflict(id: batches[2][0].id, position: 11)) {
                try log.append(to: "a", [conflicting])
            }
        }
        let log = try openWithSmallMerges(ledger, threshold: 1_000)
        // The first write adds a run the copy never saw; the second loads every run, that one among them.
        let fresh = samples(2)
        #expect(try log.append(to: "a", fresh).positions == [16, 17])
        #expect(!log.recentIDs.isLoaded)
        let again = try log.append(to: "a", fresh)
        #expect(log.recentIDs.isLoaded)
        #expect(again.wasAlreadyStored && again.positions == [16, 17])
        #expect(try log.append(to: "a", batches[0]).positions == [1, 2, 3, 4, 5])
        #expect(try log.append(to: "a", samples(1)).positions == [18])
        #expect(try log.head().position == 18)
    }

    @Test func theIDTableFindsWhatWasInsertedAndNothingElse() {
        var table = IDTable()
        let ids = (0..<5000).map { _ in IDKey(UUID()) }
        for (offset, id) in ids.enumerated() { table.insert(id, position: UInt64(offset + 1)) }
        #expect(table.count == 5000)
        for (offset, id) in ids.enumerated() { #expect(table[id] == UInt64(offset + 1)) }
        #expect(table[IDKey(UUID())] == nil)
        table.insert(ids[0], position: 42)
        #expect(table[ids[0]] == 42)
        #expect(table.count == 5000)
    }

    @Test func idKeysOrderAsTheirBytes() {
        let ids = (0..<200).map { _ in UUID() }
        let byKey = ids.sorted { IDKey($0) < IDKey($1) }
        let byBytes = ids.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        #expect(byKey == byBytes)
    }

    @Test func runsAreSortedAndSearchable() {
        let ids = (0..<50).map { _ in UUID() }
        let run = IDIndex.encodeRun(ids.enumerated().map { (IDKey($0.element), UInt64($0.offset + 100)) })
        #expect(run.count == 50 * IDIndex.entrySize)
        run.withUnsafeBytes { bytes in
            var previous: [UInt8] = []
            IDIndex.forEachEntry(of: bytes) { id, _ in
                #expect(previous.lexicographicallyPrecedes(Array(id)))
                previous = Array(id)
            }
            for (offset, id) in ids.enumerated() {
                #expect(withUnsafeBytes(of: id.uuid) { IDIndex.search(bytes, for: $0) } == UInt64(offset + 100))
            }
            #expect(withUnsafeBytes(of: UUID().uuid) { IDIndex.search(bytes, for: $0) } == nil)
        }
    }
}

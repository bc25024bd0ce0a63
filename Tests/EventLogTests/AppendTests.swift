import EventLog
import Foundation
import Testing

@Suite("Appending and reading")
struct AppendTests {
    @Test func appendingNothingIsANoOp() throws {
        let ledger = TestLedger()
        let log = try ledger.open()
        let result = try log.append(to: "acme", [])
        #expect(result.positions.isEmpty)
        #expect(try log.head().position == 0)
        #expect(try log.events().isEmpty)
    }

    @Test func emptyLogHasNoPositionAndAZeroDigest() throws {
        let log = try TestLedger().open()
        let head = try log.head()
        #expect(head.position == 0)
        #expect(head.digestHex == String(repeating: "0", count: 64))
        #expect(try log.event(at: 1) == nil)
    }

    @Test func batchesGetGaplessPositionsInCommitOrder() throws {
        let log = try TestLedger().open()
        #expect(try log.append(to: "a", samples(2)).positions == [1, 2])
        #expect(try log.append(to: "b", samples(1)).positions == [3])
        #expect(try log.events().map(\.position) == [1, 2, 3])
    }

    @Test func fieldsAndPayloadBytesReadBackIntact() throws {
        let ledger = TestLedger()
        let log = try ledger.open()
        let causation = UUID()
        let payload = #"{"text":"caf\u00e9 \"quoted\" \\ done","n":[1,2.5,true,null]}"#
        var event = sample("MeetingHeld", occurredAt: 1_700_000_000_123, payload: payload)
        event.typeVersion = 2
        event.causationID = causation
        event.source = "import"
        try log.append(to: "acme-iot", [event])
        let stored = try #require(try log.event(at: 1))
        #expect(stored.id == event.id)
        #expect(stored.stream == "acme-iot")
        #expect(stored.streamVersion == 1)
        #expect(stored.type == "MeetingHeld")
        #expect(stored.typeVersion == 2)
        #expect(stored.occurredAt == 1_700_000_000_123)
        #expect(stored.recordedAt == ledger.clock.now)
        #expect(stored.recordedBy == "tester")
        #expect(stored.source == "import")
        #expect(stored.causationID == causation)
        #expect(stored.correlationID == nil)
        #expect(stored.payload == Array(payload.utf8))
    }

    @Test func readingAnUnknownStreamGivesNothing() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", samples(1))
        #expect(try log.events(inStream: "nope").isEmpty)
        #expect(try log.version(ofStream: "nope") == 0)
        #expect(try log.lastEvent(inStream: "nope") == nil)
    }

    @Test func streamsAreIsolatedAndVersioned() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", samples(2))
        try log.append(to: "b", samples(3))
        try log.append(to: "a", samples(1))
        #expect(try log.events(inStream: "a").map(\.position) == [1, 2, 6])
        #expect(try log.events(inStream: "a").map(\.streamVersion) == [1, 2, 3])
        #expect(try log.events(inStream: "b").map(\.position) == [3, 4, 5])
        #expect(try log.streams().map(\.stream) == ["a", "b"])
        #expect(try log.streams().map(\.version) == [3, 3])
    }

    @Test func lastEventAndVersionRangesOfAStream() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", samples(5))
        #expect(try log.lastEvent(inStream: "a")?.streamVersion == 5)
        #expect(try log.lastEvent(inStream: "a", atOrBefore: 3)?.streamVersion == 3)
        #expect(try log.lastEvent(inStream: "a", atOrBefore: 9)?.streamVersion == 5)
        #expect(try log.lastEvent(inStream: "a", atOrBefore: 0) == nil)
        #expect(try log.events(inStream: "a", fromVersion: 2, throughVersion: 4).map(\.streamVersion) == [2, 3, 4])
        #expect(try log.events(inStream: "a", fromVersion: 4, limit: 1).map(\.streamVersion) == [4])
        #expect(try log.events(inStream: "a", fromVersion: 6).isEmpty)
    }

    @Test func globalReadsHonourStartLimitAndTypeFilters() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", samples(3, type: "X") + samples(3, type: "Y"))
        #expect(try log.events(from: 2, limit: 2).map(\.position) == [2, 3])
        #expect(try log.events(from: 4).map(\.position) == [4, 5, 6])
        #expect(try log.events(from: 7).isEmpty)
        #expect(try log.events(from: 100).isEmpty)
        #expect(try log.events(from: 0, limit: 1).map(\.position) == [1])
        #expect(try log.events(where: EventFilter(types: ["Y"])).map(\.position) == [4, 5, 6])
        #expect(try log.events(from: 5, where: EventFilter(types: ["X"])).isEmpty)
        #expect(try log.events(limit: 0).isEmpty)
    }

    @Test func aBatchSpansStreamsAtomically() throws {
        let log = try TestLedger().open()
        let result = try log.append([
            StreamAppend(stream: "a", expected: .noStream, events: samples(2)),
            StreamAppend(stream: "b", expected: .noStream, events: samples(1)),
        ])
        #expect(result.positions == [1, 2, 3])
        #expect(try log.version(ofStream: "a") == 2)
        #expect(try log.version(ofStream: "b") == 1)
    }

    @Test func aRejectedBatchWritesNothingIncludingIndexEntries() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", samples(1))
        let headBefore = try log.head()
        let newEvents = samples(2)
        #expect(throws: EventLogError.wrongExpectedVersion(stream: "b", expected: .exactly(3), actual: 0)) {
            try log.append([
                StreamAppend(stream: "a", expected: .exactly(1), events: newEvents),
                StreamAppend(stream: "b", expected: .exactly(3), events: samples(1)),
            ])
        }
        #expect(try log.head() == headBefore)
        #expect(try log.version(ofStream: "a") == 1)
        #expect(try log.position(ofEventID: newEvents[0].id) == nil)
        #expect(try log.verify(deep: true).isIntact)
    }

    @Test func theSameEventTwiceInOneBatchFailsWhole() throws {
        let log = try TestLedger().open()
        let event = sample()
        #expect(throws: EventLogError.duplicateEventInBatch(id: event.id)) {
            try log.append(to: "a", [event, event])
        }
        #expect(try log.head().position == 0)
    }

    @Test func invalidPayloadIsRejectedBeforeWriting() throws {
        let log = try TestLedger().open()
        let bad = sample(payload: #"{"a":1,}"#)
        #expect(throws: EventLogError.self) { try log.append(to: "a", [sample(), bad]) }
        #expect(throws: EventLogError.self) { try log.append(to: "a", [sample(payload: "[1,2]")]) }
        #expect(throws: EventLogError.self) { try log.append(to: "", [sample()]) }
        #expect(throws: EventLogError.self) { try log.append(to: "a", [sample("")]) }
        #expect(try log.head().position == 0)
    }

    @Test func errorMessagesNameTheValueAndTheFix() {
        let error = EventLogError.wrongExpectedVersion(stream: "acme", expected: .exactly(2), actual: 5)
        #expect(error.description == "stream \"acme\" is at version 5, but the append expected version 2; nothing was written. Read the stream again and retry against version 5.")
    }
}

@Suite("Optimistic concurrency")
struct ExpectedVersionTests {
    @Test(arguments: [
        (ExpectedVersion.any, UInt64(0), true), (.any, 3, true),
        (.noStream, 0, true), (.noStream, 1, false),
        (.streamExists, 0, false), (.streamExists, 2, true),
        (.exactly(2), 2, true), (.exactly(2), 1, false), (.exactly(0), 0, true),
    ])
    func expectationIsMet(expected: ExpectedVersion, version: UInt64, isMet: Bool) {
        #expect(expected.isMet(byVersion: version) == isMet)
    }

    @Test func aStaleExpectationFailsWithTheActualVersionAndWritesNothing() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", expecting: .noStream, samples(2))
        #expect(throws: EventLogError.wrongExpectedVersion(stream: "a", expected: .exactly(1), actual: 2)) {
            try log.append(to: "a", expecting: .exactly(1), samples(1))
        }
        #expect(throws: EventLogError.wrongExpectedVersion(stream: "a", expected: .noStream, actual: 2)) {
            try log.append(to: "a", expecting: .noStream, samples(1))
        }
        #expect(throws: EventLogError.wrongExpectedVersion(stream: "b", expected: .streamExists, actual: 0)) {
            try log.append(to: "b", expecting: .streamExists, samples(1))
        }
        #expect(try log.head().position == 2)
        try log.append(to: "a", expecting: .exactly(2), samples(1))
        try log.append(to: "a", expecting: .streamExists, samples(1))
        #expect(try log.version(ofStream: "a") == 4)
    }

    @Test func reinsertingTheSameStreamVersionFails() throws {
        let log = try TestLedger().open()
        try log.append(to: "a", expecting: .exactly(0), samples(1))
        #expect(throws: EventLogError.self) { try log.append(to: "a", expecting: .exactly(0), samples(1)) }
        #expect(try log.version(ofStream: "a") == 1)
    }
}

@Suite("Idempotency by event id")
struct IdempotencyTests {
    @Test(arguments: [ExpectedVersion.noStream, .any, .exactly(0)])
    func reappendingTheSameEventsReturnsTheOriginalPositions(expected: ExpectedVersion) throws {
        let log = try TestLedger().open()
        let events = samples(3)
        let first = try log.append(to: "a", expecting: expected, events)
        let again = try log.append(to: "a", expecting: expected, events)
        #expect(again.positions == first.positions)
        #expect(again.wasAlreadyStored)
        #expect(!first.wasAlreadyStored)
        #expect(try log.head().position == 3)
    }

    @Test func reappendingAfterLaterEventsIsStillIdempotent() throws {
        let log = try TestLedger().open()
        let events = samples(2)
        try log.append(to: "a", events)
        try log.append(to: "a", samples(2))
        let again = try log.append(to: "a", expecting: .exactly(0), events)
        #expect(again.positions == [1, 2])
        #expect(try log.head().position == 4)
    }

    @Test func theSameIDWithOtherContentIsAnError() throws {
        let log = try TestLedger().open()
        let original = sample(payload: #"{"v":1}"#)
        try log.append(to: "a", [original])
        let altered = sample(id: original.id, payload: #"{"v":2}"#)
        #expect(throws: EventLogError.eventIDConflict(id: original.id, position: 1)) {
            try log.append(to: "a", [altered])
        }
        #expect(throws: EventLogError.eventIDConflict(id: original.id, position: 1)) {
            try log.append(to: "elsewhere", [original])
        }
        #expect(try log.head().position == 1)
    }

    @Test func aBatchOfAStoredAndANewEventFailsAsAWhole() throws {
        let log = try TestLedger().open()
        let stored = sample()
        try log.append(to: "a", [stored])
        let fresh = sample()
        #expect(throws: EventLogError.partiallyStoredBatch(id: stored.id, position: 1)) {
            try log.append(to: "a", [stored, fresh])
        }
        #expect(try log.position(ofEventID: fresh.id) == nil)
        #expect(try log.head().position == 1)
    }

    @Test func theIDIndexSurvivesReopening() throws {
        let ledger = TestLedger()
        let events = samples(2)
        do {
            let log = try ledger.open()
            try log.append(to: "a", events)
        }
        let log = try ledger.open()
        let again = try log.append(to: "a", events)
        #expect(again.wasAlreadyStored)
        #expect(again.positions == [1, 2])
    }
}

@Suite("Writer names")
struct WriterNameTests {
    @Test func anUnusableDefaultWriterNameIsRefusedAtOpen() {
        let ledger = TestLedger()
        #expect(throws: EventLogError.invalidField(field: "recordedBy", value: String(repeating: "w", count: 40) + "...", reason: "it is longer than 200 bytes")) {
            _ = try EventLog(path: ledger.path, options: EventLogOptions(recordedBy: String(repeating: "w", count: 300)))
        }
        #expect(!FileManager.default.fileExists(atPath: ledger.path))
    }
}

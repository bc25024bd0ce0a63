import EventLog
import Foundation
import Testing

/// The guarantees of `docs/GUARANTEES.md` that the ``EventStore`` contract states, tested once
/// and run against every backend in ``StoreBackend/all``. Tests of one implementation only
/// (its file format, map growth, crashes, child processes) live in the other files.
@Suite("Guarantees of every event store")
struct GuaranteeSuite {}

/// Checks that a refused write left no trace: the same head and streams, none of `ids` stored,
/// and a log that still verifies.
func expectNothingWritten(to store: any EventStore, head: Head, streams: [String: UInt64], ids: [UUID]) throws {
    #expect(try store.head() == head)
    #expect(try store.events().count == Int(head.position))
    let stored = try store.streams()
    #expect(Dictionary(uniqueKeysWithValues: stored.map { ($0.stream, $0.version) }) == streams)
    for id in ids { #expect(try store.position(ofEventID: id) == nil) }
    let report = try store.verify(deep: true)
    #expect(report.isIntact, "\(report)")
    #expect(report.eventCount == head.position)
}

extension GuaranteeSuite {
    @Suite("Insert and select")
    struct InsertAndSelect {
        @Test(arguments: StoreBackend.all)
        func anEmptyStoreHasNoPositionNoStreamsAndTheZeroDigest(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let head = try store.head()
            #expect(head.position == 0)
            #expect(head.digest == [UInt8](repeating: 0, count: 32))
            #expect(head.recordedAt == 0)
            #expect(try store.event(at: 0) == nil)
            #expect(try store.event(at: 1) == nil)
            #expect(try store.events().isEmpty)
            #expect(try store.streams().isEmpty)
            let report = try store.verify(deep: true)
            #expect(report.isIntact)
            #expect(report.eventCount == 0)
            #expect(report.headDigest == head.digest)
        }

        @Test(arguments: StoreBackend.all)
        func appendingNothingIsANoOp(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            #expect(try store.append(to: "a", expecting: .noStream, []).positions == [])
            #expect(try store.append([]).positions == [])
            #expect(try store.append([StreamAppend(stream: "b", expected: .noStream, events: [])]).positions == [])
            #expect(try store.head().position == 0)
            #expect(try store.version(ofStream: "a") == 0)
            #expect(try store.streams().isEmpty)
        }

        @Test(arguments: StoreBackend.all)
        func fieldsAndPayloadBytesReadBackIntact(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let causation = UUID(), correlation = UUID()
            let payload = #"{"text":"caf\u00e9 \"quoted\" \\ done","n":[1,2.5,true,null],"raw":"Zoë ☕"}"#
            var full = sample("MeetingHeld", occurredAt: 1_700_000_000_123, payload: payload)
            full.typeVersion = 2
            full.causationID = causation
            full.correlationID = correlation
            full.source = "import"
            full.recordedBy = "alice"
            // Whitespace and key order are kept: the payload is stored verbatim.
            let spaced = sample("CallLogged", occurredAt: -1, payload: "{ \n\t\"b\" : 1 ,\"a\":2 }")
            try store.append(to: "acme-iot", expecting: .noStream, [full, spaced])

            let first = try #require(try store.event(at: 1))
            #expect(first.position == 1)
            #expect(first.id == full.id)
            #expect(first.stream == "acme-iot")
            #expect(first.streamVersion == 1)
            #expect(first.type == "MeetingHeld")
            #expect(first.typeVersion == 2)
            #expect(first.occurredAt == 1_700_000_000_123)
            #expect(first.recordedAt == fixture.clock.now)
            #expect(first.recordedBy == "alice")
            #expect(first.source == "import")
            #expect(first.causationID == causation)
            #expect(first.correlationID == correlation)
            #expect(first.payload == Array(payload.utf8))
            #expect(first.digest.count == 32)

            let second = try #require(try store.event(at: 2))
            #expect(second.id == spaced.id)
            #expect(second.streamVersion == 2)
            #expect(second.occurredAt == -1)
            #expect(second.recordedBy == "tester")
            #expect(second.source == "api")
            #expect(second.causationID == nil)
            #expect(second.correlationID == nil)
            #expect(second.payload == Array("{ \n\t\"b\" : 1 ,\"a\":2 }".utf8))

            // Every read path gives the same values.
            #expect(try store.events() == [first, second])
            #expect(try store.events(inStream: "acme-iot") == [first, second])
            #expect(try store.lastEvent(inStream: "acme-iot") == second)
            #expect(try store.position(ofEventID: full.id) == 1)
            #expect(try store.position(ofEventID: spaced.id) == 2)
        }

        @Test(arguments: StoreBackend.all)
        func readingAnUnknownStreamGivesNothing(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(1))
            #expect(try store.events(inStream: "nope").isEmpty)
            #expect(try store.events(inStream: "nope", fromVersion: 1, throughVersion: 1, limit: 1).isEmpty)
            #expect(try store.version(ofStream: "nope") == 0)
            #expect(try store.lastEvent(inStream: "nope") == nil)
            #expect(try store.lastEvent(inStream: "nope", atOrBefore: 1) == nil)
            #expect(try store.position(ofEventID: UUID()) == nil)
            #expect(try store.streams().map(\.stream) == ["a"])
        }

        @Test(arguments: StoreBackend.all)
        func reinsertingTheSameStreamVersionIsRefused(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", expecting: .exactly(0), samples(1))
            let head = try store.head()
            let again = samples(1)
            #expect(throws: EventLogError.wrongExpectedVersion(stream: "a", expected: .exactly(0), actual: 1)) {
                try store.append(to: "a", expecting: .exactly(0), again)
            }
            try expectNothingWritten(to: store, head: head, streams: ["a": 1], ids: again.map(\.id))
        }

        @Test(arguments: StoreBackend.all)
        func aBatchOfAStoredAndANewEventFailsAsAWhole(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let stored = sample()
            try store.append(to: "a", [stored])
            let head = try store.head()
            let fresh = sample()
            #expect(throws: EventLogError.partiallyStoredBatch(id: stored.id, position: 1)) {
                try store.append(to: "a", [stored, fresh])
            }
            #expect(throws: EventLogError.partiallyStoredBatch(id: stored.id, position: 1)) {
                try store.append([StreamAppend(stream: "b", events: [fresh]), StreamAppend(stream: "a", events: [stored])])
            }
            try expectNothingWritten(to: store, head: head, streams: ["a": 1], ids: [fresh.id])
        }

        @Test(arguments: StoreBackend.all)
        func theSameEventTwiceInOneBatchFailsWhole(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(1))
            let head = try store.head()
            let twice = sample()
            #expect(throws: EventLogError.duplicateEventInBatch(id: twice.id)) {
                try store.append(to: "a", [twice, twice])
            }
            #expect(throws: EventLogError.duplicateEventInBatch(id: twice.id)) {
                try store.append([StreamAppend(stream: "a", events: [twice]), StreamAppend(stream: "b", events: [twice])])
            }
            try expectNothingWritten(to: store, head: head, streams: ["a": 1], ids: [twice.id])
        }

        @Test(arguments: StoreBackend.all)
        func theLastEventOfAStreamAtOrBeforeAVersion(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(2))
            try store.append(to: "b", samples(1))
            let later = samples(3)
            try store.append(to: "a", later)
            // Stream a: versions 1...5 at positions 1, 2, 4, 5, 6.
            let last = try #require(try store.lastEvent(inStream: "a"))
            #expect(last.position == 6)
            #expect(last.streamVersion == 5)
            #expect(last.id == later[2].id)
            let third = try #require(try store.lastEvent(inStream: "a", atOrBefore: 3))
            #expect(third.position == 4)
            #expect(third.streamVersion == 3)
            #expect(third.id == later[0].id)
            #expect(try store.lastEvent(inStream: "a", atOrBefore: 9)?.position == 6)
            #expect(try store.lastEvent(inStream: "a", atOrBefore: 0) == nil)
            #expect(try store.lastEvent(inStream: "b", atOrBefore: 1)?.position == 3)
            #expect(try store.lastEvent(inStream: "b")?.position == 3)
        }

        @Test(arguments: StoreBackend.all)
        func versionRangesOfAStream(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(2))
            try store.append(to: "b", samples(1))
            try store.append(to: "a", samples(3))
            // Stream a: versions 1...5 at positions 1, 2, 4, 5, 6.
            let range = try store.events(inStream: "a", fromVersion: 2, throughVersion: 4, limit: .max)
            #expect(range.map(\.streamVersion) == [2, 3, 4])
            #expect(range.map(\.position) == [2, 4, 5])
            #expect(try store.events(inStream: "a", fromVersion: 4, limit: 1).map(\.position) == [5])
            #expect(try store.events(inStream: "a", fromVersion: 2, throughVersion: 5, limit: 2).map(\.streamVersion) == [2, 3])
            #expect(try store.events(inStream: "a", throughVersion: 2).map(\.position) == [1, 2])
            #expect(try store.events(inStream: "a", fromVersion: 5).map(\.position) == [6])
            #expect(try store.events(inStream: "a", fromVersion: 6).isEmpty)
            #expect(try store.events(inStream: "a", fromVersion: 3, throughVersion: 2).isEmpty)
            #expect(try store.events(inStream: "a", fromVersion: 1, throughVersion: .max, limit: 0).isEmpty)
        }

        @Test(arguments: StoreBackend.all)
        func streamsAreIsolated(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let a1 = samples(2), b = samples(3), a2 = samples(1)
            try store.append(to: "a", a1)
            try store.append(to: "b", b)
            try store.append(to: "a", a2)
            let streamA = try store.events(inStream: "a")
            #expect(streamA.map(\.position) == [1, 2, 6])
            #expect(streamA.map(\.streamVersion) == [1, 2, 3])
            #expect(streamA.map(\.id) == (a1 + a2).map(\.id))
            #expect(Set(streamA.map(\.stream)) == ["a"])
            #expect(try store.events(inStream: "b").map(\.position) == [3, 4, 5])
            #expect(try store.events(inStream: "b").map(\.streamVersion) == [1, 2, 3])
            // Another stream's events do not count against a stream's expectation.
            #expect(try store.append(to: "c", expecting: .noStream, samples(1)).positions == [7])
            #expect(try store.append(to: "b", expecting: .exactly(3), samples(1)).positions == [8])
            let streams = try store.streams()
            #expect(streams.map(\.stream) == ["a", "b", "c"])
            #expect(streams.map(\.version) == [3, 4, 1])
        }
    }

    @Suite("Global positions and reads")
    struct GlobalPositions {
        @Test(arguments: StoreBackend.all)
        func batchesGetPositionsOneTwoThenThree(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let first = try store.append(to: "a", samples(2))
            #expect(first.positions == [1, 2])
            #expect(first.head.position == 2)
            #expect(!first.wasAlreadyStored)
            let second = try store.append(to: "b", samples(1))
            #expect(second.positions == [3])
            #expect(second.head.position == 3)
            let third = try store.append([
                StreamAppend(stream: "c", events: samples(2)),
                StreamAppend(stream: "a", events: samples(1)),
            ])
            #expect(third.positions == [4, 5, 6])
            #expect(third.head == (try store.head()))
            let events = try store.events()
            #expect(events.map(\.position) == [1, 2, 3, 4, 5, 6])
            #expect(events.map(\.stream) == ["a", "a", "b", "c", "c", "a"])
        }

        @Test(arguments: StoreBackend.all)
        func readsHonourStartLimitAndFilters(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(3, type: "X"))
            try store.append(to: "b", samples(3, type: "Y"))
            #expect(try store.events(from: 2, limit: 2).map(\.position) == [2, 3])
            #expect(try store.events(from: 4).map(\.position) == [4, 5, 6])
            // An exclusive start is the last position seen plus one.
            #expect(try store.events(from: 3 + 1, limit: 1).map(\.position) == [4])
            #expect(try store.events(from: 6).map(\.position) == [6])
            #expect(try store.events(from: 7).isEmpty)
            #expect(try store.events(from: 100).isEmpty)
            #expect(try store.events(from: 0, limit: 1).map(\.position) == [1])
            #expect(try store.events(limit: 0).isEmpty)
            #expect(try store.events(where: EventFilter(types: ["Y"])).map(\.position) == [4, 5, 6])
            #expect(try store.events(from: 5, limit: .max, where: EventFilter(types: ["X"])).isEmpty)
            // The limit counts the events that match.
            #expect(try store.events(from: 2, limit: 2, where: EventFilter(types: ["Y"])).map(\.position) == [4, 5])
            #expect(try store.events(where: EventFilter(streams: ["a"])).map(\.position) == [1, 2, 3])
            #expect(try store.events(where: EventFilter(streams: ["a", "b"], types: ["Y"])).map(\.position) == [4, 5, 6])
            #expect(try store.events(where: EventFilter(streams: ["nope"])).isEmpty)
        }

        @Test(arguments: StoreBackend.all)
        func aScanStopsWhenTheBodySaysSoAndPassesItsErrorsOn(backend: StoreBackend) throws {
            struct Stop: Error {}
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(3, type: "X"))
            try store.append(to: "b", samples(3, type: "Y"))
            var seen: [UInt64] = []
            try store.forEachEvent(from: 2) { event in
                seen.append(event.position)
                return event.position < 4
            }
            #expect(seen == [2, 3, 4])
            seen = []
            try store.forEachEvent(from: 1, where: EventFilter(types: ["Y"])) { event in
                seen.append(event.position)
                return true
            }
            #expect(seen == [4, 5, 6])
            seen = []
            try store.forEachEvent(from: 7) { event in
                seen.append(event.position)
                return true
            }
            #expect(seen == [])
            #expect(throws: Stop.self) {
                try store.forEachEvent { _ in throw Stop() }
            }
        }

        @Test(arguments: StoreBackend.all)
        func aScansBodyMayAppend(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(3))
            var visited: [UInt64] = []
            var appended: [UInt64] = []
            try store.forEachEvent(from: 1, where: EventFilter(streams: ["a"])) { event in
                visited.append(event.position)
                appended += try store.append(to: "derived", [sample()]).positions
                return true
            }
            #expect(visited == [1, 2, 3])
            #expect(appended == [4, 5, 6])
            #expect(try store.version(ofStream: "derived") == 3)
        }
    }

    @Suite("Optimistic concurrency")
    struct ExpectedVersions {
        @Test(arguments: StoreBackend.all)
        func everyKindOfExpectationThatHoldsIsAccepted(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            #expect(try store.append(to: "a", expecting: .any, samples(1)).positions == [1])
            #expect(try store.append(to: "a", expecting: .any, samples(1)).positions == [2])
            #expect(try store.append(to: "b", expecting: .noStream, samples(1)).positions == [3])
            #expect(try store.append(to: "b", expecting: .streamExists, samples(1)).positions == [4])
            #expect(try store.append(to: "a", expecting: .exactly(2), samples(2)).positions == [5, 6])
            #expect(try store.append(to: "c", expecting: .exactly(0), samples(1)).positions == [7])
            #expect(try store.version(ofStream: "a") == 4)
            #expect(try store.version(ofStream: "b") == 2)
            #expect(try store.version(ofStream: "c") == 1)
        }

        @Test(arguments: StoreBackend.all)
        func aWrongExpectationReportsTheActualVersionAndWritesNothing(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", expecting: .noStream, samples(2))
            let head = try store.head()
            let wrong: [(stream: String, expected: ExpectedVersion, actual: UInt64)] = [
                ("a", .noStream, 2), ("a", .exactly(1), 2), ("a", .exactly(3), 2), ("a", .exactly(0), 2),
                ("b", .streamExists, 0), ("b", .exactly(1), 0),
            ]
            var refused: [UUID] = []
            for (stream, expected, actual) in wrong {
                let events = samples(1)
                refused += events.map(\.id)
                #expect(throws: EventLogError.wrongExpectedVersion(stream: stream, expected: expected, actual: actual)) {
                    try store.append(to: stream, expecting: expected, events)
                }
            }
            try expectNothingWritten(to: store, head: head, streams: ["a": 2], ids: refused)
        }

        @Test(arguments: StoreBackend.all)
        func aBatchsGroupsSeeTheVersionsItsEarlierGroupsLeave(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let result = try store.append([
                StreamAppend(stream: "a", expected: .noStream, events: samples(2)),
                StreamAppend(stream: "a", expected: .exactly(2), events: samples(1)),
            ])
            #expect(result.positions == [1, 2, 3])
            #expect(try store.events(inStream: "a").map(\.streamVersion) == [1, 2, 3])
            let head = try store.head()
            let refused = samples(2)
            #expect(throws: EventLogError.wrongExpectedVersion(stream: "a", expected: .exactly(3), actual: 4)) {
                try store.append([
                    StreamAppend(stream: "a", expected: .exactly(3), events: [refused[0]]),
                    StreamAppend(stream: "a", expected: .exactly(3), events: [refused[1]]),
                ])
            }
            try expectNothingWritten(to: store, head: head, streams: ["a": 3], ids: refused.map(\.id))
        }
    }

    @Suite("Atomic batches")
    struct AtomicBatches {
        @Test(arguments: StoreBackend.all)
        func aBatchAcrossStreamsIsStoredWhole(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let a = samples(2), b = samples(1)
            let result = try store.append([
                StreamAppend(stream: "a", expected: .noStream, events: a),
                StreamAppend(stream: "b", expected: .noStream, events: b),
            ])
            #expect(result.positions == [1, 2, 3])
            #expect(try store.events(inStream: "a").map(\.id) == a.map(\.id))
            #expect(try store.events(inStream: "a").map(\.position) == [1, 2])
            #expect(try store.events(inStream: "b").map(\.position) == [3])
            #expect(try store.version(ofStream: "a") == 2)
            #expect(try store.version(ofStream: "b") == 1)
            #expect(try (a + b).map { try store.position(ofEventID: $0.id) } == [1, 2, 3])
        }

        @Test(arguments: StoreBackend.all)
        func aFailingGroupWritesNothingOfTheBatch(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(1))
            let head = try store.head()
            let first = samples(2)
            #expect(throws: EventLogError.wrongExpectedVersion(stream: "b", expected: .exactly(3), actual: 0)) {
                try store.append([
                    StreamAppend(stream: "a", expected: .exactly(1), events: first),
                    StreamAppend(stream: "b", expected: .exactly(3), events: samples(1)),
                ])
            }
            try expectNothingWritten(to: store, head: head, streams: ["a": 1], ids: first.map(\.id))

            let good = samples(1)
            let bad = sample(payload: #"{"a":1,}"#)
            do {
                try store.append([StreamAppend(stream: "a", events: good), StreamAppend(stream: "c", events: [bad])])
                Issue.record("a batch with an invalid payload was stored")
            } catch let EventLogError.invalidPayload(id, _) {
                #expect(id == bad.id)
            }
            try expectNothingWritten(to: store, head: head, streams: ["a": 1], ids: good.map(\.id) + [bad.id])
        }
    }

    @Suite("Durable idempotency")
    struct Idempotency {
        @Test(arguments: StoreBackend.all, [
            ExpectedVersion.noStream, .any, .exactly(0), .exactly(3), .exactly(5), .exactly(9), .streamExists,
        ])
        func reappendingStoredEventsReturnsTheirPositionsWhateverTheExpectation(backend: StoreBackend, expected: ExpectedVersion) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let events = samples(3)
            let first = try store.append(to: "a", expecting: .noStream, events)
            #expect(first.positions == [1, 2, 3])
            #expect(!first.wasAlreadyStored)
            try store.append(to: "a", expecting: .exactly(3), samples(2))
            let head = try store.head()

            let again = try store.append(to: "a", expecting: expected, events)
            #expect(again.positions == [1, 2, 3])
            #expect(again.wasAlreadyStored)
            #expect(again.head == head)
            #expect(try store.head() == head)
            #expect(try store.version(ofStream: "a") == 5)
            #expect(try store.events().count == 5)
            #expect(try events.map { try store.position(ofEventID: $0.id) } == [1, 2, 3])
        }

        @Test(arguments: StoreBackend.all)
        func aRepeatedBatchAcrossStreamsIsIdempotent(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let groups = [
                StreamAppend(stream: "a", expected: .noStream, events: samples(2)),
                StreamAppend(stream: "b", expected: .noStream, events: samples(1)),
            ]
            #expect(try store.append(groups).positions == [1, 2, 3])
            try store.append(to: "b", samples(1))
            let again = try store.append(groups)
            #expect(again.positions == [1, 2, 3])
            #expect(again.wasAlreadyStored)
            #expect(try store.head().position == 4)
            #expect(try store.version(ofStream: "a") == 2)
            #expect(try store.version(ofStream: "b") == 2)
        }

        @Test(arguments: StoreBackend.all)
        func theSameIDWithOtherContentIsAnError(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let original = sample(payload: #"{"v":1}"#)
            try store.append(to: "a", [original])
            let head = try store.head()
            let variants = [
                sample(id: original.id, payload: #"{"v":2}"#),
                sample("Other", id: original.id, payload: #"{"v":1}"#),
                sample(id: original.id, occurredAt: original.occurredAt + 1, payload: #"{"v":1}"#),
            ]
            for variant in variants {
                #expect(throws: EventLogError.eventIDConflict(id: original.id, position: 1)) {
                    try store.append(to: "a", [variant])
                }
            }
            #expect(throws: EventLogError.eventIDConflict(id: original.id, position: 1)) {
                try store.append(to: "elsewhere", [original])
            }
            try expectNothingWritten(to: store, head: head, streams: ["a": 1], ids: [])
            #expect(try store.event(at: 1)?.payload == original.payload)
        }

        @Test(arguments: StoreBackend.all)
        func storedIDsAndTheLedgerIDSurviveReopening(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let events = samples(2)
            let ledgerID: String
            do {
                let store = try fixture.open()
                try store.append(to: "a", events)
                ledgerID = try store.ledgerID()
            }
            #expect(!ledgerID.isEmpty)
            let store = try fixture.open()
            #expect(try store.ledgerID() == ledgerID)
            let again = try store.append(to: "a", expecting: .noStream, events)
            #expect(again.wasAlreadyStored)
            #expect(again.positions == [1, 2])
            let altered = sample(id: events[1].id, payload: #"{"altered":true}"#)
            #expect(throws: EventLogError.eventIDConflict(id: events[1].id, position: 2)) {
                try store.append(to: "a", [altered])
            }
            #expect(try store.head().position == 2)
            let other = StoreFixture(backend)
            #expect(try other.open().ledgerID() != ledgerID)
        }
    }

    @Suite("Append-only")
    struct AppendOnly {
        @Test(arguments: StoreBackend.all)
        func aStoredEventReadsBackIdenticalAfterEveryOtherWrite(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let original = samples(3)
            try store.append(to: "a", original)
            let before = try store.events()
            #expect(before.count == 3)

            // Every write the contract has, including the refused ones.
            #expect(throws: EventLogError.eventIDConflict(id: original[1].id, position: 2)) {
                try store.append(to: "a", [sample(id: original[1].id, payload: #"{"changed":true}"#)])
            }
            #expect(try store.append(to: "a", original).wasAlreadyStored)
            #expect(throws: EventLogError.self) { try store.append(to: "a", expecting: .exactly(1), samples(1)) }
            try store.append(to: "a", expecting: .exactly(3), samples(2))
            try store.append([StreamAppend(stream: "b", events: samples(1))])
            try store.saveCheckpoint(consumer: "c", previous: 0, position: 3, state: [1])
            _ = try store.saveCheckpoints([CheckpointSave(consumer: "d", previous: 0, position: 6, state: [2])], allOrNothing: true)
            try store.backup(to: fixture.directory.appending("copy"))

            #expect(try store.events(from: 1, limit: 3) == before)
            #expect(try store.events(inStream: "a", throughVersion: 3) == before)
            for event in before {
                #expect(try store.event(at: event.position) == event)
                #expect(try store.position(ofEventID: event.id) == event.position)
            }
            #expect(try store.verify(deep: true).isIntact)
        }
    }
}

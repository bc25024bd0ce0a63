import EventLog
import Foundation
import Testing

/// A checkpoint's position and state, to compare with what a store returns.
private struct Saved: Equatable {
    let position: UInt64
    let state: [UInt8]
}

extension Checkpoint {
    fileprivate var saved: Saved { Saved(position: position, state: state) }
}

extension GuaranteeSuite {
    @Suite("Hash chain and verification")
    struct Chain {
        @Test(arguments: StoreBackend.all)
        func theHeadDigestChangesWithEveryAppendAndWithNothingElse(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            var heads = [try store.head()]
            let repeated = samples(3)
            for events in [samples(1), repeated, samples(2)] {
                let result = try store.append(to: "a", events)
                #expect(result.head == (try store.head()))
                #expect(try store.event(at: result.head.position)?.digest == result.head.digest)
                heads.append(result.head)
            }
            heads.append(try store.append([StreamAppend(stream: "a", events: samples(1)), StreamAppend(stream: "b", events: samples(2))]).head)
            #expect(heads.map(\.position) == [0, 1, 4, 6, 9])
            #expect(Set(heads.map(\.digest)).count == heads.count)
            let digests = try store.events().map(\.digest)
            #expect(Set(digests).count == 9)
            #expect(digests.last == heads.last?.digest)

            // A repeat, a refused append, checkpoints and verification leave the head as it is.
            let last = try #require(heads.last)
            #expect(try store.append(to: "a", repeated).wasAlreadyStored)
            #expect(throws: EventLogError.self) { try store.append(to: "b", expecting: .noStream, samples(1)) }
            try store.saveCheckpoint(consumer: "c", previous: 0, position: 9, state: [1])
            _ = try store.verify(deep: true)
            #expect(try store.head() == last)
        }

        @Test(arguments: StoreBackend.all, [false, true])
        func anIntactStoreVerifiesToItsHead(backend: StoreBackend, deep: Bool) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(10))
            try store.append(to: "b", samples(5))
            try store.append([StreamAppend(stream: "a", events: samples(2)), StreamAppend(stream: "c", events: samples(3))])
            let report = try store.verify(deep: deep)
            #expect(report.isIntact, "\(report)")
            #expect(report.eventCount == 20)
            #expect(report.firstBrokenPosition == nil)
            #expect(report.problem == nil)
            #expect(report.headDigest == (try store.head().digest))
            #expect(report.headDigest == (try store.event(at: 20)?.digest))
        }
    }

    @Suite("Bitemporal reads")
    struct Bitemporal {
        static let day: Int64 = 86_400_000

        @Test(arguments: StoreBackend.all)
        func readsAsOfBusinessTimeAndAsKnownAtRecordedTime(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let start = fixture.clock.now
            // Day 0: record a call that happened on day 0.
            try store.append(to: "a", [sample("Call", occurredAt: start)])
            // Day 10: record a meeting that happened on day 2 (recorded late).
            fixture.clock.advance(byMilliseconds: 10 * Self.day)
            try store.append(to: "a", [sample("Meeting", occurredAt: start + 2 * Self.day)])
            // Day 20: record a call of day 20.
            fixture.clock.advance(byMilliseconds: 10 * Self.day)
            try store.append(to: "a", [sample("Call", occurredAt: start + 20 * Self.day)])

            let asOfDay5 = try store.events(where: EventFilter(occurredThrough: start + 5 * Self.day))
            #expect(asOfDay5.map(\.type) == ["Call", "Meeting"])
            #expect(asOfDay5.map(\.position) == [1, 2])
            let knownAtDay5 = try store.events(where: EventFilter(recordedThrough: start + 5 * Self.day))
            #expect(knownAtDay5.map(\.position) == [1])
            // What had happened by day 5, as it was known on day 5: only the first call.
            let both = try store.events(where: EventFilter(occurredThrough: start + 5 * Self.day, recordedThrough: start + 5 * Self.day))
            #expect(both.map(\.position) == [1])
            #expect(try store.events(where: EventFilter(occurredFrom: start + 1 * Self.day)).map(\.position) == [2, 3])
            #expect(try store.events(where: EventFilter(recordedThrough: start + 10 * Self.day)).map(\.position) == [1, 2])
            #expect(try store.events(where: EventFilter(recordedThrough: start - 1)).isEmpty)
            var scanned: [UInt64] = []
            try store.forEachEvent(from: 1, where: EventFilter(recordedThrough: start + 15 * Self.day)) { event in
                scanned.append(event.position)
                return true
            }
            #expect(scanned == [1, 2])
        }

        @Test(arguments: StoreBackend.all)
        func recordedTimeIsTheClockAtCommitAndNeverDecreases(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            let start = fixture.clock.now
            try store.append(to: "a", samples(2))
            fixture.clock.advance(byMilliseconds: 5_000)
            try store.append(to: "a", samples(1))
            fixture.clock.advance(byMilliseconds: -60_000)
            try store.append(to: "a", samples(1))
            #expect(try store.events().map(\.recordedAt) == [start, start, start + 5_000, start + 5_000])
            #expect(try store.head().recordedAt == start + 5_000)
        }
    }

    @Suite("Checkpoints")
    struct Checkpoints {
        @Test(arguments: StoreBackend.all)
        func aCheckpointOnlyMovesForward(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(5))
            #expect(try store.checkpoint(of: "c") == nil)
            #expect(try store.saveCheckpoint(consumer: "c", previous: 0, position: 4, state: [1]))
            #expect(throws: EventLogError.checkpointRegression(consumer: "c", stored: 4, attempted: 2)) {
                try store.saveCheckpoint(consumer: "c", previous: 4, position: 2, state: [2])
            }
            // A writer that started from an older checkpoint loses the race and writes nothing.
            #expect(try !store.saveCheckpoint(consumer: "c", previous: 0, position: 5, state: [3]))
            #expect(try store.checkpoint(of: "c")?.saved == Saved(position: 4, state: [1]))
            // Staying at a position with a new state is allowed.
            #expect(try store.saveCheckpoint(consumer: "c", previous: 4, position: 4, state: [4]))
            #expect(try store.saveCheckpoint(consumer: "c", previous: 4, position: 5, state: [5]))
            #expect(try store.checkpoint(of: "c")?.saved == Saved(position: 5, state: [5]))
        }

        @Test(arguments: StoreBackend.all)
        func aCheckpointCannotPassTheEndOfTheLog(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(2))
            #expect(throws: EventLogError.invalidField(field: "checkpoint position", value: "3", reason: "the log ends at position 2")) {
                try store.saveCheckpoint(consumer: "c", previous: 0, position: 3, state: [])
            }
            #expect(try store.checkpoint(of: "c") == nil)
            #expect(try store.saveCheckpoint(consumer: "c", previous: 0, position: 2, state: []))
            #expect(try store.checkpointPosition(of: "c") == 2)
        }

        @Test(arguments: StoreBackend.all)
        func severalCheckpointsAreSavedTogetherEachOnItsOwnExpectation(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(5))
            #expect(try store.saveCheckpoint(consumer: "moved", previous: 0, position: 3, state: [9]))
            let saved = try store.saveCheckpoints([
                CheckpointSave(consumer: "fresh", previous: 0, position: 5, state: [1]),
                CheckpointSave(consumer: "moved", previous: 0, position: 4, state: [2]),
                CheckpointSave(consumer: "forward", previous: 0, position: 2, state: [3]),
            ])
            #expect(saved == [true, false, true])
            #expect(try store.checkpoint(of: "fresh")?.saved == Saved(position: 5, state: [1]))
            #expect(try store.checkpoint(of: "moved")?.saved == Saved(position: 3, state: [9]))
            #expect(try store.checkpoint(of: "forward")?.saved == Saved(position: 2, state: [3]))
            #expect(try store.saveCheckpoints([]) == [])
        }

        @Test(arguments: StoreBackend.all)
        func allOrNothingWritesNoneWhenOneCheckpointHasMoved(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(5))
            #expect(try store.saveCheckpoint(consumer: "moved", previous: 0, position: 3, state: [9]))
            let saves = [
                CheckpointSave(consumer: "fresh", previous: 0, position: 5, state: [1]),
                CheckpointSave(consumer: "moved", previous: 0, position: 4, state: [2]),
            ]
            #expect(try store.saveCheckpoints(saves, allOrNothing: true) == [true, false])
            #expect(try store.checkpoint(of: "fresh") == nil)
            #expect(try store.checkpoint(of: "moved")?.saved == Saved(position: 3, state: [9]))
            var current = saves
            current[1].previous = 3
            #expect(try store.saveCheckpoints(current, allOrNothing: true) == [true, true])
            #expect(try store.checkpoint(of: "fresh")?.saved == Saved(position: 5, state: [1]))
            #expect(try store.checkpoint(of: "moved")?.saved == Saved(position: 4, state: [2]))
        }

        @Test(arguments: StoreBackend.all)
        func aBadCheckpointAmongSeveralWritesNoneOfThem(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(2))
            let good = CheckpointSave(consumer: "good", previous: 0, position: 1, state: [1])
            #expect(throws: EventLogError.invalidField(field: "checkpoint position", value: "3", reason: "the log ends at position 2")) {
                try store.saveCheckpoints([good, CheckpointSave(consumer: "far", previous: 0, position: 3, state: [])], allOrNothing: false)
            }
            #expect(throws: EventLogError.checkpointRegression(consumer: "back", stored: 2, attempted: 1)) {
                try store.saveCheckpoints([good, CheckpointSave(consumer: "back", previous: 2, position: 1, state: [])], allOrNothing: false)
            }
            #expect(throws: EventLogError.invalidField(field: "consumer", value: "", reason: "it must not be empty")) {
                try store.saveCheckpoints([good, CheckpointSave(consumer: "", previous: 0, position: 1, state: [])], allOrNothing: false)
            }
            #expect(try store.checkpoint(of: "good") == nil)
            #expect(try store.checkpoints(of: ["good", "far", "back"]) == [nil, nil, nil])
        }

        @Test(arguments: StoreBackend.all)
        func checkpointsReadInAGroupEqualThoseReadOneByOne(backend: StoreBackend) throws {
            let fixture = StoreFixture(backend)
            let store = try fixture.open()
            try store.append(to: "a", samples(5))
            let large = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            #expect(try store.saveCheckpoint(consumer: "one", previous: 0, position: 3, state: [1, 2, 3]))
            #expect(try store.saveCheckpoint(consumer: "two", previous: 0, position: 5, state: large))
            let grouped = try store.checkpoints(of: ["two", "none", "one"])
            #expect(grouped.map { $0?.saved } == [Saved(position: 5, state: large), nil, Saved(position: 3, state: [1, 2, 3])])
            #expect(grouped == (try ["two", "none", "one"].map { try store.checkpoint(of: $0) }))
            #expect(try store.checkpoints(of: []) == [])
            #expect(try store.checkpointPosition(of: "two") == 5)
            #expect(try store.checkpointPosition(of: "one") == 3)
            #expect(try store.checkpointPosition(of: "none") == nil)
        }
    }
}

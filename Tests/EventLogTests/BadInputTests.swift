import EventLog
import Foundation
import LMDB
import Testing

@Suite("Bad input costs nothing")
struct BadInputTests {
    /// A log with two events, and its state to compare against after a rejected append.
    private func seeded(_ ledger: TestLedger) throws -> (EventLog, Head) {
        let log = try ledger.open()
        try log.append(to: "a", samples(2))
        return (log, try log.head())
    }

    /// Checks that a rejected append left no trace: head, streams, id index, verification.
    private func expectNothingWritten(_ log: EventLog, head: Head, ids: [UUID]) throws {
        #expect(try log.head() == head)
        #expect(try log.events().count == Int(head.position))
        #expect(try log.streams().map(\.stream) == ["a"])
        for id in ids { #expect(try log.position(ofEventID: id) == nil) }
        let report = try log.verify(deep: true)
        #expect(report.isIntact)
        #expect(report.eventCount == head.position)
    }

    /// Appends `[good, bad]` to a fresh stream and returns the error, which must be an `EventLogError`.
    private func rejection(of bad: ProposedEvent, in log: EventLog) throws -> EventLogError {
        let good = sample()
        do {
            try log.append([
                StreamAppend(stream: "a", events: [good]),
                StreamAppend(stream: "b", expected: .noStream, events: [bad]),
            ])
        } catch let error as EventLogError {
            return error
        }
        throw Rejected.wasAccepted
    }

    private enum Rejected: Error { case wasAccepted }

    @Test func aTruncatedPayloadIsRejectedNamingThePayloadAndWhereItEnds() throws {
        let ledger = TestLedger()
        let (log, head) = try seeded(ledger)
        let bad = sample(payload: #"{"amount":12,"note":"unfinish"#)
        let error = try rejection(of: bad, in: log)
        guard case let .invalidPayload(id, json) = error else {
            Issue.record("expected invalidPayload, got \(error)")
            return
        }
        #expect(id == bad.id)
        #expect(json.reason == .unterminatedString)
        #expect(error.description.hasPrefix("payload of event \(bad.id.uuidString.lowercased()) is not valid"))
        #expect(error.description.contains("nothing was written"))
        try expectNothingWritten(log, head: head, ids: [bad.id])
    }

    @Test func nonUTF8BytesInAPayloadAreRejectedAtTheirOffset() throws {
        let ledger = TestLedger()
        let (log, head) = try seeded(ledger)
        var bad = sample()
        bad.payload = Array(#"{"name":"caf"#.utf8) + [0xE9] + Array(#""}"#.utf8)
        let error = try rejection(of: bad, in: log)
        guard case let .invalidPayload(id, json) = error else {
            Issue.record("expected invalidPayload, got \(error)")
            return
        }
        #expect(id == bad.id)
        #expect(json.reason == .invalidUTF8)
        #expect(json.offset == 12)
        #expect(error.description.contains("payload"))
        #expect(error.description.contains("invalid UTF-8"))
        try expectNothingWritten(log, head: head, ids: [bad.id])
    }

    @Test(arguments: ["[1,2,3]", #""text""#, "42", "null", " \n[{\"a\":1}]"])
    func aPayloadThatIsNotAnObjectIsRejectedNamingTheField(payload: String) throws {
        let ledger = TestLedger()
        let (log, head) = try seeded(ledger)
        let bad = sample(payload: payload)
        let error = try rejection(of: bad, in: log)
        guard case let .invalidField(field, _, reason) = error else {
            Issue.record("expected invalidField, got \(error)")
            return
        }
        #expect(field == "payload")
        #expect(reason == "a payload must be a JSON object")
        #expect(error.description.hasPrefix("payload \""))
        try expectNothingWritten(log, head: head, ids: [bad.id])
    }

    @Test func aTenMegabytePayloadBrokenAtItsLastByteIsRejectedWithTheOffset() throws {
        let ledger = TestLedger()
        let (log, head) = try seeded(ledger)
        let size = 10 * 1024 * 1024
        var bad = sample()
        bad.payload = Array(#"{"blob":""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: size) + Array(#""]"#.utf8)
        let error = try rejection(of: bad, in: log)
        guard case let .invalidPayload(id, json) = error else {
            Issue.record("expected invalidPayload, got \(error)")
            return
        }
        #expect(id == bad.id)
        #expect(json.offset == bad.payload.count - 1)
        #expect(json.reason == .expectedCommaOrObjectEnd)
        // The message stays a sentence: it does not echo ten megabytes.
        #expect(error.description.count < 500)
        try expectNothingWritten(log, head: head, ids: [bad.id])
    }

    @Test func aTenMegabyteValidPayloadIsStoredWhole() throws {
        // The log sets no payload size limit: LMDB keeps large values in overflow pages, and
        // the map grows to fit them.
        let ledger = TestLedger()
        let log = try ledger.open(initialMapSize: 1 << 20)
        let size = 10 * 1024 * 1024
        var big = sample("Attachment")
        big.payload = Array(#"{"blob":""#.utf8) + (0..<size).map { UInt8(ascii: "a") + UInt8($0 % 26) } + Array(#""}"#.utf8)
        let result = try log.append(to: "files", [big, sample()])
        #expect(result.positions == [1, 2])
        #expect(log.mapSize > size)
        let stored = try #require(try log.event(at: 1))
        #expect(stored.payload == big.payload)
        #expect(try log.event(at: 2)?.payload == sample().payload)
        #expect(try log.verify(deep: true).isIntact)
    }

    @Test(arguments: [
        ("stream", ""), ("stream", String(repeating: "s", count: 401)), ("stream", "tab\there"),
        ("type", ""), ("type", "line\nbreak"), ("source", String(repeating: "q", count: 51)),
        ("recordedBy", "bell\u{7}"),
    ])
    func unusableEnvelopeFieldsAreRejectedNamingTheField(field: String, value: String) throws {
        let ledger = TestLedger()
        let (log, head) = try seeded(ledger)
        var event = sample()
        var stream = "b"
        switch field {
        case "stream": stream = value
        case "type": event.type = value
        case "source": event.source = value
        default: event.recordedBy = value
        }
        do {
            try log.append([StreamAppend(stream: "a", events: [sample()]), StreamAppend(stream: stream, events: [event])])
            Issue.record("\(field) \(value.debugDescription) was accepted")
        } catch let error as EventLogError {
            guard case let .invalidField(named, _, _) = error else {
                Issue.record("expected invalidField, got \(error)")
                return
            }
            #expect(named == field)
            #expect(error.description.hasPrefix("\(field) \""))
        }
        try expectNothingWritten(log, head: head, ids: [event.id])
    }

    @Test func aTypeVersionBelowOneIsRejected() throws {
        let ledger = TestLedger()
        let (log, head) = try seeded(ledger)
        var event = sample()
        event.typeVersion = 0
        #expect(throws: EventLogError.invalidField(field: "typeVersion", value: "0", reason: "versions start at 1")) {
            try log.append(to: "a", [event])
        }
        try expectNothingWritten(log, head: head, ids: [event.id])
    }

    // LogTime writes instants of the years 0000 to 9999: -62_167_219_200_000 is
    // 0000-01-01T00:00:00.000Z and 253_402_300_799_999 is 9999-12-31T23:59:59.999Z.

    @Test(arguments: [Int64(-62_167_219_200_000), 0, 253_402_300_799_999])
    func anOccurredAtInsideTheStorableYearsReadsBackExactly(occurredAt: Int64) throws {
        let ledger = TestLedger()
        let log = try ledger.open()
        let event = sample(occurredAt: occurredAt)
        try log.append(to: "a", [event])
        #expect(try log.event(at: 1)?.occurredAt == occurredAt)
        #expect(try log.append(to: "a", [event]).wasAlreadyStored)
    }

    @Test(arguments: [Int64(253_402_300_800_000), -62_167_219_200_001, 300_000_000_000_000])
    func anOccurredAtOutsideTheStorableYearsIsRejectedNamingTheField(occurredAt: Int64) throws {
        let ledger = TestLedger()
        let (log, head) = try seeded(ledger)
        let event = sample(occurredAt: occurredAt)
        do {
            try log.append(to: "b", [event])
            Issue.record("occurredAt \(occurredAt) was accepted and stored as \(try log.event(at: head.position + 1).map { LogTime.format($0.occurredAt) } ?? "nothing")")
            return
        } catch let error as EventLogError {
            guard case let .invalidField(field, _, _) = error else {
                Issue.record("expected invalidField, got \(error)")
                return
            }
            #expect(field == "occurredAt")
        }
        try expectNothingWritten(log, head: head, ids: [event.id])
    }

    @Test(arguments: [Int64.min, Int64.max])
    func anExtremeOccurredAtIsRejectedWithoutStoppingTheWriter(occurredAt: Int64) throws {
        // In a child process: a writer that traps would take the test runner with it.
        let ledger = TestLedger()
        let (log, head) = try seeded(ledger)
        let probe = try runProgram(try probeExecutable(), ["append-at", ledger.path, String(occurredAt)])
        #expect(probe.status == 2, "the probe ended with status \(probe.status): \(probe.errors.prefix(200))")
        #expect(probe.errors.contains("occurredAt"))
        #expect(!probe.output.contains("appended"))
        #expect(try log.head() == head)
        #expect(try log.verify(deep: true).isIntact)
    }

    @Test(arguments: ["", String(repeating: "c", count: 600)])
    func aCheckpointForAnUnusableConsumerNameIsRejectedNamingTheField(consumer: String) throws {
        let ledger = TestLedger()
        let (log, _) = try seeded(ledger)
        do {
            try log.saveCheckpoint(consumer: consumer, previous: 0, position: 1, state: [])
            Issue.record("consumer name of \(consumer.utf8.count) bytes was accepted")
        } catch let error as EventLogError {
            guard case let .invalidField(field, _, _) = error else {
                Issue.record("expected invalidField naming the consumer, got \(error)")
                return
            }
            #expect(field == "consumer")
        }
    }
}

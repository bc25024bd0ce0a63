import EventLog
import Foundation
@testable import PartnerLedger
import TestSupport
import Testing

@Suite("Import and export")
struct ImportExportTests {
    /// A ledger with one event of many kinds, recorded at different times, a retraction, a
    /// version 1 `MeetingHeld`, exact decimal amounts and zero values.
    static func populated() throws -> TestLedger {
        let test = try TestLedger()
        try test.openAcmeIoT()
        test.setClock(day: 1)
        let commitment = try #require(try test.makeCommitment().subject)
        test.setClock(day: 2)
        try test.ledger.record(in: "acme-iot", occurredAt: test.at(day: 2)) { ids in
            .opportunityShared(OpportunityShared(
                opportunityId: ids.next(.opportunity), from: "initech", to: "acme", kind: .coSell,
                estimatedValue: Decimal(string: "1500.50"), currency: try CurrencyCode("EUR"), account: "Café Nord / Süd"))
        }
        test.setClock(day: 3)
        try test.ledger.append(json: Data(#"{"partnership":"acme-iot","type":"MeetingHeld","version":1,"occurredAt":"2025-01-03T09:00:00Z","payload":{"meetingId":"m-1","kind":"call","organizer":"acme","attendees":[{"party":"initech","seniority":"exec"}]}}"#.utf8))
        try test.ledger.record(in: "acme-iot", occurredAt: test.at(day: 3)) { ids in
            .meetingScheduled(MeetingScheduled(meetingId: ids.next(.meeting), kind: .qbr, scheduledFor: test.at(day: 30), organizer: "initech"))
        }
        test.setClock(day: 4)
        let fulfilled = try test.ledger.record(in: "acme-iot", occurredAt: test.at(day: 4)) { _ in
            .commitmentFulfilled(CommitmentFulfilled(commitmentId: commitment, quality: 1))
        }
        try test.ledger.record(in: "acme-iot", occurredAt: test.at(day: 4), correlationID: UUID()) { _ in
            .eventRetracted(EventRetracted(targetEventId: UUID(uuidString: fulfilled.id)!, reason: "Recorded against the wrong commitment"))
        }
        test.setClock(day: 5)
        try test.ledger.record(in: "acme-iot", occurredAt: test.at(day: 5)) { _ in
            .investmentMade(InvestmentMade(party: "acme", amount: Decimal(string: "0.10")!, currency: try CurrencyCode("USD"), kind: .cash, upfront: true))
        }
        return test
    }

    static func exported(_ ledger: Ledger, into directory: TemporaryDirectory) throws -> String {
        var text = Data()
        try ledger.export { text.append($0) }
        let path = directory.appending("export.jsonl")
        try text.write(to: URL(fileURLWithPath: path))
        return path
    }

    static func rows(_ ledger: Ledger) throws -> [HistoryRow] {
        var rows: [HistoryRow] = []
        try ledger.history(HistoryQuery()) { rows.append($0) }
        return rows
    }

    /// The import keeps each exported event's recorded time, writer and source, and the ledger
    /// stores payloads in the same canonical JSON that the export writes, so every stored body,
    /// and so every chain digest, comes out equal.
    @Test func exportThenImportIntoANewLedgerGivesTheSameHistoryAndHashes() throws {
        let source = try Self.populated()
        let file = try Self.exported(source.ledger, into: source.directory)
        let target = try TestLedger(seed: 99, organization: "initech")
        target.setClock(day: 400)
        let summary = try target.ledger.importEvents(from: file)
        #expect(summary.appended == 8)
        #expect(summary.rejected == 0)
        #expect(summary.recordedTimesMovedForward == 0)
        #expect(try Self.rows(target.ledger) == Self.rows(source.ledger))
        #expect(try target.ledger.head() == source.ledger.head())
        #expect(try target.ledger.verify().isIntact)
    }

    @Test func importingAgainFindsEverythingPresent() throws {
        let source = try Self.populated()
        let file = try Self.exported(source.ledger, into: source.directory)
        let summary = try source.ledger.importEvents(from: file)
        #expect(summary.alreadyPresent == 8)
        #expect(summary.appended == 0)
        #expect(try source.headPosition == 8)
    }

    @Test func recordingNowStampsTheImportTimeAndSource() throws {
        let source = try Self.populated()
        let file = try Self.exported(source.ledger, into: source.directory)
        let target = try TestLedger(seed: 7)
        target.setClock(day: 400)
        let summary = try target.ledger.importEvents(from: file, options: ImportOptions(recordedTimes: .now))
        #expect(summary.batches == 1)
        let rows = try Self.rows(target.ledger)
        #expect(rows.allSatisfy { $0.source == "import" && $0.recordedBy == "tester" && $0.recordedAt == target.at(day: 400) })
        #expect(rows.map(\.occurredAt) == (try Self.rows(source.ledger)).map(\.occurredAt))
    }

    @Test func linesAreCheckedAgainstEarlierLinesOfTheSameFile() throws {
        let test = try TestLedger()
        let file = try writeLines([
            openingLine,
            line(2, "CommitmentMade", #"{"commitmentId":"c-1","owner":"initech","beneficiary":"acme","kind":"data","description":"Feed","dueDate":"2025-03-01"}"#),
            line(3, "CommitmentFulfilled", #"{"commitmentId":"c-1"}"#, day: 2),
            line(4, "CommitmentMissed", #"{"commitmentId":"c-1"}"#, day: 3),
        ], in: test.directory)
        let summary = try test.ledger.importEvents(from: file)
        #expect(summary.stoppedAtLine == 4)
        #expect(summary.problems.first?.code == "commitment-already-closed")
        #expect(summary.problems.first?.field == "payload.commitmentId")
        #expect(try test.headPosition == 0)
    }

    @Test func aRefusedLineStopsTheImportWithoutWritingItsBatchAndARerunFinishes() throws {
        let test = try TestLedger()
        var lines = [
            openingLine,
            line(2, "DisclosureMade", #"{"party":"acme","topic":"Reorganisation","proactive":true}"#),
            line(3, "DisclosureMade", #"{"party":"initech","topic":"New CTO","proactive":false}"#),
            line(4, "DisclosureMade", #"{"party":"globex","topic":"Merger","proactive":true}"#),
        ]
        let file = try writeLines(lines, in: test.directory)
        let summary = try test.ledger.importEvents(from: file, options: ImportOptions(batchSize: 2))
        #expect(summary.appended == 2)
        #expect(summary.rejected == 1)
        #expect(summary.stoppedAtLine == 4)
        #expect(summary.unwrittenBatchFirstLine == 3)
        #expect(summary.problems.map(\.description) == [
            #"line 4, field payload.party: "globex" is not a party of partnership "acme-iot" (parties: acme, initech). Use one of those ids; parties are fixed when the partnership is opened."#,
        ])
        #expect(try test.headPosition == 2)

        lines[3] = line(4, "DisclosureMade", #"{"party":"initech","topic":"Merger","proactive":true}"#)
        let fixed = try writeLines(lines, named: "fixed.jsonl", in: test.directory)
        let rerun = try test.ledger.importEvents(from: fixed, options: ImportOptions(batchSize: 2))
        #expect(rerun.alreadyPresent == 2)
        #expect(rerun.appended == 2)
        #expect(try test.headPosition == 4)
    }

    @Test func dryRunWritesNothingAndReportsEveryRefusedLine() throws {
        let test = try TestLedger()
        let file = try writeLines([
            openingLine,
            line(2, "DisclosureMade", #"{"party":"globex","topic":"Merger","proactive":true}"#),
            line(3, "HealthSurveyed", #"{"respondentParty":"acme","dimension":"strategic","score":9}"#),
            line(4, "HealthSurveyed", #"{"respondentParty":"acme","dimension":"strategic","score":4}"#),
        ], in: test.directory)
        let summary = try test.ledger.importEvents(from: file, options: ImportOptions(dryRun: true))
        #expect(summary.dryRun)
        #expect(summary.appended == 2)
        #expect(summary.rejected == 2)
        #expect(summary.problems.map(\.line) == [2, 3])
        #expect(summary.problems.map(\.code) == ["unknown-party", "out-of-range"])
        #expect(summary.stoppedAtLine == nil)
        #expect(try test.headPosition == 0)
    }

    @Test func aRepeatedIDWithOtherContentIsRefusedAndARepeatedLineIsSkipped() throws {
        let test = try TestLedger()
        let disclosure = line(2, "DisclosureMade", #"{"party":"acme","topic":"Reorganisation","proactive":true}"#)
        let file = try writeLines([
            openingLine, disclosure, disclosure,
            line(2, "DisclosureMade", #"{"party":"acme","topic":"Something else","proactive":true}"#),
        ], in: test.directory)
        let summary = try test.ledger.importEvents(from: file, options: ImportOptions(dryRun: true))
        #expect(summary.alreadyPresent == 1)
        #expect(summary.problems.map(\.field) == ["id"])
        #expect(summary.problems.first?.message.contains("line 2 of this file") == true)
    }

    @Test(arguments: [
        (#"{"id":"00000000-0000-4000-8000-000000000009","payload":{"party":"acme" "topic":"x"}}"#, "payload.party", "malformed-json", "column 72"),
        (line(9, "PartnershipBlessed", "{}"), "type", "unknown-event-type", "not a known event type"),
        (line(9, "DisclosureMade", #"{"party":"acme","proactive":true}"#), "payload.topic", "missing-field", "missing"),
        (line(9, "HealthSurveyed", #"{"respondentParty":"acme","dimension":"strategic","score":"four"}"#), "payload.score", "wrong-type", "expected an integer"),
    ])
    func aBadLineIsReportedWithItsLineAndField(bad: String, field: String, code: String, words: String) throws {
        let test = try TestLedger()
        let file = try writeLines([openingLine, bad, line(3, "DisclosureMade", #"{"party":"acme","topic":"x","proactive":true}"#)], in: test.directory)
        let summary = try test.ledger.importEvents(from: file)
        let problem = try #require(summary.problems.first)
        #expect(problem.line == 2)
        #expect(problem.field == field)
        #expect(problem.code == code)
        #expect(problem.message.contains(words))
        #expect(try test.headPosition == 0)
    }

    @Test func nonUTF8BytesAreReportedWithTheirField() throws {
        let test = try TestLedger()
        var bytes = Data((openingLine + "\n").utf8)
        bytes.append(Data(line(2, "DisclosureMade", #"{"party":"acme","topic":"caf_","proactive":true}"#).utf8.map { $0 == UInt8(ascii: "_") ? 0xE9 : $0 }))
        bytes.append(UInt8(ascii: "\n"))
        let path = test.directory.appending("latin1.jsonl")
        try bytes.write(to: URL(fileURLWithPath: path))
        let summary = try test.ledger.importEvents(from: path)
        let problem = try #require(summary.problems.first)
        #expect(problem.line == 2)
        #expect(problem.field == "payload.topic")
        #expect(problem.code == "invalid-utf8")
        #expect(try test.headPosition == 0)
    }

    @Test func aTenMegabyteLineIsRefusedNamingItsLargestField() throws {
        let test = try TestLedger()
        let huge = String(repeating: "x", count: 10 << 20)
        let file = try writeLines([openingLine, line(2, "DisclosureMade", #"{"party":"acme","topic":"\#(huge)","proactive":true}"#)], in: test.directory)
        let summary = try test.ledger.importEvents(from: file)
        let problem = try #require(summary.problems.first)
        #expect(problem.line == 2)
        #expect(problem.field == "payload.topic")
        #expect(problem.code == "line-too-long")
        #expect(try test.headPosition == 0)
    }

    @Test func exportOfOnePartnershipHoldsOnlyItsEvents() throws {
        let test = try Self.populated()
        try test.ledger.record(in: "globex", occurredAt: test.at(day: 6)) { _ in
            .partnershipOpened(PartnershipOpened(name: "Globex", parties: [.init(id: "acme", name: "Acme"), .init(id: "globex", name: "Globex")], declaredType: .marketing))
        }
        var lines: [String] = []
        let count = try test.ledger.export(partnerships: ["globex"]) { lines.append(String(decoding: $0, as: UTF8.self)) }
        #expect(count == 1)
        #expect(lines.first?.hasSuffix("\n") == true)
        let envelope = try EventEnvelope.decodeLine(Data(lines[0].dropLast().utf8))
        #expect(envelope.seq == 9)
        #expect(envelope.recordedBy == "tester")
        #expect(throws: LedgerError.self) { try test.ledger.export(partnerships: ["nobody"]) { _ in } }
    }
}

@Suite("Import takes what DOMAIN.md defines")
struct ImportVocabularyTests {
    /// Imports the lines given and returns the stored events of acme-iot after its opening.
    static func imported(_ lines: [String]) throws -> (summary: ImportSummary, events: [RecordedEvent]) {
        let test = try TestLedger()
        try test.openAcmeIoT()
        let path = test.directory.appending("lines.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        let summary = try test.ledger.importEvents(from: path)
        return (summary, Array(try test.ledger.streamEvents("acme-iot").dropFirst()))
    }

    @Test func aLineWithoutSourceRecordedByOrRecordedAtIsStampedImport() throws {
        let (summary, events) = try Self.imported([
            #"{"id":"0b0e8c5e-7a5e-4a39-8a6e-3c4d2d7f0a11","partnership":"acme-iot","type":"DisclosureMade","version":1,"occurredAt":"2025-01-10T10:00:00Z","payload":{"party":"initech","topic":"Reorganisation","proactive":true}}"#,
        ])
        #expect(summary.appended == 1 && summary.rejected == 0)
        #expect(events.map(\.source) == ["import"])
        #expect(events.map(\.id) == [UUID(uuidString: "0b0e8c5e-7a5e-4a39-8a6e-3c4d2d7f0a11")!])
    }

    @Test func aVersion1MeetingAttendeeMayCarryAName() throws {
        let (summary, events) = try Self.imported([
            #"{"id":"1b0e8c5e-7a5e-4a39-8a6e-3c4d2d7f0a11","partnership":"acme-iot","type":"MeetingHeld","version":1,"occurredAt":"2025-01-10T10:00:00Z","payload":{"meetingId":"m-1","kind":"call","organizer":"acme","attendees":[{"party":"initech","seniority":"director","name":"Ada Lind"}]}}"#,
        ])
        #expect(summary.appended == 1)
        let event = try Ledger.decode(try #require(events.first))
        guard case .meetingHeld(let held) = event else {
            Issue.record("expected MeetingHeld, got \(event.eventType)")
            return
        }
        #expect(held.attendees.map(\.name) == ["Ada Lind"])
    }

    @Test(arguments: [("collaboration", WeakSpotArea.collaborationAppetite), ("alignment", .objectiveAlignment), ("collaboration-appetite", .collaborationAppetite)])
    func weakSpotAreasTakeDomainShortNames(word: String, area: WeakSpotArea) throws {
        let (summary, events) = try Self.imported([
            #"{"id":"2b0e8c5e-7a5e-4a39-8a6e-3c4d2d7f0a11","partnership":"acme-iot","type":"WeakSpotAssessed","version":1,"occurredAt":"2025-01-10T10:00:00Z","payload":{"party":"acme","area":"\#(word)","rating":2}}"#,
        ])
        #expect(summary.appended == 1)
        // The stored payload keeps the word written; it reads back as the same area.
        let stored = try #require(events.first)
        #expect(String(decoding: stored.payload, as: UTF8.self).contains(#""area":"\#(word)""#))
        guard case .weakSpotAssessed(let assessed) = try Ledger.decode(stored) else {
            Issue.record("expected WeakSpotAssessed")
            return
        }
        #expect(assessed.area == area)
        #expect(WeakSpotArea.named(word) == area)
    }
}

import EventLog
import Foundation
@testable import PartnerLedger
import Testing

@Suite("Recording checked events")
struct RecordingTests {
    @Test func recordAppendsAValidEventWithAGeneratedShortID() throws {
        let test = try TestLedger()
        try test.openAcmeIoT()
        let receipt = try test.makeCommitment()
        #expect(receipt.position == 2)
        #expect(receipt.type == "CommitmentMade")
        let subject = try #require(receipt.subject)
        #expect(subject.wholeMatch(of: /c-[0-9a-f]{5}/) != nil)
        #expect(try test.ledger.state(of: "acme-iot")?.commitmentStatus(subject) == .open)
    }

    @Test func refusedEventNamesTheFieldAndWritesNothing() throws {
        let test = try TestLedger()
        try test.openAcmeIoT()
        let error = #expect(throws: DomainError.self) {
            try test.ledger.record(in: "acme-iot") { _ in
                .commitmentFulfilled(CommitmentFulfilled(commitmentId: "c-00000"))
            }
        }
        #expect(error?.code == .unknownCommitment)
        #expect(error?.field == "payload.commitmentId")
        #expect(try test.headPosition == 1)
    }

    @Test func secondTerminalEventIsRefused() throws {
        let test = try TestLedger()
        try test.openAcmeIoT()
        let id = try #require(try test.makeCommitment().subject)
        try test.ledger.record(in: "acme-iot") { _ in .commitmentFulfilled(CommitmentFulfilled(commitmentId: id, quality: 5)) }
        let error = #expect(throws: DomainError.self) {
            try test.ledger.record(in: "acme-iot") { _ in .commitmentMissed(CommitmentMissed(commitmentId: id)) }
        }
        #expect(error?.code == .commitmentAlreadyClosed)
        #expect(try test.headPosition == 3)
    }

    @Test func sameEventIDWithSameContentIsRecordedOnce() throws {
        let test = try TestLedger()
        try test.openAcmeIoT()
        let eventID = UUID()
        let first = try test.ledger.record(in: "acme-iot", occurredAt: test.at(day: 2), eventID: eventID) { _ in
            .disclosureMade(DisclosureMade(party: "acme", topic: "New CEO", proactive: true))
        }
        let again = try test.ledger.record(in: "acme-iot", occurredAt: test.at(day: 2), eventID: eventID) { _ in
            .disclosureMade(DisclosureMade(party: "acme", topic: "New CEO", proactive: true))
        }
        #expect(!first.wasAlreadyStored)
        #expect(again.wasAlreadyStored)
        #expect(again.position == first.position)
        #expect(try test.headPosition == 2)
    }

    @Test func sameEventIDWithOtherContentIsAConflict() throws {
        let test = try TestLedger()
        try test.openAcmeIoT()
        let eventID = UUID()
        try test.ledger.record(in: "acme-iot", eventID: eventID) { _ in .disclosureMade(DisclosureMade(party: "acme", topic: "New CEO", proactive: true)) }
        let error = #expect(throws: DomainError.self) {
            try test.ledger.record(in: "acme-iot", eventID: eventID) { _ in .disclosureMade(DisclosureMade(party: "acme", topic: "New CFO", proactive: true)) }
        }
        #expect(error?.code == .eventIDConflict)
        #expect(error?.field == "payload.topic")
        #expect(try test.headPosition == 2)
        // the same facts again, with the business time left to default: already recorded
        let retried = try test.ledger.record(in: "acme-iot", eventID: eventID) { _ in .disclosureMade(DisclosureMade(party: "acme", topic: "New CEO", proactive: true)) }
        #expect(retried.wasAlreadyStored)
        #expect(retried.position == 2)
    }

    @Test func concurrentWriterToTheSamePartnershipIsReadAndRetried() throws {
        let test = try TestLedger()
        try test.openAcmeIoT()
        var interleaved = 0
        test.ledger.beforeAppend = {
            guard interleaved == 0 else { return }
            interleaved += 1
            let other = try PreparedEvent(
                typed: .surpriseDiscovered(SurpriseDiscovered(affectedParty: "acme", aboutParty: "initech", topic: "Layoffs")),
                id: UUID(), partnership: "acme-iot", occurredAt: test.at(day: 1))
            try test.ledger.log.append(to: "acme-iot", expecting: .exactly(1), [other.proposed])
        }
        let receipt = try test.makeCommitment()
        #expect(interleaved == 1)
        #expect(receipt.position == 3)
        #expect(try test.ledger.log.version(ofStream: "acme-iot") == 3)
    }

    @Test func writersThatNeverStopChangingThePartnershipGiveAConflict() throws {
        let test = try TestLedger()
        try test.openAcmeIoT()
        test.ledger.beforeAppend = {
            let other = try PreparedEvent(
                typed: .disclosureMade(DisclosureMade(party: "initech", topic: "Another change", proactive: true)),
                id: UUID(), partnership: "acme-iot", occurredAt: test.at(day: 1))
            try test.ledger.log.append(to: "acme-iot", [other.proposed])
        }
        let error = #expect(throws: LedgerError.self) { try test.makeCommitment() }
        #expect(error == .concurrencyConflict(partnership: "acme-iot", attempts: Ledger.maximumAttempts))
        #expect(error.flatMap(FailureKind.init(classifying:)) == .conflict)
        #expect(try test.ledger.log.events(where: EventFilter(types: ["CommitmentMade"])).isEmpty)
    }

    @Test func retractionReopensTheCommitmentItUndid() throws {
        let test = try TestLedger()
        try test.openAcmeIoT()
        let id = try #require(try test.makeCommitment().subject)
        let fulfilled = try test.ledger.record(in: "acme-iot") { _ in .commitmentFulfilled(CommitmentFulfilled(commitmentId: id)) }
        let target = try test.ledger.storedEvent(String(fulfilled.position))
        #expect(target.type == "CommitmentFulfilled")
        try test.ledger.record(in: target.partnership) { _ in .eventRetracted(EventRetracted(targetEventId: target.id, reason: "Not delivered yet")) }
        #expect(try test.ledger.state(of: "acme-iot")?.commitmentStatus(id) == .open)
    }

    @Test func storedEventReferenceMustNameAStoredEvent() throws {
        let test = try TestLedger()
        try test.openAcmeIoT()
        #expect(throws: LedgerError.unknownEvent(reference: "7")) { try test.ledger.storedEvent("7") }
        #expect(throws: DomainError.self) { try test.ledger.storedEvent("yesterday") }
        #expect(try test.ledger.storedEvent("#1").partnership == "acme-iot")
    }

    @Test func rawJSONEventGetsDefaultsAndKeepsItsVersion() throws {
        let test = try TestLedger()
        try test.openAcmeIoT()
        let receipt = try test.ledger.append(json: Data(#"{"partnership":"acme-iot","type":"ExecAccessRequested","payload":{"by":"initech","granted":true}}"#.utf8))
        #expect(receipt.version == 1)
        #expect(receipt.occurredAt == TestLedger.start)
        let v1 = #"{"partnership":"acme-iot","type":"MeetingHeld","version":1,"payload":{"meetingId":"m-1","kind":"call","organizer":"acme","attendees":[{"party":"initech","seniority":"exec"}]}}"#
        let meeting = try test.ledger.append(json: Data(v1.utf8))
        #expect(meeting.version == 1)
        let stored = try #require(try test.ledger.log.event(at: meeting.position))
        #expect(stored.typeVersion == 1)
        #expect(stored.source == "cli")
        #expect(try test.ledger.state(of: "acme-iot")?.meetingStatus("m-1") == .held)
    }

    @Test func rawJSONEventMayNotSetWhatTheLogSets() throws {
        let test = try TestLedger()
        try test.openAcmeIoT()
        let error = #expect(throws: DomainError.self) {
            try test.ledger.append(json: Data(#"{"partnership":"acme-iot","type":"ExecAccessRequested","recordedAt":"2020-01-01","payload":{"by":"initech"}}"#.utf8))
        }
        #expect(error?.code == .setByLog)
        #expect(error?.field == "recordedAt")
        let unknown = #expect(throws: DomainError.self) {
            try test.ledger.append(json: Data(#"{"partnership":"acme-iot","type":"ExecAccessRequested","payload":{"by":"initech","when":"now"}}"#.utf8))
        }
        #expect(unknown?.code == .unknownField)
        #expect(try test.headPosition == 1)
    }
}

@Suite("Short ids")
struct ShortIDTests {
    /// A random source that returns the given values in turn.
    final class Sequence: @unchecked Sendable {
        var values: [UInt64]
        init(_ values: [UInt64]) { self.values = values }
        func next() -> UInt64 { values.removeFirst() }
    }

    @Test func idsArePrefixedFiveHexDigits() {
        let source = Sequence([0x7f3a2, 0xabcdef123, 0x1])
        var ids = ShortIDs(state: nil) { source.next() }
        #expect(ids.next(.commitment) == "c-7f3a2")
        #expect(ids.next(.opportunity) == "o-ef123")
        #expect(ids.next(.objective) == "obj-00001")
    }

    @Test func takenIdsAreSkipped() throws {
        let test = try TestLedger()
        try test.openAcmeIoT()
        try test.makeCommitment(id: "c-00001")
        let source = Sequence([1, 1, 2])
        var ids = ShortIDs(state: try test.ledger.state(of: "acme-iot")) { source.next() }
        #expect(ids.next(.commitment) == "c-00002")
    }

    @Test func oneGeneratorNeverIssuesTheSameIdTwice() {
        let source = Sequence([5, 5, 6])
        var ids = ShortIDs(state: nil) { source.next() }
        #expect(ids.next(.actionItem) == "a-00005")
        #expect(ids.next(.actionItem) == "a-00006")
    }
}

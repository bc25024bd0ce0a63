import EventLog
import Foundation
@testable import PartnerLedger
import Testing

@Suite("Audit history")
struct HistoryTests {
    /// acme-iot: opened day 0; commitment day 1 (recorded day 1); a call that happened on day 2
    /// but was recorded on day 10; the commitment fulfilled on day 5 (recorded day 5) and that
    /// retracted on day 12 (recorded day 12).
    static func timeline() throws -> TestLedger {
        let test = try TestLedger()
        try test.openAcmeIoT()
        test.setClock(day: 1)
        let id = try #require(try test.makeCommitment(day: 1).subject)
        test.setClock(day: 5)
        let fulfilled = try test.ledger.record(in: "acme-iot", occurredAt: test.at(day: 5)) { _ in
            .commitmentFulfilled(CommitmentFulfilled(commitmentId: id))
        }
        test.setClock(day: 10)
        try test.ledger.record(in: "acme-iot", occurredAt: test.at(day: 2)) { _ in
            .meetingHeld(MeetingHeld(meetingId: "m-late", kind: .call, organizer: "acme", attendees: [.init(party: "initech", seniority: .manager)]))
        }
        test.setClock(day: 12)
        try test.ledger.record(in: "acme-iot", occurredAt: test.at(day: 12)) { _ in
            .eventRetracted(EventRetracted(targetEventId: UUID(uuidString: fulfilled.id)!, reason: "Not delivered"))
        }
        return test
    }

    static func positions(_ ledger: Ledger, _ query: HistoryQuery) throws -> [UInt64] {
        var positions: [UInt64] = []
        try ledger.history(query) { positions.append($0.position) }
        return positions
    }

    @Test func rowsCarryBothTimesTheWriterTheSummaryAndTheDigest() throws {
        let test = try Self.timeline()
        var rows: [HistoryRow] = []
        try test.ledger.history(HistoryQuery()) { rows.append($0) }
        #expect(rows.map(\.position) == [1, 2, 3, 4, 5])
        let late = rows[3]
        #expect(late.occurredAt == test.at(day: 2))
        #expect(late.recordedAt == test.at(day: 10))
        #expect(late.recordedBy == "tester")
        #expect(late.source == "cli")
        #expect(late.summary == "call m-late held, organised by acme: initech manager")
        #expect(late.digest.count == 64)
        #expect(rows[2].retractedBy == 5)
        #expect(rows[4].summary == #"retracts #3 CommitmentFulfilled: "Not delivered""#)
        #expect(rows.last?.digest == (try test.ledger.head()).digest)
    }

    @Test func asOfShowsWhatHadHappenedThen() throws {
        let test = try Self.timeline()
        #expect(try Self.positions(test.ledger, HistoryQuery(asOf: test.at(day: 6))) == [1, 2, 3, 4])
        #expect(try Self.positions(test.ledger, HistoryQuery(asOf: test.at(day: 20))) == [1, 2, 4, 5])
    }

    @Test func knownAtShowsWhatTheLedgerKnewThen() throws {
        let test = try Self.timeline()
        #expect(try Self.positions(test.ledger, HistoryQuery(knownAt: test.at(day: 6))) == [1, 2, 3])
        #expect(try Self.positions(test.ledger, HistoryQuery(knownAt: test.at(day: 11))) == [1, 2, 3, 4])
    }

    @Test func filtersCombine() throws {
        let test = try Self.timeline()
        #expect(try Self.positions(test.ledger, HistoryQuery(types: ["CommitmentMade", "MeetingHeld"])) == [2, 4])
        #expect(try Self.positions(test.ledger, HistoryQuery(since: test.at(day: 2), until: test.at(day: 5))) == [3, 4])
        #expect(try Self.positions(test.ledger, HistoryQuery(partnerships: ["acme-iot"], last: 2)) == [4, 5])
    }

    @Test func unknownFiltersAreRefused() throws {
        let test = try Self.timeline()
        let type = #expect(throws: DomainError.self) { try Self.positions(test.ledger, HistoryQuery(types: ["CommitmentBroken"])) }
        #expect(type?.field == "--type")
        #expect(throws: LedgerError.unknownPartnership(slug: "globex", known: ["acme-iot"])) {
            try Self.positions(test.ledger, HistoryQuery(partnerships: ["globex"]))
        }
    }

    @Test func verifyingWhileReplayingMarksEveryRowOfAnIntactChain() throws {
        let test = try Self.timeline()
        var rows: [HistoryRow] = []
        let verification = try test.ledger.history(HistoryQuery(verify: true)) { rows.append($0) }
        #expect(verification?.isIntact == true)
        #expect(verification?.eventCount == 5)
        #expect(rows.allSatisfy { $0.verified == true })
    }

    @Test func overviewShowsCurrentStatusesAfterRetraction() throws {
        let test = try Self.timeline()
        let overview = try test.ledger.partnership("acme-iot", today: try CalendarDate(parsing: "2025-08-01"))
        #expect(overview.eventCount == 5)
        #expect(overview.retractedCount == 1)
        #expect(overview.commitments.map(\.status) == ["open"])
        #expect(overview.overdueCommitmentCount == 1)
        #expect(overview.meetings.map(\.id) == ["m-late"])
        #expect(overview.parties.map(\.id) == ["acme", "initech"])
        #expect(throws: LedgerError.self) { try test.ledger.partnership("globex", today: try CalendarDate(parsing: "2025-08-01")) }
    }
}

import EventLog
import Foundation
import LedgerGenerator
@testable import PartnerLedger
import Testing
import TestSupport

/// The answers as the ledger gave them when every command folded the whole log in order: the
/// reference that reading one partnership's stream (and the checkpointed list entries) must
/// reproduce exactly.
private struct WholeLogFold {
    var registry = PartnershipRegistry()
    var directory = PartnershipDirectory()
    var events: [RecordedEvent] = []

    init(path: String) throws {
        let log = try EventLog(path: path, options: EventLogOptions(isReadOnly: true))
        try log.forEachEvent { recorded in
            let event = try Ledger.decode(recorded)
            registry.apply(event, partnership: recorded.stream, id: recorded.id, occurredAt: Timestamp(millisecondsSinceEpoch: recorded.occurredAt))
            directory.apply(event, recorded: recorded)
            events.append(recorded)
            return true
        }
    }

    func overviews(today: CalendarDate) -> [PartnershipOverview] {
        directory.entries.keys.sorted().compactMap { directory.overview(of: $0, registry: registry, today: today) }
    }
}

@Suite("Reading one partnership gives what folding the whole log gave")
struct OnePartnershipReadingTests {
    /// A generated ledger of `events` events, closed again so that a `Ledger` can open it.
    private static func generatedLedger(in directory: TemporaryDirectory, events: Int, partnerships: Int) throws -> String {
        let path = directory.appending("generated")
        try LedgerGenerator(events: events, partnerships: partnerships, seed: 7).append(to: EventLog(path: path))
        return path
    }

    /// The demo ledger, closed again so that the whole-log fold can open it.
    private static func demoLedger(in directory: TemporaryDirectory, today: CalendarDate) throws -> String {
        try Demo.create(at: directory.appending("demo"), today: today).path
    }

    /// Every answer of the ledger about partnerships, compared with the whole-log fold.
    private static func expectSameAnswers(ledgerAt path: String, today: CalendarDate, sampled slugs: [String]) throws {
        let reference = try WholeLogFold(path: path)
        let expected = reference.overviews(today: today)
        #expect(!expected.isEmpty)
        let ledger = try Ledger(path: path)

        for slug in slugs {
            #expect(try ledger.partnership(slug, today: today) == expected.first { $0.slug == slug })
        }
        // Cold: every list entry is folded from its stream and saved; warm: read back from the checkpoints.
        let cold = try ledger.partnershipList(today: today)
        #expect(cold == expected.map(PartnershipListEntry.init))
        let warm = try ledger.partnershipList(today: today)
        #expect(warm == cold)
        #expect(try ledger.partnershipSlugs() == expected.map(\.slug))

        // The whole log scanned once, as every history and export used to read it.
        let scannedRows = try rows(of: ledger, HistoryQuery())
        var fullExport: [Data] = []
        try ledger.export { fullExport.append($0) }
        for slug in slugs {
            let streamRows = try rows(of: ledger, HistoryQuery(partnerships: [slug]))
            #expect(streamRows == scannedRows.filter { $0.partnership == slug })
            #expect(streamRows.count == reference.events.filter { $0.stream == slug }.count)
            #expect(try rows(of: ledger, HistoryQuery(partnerships: [slug], last: 5)) == Array(streamRows.suffix(5)))
            var streamExport: [Data] = []
            try ledger.export(partnerships: [slug]) { streamExport.append($0) }
            let prefix = Data("\"partnership\":\"\(slug)\"".utf8)
            #expect(streamExport == fullExport.filter { $0.range(of: prefix) != nil })
        }
        // Views in time: retractions apply only once they are in view.
        let slug = slugs[0]
        let streamRows = scannedRows.filter { $0.partnership == slug }
        let middle = try #require(streamRows.dropFirst(streamRows.count / 2).first)
        #expect(try rows(of: ledger, HistoryQuery(partnerships: [slug], asOf: middle.occurredAt))
            == rows(of: ledger, HistoryQuery(asOf: middle.occurredAt)).filter { $0.partnership == slug })
        #expect(try rows(of: ledger, HistoryQuery(partnerships: [slug], knownAt: middle.recordedAt))
            == rows(of: ledger, HistoryQuery(knownAt: middle.recordedAt)).filter { $0.partnership == slug })
        let pair = Set(slugs.prefix(2))
        #expect(try rows(of: ledger, HistoryQuery(partnerships: pair)) == scannedRows.filter { pair.contains($0.partnership) })
    }

    private static func rows(of ledger: Ledger, _ query: HistoryQuery) throws -> [HistoryRow] {
        var rows: [HistoryRow] = []
        try ledger.history(query) { rows.append($0) }
        return rows
    }

    @Test func theDemoLedgerReadsTheSameOnePartnershipAtATime() throws {
        let directory = TemporaryDirectory()
        let today = try CalendarDate(parsing: "2026-06-15")
        let path = try Self.demoLedger(in: directory, today: today)
        try Self.expectSameAnswers(ledgerAt: path, today: today, sampled: ["helix", "lumen", "orbital", "quarry"])
    }

    @Test func aGeneratedLedgerOf200000EventsReadsTheSameOnePartnershipAtATime() throws {
        let directory = TemporaryDirectory()
        let path = try Self.generatedLedger(in: directory, events: 200_000, partnerships: 100)
        try Self.expectSameAnswers(
            ledgerAt: path, today: LedgerGenerator.end.calendarDate, sampled: ["partnership-0", "partnership-57", "partnership-99"])
    }

    @Test func recordingChecksAgainstThePartnershipAsTheWholeLogFoldDid() throws {
        let directory = TemporaryDirectory()
        let path = try Self.generatedLedger(in: directory, events: 20_000, partnerships: 20)
        let reference = try WholeLogFold(path: path)
        let foreign = try #require(reference.events.last { $0.stream == "partnership-3" && $0.type != EventRetracted.eventType })
        let own = try #require(reference.events.last { $0.stream == "partnership-1" && $0.type == CommitmentMade.eventType })
        let candidates: [PartnershipEvent] = [
            .eventRetracted(EventRetracted(targetEventId: foreign.id, reason: "wrong partnership")),
            .eventRetracted(EventRetracted(targetEventId: UUID(), reason: "no such event")),
            .commitmentFulfilled(CommitmentFulfilled(commitmentId: "c-none", quality: 4)),
            .partnershipOpened(PartnershipOpened(name: "Again", parties: [.init(id: "a", name: "A"), .init(id: "b", name: "B")], declaredType: .partnership)),
            .eventRetracted(EventRetracted(targetEventId: own.id, reason: "typo")),
        ]
        for event in candidates {
            let expected: String? = {
                do throws(DomainError) {
                    try reference.registry.validate(event, partnership: "partnership-1")
                    return nil
                } catch {
                    return error.description
                }
            }()
            let ledger = try Ledger(path: path)
            let outcome: String?
            do {
                try ledger.record(in: "partnership-1") { _ in event }
                outcome = nil
            } catch let error as DomainError {
                outcome = error.description
            }
            #expect(outcome == expected, "\(event.eventType)")
        }
    }
}

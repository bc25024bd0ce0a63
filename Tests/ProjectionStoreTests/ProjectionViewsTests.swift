import EventLog
import Foundation
import PartnerDomain
import PartnerProjections
import ProjectionStore
import Testing
import TestSupport

/// A ledger in its own temporary directory with helpers to append partnership events.
final class ViewsLedger {
    let directory = TemporaryDirectory(prefix: "partner-views")
    let log: EventLog
    let views: ProjectionViews
    private var clock: Int64 = 1_735_689_600_000

    init() throws {
        log = try EventLog(path: directory.appending("ledger"), options: EventLogOptions(recordedBy: "tests", clock: { 1_767_225_600_000 }))
        views = ProjectionViews(log: log, model: .default)
    }

    /// Appends events to one partnership, a day apart; returns their ids.
    @discardableResult
    func append(_ slug: String, _ events: [PartnershipEvent]) throws -> [UUID] {
        let proposed = try events.map { event in
            clock += 86_400_000
            return ProposedEvent(
                type: event.eventType, typeVersion: event.eventVersion, occurredAt: clock,
                payload: Array(try event.encodedPayload()), source: "api")
        }
        _ = try log.append(to: slug, proposed)
        return proposed.map(\.id)
    }

    func open(_ slug: String) throws -> [UUID] {
        try append(slug, [
            .partnershipOpened(PartnershipOpened(
                name: slug, parties: [.init(id: "a", name: "A"), .init(id: "b", name: "B")], declaredType: .partnership, callCadenceDays: 14)),
            .informationShared(InformationShared(from: "a", to: "b", category: .roadmap, depth: .full)),
            .commitmentMade(CommitmentMade(
                commitmentId: "c1", owner: "a", beneficiary: "b", kind: .deliverable, description: "Demo",
                dueDate: CalendarDate(daysSinceEpoch: 20_200))),
        ])
    }

    func moreActivity(_ slug: String) throws -> [UUID] {
        try append(slug, [
            .meetingScheduled(MeetingScheduled(meetingId: "m1", kind: .call, scheduledFor: Timestamp(millisecondsSinceEpoch: clock + 86_400_000), organizer: "a")),
            .meetingHeld(MeetingHeld(meetingId: "m1", kind: .call, organizer: "a", attendees: [.init(party: "a", seniority: .exec), .init(party: "b", seniority: .manager)])),
            .commitmentFulfilled(CommitmentFulfilled(commitmentId: "c1", quality: 4)),
        ])
    }

    /// Every event of the log folded in memory by the projections alone, without the views.
    func foldedInMemory() throws -> PortfolioProjection {
        var portfolio = PortfolioProjection()
        try log.forEachEvent { recorded in
            portfolio.apply(ProjectionEvent(
                id: recorded.id, partnership: recorded.stream, occurredAt: Timestamp(millisecondsSinceEpoch: recorded.occurredAt),
                recordedAt: Timestamp(millisecondsSinceEpoch: recorded.recordedAt), recordedBy: recorded.recordedBy,
                event: try PartnershipEvent.decode(type: recorded.type, version: recorded.typeVersion, payload: recorded.payloadData)))
            return true
        }
        return portfolio
    }

    /// Each partnership's checkpoint position and state bytes.
    func checkpoints() throws -> [String: Checkpoint] {
        var result: [String: Checkpoint] = [:]
        for slug in try views.index().slugs {
            result[slug] = try log.checkpoint(of: ProjectionViews.consumer(of: slug))
        }
        return result
    }
}

@Suite("Checkpointed projection views")
struct ProjectionViewsTests {
    static let asOf = Timestamp(millisecondsSinceEpoch: 1_767_225_600_000)

    @Test func incrementalRefreshesEqualARebuildByteForByte() throws {
        let ledger = try ViewsLedger()
        try ledger.open("acme-iot")
        try ledger.open("globex")
        try ledger.views.refresh()
        let retracted = try ledger.moreActivity("acme-iot")
        try ledger.views.refresh()
        try ledger.append("acme-iot", [.eventRetracted(EventRetracted(targetEventId: retracted[1], reason: "wrong meeting"))])
        try ledger.open("initech")
        try ledger.append("globex", [.investmentMade(InvestmentMade(party: "a", amount: 5_000, currency: try CurrencyCode("USD"), kind: .cash, upfront: true))])
        let summary = try ledger.views.refresh(pageSize: 2)
        #expect(summary.eventsApplied == 5)
        #expect(summary.position == 14)

        let incremental = try ledger.checkpoints()
        let comparison = try ledger.views.compareWithRebuild()
        #expect(comparison.matching == ["acme-iot", "globex", "initech"])
        #expect(comparison.differing.isEmpty)

        let fresh = try ViewsLedger.Rebuilt( ledger.views.replay())
        for slug in ["acme-iot", "globex", "initech"] {
            #expect(incremental[slug]?.state == fresh.bytes[slug])
            #expect(incremental[slug]?.position == fresh.positions[slug])
        }
        try ledger.views.rebuild()
        #expect(try ledger.checkpoints() == incremental)
        #expect(try ledger.views.storedState(of: "acme-iot")?.projection.appliedEventCount == 7)
    }

    @Test func aRefreshStoppedBetweenPagesResumesWithoutApplyingTwice() throws {
        let ledger = try ViewsLedger()
        try ledger.open("acme-iot")
        try ledger.open("globex")
        try ledger.moreActivity("acme-iot")
        let first = try ledger.views.refresh(through: 4, pageSize: 2)
        #expect(first.position == 4)
        #expect(try ledger.views.index().position == 4)
        #expect(try ledger.views.storedState(of: "globex")?.position == 4)

        let resumed = try ledger.views.refresh(pageSize: 2)
        #expect(resumed.eventsApplied == 5)
        #expect(try ledger.views.storedState(of: "acme-iot")?.projection.appliedEventCount == 6)
        #expect(try ledger.views.storedState(of: "globex")?.projection.appliedEventCount == 3)
        #expect(try ledger.views.compareWithRebuild().isIdentical)
    }

    @Test func aPartnershipSavedBeforeACrashIsNotAppliedAgain() throws {
        let ledger = try ViewsLedger()
        try ledger.open("acme-iot")
        try ledger.views.refresh()
        try ledger.moreActivity("acme-iot")
        try ledger.open("globex")
        // The state a refresh would have saved for acme-iot before stopping short of the index.
        let replayed = try ledger.views.replay()
        let acme = try #require(replayed.partnerships["acme-iot"])
        let saved = try ledger.log.saveCheckpoint(
            consumer: ProjectionViews.consumer(of: "acme-iot"), previous: 3, position: 6, state: ProjectionViews.encodedState(acme))
        #expect(saved)
        #expect(try ledger.views.index().position == 3)

        let resumed = try ledger.views.refresh()
        #expect(resumed.eventsApplied == 3)
        #expect(resumed.partnershipsSaved == 1)
        #expect(try ledger.views.storedState(of: "acme-iot")?.projection.appliedEventCount == 6)
        #expect(try ledger.views.compareWithRebuild().isIdentical)
    }

    @Test func thePortfolioFromCheckpointsEqualsAFoldOfEverythingInMemory() throws {
        let ledger = try ViewsLedger()
        try ledger.open("acme-iot")
        try ledger.open("globex")
        try ledger.views.refresh()
        try ledger.moreActivity("acme-iot")
        try ledger.open("initech")
        let fromCheckpoints = try ledger.views.portfolio(asOf: Self.asOf, knownAt: nil)
        let folded = try ledger.foldedInMemory()
        let inMemory = PortfolioRanking.rank(folded.evaluate(asOf: Self.asOf, knownAt: nil, model: .default))
        #expect(fromCheckpoints == inMemory)
        #expect(fromCheckpoints.map(\.partnership).sorted() == ["acme-iot", "globex", "initech"])
        #expect(try ledger.views.storedStates() == folded.partnerships)

        let report = try ledger.views.report(for: "acme-iot", asOf: Self.asOf, knownAt: nil)
        #expect(report == folded.partnerships["acme-iot"]?.evaluate(asOf: Self.asOf, knownAt: nil, model: .default))
        #expect(throws: ViewsError.unknownPartnership(slug: "hooli")) {
            try ledger.views.report(for: "hooli", asOf: Self.asOf, knownAt: nil)
        }
    }

    @Test func checkpointsOnlyMoveForward() throws {
        let ledger = try ViewsLedger()
        try ledger.open("acme-iot")
        try ledger.views.refresh()
        let before = try #require(try ledger.log.checkpoint(of: ProjectionViews.consumer(of: "acme-iot")))
        #expect(before.position == 3)
        #expect(throws: EventLogError.checkpointRegression(consumer: ProjectionViews.consumer(of: "acme-iot"), stored: 3, attempted: 2)) {
            try ledger.log.saveCheckpoint(consumer: ProjectionViews.consumer(of: "acme-iot"), previous: 3, position: 2, state: before.state)
        }
        try ledger.open("globex")
        try ledger.views.refresh()
        #expect(try ledger.log.checkpoint(of: ProjectionViews.consumer(of: "acme-iot")) == before)
        #expect(try ledger.views.index().position == 6)
        try ledger.views.rebuild()
        #expect(try ledger.log.checkpoint(of: ProjectionViews.consumer(of: "acme-iot")) == before)
        #expect(try ledger.views.index().position == 6)
        let again = try ledger.views.refresh()
        #expect(again.eventsApplied == 0)
        #expect(again.position == 6)
    }
}

extension ViewsLedger {
    /// A replay's states as the bytes a checkpoint holds.
    struct Rebuilt {
        var bytes: [String: [UInt8]] = [:]
        var positions: [String: UInt64]

        init(_ replayed: ReplayedViews) throws {
            positions = replayed.positions
            for (slug, projection) in replayed.partnerships { bytes[slug] = try ProjectionViews.encodedState(projection) }
        }
    }
}

/// A checkpoint damaged on disk is found by its checksum, never read as another state, and
/// rebuilt from the log.
@Suite("Damaged checkpoints")
struct DamagedCheckpointTests {
    @Test(arguments: [0, 7, -1])
    func aFlippedByteIsFoundAndRepairedFromTheLog(at offset: Int) throws {
        let ledger = try ViewsLedger()
        try ledger.open("acme")
        try ledger.moreActivity("acme")
        try ledger.open("globex")
        try ledger.views.refresh()
        let consumer = ProjectionViews.consumer(of: "acme")
        let good = try #require(try ledger.log.checkpoint(of: consumer))
        var bytes = good.state
        let index = offset >= 0 ? offset : bytes.count / 2
        bytes[index] ^= 0x20
        try ledger.log.saveCheckpoint(consumer: consumer, previous: good.position, position: good.position, state: bytes)
        let damaged = #expect(throws: ViewsError.self) { try ledger.views.storedState(of: "acme") }
        #expect(damaged.map { if case .damagedCheckpoint = $0 { true } else { false } } == true)
        #expect(try ledger.views.repairDamagedCheckpoints() == ["acme"])
        let repaired = try #require(try ledger.log.checkpoint(of: consumer))
        #expect(repaired.position == good.position)
        #expect(repaired.state == good.state, "the repair writes the bytes a fold of the log writes")
        #expect(try ledger.views.repairDamagedCheckpoints().isEmpty)
    }
}

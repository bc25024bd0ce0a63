import EventLog
import Foundation
import PartnerDomain
import PartnerProjections
import ProjectionStore
import Testing

@Suite("Replay in groups of partnerships")
struct GroupedReplayTests {
    static let asOf = Timestamp(millisecondsSinceEpoch: 1_767_225_600_000)
    static let slugs = ["acme-iot", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "tyrell"]

    /// Eight partnerships with interleaved events and a retraction.
    static func ledger() throws -> ViewsLedger {
        let ledger = try ViewsLedger()
        for slug in slugs { try ledger.open(slug) }
        for slug in slugs.reversed() { try ledger.moreActivity(slug) }
        let later = try ledger.moreActivity("acme-iot")
        try ledger.append("acme-iot", [.eventRetracted(EventRetracted(targetEventId: later[1], reason: "wrong meeting"))])
        return ledger
    }

    @Test func theGroupsSplitThePartnershipsEachIntoExactlyOneGroup() {
        for count in [1, 2, 3, 5] {
            let groups = ReplayGroup.groups(count)
            #expect(groups.count == count)
            for slug in Self.slugs {
                #expect(groups.filter { $0.contains(slug: slug) }.count == 1)
            }
        }
        #expect(ReplayGroup.all.contains(slug: "anything"))
        #expect(ReplayGroup(5, of: 3) == ReplayGroup(2, of: 3))
    }

    @Test(arguments: [1, 2, 3, 5])
    func aReplayInGroupsGivesExactlyTheStatesOfASinglePass(groups: Int) throws {
        let ledger = try Self.ledger()
        let single = try ViewsLedger.Rebuilt(ledger.views.replay(workers: 1))
        var bytes: [String: [UInt8]] = [:]
        var positions: [String: UInt64] = [:]
        var passes = 0
        let position = try ledger.views.replayInGroups(groups: groups, workers: 2) { replayed in
            passes += 1
            #expect(replayed.position == 52)
            let part = try ViewsLedger.Rebuilt(replayed)
            #expect(Set(part.bytes.keys).isDisjoint(with: bytes.keys))
            bytes.merge(part.bytes) { first, _ in first }
            positions.merge(part.positions) { first, _ in first }
        }
        #expect(passes == groups)
        #expect(position == 52)
        #expect(bytes == single.bytes)
        #expect(positions == single.positions)
        #expect(bytes.count == Self.slugs.count)
    }

    @Test func eachPassHoldsOnlyItsGroupsPartnerships() throws {
        let ledger = try Self.ledger()
        var sizes: [Int] = []
        try ledger.views.replayInGroups(groups: 3) { replayed in
            sizes.append(replayed.partnerships.count)
            let group = ReplayGroup(sizes.count - 1, of: 3)
            #expect(replayed.slugs.allSatisfy(group.contains(slug:)))
        }
        #expect(sizes.reduce(0, +) == Self.slugs.count)
        #expect(sizes.filter { $0 > 0 }.count >= 2)
    }

    @Test func aReplayInGroupsThroughAPositionEqualsASinglePassThroughIt() throws {
        let ledger = try Self.ledger()
        let single = try ViewsLedger.Rebuilt(ledger.views.replay(through: 20, workers: 1))
        var bytes: [String: [UInt8]] = [:]
        let position = try ledger.views.replayInGroups(through: 20, groups: 3) { replayed in
            #expect(replayed.position == 20)
            bytes.merge(try ViewsLedger.Rebuilt(replayed).bytes) { first, _ in first }
        }
        #expect(position == 20)
        #expect(bytes == single.bytes)
    }

    @Test(arguments: [1, 2, 3])
    func theReplayedPortfolioEqualsThePortfolioOfEveryStateInMemory(groups: Int) throws {
        let ledger = try Self.ledger()
        let states = try ledger.views.replay().partnerships
        let expected = ProjectionViews.portfolio(of: states, asOf: Self.asOf, knownAt: nil, model: .default)
        #expect(expected.count == Self.slugs.count)
        #expect(try ledger.views.replayedPortfolio(asOf: Self.asOf, knownAt: nil, groups: groups) == expected)
        let knownAt = Timestamp(millisecondsSinceEpoch: 1_735_689_600_000)
        #expect(try ledger.views.replayedPortfolio(asOf: Self.asOf, knownAt: knownAt, groups: groups)
            == ProjectionViews.portfolio(of: states, asOf: Self.asOf, knownAt: knownAt, model: .default))
    }

    @Test func aRebuildInGroupsWritesTheCheckpointsOfASinglePassReplay() throws {
        let ledger = try Self.ledger()
        let single = try ViewsLedger.Rebuilt(ledger.views.replay(workers: 1))
        let summary = try ledger.views.rebuild(groups: 3)
        #expect(summary.position == 52)
        #expect(summary.eventsRead == 52)
        #expect(summary.eventsApplied == 52)
        #expect(summary.partnershipsSaved == Self.slugs.count)
        let checkpoints = try ledger.checkpoints()
        #expect(checkpoints.count == Self.slugs.count)
        for slug in Self.slugs {
            #expect(checkpoints[slug]?.state == single.bytes[slug])
            #expect(checkpoints[slug]?.position == single.positions[slug])
        }
        #expect(try ledger.views.index().slugs == Self.slugs.sorted())
        #expect(try ledger.views.index().position == 52)
        #expect(try ledger.views.refresh().eventsApplied == 0)
        #expect(try ledger.views.compareWithRebuild(groups: 1).isIdentical)
    }

    @Test(arguments: [1, 3])
    func aComparisonInGroupsFindsExactlyTheDifferingCheckpoint(groups: Int) throws {
        let ledger = try Self.ledger()
        try ledger.views.refresh()
        let identical = try ledger.views.compareWithRebuild(groups: groups)
        #expect(identical.isIdentical)
        #expect(identical.matching == Self.slugs.sorted())

        let consumer = ProjectionViews.consumer(of: "globex")
        let stored = try #require(try ledger.log.checkpoint(of: consumer))
        let other = try #require(try ledger.views.storedState(of: "hooli"))
        try ledger.log.saveCheckpoint(
            consumer: consumer, previous: stored.position, position: stored.position,
            state: ProjectionViews.encodedState(other.projection))
        let comparison = try ledger.views.compareWithRebuild(groups: groups)
        #expect(comparison.differing == ["globex"])
        #expect(comparison.matching == Self.slugs.sorted().filter { $0 != "globex" })
    }

    @Test func theNumberOfGroupsGrowsWithTheLog() {
        #expect(ProjectionViews.replayGroupCount(forEvents: 0) == 1)
        #expect(ProjectionViews.replayGroupCount(forEvents: ProjectionViews.eventsPerReplayGroup) == 1)
        #expect(ProjectionViews.replayGroupCount(forEvents: ProjectionViews.eventsPerReplayGroup + 1) == 2)
        #expect(ProjectionViews.replayGroupCount(forEvents: 3 * ProjectionViews.eventsPerReplayGroup) == 3)
    }
}

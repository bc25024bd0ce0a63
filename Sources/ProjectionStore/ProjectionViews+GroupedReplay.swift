import EventLog
import Foundation
import PartnerDomain
import PartnerProjections

extension ProjectionViews {
    /// How many events a pass of ``replayInGroups(through:groups:workers:_:)`` folds at most
    /// when the number of groups is left to it: the folded state takes about 150 bytes per
    /// event, so a pass holds at most about 90 MB of states (a log of a million events is
    /// replayed in two passes).
    public static let eventsPerReplayGroup: UInt64 = 600_000

    /// The number of groups a replay of `events` events is split into by default: one per
    /// ``eventsPerReplayGroup`` events, at least one.
    public static func replayGroupCount(forEvents events: UInt64) -> Int {
        Int(max(1, (events + eventsPerReplayGroup - 1) / eventsPerReplayGroup))
    }

    /// Replays the log from scratch (through `position` when given) in `groups` passes, writing
    /// nothing: each pass folds only the partnerships of one ``ReplayGroup`` (skipping the other
    /// events without decoding them), hands their states to `body`, and drops them before the
    /// next pass; after the last, the freed heap is given back to the operating system. Every
    /// pass reads the log through the same position, so the states are exactly
    /// those of ``replay(through:workers:)``, split by group; the `position` of each is the last
    /// position read. Returns that position.
    ///
    /// Memory holds one group's states at a time; each extra pass costs one more read of the log.
    /// With `groups` left out, the count comes from the log's length (``replayGroupCount(forEvents:)``).
    @discardableResult
    public func replayInGroups(
        through position: UInt64? = nil, groups: Int? = nil, workers: Int? = nil, _ body: (ReplayedViews) throws -> Void
    ) throws -> UInt64 {
        var limit = position ?? .max
        let count = try groups ?? Self.replayGroupCount(forEvents: min(limit, log.head().position))
        for group in ReplayGroup.groups(count) {
            let replayed = try PartitionedReplay(
                workers: workers ?? PartitionedReplay.defaultWorkers, limit: limit, group: group
            ).run(log)
            limit = min(limit, replayed.position)
            try body(replayed)
        }
        // The heap a pass freed is reused by the next one as it is (giving it back between passes
        // would only have the next pass fault it in again); after the last, it goes back.
        FreedHeap.release()
        return limit == .max ? 0 : limit
    }

    /// The portfolio table of a replay from scratch, as ``portfolio(of:asOf:knownAt:model:)``
    /// ranks it, without keeping every state: the log is replayed in groups
    /// (``replayInGroups(through:groups:workers:_:)``) and each group is evaluated, then dropped.
    public func replayedPortfolio(
        asOf: Timestamp, knownAt: Timestamp?, through position: UInt64? = nil, groups: Int? = nil
    ) throws -> [PortfolioEntry] {
        let view = ViewPoint(asOf: asOf, knownAt: knownAt)
        let model = self.model
        var entries: [PortfolioEntry] = []
        try replayInGroups(through: position, groups: groups) { replayed in
            // Only each partnership's line is computed and kept: a full report is far larger.
            let evaluated = ParallelEvaluation.map(replayed.slugs) { slug -> PortfolioEntry? in
                replayed.partnerships[slug]?.portfolioEntry(at: view, model: model)
            }
            entries += evaluated.compactMap { $0 }
        }
        return PortfolioRanking.rank(entries: entries)
    }
}

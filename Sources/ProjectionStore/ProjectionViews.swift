import EventLog
import Foundation
import PartnerDomain
import PartnerProjections

/// Incremental, checkpointed projection state: one checkpoint per partnership and a small index.
///
/// The state of each partnership (a ``PartnerProjections/PartnershipProjection``) is stored in
/// the ledger as the event log's consumer checkpoint `views/<stateFormat>/partnership/<slug>`,
/// at the position of the last event of that partnership it has applied. The index checkpoint
/// `views/<stateFormat>/index` holds the sorted slugs and the position through which the log
/// has been read. A refresh reads the events after the index's position, applies each to its
/// partnership's stored state and saves only the partnerships it touched, then the index.
///
/// Every checkpoint is saved with the log's compare-and-set, state and position in one
/// transaction. A refresh that stops anywhere (between pages, or between two partnerships of
/// one page) resumes from the index and skips the events a partnership's checkpoint already
/// covers, so no event is applied twice. The state does not depend on the scoring model: the
/// model is applied when a view is evaluated.
///
/// ```swift
/// let views = ProjectionViews(log: log, model: .default)
/// try views.refresh()
/// let table = try views.portfolio(asOf: Timestamp(Date()), knownAt: nil)
/// ```
public struct ProjectionViews: Sendable {
    /// The version of the checkpointed state's encoding, part of every consumer name:
    /// a program with another encoding reads and writes other checkpoints.
    public static let stateFormat = "state-v3"

    /// The event log the views read and checkpoint into.
    public let log: EventLog
    /// The scoring model reports are evaluated under.
    public let model: ScoringModel
    /// States this value saved, kept decoded so the next refresh in this process need not decode them.
    private let savedStates = SavedStates()

    /// Views of `log`, evaluated under `model`.
    public init(log: EventLog, model: ScoringModel) {
        self.log = log
        self.model = model
    }

    /// The consumer name of the index checkpoint.
    public static var indexConsumer: String { "views/\(stateFormat)/index" }

    /// The consumer name of a partnership's checkpoint.
    public static func consumer(of slug: String) -> String { "views/\(stateFormat)/partnership/\(slug)" }

    /// The position through which the views have read the log, and the slugs of every partnership seen.
    public func index() throws -> (position: UInt64, slugs: [String]) {
        guard let stored = try log.checkpoint(of: Self.indexConsumer) else { return (0, []) }
        return (stored.position, StateCoding.decodeIndex(stored.state))
    }

    /// A partnership's stored state and the position of its last applied event, or `nil` when none is stored.
    public func storedState(of slug: String) throws -> (position: UInt64, projection: PartnershipProjection)? {
        let consumer = Self.consumer(of: slug)
        guard let stored = try log.checkpoint(of: consumer) else { return nil }
        return (stored.position, try StateCoding.decode(stored.state, consumer: consumer))
    }

    /// Rewrites every damaged partnership checkpoint from the log: each one's stream folded
    /// through the position the checkpoint covered, saved at that position; the slugs repaired.
    ///
    /// A checkpoint that decodes is left as it is; one another process rewrites meanwhile is
    /// left to it.
    @discardableResult
    public func repairDamagedCheckpoints() throws -> [String] {
        var repaired: [String] = []
        for slug in try index().slugs {
            let consumer = Self.consumer(of: slug)
            guard let stored = try log.checkpoint(of: consumer) else { continue }
            do {
                _ = try StateCoding.decode(stored.state, consumer: consumer)
                continue
            } catch ViewsError.damagedCheckpoint {}
            var projection = PartnershipProjection(slug: slug)
            for recorded in try log.events(inStream: slug) where recorded.position <= stored.position {
                projection.apply(try EventReading.projectionEvent(recorded))
            }
            if try log.saveCheckpoint(consumer: consumer, previous: stored.position, position: stored.position, state: StateCoding.encode(projection)) {
                repaired.append(slug)
            }
        }
        return repaired
    }

    /// The bytes a partnership's state is checkpointed as; equal states give equal bytes.
    public static func encodedState(_ projection: PartnershipProjection) throws -> [UInt8] {
        try StateCoding.encode(projection)
    }

    /// Brings every partnership's checkpoint up to date with the log, reading at most `pageSize`
    /// events at a time; with `position`, stops after that position.
    ///
    /// Each page is applied partnership by partnership; the states are saved with the index's
    /// move to the page's last position in one commit (a page that touches many partnerships
    /// saves their states a few megabytes to a commit, the index with the last). When another
    /// process moves a checkpoint meanwhile, nothing of that commit is written and the refresh
    /// starts again from the stored checkpoints.
    ///
    /// `progress` hears the position read through after every page saved.
    @discardableResult
    public func refresh(through position: UInt64? = nil, pageSize: Int = 10_000, progress: ((UInt64) -> Void)? = nil) throws -> RefreshSummary {
        // Appends and checkpoint saves make LMDB read pages of the file (its lists of free pages
        // among them) that would otherwise stay resident, update after update.
        defer { log.releaseMappedPages() }
        var summary = RefreshSummary(eventsRead: 0, eventsApplied: 0, partnershipsSaved: 0, position: 0)
        let limit = position ?? .max
        pages: while true {
            let index = try self.index()
            summary.position = index.position
            guard index.position < limit else { return summary }
            var page: [(position: UInt64, event: ProjectionEvent)] = []
            try log.forEachEvent(from: index.position + 1) { recorded in
                guard recorded.position <= limit else { return false }
                page.append((recorded.position, try EventReading.projectionEvent(recorded)))
                return page.count < max(pageSize, 1)
            }
            guard let last = page.last?.position else { return summary }
            var bySlug: [String: [(position: UInt64, event: ProjectionEvent)]] = [:]
            for item in page { bySlug[item.event.partnership, default: []].append(item) }
            var pending: [AppliedState] = []
            var pendingBytes = 0
            for slug in bySlug.keys.sorted() {
                guard let applied = try apply(bySlug[slug] ?? [], to: slug) else { continue }
                pending.append(applied)
                pendingBytes += applied.save.state.count
                if pendingBytes >= Self.statesPerCommitBytes {
                    guard try save(pending, index: nil, into: &summary) else { continue pages }
                    pending = []
                    pendingBytes = 0
                }
            }
            let slugs = Set(index.slugs).union(bySlug.keys)
            let move = CheckpointSave(consumer: Self.indexConsumer, previous: index.position, position: last, state: StateCoding.encodeIndex(slugs))
            if try save(pending, index: move, into: &summary) {
                summary.eventsRead += page.count
                summary.position = last
                progress?(last)
            }
        }
    }

    /// How many bytes of encoded states a refresh saves in one commit at most (but one state).
    static let statesPerCommitBytes = 8 << 20

    /// One partnership's state with the events a refresh applied to it, ready to save.
    private struct AppliedState {
        let save: CheckpointSave
        let projection: PartnershipProjection
        let eventsApplied: Int
    }

    /// Saves `states` (and the index's move, when given) in one commit, all or nothing; false
    /// when another process moved one of the checkpoints, and nothing was written.
    private func save(_ states: [AppliedState], index: CheckpointSave?, into summary: inout RefreshSummary) throws -> Bool {
        let saves = states.map(\.save) + (index.map { [$0] } ?? [])
        guard !saves.isEmpty else { return true }
        guard try log.saveCheckpoints(saves, allOrNothing: true).allSatisfy({ $0 }) else { return false }
        for state in states {
            savedStates.remember(state.projection, of: state.save.consumer, at: state.save.position)
            summary.partnershipsSaved += 1
            summary.eventsApplied += state.eventsApplied
        }
        return true
    }

    /// Applies the events its checkpoint does not cover to one partnership; nil when the checkpoint covers them all.
    private func apply(_ events: [(position: UInt64, event: ProjectionEvent)], to slug: String) throws -> AppliedState? {
        let consumer = Self.consumer(of: slug)
        // The position alone first: a state this process saved there is already decoded,
        // so the stored state need not be read (nor its pages of the file mapped).
        var covered = try log.checkpointPosition(of: consumer) ?? 0
        var fresh = events.filter { $0.position > covered }
        guard !fresh.isEmpty else { return nil }
        var projection: PartnershipProjection
        if let saved = savedStates.state(of: consumer, at: covered) {
            projection = saved
        } else {
            // Read with the pages it was copied from released, so that updates of many
            // partnerships do not keep every state they read resident.
            let stored = try log.checkpoints(of: [consumer])[0]
            covered = stored?.position ?? 0
            fresh = events.filter { $0.position > covered }
            guard !fresh.isEmpty else { return nil }
            projection = try stored.map { try StateCoding.decode($0.state, consumer: consumer) } ?? PartnershipProjection(slug: slug)
        }
        for item in fresh { projection.apply(item.event) }
        return AppliedState(
            save: CheckpointSave(consumer: consumer, previous: covered, position: fresh[fresh.count - 1].position, state: try StateCoding.encode(projection)),
            projection: projection, eventsApplied: fresh.count)
    }

    /// Folds every event of the log (through `position` when given) in memory, writing nothing.
    ///
    /// Reads the log in place in one read transaction: the fast path for a full replay.
    /// Each batch of events is decoded and folded on every core, each partnership on one thread
    /// in log order; `workers` sets the number of threads (by default one per core, at most eight).
    public func replay(through position: UInt64? = nil, workers: Int? = nil) throws -> ReplayedViews {
        try PartitionedReplay(workers: workers ?? PartitionedReplay.defaultWorkers, limit: position ?? .max).run(log)
    }

    /// Replays the whole log from scratch and writes every partnership's checkpoint and the index.
    ///
    /// The log is replayed in groups (``replayInGroups(through:groups:workers:_:)``; `groups` as
    /// there), each group's checkpoints written before the next is folded, and the index last.
    /// A checkpoint another process has already moved past the replay is left as it is; one it
    /// moves during the rebuild stops the rebuild with ``ViewsError/checkpointMoved(consumer:)``.
    ///
    /// `progress` hears how many groups are done, and of how many, after each group is saved.
    @discardableResult
    public func rebuild(groups: Int? = nil, progress: ((_ done: Int, _ of: Int) -> Void)? = nil) throws -> RefreshSummary {
        var summary = RefreshSummary(eventsRead: 0, eventsApplied: 0, partnershipsSaved: 0, position: 0)
        var replayedSlugs: Set<String> = []
        let groupCount = try groups ?? Self.replayGroupCount(forEvents: log.head().position)
        var groupsDone = 0
        let position = try replayInGroups(groups: groupCount) { replayed in
            defer {
                groupsDone += 1
                progress?(groupsDone, groupCount)
            }
            // The states are saved a few dozen to a commit: one durable commit per partnership
            // would cost more than the replay itself.
            let slugs = replayed.slugs
            for start in stride(from: 0, to: slugs.count, by: Self.checkpointGroupSize) {
                let chunk = slugs[start..<min(start + Self.checkpointGroupSize, slugs.count)]
                var saves: [CheckpointSave] = []
                var applied: [Int] = []
                for slug in chunk {
                    guard let projection = replayed.partnerships[slug], let position = replayed.positions[slug] else { continue }
                    replayedSlugs.insert(slug)
                    let consumer = Self.consumer(of: slug)
                    let stored = try log.checkpointPosition(of: consumer) ?? 0
                    guard stored <= position else { continue }
                    saves.append(CheckpointSave(consumer: consumer, previous: stored, position: position, state: try StateCoding.encode(projection)))
                    applied.append(projection.appliedEventCount)
                }
                for (index, saved) in try log.saveCheckpoints(saves).enumerated() {
                    guard saved else { throw ViewsError.checkpointMoved(consumer: saves[index].consumer) }
                    summary.eventsApplied += applied[index]
                    summary.partnershipsSaved += 1
                }
            }
        }
        summary.eventsRead = Int(position)
        summary.position = position
        let index = try self.index()
        let slugs = Set(index.slugs).union(replayedSlugs)
        guard try log.saveCheckpoint(
            consumer: Self.indexConsumer, previous: index.position, position: max(index.position, position), state: StateCoding.encodeIndex(slugs))
        else { throw ViewsError.checkpointMoved(consumer: Self.indexConsumer) }
        log.releaseMappedPages()
        return summary
    }

    /// Compares every stored checkpoint with a replay from scratch through the index's position,
    /// position and state bytes alike. The log is replayed in groups
    /// (``replayInGroups(through:groups:workers:_:)``; `groups` as there), each group compared, then dropped.
    public func compareWithRebuild(groups: Int? = nil) throws -> ViewsComparison {
        let index = try self.index()
        var comparison = ViewsComparison(matching: [], differing: [])
        var replayedSlugs: Set<String> = []
        try replayInGroups(through: index.position, groups: groups) { replayed in
            let slugs = replayed.slugs
            replayedSlugs.formUnion(slugs)
            for start in stride(from: 0, to: slugs.count, by: Self.checkpointGroupSize) {
                let chunk = Array(slugs[start..<min(start + Self.checkpointGroupSize, slugs.count)])
                for (slug, stored) in zip(chunk, try log.checkpoints(of: chunk.map(Self.consumer(of:)))) {
                    let rebuilt = try replayed.partnerships[slug].map { try StateCoding.encode($0) }
                    if let stored, let rebuilt, stored.position == replayed.positions[slug], stored.state == rebuilt {
                        comparison.matching.append(slug)
                    } else {
                        comparison.differing.append(slug)
                    }
                }
            }
        }
        // A partnership in the index that the replay did not find has no state to match.
        comparison.differing += Set(index.slugs).subtracting(replayedSlugs)
        comparison.matching.sort()
        comparison.differing.sort()
        if index.slugs != replayedSlugs.sorted() { comparison.differing.append(Self.indexConsumer) }
        return comparison
    }

    /// Every stored partnership state, by slug, as of the index (call ``refresh(through:pageSize:)`` first to be current).
    public func storedStates() throws -> [String: PartnershipProjection] {
        var states: [String: PartnershipProjection] = [:]
        let slugs = try index().slugs
        for start in stride(from: 0, to: slugs.count, by: Self.checkpointGroupSize) {
            let chunk = Array(slugs[start..<min(start + Self.checkpointGroupSize, slugs.count)])
            for (slug, stored) in zip(chunk, try log.checkpoints(of: chunk.map(Self.consumer(of:)))) {
                if let stored { states[slug] = try StateCoding.decode(stored.state, consumer: Self.consumer(of: slug)) }
            }
        }
        return states
    }

    /// The portfolio table, riskiest first: refreshes the views, then evaluates every stored
    /// partnership opened as of `asOf` (as known at `knownAt`) without flag histories.
    ///
    /// States are read, decoded and evaluated a few dozen at a time on every core, and only
    /// their lines are kept, so memory does not grow with the whole portfolio's state.
    public func portfolio(asOf: Timestamp, knownAt: Timestamp?) throws -> [PortfolioEntry] {
        let view = ViewPoint(asOf: asOf, knownAt: knownAt)
        let model = self.model
        // Only each partnership's line is computed and kept: a full report is far larger.
        return PortfolioRanking.rank(entries: try mapStates { $0.portfolioEntry(at: view, model: model) })
    }

    /// What `keep` takes from the report of every stored partnership opened at the view point,
    /// in slug order (see ``mapStates(_:)``). `keep` runs on several threads at once.
    public func evaluateEach<Kept>(
        at view: ViewPoint, options: EvaluationOptions = EvaluationOptions(), keep: (PartnershipReport) -> Kept
    ) throws -> [Kept] {
        let model = self.model
        return try mapStates { state in
            let report = state.evaluate(at: view, model: model, options: options)
            return report.isOpened ? keep(report) : nil
        }
    }

    /// What `transform` makes of every stored partnership state, in slug order, nils left out:
    /// refreshes the views, then reads, decodes and transforms the states a few dozen at a time
    /// on every core, so that memory never holds every state. `transform` runs on several
    /// threads at once.
    public func mapStates<Result>(_ transform: (PartnershipProjection) -> Result?) throws -> [Result] {
        try refresh()
        let slugs = try index().slugs
        var results: [Result] = []
        for start in stride(from: 0, to: slugs.count, by: Self.checkpointGroupSize) {
            let consumers = slugs[start..<min(start + Self.checkpointGroupSize, slugs.count)].map(Self.consumer(of:))
            let chunk = Array(zip(consumers, try log.checkpoints(of: consumers))).map { (consumer: $0.0, stored: $0.1) }
            let transformed = ParallelEvaluation.map(chunk) { item in
                Swift.Result { () throws -> Result? in
                    guard let stored = item.stored else { return nil }
                    return transform(try StateCoding.decode(stored.state, consumer: item.consumer))
                }
            }
            for outcome in transformed {
                if let value = try outcome.get() { results.append(value) }
            }
        }
        return results
    }

    /// How many partnerships' checkpoints are read in one transaction (and how many states
    /// ``portfolio(asOf:knownAt:)`` holds decoded at once).
    static let checkpointGroupSize = 32

    /// The portfolio table of states already in memory, as ``portfolio(asOf:knownAt:)`` ranks it;
    /// the partnerships are evaluated on every core.
    public static func portfolio(
        of states: [String: PartnershipProjection], asOf: Timestamp, knownAt: Timestamp?, model: ScoringModel
    ) -> [PortfolioEntry] {
        let view = ViewPoint(asOf: asOf, knownAt: knownAt)
        let entries = ParallelEvaluation.map(states.keys.sorted()) { slug in
            states[slug]?.portfolioEntry(at: view, model: model)
        }
        return PortfolioRanking.rank(entries: entries.compactMap { $0 })
    }

    /// Every view of one partnership, flag history included: refreshes the views, then evaluates its stored state.
    public func report(for slug: String, asOf: Timestamp, knownAt: Timestamp?) throws -> PartnershipReport {
        try refresh()
        guard let stored = try storedState(of: slug) else { throw ViewsError.unknownPartnership(slug: slug) }
        return stored.projection.evaluate(asOf: asOf, knownAt: knownAt, model: model)
    }
}

/// What a refresh or a rebuild did.
public struct RefreshSummary: Sendable, Equatable {
    /// Events read from the log.
    public var eventsRead: Int
    /// Events applied to a partnership's state (a rebuild counts every event of the states it saved).
    public var eventsApplied: Int
    /// Partnership checkpoints written.
    public var partnershipsSaved: Int
    /// The position the index stands at afterwards.
    public var position: UInt64
}

/// The states of a replay from scratch, held in memory.
public struct ReplayedViews: Sendable {
    /// The state of each partnership, by slug.
    public var partnerships: [String: PartnershipProjection]
    /// The position of each partnership's last event.
    public var positions: [String: UInt64]
    /// The last position read.
    public var position: UInt64

    /// The slugs, sorted.
    public var slugs: [String] { partnerships.keys.sorted() }
}

/// Which stored checkpoints equal a replay from scratch, position and bytes.
public struct ViewsComparison: Sendable, Equatable {
    /// Slugs whose checkpoint matches the replay.
    public var matching: [String]
    /// Slugs (and the index consumer) whose checkpoint is missing or differs.
    public var differing: [String]

    /// Whether every checkpoint matches.
    public var isIdentical: Bool { differing.isEmpty }
}

/// The decoded states a ``ProjectionViews`` value saved last, by consumer, with the position
/// each was saved at. A state is used only while the stored checkpoint is still at that
/// position. At most ``capacity`` are kept, the most recently saved, so a refresh of a whole
/// portfolio does not hold every state in memory.
final class SavedStates: @unchecked Sendable {
    static let capacity = 64
    private let lock = NSLock()
    private var states: [String: (position: UInt64, projection: PartnershipProjection)] = [:]
    private var order: [String] = []

    func state(of consumer: String, at position: UInt64) -> PartnershipProjection? {
        lock.withLock {
            guard let saved = states[consumer], saved.position == position else { return nil }
            return saved.projection
        }
    }

    func remember(_ projection: PartnershipProjection, of consumer: String, at position: UInt64) {
        lock.withLock {
            order.removeAll { $0 == consumer }
            order.append(consumer)
            states[consumer] = (position, projection)
            while order.count > Self.capacity { states[order.removeFirst()] = nil }
        }
    }
}

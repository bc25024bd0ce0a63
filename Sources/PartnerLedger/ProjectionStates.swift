import EventLog
import Foundation
import PartnerProjections
import ProjectionStore

/// The partnership states the reporting questions evaluate (health, flags, verdicts, trend
/// reports), read through the checkpointed views of the ledger's own log.
///
/// Made by ``Ledger/projections(model:progress:)``. Making it brings the views up to date:
/// the stored checkpoint of each partnership is read and only the events recorded after it
/// are applied, and the refreshed checkpoints are written back so that the next question
/// starts from them. When they cannot be written (a ledger on a read-only file system or
/// without write permission), states are folded from a replay in memory instead and nothing
/// is written: slower on a large ledger, same results. The portfolio then comes from a replay
/// in groups, which never holds every state at once.
public struct ProjectionStates {
    /// The views, evaluated under the scoring model in force.
    let views: ProjectionViews
    /// Whether the states come from the stored checkpoints (rather than a replay in memory).
    public let isCheckpointed: Bool
    /// The states folded in memory when the checkpoints could not be written, once a question needs them.
    private let replay = ReplayInMemory()

    /// The log's head when the states were read: they reflect every event through it.
    public let head: LedgerHead
    /// The scoring model in force.
    public var model: ScoringModel { views.model }
    /// Hears the slugs whose damaged checkpoints were rebuilt from the log, when a read found one.
    private let onRepair: (([String]) -> Void)?

    /// How far behind the log the views must be for a question to rebuild them from a replay
    /// in groups rather than refresh them page by page: a refresh saves every touched state
    /// after each page, which costs far more than one replay when most of the log is new.
    public static let rebuildThreshold: UInt64 = 50_000

    init(log: EventLog, model: ScoringModel, progress: ((ViewsProgress) -> Void)?, onRepair: (([String]) -> Void)? = nil) throws {
        let views = ProjectionViews(log: log, model: model)
        self.views = views
        self.onRepair = onRepair
        let refreshed: LedgerHead?
        if log.options.isReadOnly {
            refreshed = nil
        } else {
            refreshed = try Self.repairing(views, onRepair) { try Self.bringUpToDate(views, progress: progress) }
        }
        isCheckpointed = refreshed != nil
        head = try refreshed ?? LedgerHead(log.head())
    }

    /// Brings the checkpoints up to date with the log and returns the head they reflect; `nil`
    /// when they cannot be written.
    private static func bringUpToDate(_ views: ProjectionViews, progress: ((ViewsProgress) -> Void)?) throws -> LedgerHead? {
        let log = views.log
        do {
            let (current, indexed) = (try log.head().position, try views.index().position)
            if current > indexed, current - indexed >= rebuildThreshold {
                try views.rebuild { done, groups in
                    progress?(ViewsProgress(fraction: Double(done) / Double(groups), detail: "group \(done) of \(groups) of partnerships"))
                }
            }
            let head = try log.head()
            let start = try views.index().position
            let report = progress.map { progress in
                { (position: UInt64) in
                    let span = max(head.position - start, 1)
                    progress(ViewsProgress(
                        fraction: Double(position - start) / Double(span), detail: "\(position) of \(head.position) events"))
                }
            }
            try views.refresh(through: head.position, progress: report)
            return LedgerHead(head)
        } catch let error as EventLogError where Ledger.isWriteFailure(error) {
            return nil
        }
    }

    /// `body`, run again after the damaged checkpoints are rebuilt from the log when it finds
    /// one: a state damaged on disk is never read as another state, nor a reason to fail.
    private static func repairing<T>(_ views: ProjectionViews, _ onRepair: (([String]) -> Void)?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ViewsError {
            guard case .damagedCheckpoint = error else { throw error }
            let repaired = try views.repairDamagedCheckpoints()
            guard !repaired.isEmpty else { throw error }
            onRepair?(repaired)
            return try body()
        }
    }

    private func repairing<T>(_ body: () throws -> T) throws -> T {
        try Self.repairing(views, onRepair, body)
    }

    /// Every state folded in memory through the head; only for a ledger whose checkpoints cannot be written.
    private func replayed() throws -> ReplayedViews? {
        guard !isCheckpointed else { return nil }
        if let states = replay.states { return states }
        let states = try views.replay(through: head.position)
        replay.states = states
        return states
    }

    /// The slugs of every partnership with events, sorted.
    public func slugs() throws -> [String] {
        if let replayed = try replayed() { return replayed.slugs }
        return try views.index().slugs
    }

    /// One partnership's state; an unknown slug is refused, naming the known ones.
    public func state(of slug: String) throws -> PartnershipProjection {
        if let replayed = try replayed() {
            guard let state = replayed.partnerships[slug] else { throw LedgerError.unknownPartnership(slug: slug, known: replayed.slugs) }
            return state
        }
        guard let stored = try repairing({ try views.storedState(of: slug) }) else {
            throw LedgerError.unknownPartnership(slug: slug, known: try slugs())
        }
        return stored.projection
    }

    /// One partnership's report at a view point, flag history included.
    public func report(for slug: String, at view: ViewPoint) throws -> PartnershipReport {
        let report = try state(of: slug).evaluate(at: view, model: model)
        guard report.isOpened else { throw LedgerError.unknownPartnership(slug: slug, known: try slugs()) }
        return report
    }

    /// What `keep` takes from every opened partnership's report at a view point, by slug order:
    /// the states are read and evaluated a few dozen at a time on every core. `keep` runs on
    /// several threads at once.
    public func eachReport<Kept>(
        at view: ViewPoint, options: EvaluationOptions = EvaluationOptions(), keep: (PartnershipReport) -> Kept
    ) throws -> [Kept] {
        if isCheckpointed {
            return try repairing { try views.evaluateEach(at: view, options: options, keep: keep) }
        }
        let states = try replayed()?.partnerships ?? [:]
        return states.keys.sorted().compactMap { slug in
            guard let report = states[slug]?.evaluate(at: view, model: model, options: options), report.isOpened else { return nil }
            return keep(report)
        }
    }

    /// What `transform` makes of every partnership's state, in slug order, nils left out: from
    /// the checkpoints a few dozen at a time (`transform` then runs on several threads at
    /// once), or from the replay in memory.
    public func mapStates<Result>(_ transform: (PartnershipProjection) -> Result?) throws -> [Result] {
        if isCheckpointed { return try repairing { try views.mapStates(transform) } }
        let states = try replayed()?.partnerships ?? [:]
        return states.keys.sorted().compactMap { states[$0].flatMap(transform) }
    }

    /// The portfolio table at a view point, riskiest first: from the checkpoints a few dozen at
    /// a time, or else from a replay in groups through the head.
    public func portfolio(at view: ViewPoint) throws -> [PortfolioEntry] {
        if isCheckpointed {
            return try repairing { try views.portfolio(asOf: view.asOf, knownAt: view.knownAt) }
        }
        if let states = replay.states {
            return ProjectionViews.portfolio(of: states.partnerships, asOf: view.asOf, knownAt: view.knownAt, model: model)
        }
        return try views.replayedPortfolio(asOf: view.asOf, knownAt: view.knownAt, through: head.position)
    }
}

/// How far bringing the views up to date has come: the first question on a ledger whose
/// views were never built (or are far behind) folds the log once.
public struct ViewsProgress: Sendable, Equatable {
    /// The share done, from 0 to 1.
    public let fraction: Double
    /// What is done, in words: "group 1 of 2 of partnerships", "120000 of 1000000 events".
    public let detail: String
}

/// The states of a replay in memory, kept once made.
private final class ReplayInMemory {
    var states: ReplayedViews?
}

extension Ledger {
    /// The states the reporting questions evaluate under `model`, read through the views
    /// checkpointed in this ledger's log and brought up to date first.
    ///
    /// `progress` hears of every page the refresh folds, so that a caller can say so when the
    /// views are far behind the log (the first question after an import, say).
    ///
    /// A damaged checkpoint found on the way is rebuilt from the log and `onRepair` hears the
    /// partnerships rebuilt; results never differ from those of a replay.
    public func projections(
        model: ScoringModel, progress: ((ViewsProgress) -> Void)? = nil, onRepair: (([String]) -> Void)? = nil
    ) throws -> ProjectionStates {
        try ProjectionStates(log: log, model: model, progress: progress, onRepair: onRepair)
    }

    /// Rebuilds every stored view from the log: damaged checkpoints first rewritten from their
    /// streams, then every partnership replayed and saved; the partnerships saved and the
    /// position the views then reflect. `progress` hears the groups of partnerships done.
    public func rebuildViews(progress: ((ViewsProgress) -> Void)? = nil) throws -> (partnerships: Int, position: UInt64) {
        let views = ProjectionViews(log: log, model: .default)
        try views.repairDamagedCheckpoints()
        let summary = try views.rebuild { done, groups in
            progress?(ViewsProgress(fraction: Double(done) / Double(groups), detail: "group \(done) of \(groups) of partnerships"))
        }
        return (summary.partnershipsSaved, summary.position)
    }

    /// How many events the views have yet to fold before they reflect the whole log.
    public func eventsBehindViews() throws -> UInt64 {
        let head = try log.head().position
        let index = try ProjectionViews(log: log, model: .default).index().position
        return head > index ? head - index : 0
    }

    /// Whether an error of the log means its files cannot be written.
    static func isWriteFailure(_ error: EventLogError) -> Bool {
        switch error {
        case .storage, .fileSystem: true
        default: false
        }
    }
}

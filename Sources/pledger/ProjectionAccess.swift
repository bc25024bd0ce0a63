import ArgumentParser
import EventLog
import Foundation
import PartnerLedger
import PartnerProjections
import PartnerReports
import PartnerViews

/// When to evaluate the views, and under which scoring model: shared by `health`, `flags` and `classify`.
struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Evaluate as of this business time; a date alone means the end of that day (UTC). Default: now.", valueName: "time"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp("Evaluate only what the ledger knew at this recorded time; a date alone means the end of that day (UTC). Default: everything recorded.", valueName: "time"))
    var knownAt: String?

    @OptionGroup var model: ModelOption

    /// The view point the options name, with errors that name the option.
    func viewPoint() throws -> ViewPoint {
        do throws(DomainError) {
            let asOf = try asOf.map { text throws(DomainError) in try Value.instant(text, option: "--as-of", endOfDay: true) }
            let knownAt = try knownAt.map { text throws(DomainError) in try Value.instant(text, option: "--known-at", endOfDay: true) }
            return ViewPoint(asOf: asOf ?? Timestamp(Date()), knownAt: knownAt)
        } catch {
            throw Refused(error: error)
        }
    }
}

/// The scoring-model override file.
struct ModelOption: ParsableArguments {
    @Option(
        name: .customLong("model"),
        help: ArgumentHelp("A JSON file of scoring-model overrides with its own version. Default: the built-in model.", valueName: "file"),
        completion: .file(extensions: ["json"]))
    var file: String?

    /// The built-in model, or the defaults with the file's overrides applied.
    func load() throws -> ScoringModel {
        guard let file else { return .default }
        do {
            return try ScoringModel.load(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ModelFileRefused(path: file, error: error)
        }
    }
}

/// A `--model` file that cannot be used: unreadable, not JSON, or a field out of range.
struct ModelFileRefused: Error, CustomStringConvertible {
    let path: String
    let error: ScoringModelError

    /// Whether the file could not be read at all (a storage failure rather than refused input).
    var isUnreadable: Bool { error.code == .unreadableFile }

    var description: String { "--model \(path): \(error.description)" }
}

/// The partnership states the reporting commands evaluate, read through the checkpointed views.
///
/// Opening brings the views up to date: the stored checkpoint of each partnership is read and
/// only the events recorded after it are applied, and the refreshed checkpoints are written
/// back so that the next command starts from them. When they cannot be written (a ledger on a
/// read-only file system or without write permission), states are folded from a replay in
/// memory instead and nothing is written: slower on a large ledger, same results. The
/// portfolio table then comes from a replay in groups, which never holds every state at once.
///
/// The views need the ledger's event log itself, so this is the one place of the command line
/// that opens the storage layer; it opens the log alone, never beside a `Ledger` of the same path.
struct ProjectionStates {
    /// The views, evaluated under the scoring model in force.
    let views: ProjectionViews
    /// Whether the states come from the stored checkpoints (rather than a replay in memory).
    let isCheckpointed: Bool
    /// The states folded in memory when the checkpoints could not be written, once a command needs them.
    private let replay = ReplayInMemory()

    /// The log's head when the states were read: they reflect every event through it.
    let head: (position: UInt64, digest: String)
    /// The scoring model in force.
    var model: ScoringModel { views.model }

    /// Opens the ledger the options name, which must exist, and brings its views up to date.
    init(_ options: LedgerOptions, model: ScoringModel) throws {
        try self.init(path: options.path, model: model)
    }

    /// Opens the ledger in `path`, which must exist and must not be open in this process, and brings its views up to date.
    init(path: String, model: ScoringModel) throws {
        let path = URL(fileURLWithPath: path).standardizedFileURL.path
        guard Ledger.holdsLedger(at: path) else { throw LedgerError.noLedger(path: path) }
        let log: EventLog
        var isWritable = true
        do {
            log = try EventLog(path: path, options: EventLogOptions(isReadOnly: false))
        } catch let error as EventLogError where Self.isWriteFailure(error) {
            log = try EventLog(path: path, options: EventLogOptions(isReadOnly: true))
            isWritable = false
        }
        let views = ProjectionViews(log: log, model: model)
        self.views = views
        let head = try log.head()
        self.head = (head.position, head.digestHex)
        guard isWritable else {
            isCheckpointed = false
            return
        }
        do {
            try views.refresh(through: head.position)
            isCheckpointed = true
        } catch let error as EventLogError where Self.isWriteFailure(error) {
            isCheckpointed = false
        }
    }

    /// Every state folded in memory through the head; only for a ledger whose checkpoints cannot be written.
    private func replayed() throws -> ReplayedViews? {
        guard !isCheckpointed else { return nil }
        if let states = replay.states { return states }
        let states = try views.replay(through: head.position)
        replay.states = states
        return states
    }

    /// Whether an error of the log means its files cannot be written.
    private static func isWriteFailure(_ error: EventLogError) -> Bool {
        switch error {
        case .storage, .fileSystem: true
        default: false
        }
    }

    /// The slugs of every partnership with events, sorted.
    func slugs() throws -> [String] {
        if let replayed = try replayed() { return replayed.slugs }
        return try views.index().slugs
    }

    /// One partnership's state; an unknown slug is refused, naming the known ones.
    func state(of slug: String) throws -> PartnershipProjection {
        if let replayed = try replayed() {
            guard let state = replayed.partnerships[slug] else { throw LedgerError.unknownPartnership(slug: slug, known: replayed.slugs) }
            return state
        }
        guard let stored = try views.storedState(of: slug) else {
            throw LedgerError.unknownPartnership(slug: slug, known: try slugs())
        }
        return stored.projection
    }

    /// Every partnership's state, by slug.
    func all() throws -> [String: PartnershipProjection] {
        if let replayed = try replayed() { return replayed.partnerships }
        return try views.storedStates()
    }

    /// One partnership's report at a view point, flag history included.
    func report(for slug: String, at view: ViewPoint) throws -> PartnershipReport {
        let report = try state(of: slug).evaluate(at: view, model: model)
        guard report.isOpened else { throw LedgerError.unknownPartnership(slug: slug, known: try slugs()) }
        return report
    }

    /// What `keep` takes from every opened partnership's report at a view point, by slug order:
    /// the states are read and evaluated a few dozen at a time on every core. `keep` runs on
    /// several threads at once.
    func eachReport<Kept>(
        at view: ViewPoint, options: EvaluationOptions = EvaluationOptions(), keep: (PartnershipReport) -> Kept
    ) throws -> [Kept] {
        if isCheckpointed {
            return try views.evaluateEach(at: view, options: options, keep: keep)
        }
        let states = try all()
        return states.keys.sorted().compactMap { slug in
            guard let report = states[slug]?.evaluate(at: view, model: model, options: options), report.isOpened else { return nil }
            return keep(report)
        }
    }

    /// A trend report of one partnership or of every one, sealed with the head the states were read at.
    func trendReport(scope: TrendScope, range: ReportRange) throws -> TrendReport {
        let seal = LedgerSeal(headPosition: head.position, headDigest: head.digest)
        switch scope {
        case .partnership(let slug):
            return TrendReport.build(states: [try state(of: slug)], scope: .partnership, range: range, model: model, seal: seal)
        case .portfolio where isCheckpointed:
            // The states are read and evaluated a few dozen at a time; only each one's part of the report is kept.
            let model = self.model
            let parts = try views.mapStates { TrendReport.part(of: $0, range: range, model: model) }
            return TrendReport.assemble(parts, scope: .portfolio, range: range, model: model, seal: seal)
        case .portfolio:
            let states = try all()
            return TrendReport.build(
                states: states.keys.sorted().compactMap { states[$0] }, scope: .portfolio, range: range, model: model, seal: seal)
        }
    }

    /// The portfolio table at a view point, riskiest first: from the checkpoints a few dozen at
    /// a time, or else from a replay in groups through the head.
    func portfolio(at view: ViewPoint) throws -> [PortfolioEntry] {
        if isCheckpointed {
            return try views.portfolio(asOf: view.asOf, knownAt: view.knownAt)
        }
        if let states = replay.states {
            return ProjectionViews.portfolio(of: states.partnerships, asOf: view.asOf, knownAt: view.knownAt, model: model)
        }
        return try views.replayedPortfolio(asOf: view.asOf, knownAt: view.knownAt, through: head.position)
    }
}

/// The states of a replay in memory, kept once made.
private final class ReplayInMemory {
    var states: ReplayedViews?
}

/// What a trend report covers: one partnership by slug, or the portfolio.
enum TrendScope {
    case partnership(String)
    case portfolio

    var reportScope: ReportScope {
        switch self {
        case .partnership: .partnership
        case .portfolio: .portfolio
        }
    }
}

/// How reports print numbers, dates and ids.
enum ReportText {
    /// A score with one decimal, or `—` for insufficient evidence.
    static func score(_ value: Double?) -> String {
        ReportNumbers.score(value)
    }

    /// A number with two decimals.
    static func number(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    /// A share as a whole percentage.
    static func percent(_ value: Double) -> String {
        ReportNumbers.percent(value)
    }

    /// The trend arrow as a symbol.
    static func arrow(_ arrow: TrendArrow) -> String {
        ReportNumbers.arrow(arrow)
    }

    /// The band, coloured on a terminal.
    static func band(_ band: HealthBand) -> String {
        switch band {
        case .green: Terminal.style(band.rawValue, .green)
        case .yellow: Terminal.style(band.rawValue, .yellow)
        case .red: Terminal.style(band.rawValue, .red)
        case .insufficientEvidence: Terminal.style(band.rawValue, .dim)
        }
    }

    /// An event id as the ledger prints it.
    static func id(_ id: UUID) -> String {
        id.uuidString.lowercased()
    }

    /// The view point: `as of 2025-06-30 23:59` and, when set, `known at …`.
    static func view(_ view: ViewPoint) -> String {
        "as of \(Terminal.minute(view.asOf))" + (view.knownAt.map { ", known at \(Terminal.minute($0))" } ?? "")
    }

    /// A flag in a few words: `poor-operational-engagement (quarry, critical)`.
    static func flag(_ flag: RedFlag) -> String {
        "\(flag.kind.rawValue) (\([flag.party, flag.severity.rawValue].compactMap { $0 }.joined(separator: ", ")))"
    }
}

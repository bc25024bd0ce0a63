import ArgumentParser
import Foundation
import PartnerLedger
import PartnerProjections
import PartnerReports

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

extension ProjectionStates {
    /// Opens the ledger the options name, which must exist, and brings its views up to date;
    /// when they are far behind the log, says so on standard error while it folds.
    init(_ options: LedgerOptions, model: ScoringModel) throws {
        let ledger = try Ledger.openForReading(path: options.path)
        self = try ledger.projections(model: model, progress: ViewsBuildNotice.reporter(for: ledger)) { repaired in
            Terminal.printNotice("the stored views of \(repaired.joined(separator: ", ")) were damaged; they were rebuilt from the log.")
        }
    }

    /// A trend report of one partnership or of every one, sealed with the head the states were read at.
    func trendReport(scope: TrendScope, range: ReportRange) throws -> TrendReport {
        let seal = LedgerSeal(headPosition: head.position, headDigest: head.digest)
        let model = self.model
        switch scope {
        case .partnership(let slug):
            return TrendReport.build(states: [try state(of: slug)], scope: .partnership, range: range, model: model, seal: seal)
        case .portfolio:
            // The states are read and evaluated a few dozen at a time; only each one's part of the report is kept.
            let parts = try mapStates { TrendReport.part(of: $0, range: range, model: model) }
            return TrendReport.assemble(parts, scope: .portfolio, range: range, model: model, seal: seal)
        }
    }
}

/// The line on standard error while the views fold a large part of the log: the first
/// question after the views were never built, or after a large import.
enum ViewsBuildNotice {
    /// How many events behind the views must be for the notice to show: as many as make a
    /// question rebuild them.
    static let threshold = ProjectionStates.rebuildThreshold

    /// A progress reporter when the ledger's views are at least ``threshold`` events behind, else `nil`.
    static func reporter(for ledger: Ledger) -> ((ViewsProgress) -> Void)? {
        guard let behind = try? ledger.eventsBehindViews(), behind >= threshold else { return nil }
        Terminal.printNotice("building views: \(behind) events to fold once; later commands read the checkpoints")
        guard Terminal.isErrorTerminal else { return nil }
        let bar = ProgressBar(label: "building views")
        return { progress in
            bar.show(fraction: progress.fraction, detail: progress.detail)
            if progress.fraction >= 1 { bar.clear() }
        }
    }
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

import Dispatch
import Foundation
import PartnerDomain
import PartnerProjections

extension TrendReport {
    /// The report of `states` over `range` under `model`, sealed with the ledger head the states were read at.
    ///
    /// Each partnership opened by the end of the range is evaluated at that
    /// instant (flag history included, for the day each flag was first
    /// raised) and cut into periods by
    /// ``PartnerProjections/PartnershipProjection/periodSeries(from:to:period:knownAt:model:)``.
    /// Partnerships are ranked riskiest first as the portfolio ranks them.
    ///
    /// ```swift
    /// let report = TrendReport.build(
    ///     states: [helix], scope: .partnership,
    ///     range: ReportRange(from: jan1, to: dec31, period: .quarter),
    ///     model: .default, seal: LedgerSeal(headPosition: 412, headDigest: digest))
    /// print(ReportFormat.markdown.render(report))
    /// ```
    public static func build(
        states: [PartnershipProjection], scope: ReportScope, range: ReportRange, model: ScoringModel, seal: LedgerSeal
    ) -> TrendReport {
        // Partnerships are evaluated independently, on every core.
        let slots = EvaluationSlots(count: states.count)
        DispatchQueue.concurrentPerform(iterations: states.count) { index in
            if let part = part(of: states[index], range: range, model: model) { slots.store(part, at: index) }
        }
        return assemble(slots.values, scope: scope, range: range, model: model, seal: seal)
    }

    /// One partnership's part of a report over `range`, or nil when it is not opened by the
    /// range's end: what ``assemble(_:scope:range:model:seal:)`` needs of it, far smaller than
    /// its state, so that a large portfolio can be evaluated a few partnerships at a time.
    public static func part(of state: PartnershipProjection, range: ReportRange, model: ScoringModel) -> Part? {
        let report = state.evaluate(asOf: range.endInstant, knownAt: range.knownAt, model: model)
        guard report.isOpened else { return nil }
        let series = state.periodSeries(from: range.from, to: range.to, period: range.period, knownAt: range.knownAt, model: model)
        let revenue = state.revenue(from: range.from.startOfDay, to: range.endInstant, knownAt: range.knownAt, model: model)
        return Part(entry: PortfolioRanking.entry(of: report), trend: PartnershipTrend(report, series: series, revenue: revenue))
    }

    /// The report of the partnerships' parts, ranked riskiest first as the portfolio ranks them, sealed with `seal`.
    public static func assemble(_ parts: [Part], scope: ReportScope, range: ReportRange, model: ScoringModel, seal: LedgerSeal) -> TrendReport {
        let ranking = PortfolioRanking.rank(entries: parts.map(\.entry))
        let bySlug = Dictionary(parts.map { ($0.entry.partnership, $0.trend) }, uniquingKeysWith: { first, _ in first })
        let trends = ranking.compactMap { bySlug[$0.partnership] }
        let portfolio = zip(ranking, trends).map { entry, trend in
            PortfolioLine(
                rank: entry.rank, partnership: entry.partnership, name: entry.name, score: entry.score, band: entry.band,
                arrow: entry.arrow, engagementTrend: trend.engagementTrend,
                topFlags: trend.flags.prefix(3).map { FlagLabel(kind: $0.kind, party: $0.party, severity: $0.severity) },
                flagCount: trend.flags.count, verdict: trend.verdict.verdict)
        }
        return TrendReport(
            reportVersion: 1, scope: scope, range: range, asOf: range.endInstant, modelVersion: model.version,
            bands: HealthBands(greenFrom: model.health.greenFrom, yellowFrom: model.health.yellowFrom),
            ledger: seal, portfolio: portfolio, partnerships: trends)
    }

    /// One partnership's part of a report: its portfolio line, for the ranking, and its trend.
    public struct Part: Sendable {
        /// The line the portfolio ranks.
        public let entry: PortfolioEntry
        /// The partnership's section of the report.
        public let trend: PartnershipTrend
    }
}

/// One result per partnership, written by concurrent evaluations, each to its own index.
private final class EvaluationSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [TrendReport.Part?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ value: TrendReport.Part, at index: Int) {
        lock.withLock { slots[index] = value }
    }

    /// The stored results, in index order.
    var values: [TrendReport.Part] {
        lock.withLock { slots.compactMap { $0 } }
    }
}

extension PartnershipTrend {
    /// The trend of one evaluated partnership and its period series.
    init(_ report: PartnershipReport, series: PeriodSeries, revenue: [RevenueLine]) {
        let flags = report.flags.enumerated().sorted { lhs, rhs in
            if lhs.element.severity != rhs.element.severity { return lhs.element.severity == .critical }
            return lhs.offset < rhs.offset
        }.map(\.element)
        self.init(
            partnership: report.partnership,
            name: report.name,
            parties: report.parties,
            declaredType: report.declaredType,
            label: report.label,
            isClosed: report.isClosed,
            health: HealthSummary(
                score: report.health.score, band: report.health.band, arrow: report.health.arrow,
                earlierScore: report.health.earlierScore, evidenceShare: report.health.evidenceShare,
                components: report.health.components.map {
                    ComponentLine(component: $0.component, weight: $0.weight, score: $0.score, pointsRecoverable: $0.pointsRecoverable)
                },
                mainReason: report.health.mainReason),
            engagementTrend: report.engagement.overallTrend.direction,
            flags: flags.map { flag in
                ReportFlag(
                    kind: flag.kind, party: flag.party, severity: flag.severity, firstRaised: flag.firstRaised,
                    rules: flag.rules.map {
                        ReportReason(id: $0.rule, explanation: $0.explanation, holds: true, evidence: $0.evidence.map(Self.id))
                    })
            },
            verdict: ReportVerdict(report.classification),
            eventCount: series.eventCount,
            revenue: revenue,
            periods: series.points)
    }

    static func id(_ id: UUID) -> String {
        id.uuidString.lowercased()
    }
}

extension ReportVerdict {
    /// The verdict with its predicates; for emerging, the predicates of the rule that came closest.
    init(_ classification: Classification) {
        let predicates = classification.closest?.predicates ?? classification.predicates
        self.init(
            verdict: classification.verdict, confidence: classification.confidence, recordedAs: classification.recordedAs,
            statement: classification.statement,
            reasons: predicates.map {
                ReportReason(id: $0.predicate, explanation: $0.explanation, holds: $0.holds, evidence: $0.evidence.map(PartnershipTrend.id))
            })
    }
}

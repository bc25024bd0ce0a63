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
        let end = range.endInstant
        // Partnerships are evaluated independently, on every core.
        let slots = EvaluationSlots(count: states.count)
        DispatchQueue.concurrentPerform(iterations: states.count) { index in
            let state = states[index]
            let report = state.evaluate(asOf: end, knownAt: range.knownAt, model: model)
            guard report.isOpened else { return }
            let series = state.periodSeries(from: range.from, to: range.to, period: range.period, knownAt: range.knownAt, model: model)
            slots.store((report, series), at: index)
        }
        let evaluated = slots.values
        let ranking = PortfolioRanking.rank(evaluated.map(\.0))
        let bySlug = Dictionary(evaluated.map { ($0.0.partnership, $0) }, uniquingKeysWith: { first, _ in first })
        let trends = ranking.compactMap { entry in bySlug[entry.partnership].map { PartnershipTrend($0.0, series: $0.1) } }
        let portfolio = zip(ranking, trends).map { entry, trend in
            PortfolioLine(
                rank: entry.rank, partnership: entry.partnership, name: entry.name, score: entry.score, band: entry.band,
                arrow: entry.arrow, engagementTrend: trend.engagementTrend,
                topFlags: trend.flags.prefix(3).map { FlagLabel(kind: $0.kind, party: $0.party, severity: $0.severity) },
                flagCount: trend.flags.count, verdict: trend.verdict.verdict)
        }
        return TrendReport(
            reportVersion: 1, scope: scope, range: range, asOf: end, modelVersion: model.version,
            bands: HealthBands(greenFrom: model.health.greenFrom, yellowFrom: model.health.yellowFrom),
            ledger: seal, portfolio: portfolio, partnerships: trends)
    }
}

/// One result per partnership, written by concurrent evaluations, each to its own index.
private final class EvaluationSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [(PartnershipReport, PeriodSeries)?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ value: (PartnershipReport, PeriodSeries), at index: Int) {
        lock.withLock { slots[index] = value }
    }

    /// The stored results, in index order.
    var values: [(PartnershipReport, PeriodSeries)] {
        lock.withLock { slots.compactMap { $0 } }
    }
}

extension PartnershipTrend {
    /// The trend of one evaluated partnership and its period series.
    init(_ report: PartnershipReport, series: PeriodSeries) {
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
                }),
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
            periods: series.points)
    }

    static func id(_ id: UUID) -> String {
        id.uuidString.lowercased()
    }
}

extension ReportVerdict {
    /// The verdict with its predicates; for emerging, the predicates of the rule that came closest.
    init(_ classification: Classification) {
        let predicates = classification.predicates.isEmpty
            ? classification.rules.max { $0.share < $1.share }?.predicates ?? []
            : classification.predicates
        self.init(
            verdict: classification.verdict, confidence: classification.confidence, recordedAs: classification.recordedAs,
            statement: classification.statement,
            reasons: predicates.map {
                ReportReason(id: $0.predicate, explanation: $0.explanation, holds: $0.holds, evidence: $0.evidence.map(PartnershipTrend.id))
            })
    }
}

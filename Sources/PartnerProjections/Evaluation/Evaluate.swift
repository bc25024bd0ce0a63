import Foundation
import PartnerDomain

extension PartnershipProjection {
    /// Every view of the partnership as of `asOf`, as known at `knownAt` (nil: everything recorded), under `model`.
    ///
    /// Only events with `occurredAt <= asOf` count, and with `knownAt` only
    /// events with `recordedAt <= knownAt`; retracted events are left out
    /// everywhere (a retraction counts once recorded, by `knownAt` when set).
    /// The same state answers any pair of times: nothing is re-folded.
    ///
    /// ```swift
    /// let today = acme.evaluate(asOf: now, knownAt: nil, model: .default)
    /// let asReported = acme.evaluate(asOf: quarterEnd, knownAt: quarterEnd, model: .default)
    /// ```
    public func evaluate(
        asOf: Timestamp, knownAt: Timestamp?, model: ScoringModel, options: EvaluationOptions = EvaluationOptions()
    ) -> PartnershipReport {
        evaluate(at: ViewPoint(asOf: asOf, knownAt: knownAt), model: model, options: options)
    }

    /// Every view of the partnership at a view point; see ``evaluate(asOf:knownAt:model:options:)``.
    public func evaluate(at view: ViewPoint, model: ScoringModel, options: EvaluationOptions = EvaluationOptions()) -> PartnershipReport {
        let core = CoreViews(self, at: view, model: model)
        let context = core.context
        let resolved = context.resolved
        let reciprocity = core.reciprocity
        let monthly = core.monthly
        let quarters = context.quarters
        let quarterly = context.series(over: quarters)
        let inputs = core.inputs
        var flags = core.flags
        var history: [FlagEpisode]?
        if options.includeFlagHistory {
            let episodes = flagHistory(context: context, monthly: monthly, finalFlags: flags)
            history = episodes
            flags = flags.map { flag in
                var dated = flag
                dated.firstRaised = episodes.last { $0.kind == flag.kind && $0.party == flag.party && $0.cleared == nil }?.raised
                return dated
            }
        }
        let engagementReport = EngagementReport(
            modelVersion: model.version,
            callCadenceDays: context.callCadenceDays(at: view.asOf),
            monthly: context.parties.map { PartySeries(party: $0, points: (monthly[$0] ?? []).map(\.publicPoint)) },
            quarterly: context.parties.map { PartySeries(party: $0, points: (quarterly[$0] ?? []).map(\.publicPoint)) },
            monthlyTrends: context.parties.map { inputs.trend(of: $0, by: view.asOf) },
            quarterlyTrends: context.parties.map {
                context.trend(of: quarterly[$0] ?? [], party: $0, lastComplete: model.windows.trendQuarters, by: view.asOf)
            },
            overallTrend: context.weakerParty(monthly, lastComplete: model.windows.trendMonths).map { inputs.trend(of: $0, by: view.asOf) }
                ?? context.trend(of: [], party: nil, lastComplete: model.windows.trendMonths, by: view.asOf),
            shifts: context.parties.flatMap { inputs.shifts(of: $0).map(\.alert) })
        return PartnershipReport(
            partnership: slug,
            isOpened: resolved.opening != nil,
            name: resolved.opening?.value.name ?? "",
            parties: resolved.opening?.value.parties ?? [],
            declaredType: resolved.opening?.value.declaredType ?? .partnership,
            label: resolved.reclassification?.value ?? resolved.opening?.value.declaredType ?? .partnership,
            isClosed: resolved.closing != nil,
            asOf: view.asOf,
            knownAt: view.knownAt,
            modelVersion: model.version,
            eventCount: resolved.eventTimes.count,
            health: core.health,
            transparency: core.transparency,
            reciprocity: reciprocity,
            engagement: engagementReport,
            flags: flags,
            pendingRules: core.pendingRules,
            flagHistory: history,
            classification: core.classification(reciprocity: reciprocity))
    }

    /// The partnership's line in the portfolio at a view point, or nil before its opening:
    /// exactly ``PortfolioRanking/entry(of:)`` of ``evaluate(at:model:options:)`` without the
    /// flag history, computed without the parts of the report the line does not show (the
    /// quarterly series, the engagement trends and shifts).
    public func portfolioEntry(at view: ViewPoint, model: ScoringModel) -> PortfolioEntry? {
        let core = CoreViews(self, at: view, model: model)
        guard let opening = core.context.resolved.opening else { return nil }
        let critical = core.flags.filter { $0.severity == .critical }
        return PortfolioEntry(
            rank: nil, partnership: slug, name: opening.value.name, score: core.health.score,
            band: core.health.band, arrow: core.health.arrow, criticalFlags: critical.count,
            flagCount: core.flags.count, topFlag: critical.first ?? core.flags.first,
            verdict: core.classification(reciprocity: core.reciprocity).verdict, modelVersion: model.version)
    }

    /// The health score alone at a view point; nil for insufficient evidence.
    func healthScore(at view: ViewPoint, model: ScoringModel) -> Double? {
        EvaluationContext(resolved: ResolvedPartnership(self, view: view), model: model)
            .healthReport(transparency: nil).score
    }

    /// Every run of every flag, checking the detectors at the last instant of each complete month and at "as of".
    private func flagHistory(context: EvaluationContext, monthly: [String: [SeriesPoint]], finalFlags: [RedFlag]) -> [FlagEpisode] {
        struct Key: Hashable {
            let kind: RedFlagKind
            let party: String?
        }
        let view = context.resolved.view
        var checks: [(day: CalendarDate, keys: [Key])] = []
        for month in context.months where month.isComplete(asOf: view.asOf) {
            let instant = month.range.end.adding(milliseconds: -1)
            guard instant < view.asOf else { continue }
            let past = EvaluationContext(
                resolved: ResolvedPartnership(self, view: ViewPoint(asOf: instant, knownAt: view.knownAt)), model: context.model)
            let flags = FlagInputs(
                context: past, transparency: past.transparencyReport(),
                engagementWindow: past.operationalEngagement().breakdowns, monthly: monthly
            ).detect()
            checks.append((instant.calendarDate, flags.map { Key(kind: $0.kind, party: $0.party) }))
        }
        checks.append((view.asOf.calendarDate, finalFlags.map { Key(kind: $0.kind, party: $0.party) }))
        var episodes: [FlagEpisode] = []
        var open: [Key: Int] = [:]
        for check in checks {
            let standing = Set(check.keys)
            for (key, index) in open where !standing.contains(key) {
                episodes[index].cleared = check.day
                open[key] = nil
            }
            for key in check.keys where open[key] == nil {
                open[key] = episodes.count
                episodes.append(FlagEpisode(kind: key.kind, party: key.party, raised: check.day, cleared: nil))
            }
        }
        return episodes
    }
}

/// The views every evaluation at a view point starts from: health with its components, the
/// monthly engagement series and the standing flags.
private struct CoreViews {
    let context: EvaluationContext
    let transparency: TransparencyReport
    let reciprocity: ReciprocityReport
    let health: HealthReport
    let months: [CalendarPeriod]
    let monthly: [String: [SeriesPoint]]
    let inputs: FlagInputs
    /// Every standing flag, without the day each was first raised.
    let flags: [RedFlag]
    /// The flag rules that had too little evidence to speak.
    let pendingRules: [PendingRule]

    init(_ projection: PartnershipProjection, at view: ViewPoint, model: ScoringModel) {
        let context = EvaluationContext(resolved: ResolvedPartnership(projection, view: view), model: model)
        self.context = context
        transparency = context.transparencyReport()
        reciprocity = context.reciprocityReport(windowDays: model.windows.reciprocityDays)
        let engagement = context.operationalEngagement()
        let earlier = ViewPoint(asOf: view.asOf.adding(days: -model.windows.healthTrendLookbackDays), knownAt: view.knownAt)
        health = context.healthReport(
            transparency: transparency, reciprocity: reciprocity, engagement: engagement,
            earlierScore: projection.healthScore(at: earlier, model: model))
        months = context.months
        monthly = context.series(over: months)
        inputs = FlagInputs(context: context, transparency: transparency, engagementWindow: engagement.breakdowns, monthly: monthly)
        (flags, pendingRules) = inputs.detectWithPending()
    }

    /// The classifier's verdict, over the reciprocity of the classifier's window (`reciprocity` when it is the health window).
    func classification(reciprocity: ReciprocityReport) -> Classification {
        let model = context.model
        let classifierReciprocity = model.windows.classifierDays == model.windows.reciprocityDays
            ? reciprocity : context.reciprocityReport(windowDays: model.windows.classifierDays)
        return context.classification(reciprocity: classifierReciprocity)
    }
}

extension EvaluationContext {
    /// The health report at this context's view point without its arrow (no earlier score), from
    /// `transparency` when already computed.
    func healthReport(transparency: TransparencyReport?) -> HealthReport {
        healthReport(
            transparency: transparency ?? transparencyReport(),
            reciprocity: reciprocityReport(windowDays: model.windows.reciprocityDays),
            engagement: operationalEngagement(),
            earlierScore: nil)
    }

    /// The health report from the components' scores: aggregation, band, arrow and recoverable points.
    ///
    /// A component below the evidence its model need states has no score:
    /// its weight is spread over the others, and when too little weight is
    /// left the band is insufficient evidence. Transparency's need is per
    /// party: the component is the minimum over the parties that meet it.
    func healthReport(
        transparency: TransparencyReport, reciprocity: ReciprocityReport,
        engagement: (component: ComponentScore, breakdowns: [String: EngagementBreakdown]), earlierScore: Double?
    ) -> HealthReport {
        let weights = model.health.weights
        let needs = model.sufficiency.components
        let views = ComputedViews(engagementWindow: engagement.breakdowns, transparency: transparency, reciprocity: reciprocity)
        let sufficientParties = transparency.parties.filter(\.hasEnoughEvidence)
        let transparencyScore = ComponentScore(
            score: sufficientParties.map(\.score).min(),
            partyScores: sufficientParties.map { PartyScore(party: $0.party, score: $0.score) },
            evidence: transparency.parties.flatMap(\.evidence).stablySorted())
        let reciprocityScore = ComponentScore(
            score: reciprocity.score,
            evidence: reciprocity.pairs.flatMap(\.flows).flatMap(\.evidence).stablySorted())
        let measured: [(HealthComponentKind, Double, ComponentScore)] = [
            (.commitmentReliability, weights.commitmentReliability, commitmentReliability()),
            (.operationalEngagement, weights.operationalEngagement, engagement.component),
            (.transparency, weights.transparency, transparencyScore),
            (.reciprocity, weights.reciprocity, reciprocityScore),
            (.jointValue, weights.jointValue, jointValue()),
            (.alignment, weights.alignment, alignment()),
        ]
        let parts = measured.map { kind, weight, part -> (HealthComponentKind, Double, ComponentScore, [EvidenceCount], Bool) in
            let counts: [EvidenceCount]
            let enough: Bool
            if kind == .transparency {
                counts = transparency.parties.flatMap(\.evidenceCounts)
                enough = !sufficientParties.isEmpty
            } else {
                counts = check(needs.need(of: kind), party: nil, views: views)
                enough = counts.areMet
            }
            var scored = part
            if !enough {
                scored.score = nil
                scored.partyScores = []
            }
            return (kind, weight, scored, counts, enough)
        }
        let aggregate = ScoringMath.aggregate(parts.map { ($0.1, $0.2.score) }, minimumEvidenceShare: model.health.minimumEvidenceShare)
        let weightWithData = parts.filter { $0.2.score != nil }.reduce(0) { $0 + $1.1 }
        let components = parts.map { kind, weight, part, counts, enough in
            HealthComponent(
                component: kind, weight: weight, score: part.score, partyScores: part.partyScores,
                pointsRecoverable: part.score.map { ScoringMath.pointsRecoverable(weight: weight, score: $0, weightWithData: weightWithData) },
                evidence: part.evidence, evidenceCounts: counts, hasEnoughEvidence: enough)
        }
        return HealthReport(
            modelVersion: model.version, score: aggregate.score, band: ScoringMath.band(aggregate.score, model: model.health),
            evidenceShare: aggregate.evidenceShare, minimumEvidenceShare: model.health.minimumEvidenceShare, earlierScore: earlierScore,
            arrow: ScoringMath.arrow(current: aggregate.score, earlier: earlierScore, points: model.health.arrowPoints),
            components: components)
    }
}

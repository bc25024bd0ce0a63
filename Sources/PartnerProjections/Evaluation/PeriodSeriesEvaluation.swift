import Foundation
import PartnerDomain

extension PartnershipProjection {
    /// The partnership's figures period by period from `from` through `to` (both days included), as known at `knownAt`.
    ///
    /// Each period is a calendar month or quarter clipped to the range. Counts
    /// are of the events that occurred inside the period; health and
    /// transparency are evaluated at the period's last instant, so that the
    /// last point equals the evaluation as of the end of `to`. Periods before
    /// the partnership's opening are left out; a partnership not opened by the
    /// end of `to` has no points.
    ///
    /// ```swift
    /// let series = acme.periodSeries(from: jan1, to: dec31, period: .quarter, knownAt: nil, model: .default)
    /// series.points.map(\.health) // [71.2, 74.0, 78.5, 80.1]
    /// ```
    public func periodSeries(
        from: CalendarDate, to: CalendarDate, period: ReportPeriod, knownAt: Timestamp?, model: ScoringModel
    ) -> PeriodSeries {
        let end = to.adding(days: 1).startOfDay.adding(milliseconds: -1)
        let context = EvaluationContext(resolved: ResolvedPartnership(self, view: ViewPoint(asOf: end, knownAt: knownAt)), model: model)
        var series = PeriodSeries(
            partnership: slug, from: from, to: to, period: period, knownAt: knownAt, modelVersion: model.version, points: [])
        guard let openedAt = context.openedAt, from <= to else { return series }
        let first = max(from, openedAt.calendarDate)
        guard first <= to else { return series }
        let calendar = period == .month
            ? CalendarPeriod.months(from: first, through: to) : CalendarPeriod.quarters(from: first, through: to)
        let periods = calendar.map { whole in
            CalendarPeriod(
                name: whole.name, firstDay: max(whole.firstDay, first), nextFirstDay: min(whole.nextFirstDay, to.adding(days: 1)),
                ordinal: whole.ordinal)
        }
        let engagement = context.series(over: periods)
        series.points = periods.enumerated().map { index, period in
            let last = period.range.end.adding(milliseconds: -1)
            let atEnd = EvaluationContext(
                resolved: ResolvedPartnership(self, view: ViewPoint(asOf: last, knownAt: knownAt)), model: model)
            let transparency = atEnd.transparencyReport()
            let health = atEnd.healthReport(transparency: transparency)
            let whole = calendar[index]
            return PeriodPoint(
                period: period.name, firstDay: period.firstDay, lastDay: period.lastDay,
                isWhole: whole.firstDay == period.firstDay && whole.nextFirstDay == period.nextFirstDay,
                eventCount: context.resolved.eventTimes.filter { period.range.contains($0.occurredAt) }.count,
                health: health.score, band: health.band,
                parties: context.parties.map { party in
                    context.partyPeriod(
                        party, in: period.range, engagement: engagement[party]?[index].breakdown,
                        // a party short of the evidence its transparency needs has no score, as in health
                        transparency: transparency.party(party).flatMap { $0.hasEnoughEvidence ? $0.score : nil })
                })
        }
        return series
    }
}

extension EvaluationContext {
    /// One party's counts over a range (QBR attendees from the QBRs held in it), with its engagement breakdown and transparency score.
    func partyPeriod(_ party: String, in range: TimeRange, engagement: EngagementBreakdown?, transparency: Double?) -> PartyPeriod {
        let counts = engagement?.counts ?? EngagementCounts()
        let owned = resolved.commitments.filter { $0.terms.owner == party }
        func settled(_ kind: ResolvedCommitment.Outcome) -> Int {
            owned.filter { commitment in
                guard let outcome = commitment.outcome, outcome.kind == kind else { return false }
                return range.contains(outcome.stamp.occurredAt)
            }.count
        }
        let shared = resolved.opportunities.filter { range.contains($0.shared.occurredAt) }
        let won = resolved.opportunities.filter { opportunity in
            opportunity.terms.from == party && opportunity.won.map { range.contains($0.stamp.occurredAt) } ?? false
        }
        var byCurrency: [String?: Decimal] = [:]
        for opportunity in won {
            if let value = opportunity.won?.value { byCurrency[opportunity.terms.currency, default: 0] += value }
        }
        let wonValue = byCurrency.keys.sorted { ($0 ?? "") < ($1 ?? "") }.map { CurrencyAmount(currency: $0, amount: byCurrency[$0] ?? 0) }
        var qbrAttendees = SeniorityCounts()
        for meeting in resolved.meetings {
            guard let held = meeting.held, held.value.kind == .qbr, range.contains(held.stamp.occurredAt) else { continue }
            for attendee in held.value.attendees where attendee.party == party {
                switch attendee.seniority {
                case .exec: qbrAttendees.exec += 1
                case .director: qbrAttendees.director += 1
                case .manager: qbrAttendees.manager += 1
                case .individual: qbrAttendees.individual += 1
                }
            }
        }
        return PartyPeriod(
            party: party,
            engagement: engagement?.score,
            callsHeld: counts.callsHeld,
            callsAttended: counts.callsAttended,
            meetingsCancelled: counts.cancelled,
            meetingsMissed: counts.noShows,
            qbrsHeld: counts.qbrsHeld,
            qbrAttendees: qbrAttendees,
            commitmentsMade: owned.filter { range.contains($0.made.occurredAt) }.count,
            commitmentsFulfilled: settled(.fulfilled),
            commitmentsMissed: settled(.missed),
            opportunitiesShared: shared.filter { $0.terms.from == party }.count,
            opportunitiesReceived: shared.filter { $0.terms.to == party }.count,
            opportunitiesWon: won.count,
            wonValue: wonValue,
            transparency: transparency)
    }
}

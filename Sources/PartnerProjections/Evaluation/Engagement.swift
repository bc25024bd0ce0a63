import Foundation
import PartnerDomain

/// One party's operational engagement over a span of time, part by part, with its events.
struct EngagementBreakdown {
    var cadence: Double?
    var attendance: Double?
    var seniority: Double?
    var actions: Double?
    var score: Double?
    var counts = EngagementCounts()
    /// Calls the party attended, plus calls lost to another party's no-show or late cancellation.
    var callsKept = 0
    /// Calls the cadence expects over the span, when the cadence part has data.
    var expectedCalls: Double?
    /// Meetings whose attendance by the party is known: attended, recorded missing, or cancelled late by it.
    var tracked = 0
    /// No-shows and late cancellations.
    var misses = 0
    /// Action items closed by their due date, among those due, without smoothing.
    var actionsOnTimeShare: Double?
    var evidence: [Evidence] = []

    /// No-shows and late cancellations among tracked meetings.
    var missRate: Double? { tracked > 0 ? Double(misses) / Double(tracked) : nil }
}

extension EvaluationContext {
    /// A party's engagement over `range`, without decay:
    /// `100 * (0.35 cadence + 0.25 attendance + 0.2 seniority + 0.2 actions)`, parts without data left out and their weight spread.
    ///
    /// - cadence = `c(calls kept / (days / callCadenceDays))`. Calls kept are
    ///   calls held that the party attended, plus calls that did not take
    ///   place because another party did not show up or cancelled late (the
    ///   party was ready). The days are those of the span after the opening
    ///   and up to "as of"; the cadence has data when they cover one cadence
    ///   interval and either a meeting event falls in the span or the
    ///   partnership was open for all of it (silence is then evidence).
    /// - attendance = attended / tracked. A held meeting tracks the parties
    ///   that attended and those recorded missing (`MeetingMissed`); a party
    ///   neither listed nor recorded missing was not expected (a bilateral
    ///   meeting of a three-party partnership). A meeting that did not take
    ///   place tracks the parties recorded missing and a party that cancelled
    ///   with less than the late-cancellation notice; a cancellation without
    ///   a notice is given the benefit of the doubt.
    /// - seniority = mean over QBRs held of the party's most senior attendee (0 when absent).
    /// - actions = `L(closed by due, due)` over the party's action items whose due day ends in the span.
    func engagement(of party: String, over range: TimeRange) -> EngagementBreakdown {
        engagement(of: party, over: range, meetings: resolved.meetings, actionItems: resolved.actionItems)
    }

    /// A party's engagement over `range` from the given meetings and action items: every one that touches the range must be among them.
    private func engagement(
        of party: String, over range: TimeRange, meetings: [ResolvedMeeting], actionItems: [ResolvedActionItem]
    ) -> EngagementBreakdown {
        var result = EngagementBreakdown()
        var attended = 0
        var qbrValues: [Double] = []
        var hasMeetingEvent = false
        let lateHours = model.engagement.lateCancellationHours
        for meeting in meetings {
            if let held = meeting.held {
                guard range.contains(held.stamp.occurredAt) else { continue }
                hasMeetingEvent = true
                let details = held.value
                let attendees = details.attendees.contains { $0.party == party } ? details.attendees.filter { $0.party == party } : []
                result.counts.meetingsHeld += 1
                if details.kind == .call { result.counts.callsHeld += 1 }
                if details.kind == .qbr { result.counts.qbrsHeld += 1 }
                for attendee in attendees {
                    switch attendee.seniority {
                    case .exec: result.counts.execAttendees += 1
                    case .director: result.counts.directorAttendees += 1
                    case .manager: result.counts.managerAttendees += 1
                    case .individual: result.counts.individualAttendees += 1
                    }
                }
                if !attendees.isEmpty {
                    result.tracked += 1
                    attended += 1
                    result.counts.meetingsAttended += 1
                    result.evidence.append(makeEvidence(held.stamp, party: party, aspect: "attended", credit: 1))
                    if details.kind == .call {
                        result.callsKept += 1
                        result.counts.callsAttended += 1
                    }
                } else if let miss = meeting.misses.first(where: { $0.party == party && $0.stamp.occurredAt < range.end }) {
                    result.tracked += 1
                    result.misses += 1
                    result.counts.noShows += 1
                    result.evidence.append(makeEvidence(miss.stamp, party: party, aspect: "no-show", credit: 0))
                }
                if details.kind == .qbr {
                    let best = attendees.map { seniorityValue($0.seniority) }.max() ?? 0
                    qbrValues.append(best)
                    result.evidence.append(makeEvidence(held.stamp, party: party, aspect: "qbr-seniority", credit: best))
                }
            } else {
                var keptForParty = false
                for miss in meeting.misses where range.contains(miss.stamp.occurredAt) {
                    hasMeetingEvent = true
                    if miss.party == party {
                        result.tracked += 1
                        result.misses += 1
                        result.counts.noShows += 1
                        result.evidence.append(makeEvidence(miss.stamp, party: party, aspect: "no-show", credit: 0))
                    } else if meeting.kind == .call, !keptForParty {
                        keptForParty = true
                        result.callsKept += 1
                        result.evidence.append(makeEvidence(miss.stamp, party: party, aspect: "call-kept-other-absent", credit: 1))
                    }
                }
                for cancellation in meeting.cancellations where range.contains(cancellation.stamp.occurredAt) {
                    hasMeetingEvent = true
                    let isLate = cancellation.noticeHours.map { $0 < lateHours } ?? false
                    if cancellation.by == party {
                        result.counts.cancelled += 1
                        if isLate {
                            result.tracked += 1
                            result.misses += 1
                            result.counts.lateCancellations += 1
                            result.evidence.append(makeEvidence(cancellation.stamp, party: party, aspect: "late-cancellation", credit: 0))
                        }
                    } else if isLate, meeting.kind == .call, !keptForParty {
                        keptForParty = true
                        result.callsKept += 1
                        result.evidence.append(makeEvidence(cancellation.stamp, party: party, aspect: "call-kept-other-cancelled", credit: 1))
                    }
                }
            }
        }
        var due = 0
        var onTime = 0
        for action in actionItems where action.item.owner == party {
            if let closed = action.closed, range.contains(closed.occurredAt) {
                result.counts.actionItemsClosed += 1
            }
            guard range.contains(action.deadline) else { continue }
            due += 1
            if let closed = action.closed, closed.occurredAt <= action.deadline {
                onTime += 1
                result.evidence.append(makeEvidence(closed, party: party, aspect: "action-closed-on-time", credit: 1))
            } else {
                result.evidence.append(makeEvidence(action.closed ?? action.agreed, party: party, aspect: "action-not-closed-on-time", credit: 0))
            }
        }
        result.counts.actionItemsDue = due
        result.counts.actionItemsClosedOnTime = onTime

        let cadenceDays = callCadenceDays(at: min(range.end.adding(milliseconds: -1), asOf))
        let spanStart = max(range.start, openedAt ?? range.start)
        let spanEnd = min(range.end, asOf)
        let days = spanEnd.days(since: spanStart)
        if openedAt != nil, days >= Double(cadenceDays), hasMeetingEvent || wasOpen(at: range.start) {
            let expected = days / Double(cadenceDays)
            result.expectedCalls = expected
            result.cadence = ScoringMath.clamp(Double(result.callsKept) / expected)
        }
        result.attendance = result.tracked > 0 ? Double(attended) / Double(result.tracked) : nil
        result.seniority = qbrValues.isEmpty ? nil : qbrValues.reduce(0, +) / Double(qbrValues.count)
        result.actions = due > 0 ? ScoringMath.smoothedShare(Double(onTime), of: Double(due)) : nil
        result.actionsOnTimeShare = due > 0 ? Double(onTime) / Double(due) : nil
        let weights = model.engagement
        result.score = ScoringMath.weightedScore([
            (weights.cadenceWeight, result.cadence),
            (weights.attendanceWeight, result.attendance),
            (weights.seniorityWeight, result.seniority),
            (weights.actionsWeight, result.actions),
        ])
        result.evidence = result.evidence.stablySorted()
        return result
    }
}

/// One period of a party's engagement series.
struct SeriesPoint {
    let period: CalendarPeriod
    let breakdown: EngagementBreakdown
    let isComplete: Bool

    var publicPoint: EngagementPoint {
        EngagementPoint(
            period: period.name, firstDay: period.firstDay, lastDay: period.lastDay, isComplete: isComplete,
            score: breakdown.score, cadence: breakdown.cadence, attendance: breakdown.attendance,
            seniority: breakdown.seniority, actions: breakdown.actions, counts: breakdown.counts)
    }
}

/// A CUSUM shift with the period it names.
struct DetectedShift {
    let period: CalendarPeriod
    let alert: ShiftAlert
}

extension EvaluationContext {
    /// Each party's series over `periods`, by party id.
    func series(over periods: [CalendarPeriod]) -> [String: [SeriesPoint]] {
        // Sort each meeting and action item into the periods its events fall in, so that each period reads only its own.
        let starts = periods.map(\.range.start)
        func period(of instant: Timestamp) -> Int? {
            guard let first = starts.first, instant >= first, let last = periods.last, instant < last.range.end else { return nil }
            var low = 0
            var high = starts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= instant { low = middle } else { high = middle - 1 }
            }
            return low
        }
        // A meeting or action item goes once into each period an instant of it falls in.
        var meetings = Array(repeating: [ResolvedMeeting](), count: periods.count)
        for meeting in resolved.meetings {
            if let held = meeting.held {
                if let index = period(of: held.stamp.occurredAt) { meetings[index].append(meeting) }
                continue
            }
            var added: [Int] = []
            for instant in meeting.misses.map(\.stamp.occurredAt) + meeting.cancellations.map(\.stamp.occurredAt) {
                guard let index = period(of: instant), !added.contains(index) else { continue }
                added.append(index)
                meetings[index].append(meeting)
            }
        }
        var actionItems = Array(repeating: [ResolvedActionItem](), count: periods.count)
        for action in resolved.actionItems {
            let due = period(of: action.deadline)
            if let due { actionItems[due].append(action) }
            if let closed = action.closed.flatMap({ period(of: $0.occurredAt) }), closed != due { actionItems[closed].append(action) }
        }
        var result: [String: [SeriesPoint]] = [:]
        for party in parties {
            result[party] = periods.indices.map { index in
                let period = periods[index]
                return SeriesPoint(
                    period: period,
                    breakdown: engagement(of: party, over: period.range, meetings: meetings[index], actionItems: actionItems[index]),
                    isComplete: period.isComplete(asOf: asOf))
            }
        }
        return result
    }

    /// The months from the opening's month through the month of "as of".
    var months: [CalendarPeriod] {
        guard let openedAt else { return [] }
        return CalendarPeriod.months(from: openedAt.calendarDate, through: asOf.calendarDate)
    }

    /// The quarters from the opening's quarter through the quarter of "as of".
    var quarters: [CalendarPeriod] {
        guard let openedAt else { return [] }
        return CalendarPeriod.quarters(from: openedAt.calendarDate, through: asOf.calendarDate)
    }

    /// The Theil-Sen direction over the last `count` periods complete by `cutoff`, skipping periods without a score.
    func trend(of points: [SeriesPoint], party: String?, lastComplete count: Int, by cutoff: Timestamp) -> PartyTrend {
        let recent = points.filter { $0.period.isComplete(asOf: cutoff) }.suffix(count).filter { $0.breakdown.score != nil }
        let estimate = ScoringMath.theilSen(
            recent.map { (Double($0.period.ordinal), $0.breakdown.score ?? 0) }, confidenceLevel: model.trend.confidenceLevel)
        return PartyTrend(
            party: party, periods: recent.map(\.period.name), estimate: estimate,
            direction: ScoringMath.direction(of: estimate, threshold: model.trend.slopePointsPerMonth))
    }

    /// The weaker party: the one whose scored months among the last `count` complete by "as of"
    /// have the lower mean (DOMAIN.md: the partnership's trend follows the weaker party's series);
    /// the first declared among equals; nil when no party has a scored month.
    ///
    /// Following one party's whole series, rather than each month's minimum over parties, keeps
    /// the partnership's trend the same series as that party's own trend and flags: a month-wise
    /// minimum can fall while every party's own series is flat.
    func weakerParty(_ series: [String: [SeriesPoint]], lastComplete count: Int) -> String? {
        var weakest: (party: String, mean: Double)?
        for party in parties {
            let scores = (series[party] ?? []).filter { $0.period.isComplete(asOf: asOf) }.suffix(count).compactMap(\.breakdown.score)
            guard !scores.isEmpty else { continue }
            let mean = scores.reduce(0, +) / Double(scores.count)
            if weakest.map({ mean < $0.mean }) ?? true { weakest = (party, mean) }
        }
        return weakest?.party
    }

    /// CUSUM shifts in a party's complete, scored months up to `cutoff`, with each month's meeting events.
    func shifts(of points: [SeriesPoint], party: String, by cutoff: Timestamp) -> [DetectedShift] {
        let scored = points.filter { $0.period.isComplete(asOf: cutoff) && $0.breakdown.score != nil }
        let settings = model.cusum
        guard let result = ScoringMath.cusum(
            scored.map { $0.breakdown.score ?? 0 }, baselineCount: model.windows.cusumBaselineMonths,
            k: settings.k, h: settings.h, minimumStandardDeviation: settings.minimumStandardDeviation)
        else { return [] }
        return result.signals.map { signal in
            let point = scored[signal.index]
            return DetectedShift(period: point.period, alert: ShiftAlert(
                party: party, period: point.period.name, direction: signal.direction, score: point.breakdown.score ?? 0,
                baselineMean: result.mean, baselineStandardDeviation: result.standardDeviation,
                statistic: signal.statistic, events: point.breakdown.evidence.eventIds))
        }
    }
}

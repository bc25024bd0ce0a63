import Foundation
import PartnerDomain

/// A component's score and evidence before the health aggregation adds weights and recoverable points.
struct ComponentScore {
    var score: Double?
    var partyScores: [PartyScore] = []
    var evidence: [Evidence] = []
}

/// How one commitment counts toward its owner's reliability.
struct CommitmentAssessment {
    var credit: Double
    /// When the credit was settled: the fulfilment or miss, or the day after the due date for an overdue open commitment.
    var settledAt: Timestamp
    /// The event that settled it (the `CommitmentMade` for an overdue one).
    var event: EventStamp
    var aspect: String
}

extension EvaluationContext {
    /// How a commitment counts as of "as of"; nil when it does not count (withdrawn, or open and not yet due).
    ///
    /// A renegotiation moves the due date only when made at least the notice
    /// (7 days) before the date it moves; a later one leaves the date where it
    /// was, so delivering by the late new date still counts as late. Credits:
    /// on time 1.0; by a date renegotiated in time 0.9; up to 14 days late
    /// 0.6; later, missed, or overdue and open 0. Days compare calendar days
    /// in UTC.
    func assess(_ commitment: ResolvedCommitment) -> CommitmentAssessment? {
        let settings = model.commitments
        var due = commitment.terms.dueDate
        var renegotiated = false
        for renegotiation in commitment.renegotiations
        where renegotiation.stamp.occurredAt.calendarDate.days(until: due) >= settings.renegotiationNoticeDays {
            due = renegotiation.newDueDate
            renegotiated = true
        }
        switch commitment.outcome {
        case let (.fulfilled, stamp)?:
            let daysLate = due.days(until: stamp.occurredAt.calendarDate)
            if daysLate <= 0 {
                return CommitmentAssessment(
                    credit: renegotiated ? settings.renegotiatedCredit : settings.onTimeCredit, settledAt: stamp.occurredAt,
                    event: stamp, aspect: renegotiated ? "fulfilled-as-renegotiated" : "fulfilled-on-time")
            }
            if daysLate <= settings.lateToleranceDays {
                return CommitmentAssessment(credit: settings.lateCredit, settledAt: stamp.occurredAt, event: stamp, aspect: "fulfilled-late")
            }
            return CommitmentAssessment(credit: settings.missedCredit, settledAt: stamp.occurredAt, event: stamp, aspect: "fulfilled-too-late")
        case let (.missed, stamp)?:
            return CommitmentAssessment(credit: settings.missedCredit, settledAt: stamp.occurredAt, event: stamp, aspect: "missed")
        case (.withdrawn, _)?:
            return nil
        case nil:
            guard asOf.calendarDate > due else { return nil }
            return CommitmentAssessment(
                credit: settings.missedCredit, settledAt: due.adding(days: 1).startOfDay, event: commitment.made, aspect: "overdue")
        }
    }

    /// Commitment reliability: the minimum over owners of `100 * (sum w*credit + 1.4) / (sum w + 2)`, over commitments settled in the health window.
    ///
    /// Only parties that owe a commitment settled in the window have a score;
    /// a party that promised nothing is not scored (the short-term-gain flag
    /// looks at that).
    func commitmentReliability() -> ComponentScore {
        let window = window(days: model.windows.healthDays)
        var outcomes: [String: [(weight: Double, credit: Double)]] = [:]
        var evidence: [Evidence] = []
        for commitment in resolved.commitments {
            guard let assessment = assess(commitment), window.contains(assessment.settledAt) else { continue }
            let weight = decay(at: assessment.settledAt)
            let owner = commitment.terms.owner
            outcomes[owner, default: []].append((weight, assessment.credit))
            evidence.append(Evidence(
                eventId: assessment.event.id, occurredAt: assessment.settledAt, party: owner,
                aspect: assessment.aspect, weight: weight, credit: assessment.credit))
        }
        let settings = model.commitments
        let scores = ordered(outcomes.keys).compactMap { party in
            outcomes[party].map {
                PartyScore(party: party, score: ScoringMath.commitmentScore($0, priorCredit: settings.priorCredit, priorWeight: settings.priorWeight))
            }
        }
        return ComponentScore(score: scores.map(\.score).min(), partyScores: scores, evidence: evidence.stablySorted())
    }

    /// Operational engagement: the minimum over parties of their engagement over the health window.
    func operationalEngagement() -> (component: ComponentScore, breakdowns: [String: EngagementBreakdown]) {
        let window = window(days: model.windows.healthDays)
        var breakdowns: [String: EngagementBreakdown] = [:]
        var scores: [PartyScore] = []
        var evidence: [Evidence] = []
        for party in parties {
            let breakdown = engagement(of: party, over: window)
            breakdowns[party] = breakdown
            evidence += breakdown.evidence
            if let score = breakdown.score {
                scores.append(PartyScore(party: party, score: score))
            }
        }
        return (ComponentScore(score: scores.map(\.score).min(), partyScores: scores, evidence: evidence.stablySorted()), breakdowns)
    }

    /// Joint value over the health window: `100 * (0.4 c(shared / 4) + 0.3 L(accepted, shared) + 0.3 L(won, decided))`.
    ///
    /// `shared` counts opportunities shared in the window and `accepted` those
    /// of them accepted by "as of" (won and lost ones were accepted first);
    /// `won` and `decided` count wins and wins plus losses recorded in the
    /// window, whenever the opportunity was shared, since deals often take
    /// longer than the window to close. It has data when any opportunity
    /// event falls in the window.
    func jointValue() -> ComponentScore {
        let window = window(days: model.windows.healthDays)
        var shared = 0
        var accepted = 0
        var won = 0
        var decided = 0
        var hasData = false
        var evidence: [Evidence] = []
        for opportunity in resolved.opportunities {
            let giver = opportunity.terms.from
            if window.contains(opportunity.shared.occurredAt) {
                shared += 1
                hasData = true
                if opportunity.isAccepted { accepted += 1 }
                evidence.append(makeEvidence(opportunity.shared, party: giver, aspect: "shared", credit: opportunity.isAccepted ? 1 : 0))
            }
            for decision in [opportunity.accepted, opportunity.declined] {
                if let decision, window.contains(decision.occurredAt) { hasData = true }
            }
            if let win = opportunity.won, window.contains(win.stamp.occurredAt) {
                won += 1
                decided += 1
                hasData = true
                evidence.append(makeEvidence(win.stamp, party: giver, aspect: "won", credit: 1))
            }
            if let loss = opportunity.lost, window.contains(loss.occurredAt) {
                decided += 1
                hasData = true
                evidence.append(makeEvidence(loss, party: giver, aspect: "lost", credit: 0))
            }
        }
        guard hasData else { return ComponentScore(score: nil) }
        let score = ScoringMath.jointValueScore(
            shared: Double(shared), accepted: Double(accepted), won: Double(won), decided: Double(decided), model: model.jointValue)
        return ComponentScore(score: score, evidence: evidence.stablySorted())
    }

    /// The charter level 0..100 as of "as of", and the charter's event.
    ///
    /// 0 without a charter; 25 when not every party signed; 50 when all did;
    /// 75 with success measures; 100 when, besides, a QBR held after the
    /// charter and within the review window reviewed the scorecard.
    func charterLevel() -> (level: Double, evidence: [EventStamp]) {
        guard let charter = resolved.charter else { return (0, []) }
        let levels = model.alignment.charterLevels
        guard Set(parties).isSubset(of: charter.value.signedBy) else { return (levels.notSignedByAll, [charter.stamp]) }
        guard charter.value.hasSuccessMeasures else { return (levels.signedByAll, [charter.stamp]) }
        let review = window(days: model.windows.charterReviewDays)
        let reviewed = resolved.meetings.last { meeting in
            guard let held = meeting.held else { return false }
            return held.value.kind == .qbr && held.value.scorecardReviewed && review.contains(held.stamp.occurredAt)
                && held.stamp.occurredAt >= charter.stamp.occurredAt
        }
        if let held = reviewed?.held {
            return (levels.reviewedAtQBR, [charter.stamp, held.stamp])
        }
        return (levels.withSuccessMeasures, [charter.stamp])
    }

    /// The share of declared objectives the charter in force makes joint; nil without objectives.
    func objectiveCoverage() -> Double? {
        guard !resolved.objectives.isEmpty else { return nil }
        let joint = Set(resolved.charter?.value.jointObjectiveIds ?? [])
        let linked = resolved.objectives.filter { joint.contains($0.value.objectiveId) }.count
        return Double(linked) / Double(resolved.objectives.count)
    }

    /// The mean absolute difference between parties' latest scores on one dimension (over every pair of respondents); nil with fewer than two.
    func surveyGap(on dimension: SurveyDimension) -> Double? {
        let scores = resolved.surveys.filter { $0.value.dimension == dimension }.map { Double($0.value.score) }
        guard scores.count >= 2 else { return nil }
        var total = 0.0
        var pairs = 0.0
        for i in scores.indices {
            for j in scores.indices where j > i {
                total += abs(scores[i] - scores[j])
                pairs += 1
            }
        }
        return total / pairs
    }

    /// The survey gap: the mean over dimensions answered by two parties or more of each dimension's gap.
    func surveyGap() -> Double? {
        let gaps = SurveyDimension.allCases.compactMap { surveyGap(on: $0) }
        return gaps.isEmpty ? nil : gaps.reduce(0, +) / Double(gaps.count)
    }

    /// Alignment: `0.5 charterLevel + 30 objectiveCoverage + 20 (1 - surveyGap / 4)`.
    ///
    /// It has data once a charter, an objective or a survey answer stands, or
    /// once the partnership has been open for a whole health window (no
    /// charter by then is evidence).
    func alignment() -> ComponentScore {
        let hasData = resolved.charter != nil || !resolved.objectives.isEmpty || !resolved.surveys.isEmpty
            || wasOpen(at: window(days: model.windows.healthDays).start)
        guard hasData else { return ComponentScore(score: nil) }
        let (level, charterEvents) = charterLevel()
        var evidence = charterEvents.map { makeEvidence($0, party: nil, aspect: "charter-level", credit: level / 100) }
        let joint = Set(resolved.charter?.value.jointObjectiveIds ?? [])
        for objective in resolved.objectives {
            let linked = joint.contains(objective.value.objectiveId)
            evidence.append(makeEvidence(objective.stamp, party: objective.value.party, aspect: linked ? "objective-joint" : "objective-not-joint", credit: linked ? 1 : 0))
        }
        for answer in resolved.surveys {
            evidence.append(makeEvidence(answer.stamp, party: answer.value.party, aspect: "survey-\(answer.value.dimension.rawValue)", credit: Double(answer.value.score)))
        }
        let score = ScoringMath.alignmentScore(
            charterLevel: level, objectiveCoverage: objectiveCoverage(), surveyGap: surveyGap(), model: model.alignment)
        return ComponentScore(score: score, evidence: evidence.stablySorted())
    }
}

import Foundation
import PartnerDomain

/// Views already computed at the context's view point, so that counting evidence does not compute them again.
struct ComputedViews {
    var engagementWindow: [String: EngagementBreakdown]?
    var transparency: TransparencyReport?
    var reciprocity: ReciprocityReport?
    var monthly: [String: [SeriesPoint]]?
}

extension EvaluationContext {
    /// How much evidence of a kind stands as of "as of": for `party`, or for the partnership when nil.
    ///
    /// Each measure's window is stated on ``EvidenceMeasure``. A measure that
    /// is per party counts, for the partnership, the most any party has.
    func evidenceCount(_ measure: EvidenceMeasure, party: String?, views: ComputedViews = ComputedViews()) -> Double {
        guard let party else {
            switch measure {
            case .exchanges, .objectivesDeclared, .investments:
                return partnershipCount(measure, views: views)
            default:
                return measure.isPerParty
                    ? parties.map { evidenceCount(measure, party: $0, views: views) }.max() ?? 0
                    : partnershipCount(measure, views: views)
            }
        }
        switch measure {
        case .daysOpen, .qbrsHeld, .opportunityEvents, .commitmentsSettled, .strategicSurveyAnswers, .meetingsWithOrganizer:
            return partnershipCount(measure, views: views)
        case .callsDue:
            return engagementBreakdown(of: party, views: views).expectedCalls ?? 0
        case .meetingsTracked:
            return Double(engagementBreakdown(of: party, views: views).tracked)
        case .actionItemsDue:
            return Double(engagementBreakdown(of: party, views: views).counts.actionItemsDue)
        case .requestsReceived:
            let window = window(days: model.windows.transparencyDays)
            return Double(resolved.requests.filter { $0.to == party && window.contains($0.stamp.occurredAt) }.count)
        case .opportunitiesReceived:
            let window = window(days: model.windows.appetiteOpportunityDays)
            return Double(resolved.opportunities.filter { $0.terms.to == party && window.contains($0.shared.occurredAt) }.count)
        case .transparencyEvents:
            let report = views.transparency ?? transparencyReport()
            return Double(report.party(party)?.evidence.count ?? 0)
        case .exchanges:
            let report = views.reciprocity ?? reciprocityReport(windowDays: model.windows.reciprocityDays)
            let items = report.pairs.filter { $0.partyA == party || $0.partyB == party }.flatMap(\.flows).flatMap(\.evidence)
            return Double(items.count)
        case .objectivesDeclared:
            return Double(resolved.objectives.filter { $0.value.party == party }.count)
        case .surprises:
            let window = window(days: model.windows.surpriseDays)
            return Double(resolved.surprises.filter { $0.about == party && window.contains($0.stamp.occurredAt) }.count)
        case .investments:
            return Double(resolved.investments.filter { $0.value.party == party }.count)
        case .monthsScored:
            let points = views.monthly?[party] ?? series(over: months)[party] ?? []
            let recent = points.filter { $0.period.isComplete(asOf: asOf) }.suffix(model.windows.trendMonths)
            return Double(recent.filter { $0.breakdown.score != nil }.count)
        }
    }

    /// The counts of a need for `party` (nil: the partnership).
    func check(_ need: EvidenceNeed, party: String?, views: ComputedViews = ComputedViews()) -> [EvidenceCount] {
        need.check(party: party) { evidenceCount($0, party: party, views: views) }
    }

    private func partnershipCount(_ measure: EvidenceMeasure, views: ComputedViews) -> Double {
        switch measure {
        case .daysOpen:
            return openedAt.map { max(0, asOf.days(since: $0).rounded(.down)) } ?? 0
        case .qbrsHeld:
            return Double(resolved.meetings.filter { $0.held?.value.kind == .qbr }.count)
        case .opportunityEvents:
            let window = window(days: model.windows.healthDays)
            return Double(resolved.opportunities.reduce(0) { total, opportunity in
                let stamps = [opportunity.shared, opportunity.accepted, opportunity.declined, opportunity.won?.stamp, opportunity.lost]
                return total + stamps.compactMap { $0 }.filter { window.contains($0.occurredAt) }.count
            })
        case .commitmentsSettled:
            let window = window(days: model.windows.healthDays)
            return Double(resolved.commitments.compactMap(assess).filter { window.contains($0.settledAt) }.count)
        case .exchanges:
            let report = views.reciprocity ?? reciprocityReport(windowDays: model.windows.reciprocityDays)
            return Double(report.pairs.flatMap(\.flows).flatMap(\.evidence).count)
        case .objectivesDeclared:
            return Double(resolved.objectives.count)
        case .strategicSurveyAnswers:
            return Double(Set(resolved.surveys.filter { $0.value.dimension == .strategic }.map(\.value.party)).count)
        case .meetingsWithOrganizer:
            let window = window(days: model.windows.healthDays)
            return Double(resolved.meetings.compactMap(\.held).filter {
                window.contains($0.stamp.occurredAt) && $0.value.organizer != nil
            }.count)
        case .investments:
            return Double(resolved.investments.count)
        default:
            return parties.map { evidenceCount(measure, party: $0, views: views) }.max() ?? 0
        }
    }

    private func engagementBreakdown(of party: String, views: ComputedViews) -> EngagementBreakdown {
        views.engagementWindow?[party] ?? engagement(of: party, over: window(days: model.windows.healthDays))
    }
}

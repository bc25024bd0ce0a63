import Foundation

/// One-line, human summaries of events, as `pledger history` prints them.
///
/// ```swift
/// EventSummary.line(for: .commitmentFulfilled(CommitmentFulfilled(commitmentId: "c-7f3a2", quality: 4)))
/// // "commitment c-7f3a2 fulfilled, quality 4/5"
/// ```
public enum EventSummary {
    /// The summary of one event. Free texts are quoted and cut to ``maximumTextLength`` characters.
    ///
    /// `retractedEvent` names the target of a retraction as the reader knows it, such as
    /// `#177 OpportunityWon`; without it the target's id is shown.
    public static func line(for event: PartnershipEvent, retractedEvent: String? = nil) -> String {
        switch event {
        case .partnershipOpened(let opened):
            let parties = opened.parties.map(\.id).joined(separator: ", ")
            return "opened \(quote(opened.name)) as \(opened.declaredType.rawValue) between \(parties)"
        case .partnershipClosed(let closed):
            return "closed: \(quote(closed.reason))"
        case .objectiveDeclared(let objective):
            return "\(objective.party) declares objective \(objective.objectiveId) (\(objective.kind.rawValue), \(objective.horizon.rawValue) term): \(quote(objective.statement))"
        case .charterAgreed(let charter):
            let joint = charter.jointObjectiveIds.isEmpty ? "" : " on \(charter.jointObjectiveIds.joined(separator: ", "))"
            return "charter \(charter.charterId) signed by \(charter.signedBy.joined(separator: ", "))\(joint): \(quote(charter.why))"
        case .weakSpotAssessed(let assessment):
            return "\(assessment.party) rates itself \(assessment.rating)/5 on \(assessment.area.rawValue)"
        case .healthSurveyed(let survey):
            return "\(survey.respondentParty) scores \(survey.dimension.rawValue) health \(survey.score)/5"
        case .meetingScheduled(let meeting):
            return "\(meeting.kind.rawValue) \(meeting.meetingId) scheduled\(meeting.organizer.map { " by \($0)" } ?? " (organiser not recorded)") for \(meeting.scheduledFor)"
        case .meetingHeld(let meeting):
            let attendees = meeting.attendees.map { "\($0.party) \($0.seniority.rawValue)" }.joined(separator: ", ")
            let actions = meeting.actionItems.map { $0.isEmpty ? "" : ", \(count($0.count, "action item"))" } ?? ""
            return "\(meeting.kind.rawValue) \(meeting.meetingId) held, \(meeting.organizer.map { "organised by \($0)" } ?? "organiser not recorded"): \(attendees)\(actions)"
        case .meetingCancelled(let cancellation):
            let notice = cancellation.noticeHours.map { " with \($0) h notice" } ?? ""
            return "meeting \(cancellation.meetingId) cancelled by \(cancellation.by)\(notice)"
        case .meetingMissed(let miss):
            return "\(miss.absentParty) missed meeting \(miss.meetingId)"
        case .actionItemClosed(let closing):
            return "action item \(closing.actionId) closed"
        case .opportunityShared(let opportunity):
            var details: [String] = []
            if let value = opportunity.estimatedValue { details.append(money(value, opportunity.currency?.code)) }
            if let account = opportunity.account { details.append("account \(quote(account))") }
            let suffix = details.isEmpty ? "" : " (\(details.joined(separator: ", ")))"
            return "\(opportunity.from) shares \(opportunity.kind.rawValue) \(opportunity.opportunityId) with \(opportunity.to)\(suffix)"
        case .opportunityAccepted(let decision):
            return "opportunity \(decision.opportunityId) accepted\(reason(decision.reason))"
        case .opportunityDeclined(let decision):
            return "opportunity \(decision.opportunityId) declined\(reason(decision.reason))"
        case .opportunityWon(let outcome):
            return "opportunity \(outcome.opportunityId) won\(outcome.value.map { ", value \(money($0, nil))" } ?? "")\(reason(outcome.reason))"
        case .opportunityLost(let outcome):
            return "opportunity \(outcome.opportunityId) lost\(outcome.value.map { ", value \(money($0, nil))" } ?? "")\(reason(outcome.reason))"
        case .commitmentMade(let commitment):
            let value = commitment.value.map { ", worth \(money($0, nil))" } ?? ""
            return "\(commitment.owner) commits \(commitment.kind.rawValue) \(commitment.commitmentId) to \(commitment.beneficiary) by \(commitment.dueDate)\(value): \(quote(commitment.description))"
        case .commitmentFulfilled(let outcome):
            return "commitment \(outcome.commitmentId) fulfilled\(outcome.quality.map { ", quality \($0)/5" } ?? "")"
        case .commitmentMissed(let outcome):
            return "commitment \(outcome.commitmentId) missed\(reason(outcome.reason))"
        case .commitmentRenegotiated(let renegotiation):
            return "commitment \(renegotiation.commitmentId) moved to \(renegotiation.newDueDate) at \(renegotiation.requestedBy)'s request\(reason(renegotiation.reason))"
        case .commitmentWithdrawn(let withdrawal):
            return "commitment \(withdrawal.commitmentId) withdrawn by \(withdrawal.by)\(reason(withdrawal.reason))"
        case .investmentMade(let investment):
            let amount = investment.kind == .hours ? "\(investment.amount) hours" : money(investment.amount, investment.currency.code)
            let upfront = investment.upfront ? " upfront" : ""
            let expected = investment.expectedReturnBy.map { ", return expected by \($0)" } ?? ""
            return "\(investment.party) invests \(amount) as \(investment.kind.rawValue)\(upfront)\(expected)"
        case .execAccessRequested(let request):
            let outcome = request.granted.map { $0 ? ", granted" : ", refused" } ?? ""
            return "\(request.by) asks for executive access\(outcome)"
        case .informationShared(let sharing):
            return "\(sharing.from) shares \(sharing.category.rawValue) with \(sharing.to) (\(sharing.depth.rawValue))"
        case .informationRequested(let request):
            return "\(request.by) asks \(request.to) for \(request.category.rawValue) (\(request.requestId))"
        case .informationRequestAnswered(let answer):
            return "request \(answer.requestId) answered\(reason(answer.reason))"
        case .informationRequestDeclined(let refusal):
            return "request \(refusal.requestId) declined\(reason(refusal.reason))"
        case .disclosureMade(let disclosure):
            return "\(disclosure.party) discloses\(disclosure.proactive ? " proactively" : " when asked"): \(quote(disclosure.topic))"
        case .surpriseDiscovered(let surprise):
            return "\(surprise.affectedParty) is surprised by \(surprise.aboutParty): \(quote(surprise.topic))"
        case .eventRetracted(let retraction):
            return "retracts \(retractedEvent ?? "event " + retraction.targetEventId.uuidString.lowercased()): \(quote(retraction.reason))"
        case .relationshipReclassified(let reclassification):
            return "reclassified as \(reclassification.label.rawValue): \(quote(reclassification.rationale))"
        }
    }

    /// Free texts longer than this are cut, with an ellipsis.
    public static let maximumTextLength = 60

    private static func quote(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        let cut = flat.count > maximumTextLength ? String(flat.prefix(maximumTextLength - 1)) + "…" : flat
        return "\"\(cut)\""
    }

    private static func reason(_ text: String?) -> String {
        text.map { ": \(quote($0))" } ?? ""
    }

    private static func money(_ amount: Decimal, _ currency: String?) -> String {
        currency.map { "\(amount) \($0)" } ?? "\(amount)"
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        number == 1 ? "1 \(noun)" : "\(number) \(noun)s"
    }
}

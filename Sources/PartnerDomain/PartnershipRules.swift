import Foundation

/// The rules of each event type against the state of one open partnership. See ``PartnershipRegistry/validate(_:partnership:)``.
struct PartnershipRules {
    let state: PartnershipState
    let events: [UUID: PartnershipRegistry.EventRecord]

    private var slug: String { JSONText.quoted(state.slug) }

    func check(_ event: PartnershipEvent) throws(DomainError) {
        switch event {
        case .partnershipOpened(let opened):
            try Self.checkOpening(opened)
        case .partnershipClosed(let closing):
            try text(closing.reason, at: "payload.reason")
        case .objectiveDeclared(let objective):
            try newId(objective.objectiveId, at: "payload.objectiveId", exists: state.hasObjective, entity: "objective", code: .duplicateObjective)
            try party(objective.party, at: "payload.party")
            try text(objective.statement, at: "payload.statement")
        case .charterAgreed(let charter):
            try checkCharter(charter)
        case .weakSpotAssessed(let assessment):
            try party(assessment.party, at: "payload.party")
            try rating(assessment.rating, at: "payload.rating", scale: "1 = this is our weak spot, 5 = a strength")
        case .healthSurveyed(let survey):
            try party(survey.respondentParty, at: "payload.respondentParty")
            try rating(survey.score, at: "payload.score", scale: "1 = poor, 5 = healthy")
        case .meetingScheduled(let meeting):
            try newId(meeting.meetingId, at: "payload.meetingId", exists: { state.meetingStatus($0) != nil }, entity: "meeting", code: .duplicateMeeting)
            try party(meeting.organizer, at: "payload.organizer")
        case .meetingHeld(let meeting):
            try checkMeetingHeld(meeting)
        case .meetingCancelled(let cancellation):
            try checkCancellation(cancellation)
        case .meetingMissed(let miss):
            try checkMiss(miss)
        case .actionItemClosed(let closing):
            try checkActionItemClosed(closing)
        case .opportunityShared(let opportunity):
            try checkOpportunityShared(opportunity)
        case .opportunityAccepted(let decision):
            try opportunity(decision.opportunityId, mustBe: .shared, becoming: "accepted")
        case .opportunityDeclined(let decision):
            try opportunity(decision.opportunityId, mustBe: .shared, becoming: "declined")
        case .opportunityWon(let outcome):
            try opportunity(outcome.opportunityId, mustBe: .accepted, becoming: "won")
            try nonNegative(outcome.value, at: "payload.value")
        case .opportunityLost(let outcome):
            try opportunity(outcome.opportunityId, mustBe: .accepted, becoming: "lost")
            try nonNegative(outcome.value, at: "payload.value")
        case .commitmentMade(let commitment):
            try checkCommitmentMade(commitment)
        case .commitmentFulfilled(let outcome):
            try openCommitment(outcome.commitmentId)
            if let quality = outcome.quality {
                try rating(quality, at: "payload.quality", scale: "1 = poor, 5 = excellent")
            }
        case .commitmentMissed(let outcome):
            try openCommitment(outcome.commitmentId)
        case .commitmentRenegotiated(let renegotiation):
            try checkRenegotiation(renegotiation)
        case .commitmentWithdrawn(let withdrawal):
            try openCommitment(withdrawal.commitmentId)
            try party(withdrawal.by, at: "payload.by")
        case .investmentMade(let investment):
            try checkInvestment(investment)
        case .execAccessRequested(let request):
            try party(request.by, at: "payload.by")
        case .informationShared(let sharing):
            try party(sharing.from, at: "payload.from")
            try party(sharing.to, at: "payload.to")
            try distinct(sharing.to, from: sharing.from, at: "payload.to", otherField: "payload.from", because: "information is shared with another party")
        case .informationRequested(let request):
            try newId(request.requestId, at: "payload.requestId", exists: { state.requestStatus($0) != nil }, entity: "information request", code: .duplicateRequest)
            try party(request.by, at: "payload.by")
            try party(request.to, at: "payload.to")
            try distinct(request.to, from: request.by, at: "payload.to", otherField: "payload.by", because: "information is requested from another party")
        case .informationRequestAnswered(let answer):
            try openRequest(answer.requestId, becoming: "answered")
        case .informationRequestDeclined(let refusal):
            try openRequest(refusal.requestId, becoming: "declined")
        case .disclosureMade(let disclosure):
            try party(disclosure.party, at: "payload.party")
            try text(disclosure.topic, at: "payload.topic")
        case .surpriseDiscovered(let surprise):
            try party(surprise.affectedParty, at: "payload.affectedParty")
            try party(surprise.aboutParty, at: "payload.aboutParty")
            try distinct(surprise.aboutParty, from: surprise.affectedParty, at: "payload.aboutParty", otherField: "payload.affectedParty", because: "a party is surprised by what another party kept back")
            try text(surprise.topic, at: "payload.topic")
        case .eventRetracted(let retraction):
            try checkRetraction(retraction)
        case .relationshipReclassified(let reclassification):
            if reclassification.label == state.label {
                throw DomainError(
                    code: .unchangedValue, field: "payload.label", value: JSONText.quoted(reclassification.label.rawValue),
                    message: "\(JSONText.quoted(reclassification.label.rawValue)) is already the label of partnership \(slug). Give a different label, or record nothing.")
            }
            try text(reclassification.rationale, at: "payload.rationale")
        }
    }

    // MARK: Setup

    /// The rules of `PartnershipOpened` that need no state: at least two distinct, well-formed parties, names, cadences.
    static func checkOpening(_ opened: PartnershipOpened) throws(DomainError) {
        try text(opened.name, at: "payload.name")
        guard opened.parties.count >= 2 else {
            throw DomainError(
                code: .tooFewParties, field: "payload.parties", value: String(opened.parties.count),
                message: "lists \(opened.parties.count) \(opened.parties.count == 1 ? "party" : "parties"). A partnership needs at least two parties; add the others.")
        }
        var seen: Set<String> = []
        for (index, party) in opened.parties.enumerated() {
            let field = "payload.parties[\(index)].id"
            do throws(DomainError) {
                try Slug.validate(party.id, as: "party id")
            } catch {
                throw error.at(field: field)
            }
            guard seen.insert(party.id).inserted else {
                throw DomainError(
                    code: .duplicateParty, field: field, value: JSONText.quoted(party.id),
                    message: "\(JSONText.quoted(party.id)) appears twice. Give each party a distinct id.")
            }
            try text(party.name, at: "payload.parties[\(index)].name")
        }
        try positive(opened.callCadenceDays, at: "payload.callCadenceDays", unit: "a number of days")
        try positive(opened.qbrCadenceDays, at: "payload.qbrCadenceDays", unit: "a number of days")
    }

    private func checkCharter(_ charter: CharterAgreed) throws(DomainError) {
        try newId(charter.charterId, at: "payload.charterId", exists: state.hasCharter, entity: "charter", code: .duplicateCharter)
        try text(charter.why, at: "payload.why")
        for (index, objectiveId) in charter.jointObjectiveIds.enumerated() where !state.hasObjective(objectiveId) {
            throw unknown(objectiveId, at: "payload.jointObjectiveIds[\(index)]", entity: "objective", code: .unknownObjective, creatingEvent: "ObjectiveDeclared")
        }
        guard !charter.signedBy.isEmpty else {
            throw DomainError(
                code: .emptyList, field: "payload.signedBy", value: "[]",
                message: "lists no party. Name at least one party that signed.")
        }
        var seen: Set<String> = []
        for (index, signatory) in charter.signedBy.enumerated() {
            try party(signatory, at: "payload.signedBy[\(index)]")
            guard seen.insert(signatory).inserted else {
                throw DomainError(
                    code: .duplicateParty, field: "payload.signedBy[\(index)]", value: JSONText.quoted(signatory),
                    message: "\(JSONText.quoted(signatory)) signed twice. List each signing party once.")
            }
        }
        try Self.positive(charter.callCadenceDays, at: "payload.callCadenceDays", unit: "a number of days")
        try Self.positive(charter.qbrCadenceDays, at: "payload.qbrCadenceDays", unit: "a number of days")
    }

    // MARK: Meetings

    private func checkMeetingHeld(_ meeting: MeetingHeld) throws(DomainError) {
        try Self.text(meeting.meetingId, at: "payload.meetingId")
        let existing = state.meetings[meeting.meetingId]?.current
        if let existing, existing.status != .scheduled {
            throw DomainError(
                code: .meetingAlreadyClosed, field: "payload.meetingId", value: JSONText.quoted(meeting.meetingId),
                message: "meeting \(JSONText.quoted(meeting.meetingId)) was already \(existing.status.rawValue). Record each meeting once; use a new id for another meeting.")
        }
        try party(meeting.organizer, at: "payload.organizer")
        guard !meeting.attendees.isEmpty else {
            throw DomainError(
                code: .emptyList, field: "payload.attendees", value: "[]",
                message: "lists nobody. Name at least one attendee; record MeetingMissed for a party that did not come.")
        }
        for (index, attendee) in meeting.attendees.enumerated() {
            let field = "payload.attendees[\(index)].party"
            try party(attendee.party, at: field)
            if existing?.absentParties.contains(attendee.party) == true {
                throw DomainError(
                    code: .conflictingAttendance, field: field, value: JSONText.quoted(attendee.party),
                    message: "\(JSONText.quoted(attendee.party)) is recorded as absent from meeting \(JSONText.quoted(meeting.meetingId)). Retract that MeetingMissed first if the party did attend.")
            }
        }
        try Self.positive(meeting.durationMinutes, at: "payload.durationMinutes", unit: "the length in minutes")
        var newActionIds: Set<String> = []
        for (index, item) in (meeting.actionItems ?? []).enumerated() {
            let field = "payload.actionItems[\(index)]"
            try newId(item.actionId, at: "\(field).actionId", exists: { state.isActionItemOpen($0) != nil || newActionIds.contains($0) }, entity: "action item", code: .duplicateAction)
            newActionIds.insert(item.actionId)
            try party(item.owner, at: "\(field).owner")
            try Self.text(item.text, at: "\(field).text")
        }
    }

    private func checkCancellation(_ cancellation: MeetingCancelled) throws(DomainError) {
        let meeting = try knownMeeting(cancellation.meetingId)
        if meeting.status != .scheduled {
            let advice = meeting.status == .held
                ? "A held meeting cannot be cancelled; record MeetingMissed for a party that did not attend."
                : "Cancel a meeting once."
            throw DomainError(
                code: .meetingAlreadyClosed, field: "payload.meetingId", value: JSONText.quoted(cancellation.meetingId),
                message: "meeting \(JSONText.quoted(cancellation.meetingId)) was already \(meeting.status.rawValue). \(advice)")
        }
        try party(cancellation.by, at: "payload.by")
        if let notice = cancellation.noticeHours, notice < 0 {
            throw DomainError(
                code: .outOfRange, field: "payload.noticeHours", value: String(notice),
                message: "\(notice) is out of range. Give the hours of notice, 0 or more.")
        }
    }

    private func checkMiss(_ miss: MeetingMissed) throws(DomainError) {
        let meeting = try knownMeeting(miss.meetingId)
        if meeting.status == .cancelled {
            throw DomainError(
                code: .meetingAlreadyClosed, field: "payload.meetingId", value: JSONText.quoted(miss.meetingId),
                message: "meeting \(JSONText.quoted(miss.meetingId)) was cancelled, so nobody missed it. Check the meeting id.")
        }
        try party(miss.absentParty, at: "payload.absentParty")
        let party = JSONText.quoted(miss.absentParty)
        if meeting.attendingParties.contains(miss.absentParty) {
            throw DomainError(
                code: .conflictingAttendance, field: "payload.absentParty", value: party,
                message: "\(party) attended meeting \(JSONText.quoted(miss.meetingId)). Retract the MeetingHeld first if its attendees were recorded wrongly.")
        }
        if meeting.absentParties.contains(miss.absentParty) {
            throw DomainError(
                code: .conflictingAttendance, field: "payload.absentParty", value: party,
                message: "\(party) is already recorded as absent from meeting \(JSONText.quoted(miss.meetingId)). Record an absence once.")
        }
    }

    private func checkActionItemClosed(_ closing: ActionItemClosed) throws(DomainError) {
        guard let isOpen = state.isActionItemOpen(closing.actionId) else {
            throw unknown(closing.actionId, at: "payload.actionId", entity: "action item", code: .unknownAction, creatingEvent: "MeetingHeld with the item in actionItems")
        }
        guard isOpen else {
            throw DomainError(
                code: .actionAlreadyClosed, field: "payload.actionId", value: JSONText.quoted(closing.actionId),
                message: "action item \(JSONText.quoted(closing.actionId)) is already closed. Close each action item once.")
        }
    }

    private func knownMeeting(_ meetingId: String) throws(DomainError) -> MeetingSnapshot {
        guard let meeting = state.meetings[meetingId]?.current else {
            throw unknown(meetingId, at: "payload.meetingId", entity: "meeting", code: .unknownMeeting, creatingEvent: "MeetingScheduled")
        }
        return meeting
    }

    // MARK: Opportunities

    private func checkOpportunityShared(_ opportunity: OpportunityShared) throws(DomainError) {
        try newId(opportunity.opportunityId, at: "payload.opportunityId", exists: { state.opportunityStatus($0) != nil }, entity: "opportunity", code: .duplicateOpportunity)
        try party(opportunity.from, at: "payload.from")
        try party(opportunity.to, at: "payload.to")
        try distinct(opportunity.to, from: opportunity.from, at: "payload.to", otherField: "payload.from", because: "an opportunity passes from one party to another")
        try nonNegative(opportunity.estimatedValue, at: "payload.estimatedValue")
        if let value = opportunity.estimatedValue, opportunity.currency == nil {
            throw DomainError(
                code: .missingCurrency, field: "payload.currency", value: nil,
                message: "is required when estimatedValue (\(value)) is given. Add the ISO 4217 code of the estimate, such as EUR.")
        }
    }

    /// Checks that an opportunity exists and is in `required` state before it becomes `becoming`.
    private func opportunity(_ opportunityId: String, mustBe required: OpportunityStatus, becoming: String) throws(DomainError) {
        guard let status = state.opportunityStatus(opportunityId) else {
            throw unknown(opportunityId, at: "payload.opportunityId", entity: "opportunity", code: .unknownOpportunity, creatingEvent: "OpportunityShared")
        }
        guard status != required else { return }
        let id = JSONText.quoted(opportunityId)
        let error: (DomainError.Code, String) = switch (status, required) {
        case (_, _) where status.isTerminal:
            (.opportunityAlreadyClosed, "opportunity \(id) is already \(status.rawValue), which ended it. If that was wrong, retract the earlier event first.")
        case (.shared, _):
            (.opportunityNotReady, "opportunity \(id) has not been accepted. Record OpportunityAccepted first: only an accepted opportunity can be \(becoming).")
        default:
            (.opportunityNotReady, "opportunity \(id) is already accepted; an accepted opportunity ends won or lost. Record OpportunityWon or OpportunityLost.")
        }
        throw DomainError(code: error.0, field: "payload.opportunityId", value: id, message: error.1)
    }

    // MARK: Commitments

    private func checkCommitmentMade(_ commitment: CommitmentMade) throws(DomainError) {
        try newId(commitment.commitmentId, at: "payload.commitmentId", exists: { state.commitmentStatus($0) != nil }, entity: "commitment", code: .duplicateCommitment)
        try party(commitment.owner, at: "payload.owner")
        try party(commitment.beneficiary, at: "payload.beneficiary")
        try distinct(commitment.beneficiary, from: commitment.owner, at: "payload.beneficiary", otherField: "payload.owner", because: "a commitment is made to another party")
        try Self.text(commitment.description, at: "payload.description")
        try nonNegative(commitment.value, at: "payload.value")
    }

    private func checkRenegotiation(_ renegotiation: CommitmentRenegotiated) throws(DomainError) {
        let commitment = try openCommitment(renegotiation.commitmentId)
        if renegotiation.newDueDate == commitment.dueDate {
            throw DomainError(
                code: .unchangedValue, field: "payload.newDueDate", value: JSONText.quoted(renegotiation.newDueDate.description),
                message: "\(renegotiation.newDueDate) is already the due date of commitment \(JSONText.quoted(renegotiation.commitmentId)). Give a different date, or record nothing.")
        }
        try party(renegotiation.requestedBy, at: "payload.requestedBy")
    }

    @discardableResult
    private func openCommitment(_ commitmentId: String) throws(DomainError) -> CommitmentSnapshot {
        guard let commitment = state.commitments[commitmentId]?.current else {
            throw unknown(commitmentId, at: "payload.commitmentId", entity: "commitment", code: .unknownCommitment, creatingEvent: "CommitmentMade")
        }
        guard !commitment.status.isTerminal else {
            throw DomainError(
                code: .commitmentAlreadyClosed, field: "payload.commitmentId", value: JSONText.quoted(commitmentId),
                message: "commitment \(JSONText.quoted(commitmentId)) is already \(commitment.status.rawValue), which ended it. A commitment ends once; if that was wrong, retract the earlier event first.")
        }
        return commitment
    }

    // MARK: Money and transparency

    private func checkInvestment(_ investment: InvestmentMade) throws(DomainError) {
        try party(investment.party, at: "payload.party")
        try nonNegative(investment.amount, at: "payload.amount")
        if investment.amount == 0 {
            throw DomainError(
                code: .outOfRange, field: "payload.amount", value: "0",
                message: "0 is out of range: an investment of nothing records nothing. Give an amount above 0.")
        }
    }

    private func openRequest(_ requestId: String, becoming: String) throws(DomainError) {
        guard let status = state.requestStatus(requestId) else {
            throw unknown(requestId, at: "payload.requestId", entity: "information request", code: .unknownRequest, creatingEvent: "InformationRequested")
        }
        guard status == .open else {
            throw DomainError(
                code: .requestAlreadyClosed, field: "payload.requestId", value: JSONText.quoted(requestId),
                message: "information request \(JSONText.quoted(requestId)) was already \(status.rawValue), so it cannot be \(becoming). A request is closed once.")
        }
    }

    // MARK: Corrections

    private func checkRetraction(_ retraction: EventRetracted) throws(DomainError) {
        let targetId = retraction.targetEventId
        let idText = JSONText.quoted(UUIDCoding.text(targetId))
        let field = "payload.targetEventId"
        guard let target = events[targetId] else {
            throw DomainError(
                code: .unknownEvent, field: field, value: idText,
                message: "no event with id \(idText) is recorded. Check the id: a retraction names the envelope id of the event it retracts.")
        }
        guard target.partnership == state.slug else {
            throw DomainError(
                code: .eventInOtherPartnership, field: field, value: idText,
                message: "event \(idText) (\(target.eventType)) belongs to partnership \(JSONText.quoted(target.partnership)). Record the retraction in that partnership.")
        }
        guard !target.isRetraction else {
            throw DomainError(
                code: .eventNotRetractable, field: field, value: idText,
                message: "event \(idText) is itself a retraction, and retractions cannot be retracted. To restore the retracted fact, record it again under a new id.")
        }
        guard !target.isRetracted else {
            throw DomainError(
                code: .eventNotRetractable, field: field, value: idText,
                message: "event \(idText) (\(target.eventType)) is already retracted. Retract an event once.")
        }
        if target.eventType == PartnershipOpened.eventType, state.liveEventCount > 1 {
            let others = state.liveEventCount - 1
            throw DomainError(
                code: .retractionBlocked, field: field, value: idText,
                message: "event \(idText) (PartnershipOpened) cannot be retracted while \(others) other \(others == 1 ? "event" : "events") of partnership \(slug) stand. Retract them first, or close the partnership instead.")
        }
        var blockers: [UUID] = []
        for key in target.changedEntities {
            for later in state.eventIds(after: targetId, on: key) where !blockers.contains(later) {
                blockers.append(later)
            }
        }
        if !blockers.isEmpty {
            let listed = blockers.map { id in
                "\(UUIDCoding.text(id)) (\(events[id]?.eventType ?? "event"), \(events[id]?.occurredAt.description ?? "unknown time"))"
            }
            throw DomainError(
                code: .retractionBlocked, field: field, value: idText,
                message: "event \(idText) (\(target.eventType)) cannot be retracted while later events build on it: \(listed.joined(separator: ", ")). Retract those first, latest first.")
        }
        try Self.text(retraction.reason, at: "payload.reason")
    }

    // MARK: Field checks

    private func party(_ id: String, at field: String) throws(DomainError) {
        guard !state.hasParty(id) else { return }
        throw DomainError(
            code: .unknownParty, field: field, value: JSONText.quoted(id),
            message: "\(JSONText.quoted(id)) is not a party of partnership \(slug) (parties: \(state.partyIds.joined(separator: ", "))). Use one of those ids; parties are fixed when the partnership is opened.")
    }

    private func distinct(_ id: String, from other: String, at field: String, otherField: String, because reason: String) throws(DomainError) {
        guard id == other else { return }
        throw DomainError(
            code: .sameParty, field: field, value: JSONText.quoted(id),
            message: "\(JSONText.quoted(id)) is also \(otherField). Name a different party: \(reason).")
    }

    /// Checks that an id that introduces something is non-empty and not taken.
    private func newId(
        _ id: String, at field: String, exists: (String) -> Bool, entity: String, code: DomainError.Code
    ) throws(DomainError) {
        try Self.text(id, at: field)
        guard exists(id) else { return }
        throw DomainError(
            code: code, field: field, value: JSONText.quoted(id),
            message: "\(JSONText.quoted(id)) is already the id of \(article(entity)) \(entity) in partnership \(slug). Choose a new id.")
    }

    private func unknown(_ id: String, at field: String, entity: String, code: DomainError.Code, creatingEvent: String) -> DomainError {
        DomainError(
            code: code, field: field, value: JSONText.quoted(id),
            message: "\(JSONText.quoted(id)) is not \(article(entity)) \(entity) of partnership \(slug). Record \(creatingEvent) first, or check the id.")
    }

    private func text(_ value: String, at field: String) throws(DomainError) {
        try Self.text(value, at: field)
    }

    private func rating(_ value: Int, at field: String, scale: String) throws(DomainError) {
        guard !(1...5).contains(value) else { return }
        throw DomainError(
            code: .outOfRange, field: field, value: String(value),
            message: "\(value) is out of range. Give a whole number from 1 to 5 (\(scale)).")
    }

    private func nonNegative(_ amount: MoneyAmount?, at field: String) throws(DomainError) {
        guard let amount, amount < 0 else { return }
        throw DomainError(
            code: .negativeAmount, field: field, value: "\(amount)",
            message: "\(amount) is negative. Give an amount of 0 or more.")
    }

    private static func text(_ value: String, at field: String) throws(DomainError) {
        guard value.isEmpty else { return }
        throw DomainError(
            code: .emptyText, field: field, value: "\"\"",
            message: "is empty. Write a non-empty value.")
    }

    private static func positive(_ value: Int?, at field: String, unit: String) throws(DomainError) {
        guard let value, value <= 0 else { return }
        throw DomainError(
            code: .outOfRange, field: field, value: String(value),
            message: "\(value) is out of range. Give \(unit) above 0.")
    }

    private func article(_ noun: String) -> String {
        noun.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    }
}

import Foundation

/// The rules of each event type against the state of one open partnership. See ``PartnershipRegistry/validate(_:partnership:)``.
struct PartnershipRules {
    let state: PartnershipState
    let events: [UUID: PartnershipRegistry.EventRecord]

    /// The partnership slug in quotes, as messages show it.
    var quotedSlug: String { JSONText.quoted(state.slug) }

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
            if let organizer = meeting.organizer { try party(organizer, at: "payload.organizer") }
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
                    message: "\(JSONText.quoted(reclassification.label.rawValue)) is already the label of partnership \(quotedSlug). Give a different label, or record nothing.")
            }
            try text(reclassification.rationale, at: "payload.rationale")
        }
    }

    // MARK: Field checks

    func party(_ id: String, at field: String) throws(DomainError) {
        guard !state.hasParty(id) else { return }
        throw DomainError(
            code: .unknownParty, field: field, value: JSONText.quoted(id),
            message: "\(JSONText.quoted(id)) is not a party of partnership \(quotedSlug) (parties: \(state.partyIds.joined(separator: ", "))). Use one of those ids; parties are fixed when the partnership is opened.")
    }

    func distinct(_ id: String, from other: String, at field: String, otherField: String, because reason: String) throws(DomainError) {
        guard id == other else { return }
        throw DomainError(
            code: .sameParty, field: field, value: JSONText.quoted(id),
            message: "\(JSONText.quoted(id)) is also \(otherField). Name a different party: \(reason).")
    }

    /// Checks that an id that introduces something is non-empty and not taken.
    func newId(
        _ id: String, at field: String, exists: (String) -> Bool, entity: String, code: DomainError.Code
    ) throws(DomainError) {
        try Self.text(id, at: field)
        guard exists(id) else { return }
        throw DomainError(
            code: code, field: field, value: JSONText.quoted(id),
            message: "\(JSONText.quoted(id)) is already the id of \(article(entity)) \(entity) in partnership \(quotedSlug). Choose a new id.")
    }

    func unknown(_ id: String, at field: String, entity: String, code: DomainError.Code, creatingEvent: String) -> DomainError {
        DomainError(
            code: code, field: field, value: JSONText.quoted(id),
            message: "\(JSONText.quoted(id)) is not \(article(entity)) \(entity) of partnership \(quotedSlug). Record \(creatingEvent) first, or check the id.")
    }

    func text(_ value: String, at field: String) throws(DomainError) {
        try Self.text(value, at: field)
    }

    func rating(_ value: Int, at field: String, scale: String) throws(DomainError) {
        guard !(1...5).contains(value) else { return }
        throw DomainError(
            code: .outOfRange, field: field, value: String(value),
            message: "\(value) is out of range. Give a whole number from 1 to 5 (\(scale)).")
    }

    func nonNegative(_ amount: MoneyAmount?, at field: String) throws(DomainError) {
        guard let amount, amount < 0 else { return }
        throw DomainError(
            code: .negativeAmount, field: field, value: "\(amount)",
            message: "\(amount) is negative. Give an amount of 0 or more.")
    }

    static func text(_ value: String, at field: String) throws(DomainError) {
        guard value.isEmpty else { return }
        throw DomainError(
            code: .emptyText, field: field, value: "\"\"",
            message: "is empty. Write a non-empty value.")
    }

    static func positive(_ value: Int?, at field: String, unit: String) throws(DomainError) {
        guard let value, value <= 0 else { return }
        throw DomainError(
            code: .outOfRange, field: field, value: String(value),
            message: "\(value) is out of range. Give \(unit) above 0.")
    }

    func article(_ noun: String) -> String {
        noun.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    }
}

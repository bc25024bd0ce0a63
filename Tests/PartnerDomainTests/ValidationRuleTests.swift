import Foundation
import PartnerDomain
import Testing

/// One rule broken on the standard ledger: the event, and the exact error validation must give.
struct BrokenRule: Sendable, CustomTestStringConvertible {
    let rule: String
    let partnership: String
    let event: PartnershipEvent
    let code: DomainError.Code
    let field: String
    let description: String

    init(_ rule: String, in partnership: String = "acme-iot", _ event: PartnershipEvent, _ code: DomainError.Code, _ field: String, _ description: String) {
        self.rule = rule
        self.partnership = partnership
        self.event = event
        self.code = code
        self.field = field
        self.description = description
    }

    var testDescription: String { rule }
}

private let parties = "(parties: acme, initech). Use one of those ids; parties are fixed when the partnership is opened."

private func held(_ meetingId: String, attendees: [MeetingHeld.Attendee] = [.init(party: "acme", seniority: .exec)],
                  durationMinutes: Int? = nil, actionItems: [MeetingHeld.ActionItem]? = nil) -> PartnershipEvent {
    .meetingHeld(MeetingHeld(
        meetingId: meetingId, kind: .call, organizer: "acme", attendees: attendees,
        durationMinutes: durationMinutes, actionItems: actionItems))
}

private func commitment(_ id: String, owner: String = "acme", beneficiary: String = "initech", value: Decimal? = nil) -> PartnershipEvent {
    .commitmentMade(CommitmentMade(
        commitmentId: id, owner: owner, beneficiary: beneficiary, kind: .deliverable,
        description: "Pilot report", dueDate: date("2025-05-31"), value: value))
}

private let brokenRules: [BrokenRule] = [
    // Partnership
    BrokenRule("an event needs an opened partnership", in: "globex-iot",
               .partnershipClosed(PartnershipClosed(reason: "Done")), .unknownPartnership, "partnership",
               #"partnership: partnership "globex-iot" has not been opened. Record PartnershipOpened for it first, or check the slug."#),
    BrokenRule("the partnership slug must be a slug", in: "Acme IoT",
               .partnershipClosed(PartnershipClosed(reason: "Done")), .invalidSlug, "partnership",
               #"partnership: "Acme IoT" is not a valid partnership slug. Use 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit, such as acme-iot."#),
    BrokenRule("PartnershipOpened needs a new slug",
               .partnershipOpened(PartnershipOpened(name: "Again", parties: [.init(id: "a", name: "A"), .init(id: "b", name: "B")], declaredType: .marketing)),
               .duplicatePartnership, "partnership",
               #"partnership: partnership "acme-iot" already exists ("Acme x Initech", open). Choose another slug for a new partnership."#),
    BrokenRule("a partnership needs two parties", in: "solo",
               .partnershipOpened(PartnershipOpened(name: "Solo", parties: [.init(id: "acme", name: "Acme")], declaredType: .partnership)),
               .tooFewParties, "payload.parties",
               "payload.parties: lists 1 party. A partnership needs at least two parties; add the others."),
    BrokenRule("party ids are distinct", in: "twins",
               .partnershipOpened(PartnershipOpened(name: "Twins", parties: [.init(id: "acme", name: "Acme"), .init(id: "acme", name: "Acme 2")], declaredType: .partnership)),
               .duplicateParty, "payload.parties[1].id",
               #"payload.parties[1].id: "acme" appears twice. Give each party a distinct id."#),
    BrokenRule("party ids are slugs", in: "shouty",
               .partnershipOpened(PartnershipOpened(name: "Shouty", parties: [.init(id: "acme", name: "Acme"), .init(id: "Initech", name: "Initech")], declaredType: .partnership)),
               .invalidSlug, "payload.parties[1].id",
               #"payload.parties[1].id: "Initech" is not a valid party id. Use 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit, such as acme-iot."#),
    BrokenRule("call cadence is above 0", in: "fresh",
               .partnershipOpened(PartnershipOpened(name: "Fresh", parties: [.init(id: "a", name: "A"), .init(id: "b", name: "B")], declaredType: .partnership, callCadenceDays: 0)),
               .outOfRange, "payload.callCadenceDays",
               "payload.callCadenceDays: 0 is out of range. Give a number of days above 0."),
    BrokenRule("a close gives a reason",
               .partnershipClosed(PartnershipClosed(reason: "")), .emptyText, "payload.reason",
               "payload.reason: is empty. Write a non-empty value."),
    BrokenRule("a reclassification changes the label",
               .relationshipReclassified(RelationshipReclassified(label: .partnership, rationale: "Still one")), .unchangedValue, "payload.label",
               #"payload.label: "partnership" is already the label of partnership "acme-iot". Give a different label, or record nothing."#),

    // Setup
    BrokenRule("an objective belongs to a party",
               .objectiveDeclared(ObjectiveDeclared(objectiveId: "obj-2", party: "globex", statement: "S", kind: .leads, horizon: .short)),
               .unknownParty, "payload.party", #"payload.party: "globex" is not a party of partnership "acme-iot" \#(parties)"#),
    BrokenRule("objective ids are new",
               .objectiveDeclared(ObjectiveDeclared(objectiveId: "obj-1", party: "acme", statement: "S", kind: .leads, horizon: .short)),
               .duplicateObjective, "payload.objectiveId",
               #"payload.objectiveId: "obj-1" is already the id of an objective in partnership "acme-iot". Choose a new id."#),
    BrokenRule("a charter's joint objectives are declared",
               .charterAgreed(CharterAgreed(charterId: "ch-1", why: "W", jointObjectiveIds: ["obj-1", "obj-9"], signedBy: ["acme"])),
               .unknownObjective, "payload.jointObjectiveIds[1]",
               #"payload.jointObjectiveIds[1]: "obj-9" is not an objective of partnership "acme-iot". Record ObjectiveDeclared first, or check the id."#),
    BrokenRule("a charter is signed by parties",
               .charterAgreed(CharterAgreed(charterId: "ch-1", why: "W", jointObjectiveIds: [], signedBy: ["acme", "globex"])),
               .unknownParty, "payload.signedBy[1]", #"payload.signedBy[1]: "globex" is not a party of partnership "acme-iot" \#(parties)"#),
    BrokenRule("each party signs once",
               .charterAgreed(CharterAgreed(charterId: "ch-1", why: "W", jointObjectiveIds: [], signedBy: ["acme", "acme"])),
               .duplicateParty, "payload.signedBy[1]", #"payload.signedBy[1]: "acme" signed twice. List each signing party once."#),
    BrokenRule("a charter is signed by someone",
               .charterAgreed(CharterAgreed(charterId: "ch-1", why: "W", jointObjectiveIds: [], signedBy: [])),
               .emptyList, "payload.signedBy", "payload.signedBy: lists no party. Name at least one party that signed."),
    BrokenRule("a charter's QBR cadence is above 0",
               .charterAgreed(CharterAgreed(charterId: "ch-1", why: "W", jointObjectiveIds: [], signedBy: ["acme"], qbrCadenceDays: -7)),
               .outOfRange, "payload.qbrCadenceDays", "payload.qbrCadenceDays: -7 is out of range. Give a number of days above 0."),
    BrokenRule("a weak-spot rating lies in 1...5",
               .weakSpotAssessed(WeakSpotAssessed(party: "acme", area: .transparency, rating: 0)),
               .outOfRange, "payload.rating",
               "payload.rating: 0 is out of range. Give a whole number from 1 to 5 (1 = this is our weak spot, 5 = a strength)."),
    BrokenRule("a survey score lies in 1...5",
               .healthSurveyed(HealthSurveyed(respondentParty: "initech", dimension: .governance, score: 9)),
               .outOfRange, "payload.score", "payload.score: 9 is out of range. Give a whole number from 1 to 5 (1 = poor, 5 = healthy)."),

    // Meetings
    BrokenRule("meeting ids are new",
               .meetingScheduled(MeetingScheduled(meetingId: "m-1", kind: .call, scheduledFor: LedgerHarness.occurredAt(300), organizer: "acme")),
               .duplicateMeeting, "payload.meetingId",
               #"payload.meetingId: "m-1" is already the id of a meeting in partnership "acme-iot". Choose a new id."#),
    BrokenRule("an attendee represents a party",
               held("m-1", attendees: [.init(party: "acme", seniority: .exec), .init(party: "globex", seniority: .director)]),
               .unknownParty, "payload.attendees[1].party", #"payload.attendees[1].party: "globex" is not a party of partnership "acme-iot" \#(parties)"#),
    BrokenRule("an attendee's name, when given, is not empty",
               held("m-1", attendees: [.init(party: "acme", seniority: .exec, name: "")]),
               .emptyText, "payload.attendees[0].name", "payload.attendees[0].name: is empty. Write a non-empty value."),
    BrokenRule("a meeting is held once",
               held("m-2"), .meetingAlreadyClosed, "payload.meetingId",
               #"payload.meetingId: meeting "m-2" was already held. Record each meeting once; use a new id for another meeting."#),
    BrokenRule("a held meeting has attendees",
               held("m-1", attendees: []), .emptyList, "payload.attendees",
               "payload.attendees: lists nobody. Name at least one attendee; record MeetingMissed for a party that did not come."),
    BrokenRule("a meeting lasts some minutes",
               held("m-1", durationMinutes: 0), .outOfRange, "payload.durationMinutes",
               "payload.durationMinutes: 0 is out of range. Give the length in minutes above 0."),
    BrokenRule("action item ids are new",
               held("m-1", actionItems: [.init(actionId: "a-1", owner: "acme", due: date("2025-02-01"), text: "T")]),
               .duplicateAction, "payload.actionItems[0].actionId",
               #"payload.actionItems[0].actionId: "a-1" is already the id of an action item in partnership "acme-iot". Choose a new id."#),
    BrokenRule("action item ids are distinct within a meeting",
               held("m-1", actionItems: [
                   .init(actionId: "a-5", owner: "acme", due: date("2025-02-01"), text: "T"),
                   .init(actionId: "a-5", owner: "initech", due: date("2025-02-01"), text: "U"),
               ]),
               .duplicateAction, "payload.actionItems[1].actionId",
               #"payload.actionItems[1].actionId: "a-5" is already the id of an action item in partnership "acme-iot". Choose a new id."#),
    BrokenRule("an action item is owned by a party",
               held("m-1", actionItems: [.init(actionId: "a-5", owner: "globex", due: date("2025-02-01"), text: "T")]),
               .unknownParty, "payload.actionItems[0].owner", #"payload.actionItems[0].owner: "globex" is not a party of partnership "acme-iot" \#(parties)"#),
    BrokenRule("a cancellation names a known meeting",
               .meetingCancelled(MeetingCancelled(meetingId: "m-9", by: "acme")), .unknownMeeting, "payload.meetingId",
               #"payload.meetingId: "m-9" is not a meeting of partnership "acme-iot". Record MeetingScheduled first, or check the id."#),
    BrokenRule("a held meeting cannot be cancelled",
               .meetingCancelled(MeetingCancelled(meetingId: "m-2", by: "acme")), .meetingAlreadyClosed, "payload.meetingId",
               #"payload.meetingId: meeting "m-2" was already held. A held meeting cannot be cancelled; record MeetingMissed for a party that did not attend."#),
    BrokenRule("a meeting is cancelled once",
               .meetingCancelled(MeetingCancelled(meetingId: "m-3", by: "acme")), .meetingAlreadyClosed, "payload.meetingId",
               #"payload.meetingId: meeting "m-3" was already cancelled. Cancel a meeting once."#),
    BrokenRule("notice is 0 hours or more",
               .meetingCancelled(MeetingCancelled(meetingId: "m-1", by: "acme", noticeHours: -2)), .outOfRange, "payload.noticeHours",
               "payload.noticeHours: -2 is out of range. Give the hours of notice, 0 or more."),
    BrokenRule("a cancelled meeting cannot be missed",
               .meetingMissed(MeetingMissed(meetingId: "m-3", absentParty: "acme")), .meetingAlreadyClosed, "payload.meetingId",
               #"payload.meetingId: meeting "m-3" was cancelled, so nobody missed it. Check the meeting id."#),
    BrokenRule("an attending party did not miss the meeting",
               .meetingMissed(MeetingMissed(meetingId: "m-2", absentParty: "acme")), .conflictingAttendance, "payload.absentParty",
               #"payload.absentParty: "acme" attended meeting "m-2". Retract the MeetingHeld first if its attendees were recorded wrongly."#),
    BrokenRule("an action item must exist to close",
               .actionItemClosed(ActionItemClosed(actionId: "a-9")), .unknownAction, "payload.actionId",
               #"payload.actionId: "a-9" is not an action item of partnership "acme-iot". Record MeetingHeld with the item in actionItems first, or check the id."#),

    // Opportunities
    BrokenRule("opportunity ids are new",
               .opportunityShared(OpportunityShared(opportunityId: "o-1", from: "acme", to: "initech", kind: .lead)),
               .duplicateOpportunity, "payload.opportunityId",
               #"payload.opportunityId: "o-1" is already the id of an opportunity in partnership "acme-iot". Choose a new id."#),
    BrokenRule("an opportunity goes to another party",
               .opportunityShared(OpportunityShared(opportunityId: "o-9", from: "acme", to: "acme", kind: .lead)),
               .sameParty, "payload.to",
               #"payload.to: "acme" is also payload.from. Name a different party: an opportunity passes from one party to another."#),
    BrokenRule("an estimated value names its currency",
               .opportunityShared(OpportunityShared(opportunityId: "o-9", from: "acme", to: "initech", kind: .lead, estimatedValue: 5000)),
               .missingCurrency, "payload.currency",
               "payload.currency: is required when estimatedValue (5000) is given. Add the ISO 4217 code of the estimate, such as EUR."),
    BrokenRule("an estimated value is not negative",
               .opportunityShared(OpportunityShared(opportunityId: "o-9", from: "acme", to: "initech", kind: .lead, estimatedValue: -5000, currency: try! CurrencyCode("EUR"))),
               .negativeAmount, "payload.estimatedValue", "payload.estimatedValue: -5000 is negative. Give an amount of 0 or more."),
    BrokenRule("an opportunity must exist to be accepted",
               .opportunityAccepted(OpportunityAccepted(opportunityId: "o-9")), .unknownOpportunity, "payload.opportunityId",
               #"payload.opportunityId: "o-9" is not an opportunity of partnership "acme-iot". Record OpportunityShared first, or check the id."#),
    BrokenRule("an opportunity is won only once accepted",
               .opportunityWon(OpportunityWon(opportunityId: "o-1")), .opportunityNotReady, "payload.opportunityId",
               #"payload.opportunityId: opportunity "o-1" has not been accepted. Record OpportunityAccepted first: only an accepted opportunity can be won."#),
    BrokenRule("an opportunity is lost only once accepted",
               .opportunityLost(OpportunityLost(opportunityId: "o-1")), .opportunityNotReady, "payload.opportunityId",
               #"payload.opportunityId: opportunity "o-1" has not been accepted. Record OpportunityAccepted first: only an accepted opportunity can be lost."#),
    BrokenRule("an accepted opportunity is not accepted again",
               .opportunityAccepted(OpportunityAccepted(opportunityId: "o-2")), .opportunityNotReady, "payload.opportunityId",
               #"payload.opportunityId: opportunity "o-2" is already accepted; an accepted opportunity ends won or lost. Record OpportunityWon or OpportunityLost."#),
    BrokenRule("an accepted opportunity is not declined",
               .opportunityDeclined(OpportunityDeclined(opportunityId: "o-2")), .opportunityNotReady, "payload.opportunityId",
               #"payload.opportunityId: opportunity "o-2" is already accepted; an accepted opportunity ends won or lost. Record OpportunityWon or OpportunityLost."#),
    BrokenRule("a declined opportunity has ended",
               .opportunityAccepted(OpportunityAccepted(opportunityId: "o-3")), .opportunityAlreadyClosed, "payload.opportunityId",
               #"payload.opportunityId: opportunity "o-3" is already declined, which ended it. If that was wrong, retract the earlier event first."#),
    BrokenRule("a won value is not negative",
               .opportunityWon(OpportunityWon(opportunityId: "o-2", value: -1)), .negativeAmount, "payload.value",
               "payload.value: -1 is negative. Give an amount of 0 or more."),

    // Commitments
    BrokenRule("a commitment is owned by a party",
               commitment("c-9", owner: "globex"), .unknownParty, "payload.owner",
               #"payload.owner: "globex" is not a party of partnership "acme-iot" \#(parties)"#),
    BrokenRule("a commitment is made to another party",
               commitment("c-9", owner: "acme", beneficiary: "acme"), .sameParty, "payload.beneficiary",
               #"payload.beneficiary: "acme" is also payload.owner. Name a different party: a commitment is made to another party."#),
    BrokenRule("commitment ids are new",
               commitment("c-1"), .duplicateCommitment, "payload.commitmentId",
               #"payload.commitmentId: "c-1" is already the id of a commitment in partnership "acme-iot". Choose a new id."#),
    BrokenRule("a commitment's value is not negative",
               commitment("c-9", value: -100), .negativeAmount, "payload.value",
               "payload.value: -100 is negative. Give an amount of 0 or more."),
    BrokenRule("a commitment must exist to be fulfilled",
               .commitmentFulfilled(CommitmentFulfilled(commitmentId: "c-9")), .unknownCommitment, "payload.commitmentId",
               #"payload.commitmentId: "c-9" is not a commitment of partnership "acme-iot". Record CommitmentMade first, or check the id."#),
    BrokenRule("a fulfilled commitment cannot also be missed",
               .commitmentMissed(CommitmentMissed(commitmentId: "c-2")), .commitmentAlreadyClosed, "payload.commitmentId",
               #"payload.commitmentId: commitment "c-2" is already fulfilled, which ended it. A commitment ends once; if that was wrong, retract the earlier event first."#),
    BrokenRule("a fulfilled commitment cannot be fulfilled again",
               .commitmentFulfilled(CommitmentFulfilled(commitmentId: "c-2")), .commitmentAlreadyClosed, "payload.commitmentId",
               #"payload.commitmentId: commitment "c-2" is already fulfilled, which ended it. A commitment ends once; if that was wrong, retract the earlier event first."#),
    BrokenRule("a fulfilled commitment cannot be withdrawn",
               .commitmentWithdrawn(CommitmentWithdrawn(commitmentId: "c-2", by: "acme")), .commitmentAlreadyClosed, "payload.commitmentId",
               #"payload.commitmentId: commitment "c-2" is already fulfilled, which ended it. A commitment ends once; if that was wrong, retract the earlier event first."#),
    BrokenRule("a closed commitment is not renegotiated",
               .commitmentRenegotiated(CommitmentRenegotiated(commitmentId: "c-2", newDueDate: date("2025-09-30"), requestedBy: "acme")),
               .commitmentAlreadyClosed, "payload.commitmentId",
               #"payload.commitmentId: commitment "c-2" is already fulfilled, which ended it. A commitment ends once; if that was wrong, retract the earlier event first."#),
    BrokenRule("a renegotiation changes the due date",
               .commitmentRenegotiated(CommitmentRenegotiated(commitmentId: "c-1", newDueDate: date("2025-06-30"), requestedBy: "initech")),
               .unchangedValue, "payload.newDueDate",
               #"payload.newDueDate: 2025-06-30 is already the due date of commitment "c-1". Give a different date, or record nothing."#),
    BrokenRule("fulfilment quality lies in 1...5",
               .commitmentFulfilled(CommitmentFulfilled(commitmentId: "c-1", quality: 6)), .outOfRange, "payload.quality",
               "payload.quality: 6 is out of range. Give a whole number from 1 to 5 (1 = poor, 5 = excellent)."),

    // Money
    BrokenRule("an investment is not negative",
               .investmentMade(InvestmentMade(party: "acme", amount: -5, currency: try! CurrencyCode("EUR"), kind: .cash, upfront: true)),
               .negativeAmount, "payload.amount", "payload.amount: -5 is negative. Give an amount of 0 or more."),
    BrokenRule("an investment is above 0",
               .investmentMade(InvestmentMade(party: "acme", amount: 0, currency: try! CurrencyCode("EUR"), kind: .cash, upfront: true)),
               .outOfRange, "payload.amount", "payload.amount: 0 is out of range: an investment of nothing records nothing. Give an amount above 0."),
    BrokenRule("exec access is requested by a party",
               .execAccessRequested(ExecAccessRequested(by: "globex")), .unknownParty, "payload.by",
               #"payload.by: "globex" is not a party of partnership "acme-iot" \#(parties)"#),

    // Transparency
    BrokenRule("information is shared with another party",
               .informationShared(InformationShared(from: "initech", to: "initech", category: .roadmap, depth: .full)),
               .sameParty, "payload.to",
               #"payload.to: "initech" is also payload.from. Name a different party: information is shared with another party."#),
    BrokenRule("request ids are new",
               .informationRequested(InformationRequested(requestId: "r-1", by: "acme", to: "initech", category: .forecast)),
               .duplicateRequest, "payload.requestId",
               #"payload.requestId: "r-1" is already the id of an information request in partnership "acme-iot". Choose a new id."#),
    BrokenRule("a request must exist to be answered",
               .informationRequestAnswered(InformationRequestAnswered(requestId: "r-9")), .unknownRequest, "payload.requestId",
               #"payload.requestId: "r-9" is not an information request of partnership "acme-iot". Record InformationRequested first, or check the id."#),
    BrokenRule("an answered request cannot be declined",
               .informationRequestDeclined(InformationRequestDeclined(requestId: "r-2")), .requestAlreadyClosed, "payload.requestId",
               #"payload.requestId: information request "r-2" was already answered, so it cannot be declined. A request is closed once."#),
    BrokenRule("a surprise is about another party",
               .surpriseDiscovered(SurpriseDiscovered(affectedParty: "acme", aboutParty: "acme", topic: "T")), .sameParty, "payload.aboutParty",
               #"payload.aboutParty: "acme" is also payload.affectedParty. Name a different party: a party is surprised by what another party kept back."#),
    BrokenRule("a disclosure has a topic",
               .disclosureMade(DisclosureMade(party: "acme", topic: "", proactive: true)), .emptyText, "payload.topic",
               "payload.topic: is empty. Write a non-empty value."),

    // Corrections
    BrokenRule("a retraction names a recorded event",
               .eventRetracted(EventRetracted(targetEventId: LedgerHarness.eventId(999), reason: "Typo")), .unknownEvent, "payload.targetEventId",
               #"payload.targetEventId: no event with id "00000000-0000-4000-8000-000000000999" is recorded. Check the id: a retraction names the envelope id of the event it retracts."#),
    BrokenRule("a retraction that later events build on is blocked",
               .eventRetracted(EventRetracted(targetEventId: LedgerHarness.eventId(11), reason: "Wrong owner")), .retractionBlocked, "payload.targetEventId",
               #"payload.targetEventId: event "00000000-0000-4000-8000-000000000011" (CommitmentMade) cannot be retracted while later events build on it: 00000000-0000-4000-8000-000000000012 (CommitmentFulfilled, 2025-01-01T00:12:00.000Z). Retract those first, latest first."#),
    BrokenRule("the opening cannot be retracted while other events stand",
               .eventRetracted(EventRetracted(targetEventId: LedgerHarness.eventId(1), reason: "Wrong name")), .retractionBlocked, "payload.targetEventId",
               #"payload.targetEventId: event "00000000-0000-4000-8000-000000000001" (PartnershipOpened) cannot be retracted while 16 other events of partnership "acme-iot" stand. Retract them first, or close the partnership instead."#),
]

@Suite("Validation rules reject commands with a code, a field and a sentence")
struct ValidationRuleTests {
    @Test func standardLedgerRecordsWithoutRejection() throws {
        let ledger = try LedgerHarness.standard()
        let state = try #require(ledger.registry.state(of: "acme-iot"))
        #expect(state.partyIds == ["acme", "initech"])
        #expect(state.commitmentStatus("c-1") == .open)
        #expect(state.commitmentStatus("c-2") == .fulfilled)
        #expect(state.opportunityStatus("o-2") == .accepted)
        #expect(state.opportunityStatus("o-3") == .declined)
        #expect(state.meetingStatus("m-2") == .held)
        #expect(state.meetingStatus("m-3") == .cancelled)
        #expect(state.isActionItemOpen("a-1") == true)
        #expect(state.requestStatus("r-2") == .answered)
        #expect(state.hasObjective("obj-1"))
        #expect(!state.isClosed)
        #expect(ledger.registry.partnershipSlugs == ["acme-iot"])
    }

    @Test(arguments: brokenRules)
    func brokenRuleIsRejected(_ broken: BrokenRule) throws {
        let ledger = try LedgerHarness.standard()
        let error = try #require(ledger.rejection(of: broken.event, in: broken.partnership))
        #expect(error.code == broken.code)
        #expect(error.field == broken.field)
        #expect(error.description == broken.description)
    }

    @Test func rejectionCanBeCaughtByCode() throws {
        let ledger = try LedgerHarness.standard()
        do {
            try ledger.registry.validate(.execAccessRequested(ExecAccessRequested(by: "globex")), partnership: "acme-iot")
            Issue.record("an unknown party was accepted")
        } catch DomainError.Code.unknownParty {
            return
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

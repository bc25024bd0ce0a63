import Foundation
import PartnerDomain
import Testing

@Suite("The registry folds events, retractions included")
struct RegistryFoldTests {
    @Test func retractingAFulfilmentReopensTheCommitmentForTheRightOutcome() throws {
        var ledger = try LedgerHarness.standard()
        let fulfilment = LedgerHarness.eventId(12)
        try ledger.record(.eventRetracted(EventRetracted(targetEventId: fulfilment, reason: "It was missed, not fulfilled")))
        #expect(ledger.registry.state(of: "acme-iot")?.commitmentStatus("c-2") == .open)
        #expect(ledger.registry.isRetracted(fulfilment))
        try ledger.record(.commitmentMissed(CommitmentMissed(commitmentId: "c-2", reason: "No engineers available")))
        #expect(ledger.registry.state(of: "acme-iot")?.commitmentStatus("c-2") == .missed)
    }

    @Test func retractingLatestFirstUnwindsACommitmentCompletely() throws {
        var ledger = try LedgerHarness.standard()
        try ledger.record(.eventRetracted(EventRetracted(targetEventId: LedgerHarness.eventId(12), reason: "Wrong")))
        try ledger.record(.eventRetracted(EventRetracted(targetEventId: LedgerHarness.eventId(11), reason: "Never promised")))
        #expect(ledger.registry.state(of: "acme-iot")?.commitmentStatus("c-2") == nil)
        try ledger.record(.commitmentMade(CommitmentMade(
            commitmentId: "c-2", owner: "initech", beneficiary: "acme", kind: .people,
            description: "Two field engineers", dueDate: date("2025-03-31"))))
        #expect(ledger.registry.state(of: "acme-iot")?.commitmentStatus("c-2") == .open)
    }

    @Test func retractingARenegotiationRestoresTheEarlierDueDate() throws {
        var ledger = try LedgerHarness.standard()
        let renegotiation = try ledger.record(.commitmentRenegotiated(CommitmentRenegotiated(
            commitmentId: "c-1", newDueDate: date("2025-07-31"), requestedBy: "initech")))
        #expect(ledger.registry.state(of: "acme-iot")?.commitmentDueDate("c-1") == date("2025-07-31"))
        try ledger.record(.eventRetracted(EventRetracted(targetEventId: renegotiation, reason: "Not agreed")))
        #expect(ledger.registry.state(of: "acme-iot")?.commitmentDueDate("c-1") == date("2025-06-30"))
    }

    @Test func closedPartnershipAcceptsOnlyARetractionOfItsClose() throws {
        var ledger = try LedgerHarness.standard()
        let closing = try ledger.record(.partnershipClosed(PartnershipClosed(reason: "Wound down")))
        #expect(ledger.registry.state(of: "acme-iot")?.isClosed == true)
        let error = try #require(ledger.rejection(of: .actionItemClosed(ActionItemClosed(actionId: "a-1"))))
        #expect(error.code == .partnershipClosed)
        #expect(error.field == "partnership")
        #expect(error.description == #"partnership: partnership "acme-iot" is closed; only EventRetracted may be recorded on it. Retract its PartnershipClosed first if it was closed by mistake."#)

        try ledger.record(.eventRetracted(EventRetracted(targetEventId: closing, reason: "Closed the wrong partnership")))
        #expect(ledger.registry.state(of: "acme-iot")?.isClosed == false)
        try ledger.record(.actionItemClosed(ActionItemClosed(actionId: "a-1")))
    }

    @Test func retractionIsNotItselfRetractable() throws {
        var ledger = try LedgerHarness.standard()
        let retraction = try ledger.record(.eventRetracted(EventRetracted(targetEventId: LedgerHarness.eventId(12), reason: "Wrong")))
        let again = try #require(ledger.rejection(of: .eventRetracted(EventRetracted(targetEventId: retraction, reason: "Undo"))))
        #expect(again.code == .eventNotRetractable)
        #expect(again.description == #"payload.targetEventId: event "00000000-0000-4000-8000-000000000018" is itself a retraction, and retractions cannot be retracted. To restore the retracted fact, record it again under a new id."#)
        let twice = try #require(ledger.rejection(of: .eventRetracted(EventRetracted(targetEventId: LedgerHarness.eventId(12), reason: "Again"))))
        #expect(twice.code == .eventNotRetractable)
        #expect(twice.description == #"payload.targetEventId: event "00000000-0000-4000-8000-000000000012" (CommitmentFulfilled) is already retracted. Retract an event once."#)
    }

    @Test func retractionStaysInsideItsPartnership() throws {
        var ledger = try LedgerHarness.standard()
        try ledger.record(.partnershipOpened(PartnershipOpened(
            name: "Globex x Acme", parties: [.init(id: "globex", name: "Globex"), .init(id: "acme", name: "Acme Corp")],
            declaredType: .marketing)), in: "globex-marketing")
        let error = try #require(ledger.rejection(
            of: .eventRetracted(EventRetracted(targetEventId: LedgerHarness.eventId(2), reason: "Wrong")), in: "globex-marketing"))
        #expect(error.code == .eventInOtherPartnership)
        #expect(error.description == #"payload.targetEventId: event "00000000-0000-4000-8000-000000000002" (ObjectiveDeclared) belongs to partnership "acme-iot". Record the retraction in that partnership."#)
    }

    @Test func openingAloneCanBeRetractedAndTheSlugReused() throws {
        var ledger = LedgerHarness()
        let opening = try ledger.record(LedgerHarness.standardHistory[0])
        try ledger.record(.eventRetracted(EventRetracted(targetEventId: opening, reason: "Wrong parties")))
        #expect(ledger.registry.state(of: "acme-iot") == nil)
        #expect(ledger.registry.partnershipSlugs.isEmpty)
        try ledger.record(.partnershipOpened(PartnershipOpened(
            name: "Acme x Initech", parties: [.init(id: "acme", name: "Acme Corp"), .init(id: "initrode", name: "Initrode")],
            declaredType: .technologySharing)))
        #expect(ledger.registry.state(of: "acme-iot")?.partyIds == ["acme", "initrode"])
    }

    @Test func reclassificationChangesTheLabelAndItsRetractionRestoresIt() throws {
        var ledger = try LedgerHarness.standard()
        let reclassification = try ledger.record(.relationshipReclassified(RelationshipReclassified(
            label: .supplierCustomer, rationale: "Fees one way, deliverables the other")))
        #expect(ledger.registry.state(of: "acme-iot")?.label == .supplierCustomer)
        #expect(ledger.registry.state(of: "acme-iot")?.declaredType == .partnership)
        try ledger.record(.eventRetracted(EventRetracted(targetEventId: reclassification, reason: "Premature")))
        #expect(ledger.registry.state(of: "acme-iot")?.label == .partnership)
    }

    @Test func opportunityRunsSharedAcceptedWonAndThenEnds() throws {
        var ledger = try LedgerHarness.standard()
        try ledger.record(.opportunityWon(OpportunityWon(opportunityId: "o-2", value: 120_000, reason: "Joint demo")))
        #expect(ledger.registry.state(of: "acme-iot")?.opportunityStatus("o-2") == .won)
        let error = try #require(ledger.rejection(of: .opportunityLost(OpportunityLost(opportunityId: "o-2"))))
        #expect(error.code == .opportunityAlreadyClosed)
        #expect(error.field == "payload.opportunityId")
    }

    @Test func unscheduledMeetingIsRecordedWithItsActionItems() throws {
        var ledger = try LedgerHarness.standard()
        try ledger.record(.meetingHeld(MeetingHeld(
            meetingId: "ad-hoc-1", kind: .workshop, organizer: "initech",
            attendees: [.init(party: "initech", seniority: .individual, name: "Sam Lee")],
            actionItems: [.init(actionId: "a-7", owner: "acme", due: date("2025-02-14"), text: "Review the spec")])))
        #expect(ledger.registry.state(of: "acme-iot")?.meetingStatus("ad-hoc-1") == .held)
        try ledger.record(.actionItemClosed(ActionItemClosed(actionId: "a-7")))
        let error = try #require(ledger.rejection(of: .actionItemClosed(ActionItemClosed(actionId: "a-7"))))
        #expect(error.code == .actionAlreadyClosed)
        #expect(error.description == #"payload.actionId: action item "a-7" is already closed. Close each action item once."#)
    }

    @Test func absenceAndAttendanceCannotContradictEachOther() throws {
        var ledger = try LedgerHarness.standard()
        try ledger.record(.meetingMissed(MeetingMissed(meetingId: "m-1", absentParty: "initech")))
        let twice = try #require(ledger.rejection(of: .meetingMissed(MeetingMissed(meetingId: "m-1", absentParty: "initech"))))
        #expect(twice.code == .conflictingAttendance)
        #expect(twice.description == #"payload.absentParty: "initech" is already recorded as absent from meeting "m-1". Record an absence once."#)
        let attended = try #require(ledger.rejection(of: .meetingHeld(MeetingHeld(
            meetingId: "m-1", kind: .call, organizer: "acme",
            attendees: [.init(party: "acme", seniority: .manager), .init(party: "initech", seniority: .manager)]))))
        #expect(attended.code == .conflictingAttendance)
        #expect(attended.field == "payload.attendees[1].party")
        #expect(attended.description == #"payload.attendees[1].party: "initech" is recorded as absent from meeting "m-1". Retract that MeetingMissed first if the party did attend."#)
    }

    @Test func applyIgnoresARepeatedIdAndEventsValidationWouldRefuse() throws {
        var ledger = try LedgerHarness.standard()
        var registry = ledger.registry
        let fulfilmentOfUnknown = PartnershipEvent.commitmentFulfilled(CommitmentFulfilled(commitmentId: "c-404"))
        registry.apply(fulfilmentOfUnknown, partnership: "acme-iot", id: LedgerHarness.eventId(500), occurredAt: LedgerHarness.occurredAt(500))
        #expect(registry.state(of: "acme-iot")?.commitmentStatus("c-404") == nil)
        #expect(registry.containsEvent(LedgerHarness.eventId(500)))

        registry.apply(.commitmentMissed(CommitmentMissed(commitmentId: "c-1")), partnership: "acme-iot",
                       id: LedgerHarness.eventId(3), occurredAt: LedgerHarness.occurredAt(501))
        #expect(registry.state(of: "acme-iot")?.commitmentStatus("c-1") == .open, "id 3 was already applied")

        registry.apply(.objectiveDeclared(ObjectiveDeclared(objectiveId: "x", party: "p", statement: "s", kind: .other, horizon: .short)),
                       partnership: "never-opened", id: LedgerHarness.eventId(502), occurredAt: LedgerHarness.occurredAt(502))
        #expect(registry.state(of: "never-opened") == nil)
        try ledger.record(.commitmentMissed(CommitmentMissed(commitmentId: "c-1")))
    }

    @Test func validationLeavesTheRegistryUnchanged() throws {
        let ledger = try LedgerHarness.standard()
        let event = PartnershipEvent.commitmentMissed(CommitmentMissed(commitmentId: "c-1"))
        try ledger.registry.validate(event, partnership: "acme-iot")
        #expect(ledger.registry.state(of: "acme-iot")?.commitmentStatus("c-1") == .open)
    }
}

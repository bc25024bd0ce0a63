import Foundation
import PartnerDomain

/// A registry driven the way the log drives it: validate, then apply, with deterministic ids and times.
struct LedgerHarness {
    private(set) var registry = PartnershipRegistry()
    private var sequence = 0

    /// The id the harness gives the `number`-th recorded event: 00000000-0000-4000-8000-00000000000N.
    static func eventId(_ number: Int) -> UUID {
        let digits = String(number)
        return UUID(uuidString: "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits)!
    }

    /// The time the harness gives the `number`-th recorded event: one minute apart from 2025-01-01T00:00Z.
    static func occurredAt(_ number: Int) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: 1_735_689_600_000 + Int64(number) * 60_000)
    }

    /// Validates and applies an event; returns its id.
    @discardableResult
    mutating func record(_ event: PartnershipEvent, in partnership: String = "acme-iot") throws -> UUID {
        try registry.validate(event, partnership: partnership)
        sequence += 1
        let id = Self.eventId(sequence)
        registry.apply(event, partnership: partnership, id: id, occurredAt: Self.occurredAt(sequence))
        return id
    }

    /// The error validation gives, or nil when the event is valid.
    func rejection(of event: PartnershipEvent, in partnership: String = "acme-iot") -> DomainError? {
        do {
            try registry.validate(event, partnership: partnership)
            return nil
        } catch {
            return error
        }
    }

    /// A ledger holding `acme-iot` (parties acme and initech) with one entity of each kind in each state the rules distinguish.
    ///
    /// Event numbers: 1 opened, 2 objective obj-1, 3 m-1 scheduled, 4 m-2 held (action a-1),
    /// 5 o-1 shared, 6 o-2 shared, 7 o-2 accepted, 8 o-3 shared, 9 o-3 declined,
    /// 10 c-1 made, 11 c-2 made, 12 c-2 fulfilled, 13 r-1 requested, 14 r-2 requested,
    /// 15 r-2 answered, 16 m-3 scheduled, 17 m-3 cancelled.
    static func standard() throws -> LedgerHarness {
        var ledger = LedgerHarness()
        for event in standardHistory {
            try ledger.record(event)
        }
        return ledger
    }

    static let standardHistory: [PartnershipEvent] = [
        .partnershipOpened(PartnershipOpened(
            name: "Acme x Initech", parties: [.init(id: "acme", name: "Acme Corp"), .init(id: "initech", name: "Initech")],
            declaredType: .partnership, callCadenceDays: 14)),
        .objectiveDeclared(ObjectiveDeclared(objectiveId: "obj-1", party: "acme", statement: "Reach utilities", kind: .market, horizon: .long)),
        .meetingScheduled(MeetingScheduled(meetingId: "m-1", kind: .call, scheduledFor: occurredAt(100), organizer: "acme")),
        .meetingHeld(MeetingHeld(
            meetingId: "m-2", kind: .call, organizer: "initech",
            attendees: [.init(party: "acme", seniority: .exec), .init(party: "initech", seniority: .manager)],
            actionItems: [.init(actionId: "a-1", owner: "initech", due: date("2025-01-15"), text: "Send the plan")])),
        .opportunityShared(OpportunityShared(opportunityId: "o-1", from: "acme", to: "initech", kind: .referral)),
        .opportunityShared(OpportunityShared(opportunityId: "o-2", from: "initech", to: "acme", kind: .lead)),
        .opportunityAccepted(OpportunityAccepted(opportunityId: "o-2")),
        .opportunityShared(OpportunityShared(opportunityId: "o-3", from: "acme", to: "initech", kind: .intro)),
        .opportunityDeclined(OpportunityDeclined(opportunityId: "o-3")),
        .commitmentMade(CommitmentMade(
            commitmentId: "c-1", owner: "initech", beneficiary: "acme", kind: .integration,
            description: "Certified connector", dueDate: date("2025-06-30"))),
        .commitmentMade(CommitmentMade(
            commitmentId: "c-2", owner: "acme", beneficiary: "initech", kind: .people,
            description: "Two field engineers", dueDate: date("2025-02-28"))),
        .commitmentFulfilled(CommitmentFulfilled(commitmentId: "c-2", quality: 5)),
        .informationRequested(InformationRequested(requestId: "r-1", by: "acme", to: "initech", category: .roadmap)),
        .informationRequested(InformationRequested(requestId: "r-2", by: "initech", to: "acme", category: .pipeline)),
        .informationRequestAnswered(InformationRequestAnswered(requestId: "r-2")),
        .meetingScheduled(MeetingScheduled(meetingId: "m-3", kind: .qbr, scheduledFor: occurredAt(200), organizer: "initech")),
        .meetingCancelled(MeetingCancelled(meetingId: "m-3", by: "initech", noticeHours: 48)),
    ]
}

/// A calendar date from text known to be valid.
func date(_ text: String) -> CalendarDate {
    try! CalendarDate(parsing: text)
}

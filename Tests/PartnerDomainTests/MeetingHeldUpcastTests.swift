import Foundation
import PartnerDomain
import Testing

@Suite("MeetingHeld versions 1 and 2 read as version 3")
struct MeetingHeldUpcastTests {
    @Test func decodingVersionOneYieldsTheCurrentValue() throws {
        let fixture = try Data(contentsOf: SchemaFolder.url().appendingPathComponent("fixtures/MeetingHeld.v1.json"))
        let event = try PartnershipEvent.decode(type: "MeetingHeld", version: 1, payload: fixture)

        let expected = MeetingHeld(
            meetingId: "call-2024-11-19", kind: .call, organizer: "initech",
            attendees: [
                MeetingHeld.Attendee(party: "initech", seniority: .manager, name: "Ravi Shah"),
                MeetingHeld.Attendee(party: "acme", seniority: .director, name: nil),
            ],
            durationMinutes: 30, notes: "Connector beta slipped one week.",
            decisions: ["Move the beta to 2024-12-02"],
            actionItems: [
                MeetingHeld.ActionItem(
                    actionId: "act-2024-11-19-1", owner: "initech",
                    due: try CalendarDate(parsing: "2024-11-29"), text: "Send the revised beta plan"),
            ],
            priorActionsReviewed: true, scorecardReviewed: false)
        #expect(event == .meetingHeld(expected))
        #expect(event.eventVersion == 3)
    }

    /// Version 2 required the organiser; version 3 reads it unchanged, and takes a payload without one as unknown.
    @Test func versionTwoReadsAsThreeAndThreeMayLeaveTheOrganiserOut() throws {
        let fixture = try Data(contentsOf: SchemaFolder.url().appendingPathComponent("fixtures/MeetingHeld.v2.json"))
        let event = try PartnershipEvent.decode(type: "MeetingHeld", version: 2, payload: fixture)
        guard case .meetingHeld(let held) = event else {
            Issue.record("not a MeetingHeld: \(event)")
            return
        }
        #expect(held.organizer == "acme")
        #expect(event.eventVersion == 3)
        let withoutOrganizer = Data(#"{"meetingId":"m-1","kind":"call","attendees":[{"party":"acme","seniority":"manager"}]}"#.utf8)
        #expect(try PartnershipEvent.decodeInput(type: "MeetingHeld", version: 3, payload: withoutOrganizer)
            == .meetingHeld(MeetingHeld(meetingId: "m-1", kind: .call, organizer: nil, attendees: [.init(party: "acme", seniority: .manager)])))
        // version 2 still requires it
        #expect(throws: DomainError.self) { try PartnershipEvent.decodeInput(type: "MeetingHeld", version: 2, payload: withoutOrganizer) }
        let scheduled = Data(#"{"meetingId":"m-2","kind":"qbr","scheduledFor":"2025-03-04T15:00:00.000Z"}"#.utf8)
        guard case .meetingScheduled(let schedule) = try PartnershipEvent.decodeInput(type: "MeetingScheduled", version: 2, payload: scheduled) else {
            Issue.record("not a MeetingScheduled")
            return
        }
        #expect(schedule.organizer == nil)
        #expect(throws: DomainError.self) { try PartnershipEvent.decodeInput(type: "MeetingScheduled", version: 1, payload: scheduled) }
    }

    @Test func upcastVersionOneReencodesAsTheCurrentVersionWithoutNames() throws {
        let fixture = try Data(contentsOf: SchemaFolder.url().appendingPathComponent("fixtures/MeetingHeld.v1.json"))
        let event = try PartnershipEvent.decodeInput(type: "MeetingHeld", version: 1, payload: fixture)
        let reencoded = try JSONValue(parsing: event.encodedPayload())
        let original = try JSONValue(parsing: fixture)
        #expect(reencoded == original, "version 1 fields map one to one; a name stays where it was recorded and absent where not")
        #expect(try PartnershipEvent.decodeInput(type: "MeetingHeld", version: 3, payload: event.encodedPayload()) == event)
    }

    @Test func versionOneTakesAttendeeNamesAsDomainListsThemAndStillRefusesUnknownFields() throws {
        let payload = Data("""
            {"meetingId":"m-1","kind":"call","organizer":"acme",
             "attendees":[{"party":"acme","seniority":"exec","name":"Dana Whitfield"},{"party":"initech","seniority":"manager"}]}
            """.utf8)
        guard case .meetingHeld(let held) = try PartnershipEvent.decodeInput(type: "MeetingHeld", version: 1, payload: payload) else {
            Issue.record("version 1 should read as MeetingHeld")
            return
        }
        #expect(held.attendees.map(\.name) == ["Dana Whitfield", nil])
        let unknown = Data(#"{"meetingId":"m-1","kind":"call","organizer":"acme","attendees":[{"party":"acme","seniority":"exec","title":"CEO"}]}"#.utf8)
        let error = #expect(throws: DomainError.self) {
            try PartnershipEvent.decodeInput(type: "MeetingHeld", version: 1, payload: unknown)
        }
        #expect(error?.code == .unknownField)
        #expect(error?.field == "payload.attendees[0].title")
    }

    @Test func upcastCarriesEveryFieldOver() throws {
        let legacy = MeetingHeldV1(
            meetingId: "m-7", kind: .workshop, organizer: "acme",
            attendees: [MeetingHeldV1.Attendee(party: "acme", seniority: .individual)],
            durationMinutes: 240, notes: "Design sprint", decisions: ["Adopt MQTT"],
            actionItems: [MeetingHeldV1.ActionItem(
                actionId: "a-1", owner: "acme", due: try CalendarDate(parsing: "2025-01-10"), text: "Write the spec")],
            priorActionsReviewed: false, scorecardReviewed: true)
        let current = legacy.upcast()
        #expect(current.meetingId == "m-7")
        #expect(current.kind == .workshop)
        #expect(current.attendees == [MeetingHeld.Attendee(party: "acme", seniority: .individual, name: nil)])
        #expect(current.durationMinutes == 240)
        #expect(current.notes == "Design sprint")
        #expect(current.decisions == ["Adopt MQTT"])
        #expect(current.actionItems == [MeetingHeld.ActionItem(
            actionId: "a-1", owner: "acme", due: try CalendarDate(parsing: "2025-01-10"), text: "Write the spec")])
        #expect(current.priorActionsReviewed == false)
        #expect(current.scorecardReviewed == true)
    }
}

import Foundation
import PartnerDomain
import Testing

@Suite("MeetingHeld version 1 reads as version 2")
struct MeetingHeldUpcastTests {
    @Test func decodingVersionOneYieldsTheCurrentVersionTwoValue() throws {
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
        #expect(event.eventVersion == 2)
    }

    @Test func upcastVersionOneReencodesAsVersionTwoWithoutNames() throws {
        let fixture = try Data(contentsOf: SchemaFolder.url().appendingPathComponent("fixtures/MeetingHeld.v1.json"))
        let event = try PartnershipEvent.decodeInput(type: "MeetingHeld", version: 1, payload: fixture)
        let reencoded = try JSONValue(parsing: event.encodedPayload())
        let original = try JSONValue(parsing: fixture)
        #expect(reencoded == original, "version 1 fields map one to one; a name stays where it was recorded and absent where not")
        #expect(try PartnershipEvent.decodeInput(type: "MeetingHeld", version: 2, payload: event.encodedPayload()) == event)
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

import Foundation
import PartnerDomain

/// What the meeting events state.
enum MeetingFact: FactValue {
    /// `MeetingScheduled`.
    case scheduled(meetingId: String, kind: MeetingKind, organizer: String?)
    /// `MeetingHeld`.
    case held(Held)
    /// `MeetingCancelled`.
    case cancelled(meetingId: String, by: String, noticeHours: Int?)
    /// `MeetingMissed`.
    case missed(meetingId: String, party: String)
    /// `ActionItemClosed`.
    case actionItemClosed(actionId: String)

    /// A held meeting: who came at which seniority, and what they agreed to do.
    struct Held: Sendable, Equatable {
        var meetingId: String
        var kind: MeetingKind
        /// Nil when not recorded: unknown, counted for no party.
        var organizer: String?
        var attendees: [Attendee]
        var actionItems: [ActionItem]
        var scorecardReviewed: Bool
    }

    /// One attendee, without the name.
    struct Attendee: Sendable, Equatable {
        var party: String
        var seniority: Seniority
    }

    /// One action item, without its text.
    struct ActionItem: Sendable, Equatable {
        var actionId: String
        var owner: String
        var due: CalendarDate
    }
}

/// Folds the meeting and action-item events of one partnership into facts, in log order.
struct MeetingFold: Codable, Sendable, Equatable {
    private(set) var facts: [Fact<MeetingFact>] = []

    mutating func apply(_ event: ProjectionEvent) {
        let fact: MeetingFact
        switch event.event {
        case .meetingScheduled(let meeting):
            fact = .scheduled(meetingId: meeting.meetingId, kind: meeting.kind, organizer: meeting.organizer)
        case .meetingHeld(let meeting):
            fact = .held(.init(
                meetingId: meeting.meetingId, kind: meeting.kind, organizer: meeting.organizer,
                attendees: meeting.attendees.map { .init(party: $0.party, seniority: $0.seniority) },
                actionItems: (meeting.actionItems ?? []).map { .init(actionId: $0.actionId, owner: $0.owner, due: $0.due) },
                scorecardReviewed: meeting.scorecardReviewed ?? false))
        case .meetingCancelled(let cancellation):
            fact = .cancelled(meetingId: cancellation.meetingId, by: cancellation.by, noticeHours: cancellation.noticeHours)
        case .meetingMissed(let miss):
            fact = .missed(meetingId: miss.meetingId, party: miss.absentParty)
        case .actionItemClosed(let closing):
            fact = .actionItemClosed(actionId: closing.actionId)
        default:
            return
        }
        facts.append(Fact(stamp: event.stamp, value: fact))
    }
}

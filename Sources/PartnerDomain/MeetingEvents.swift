/// A meeting is put in the calendar.
///
/// Version 2, the current version: the organiser is optional. Version 1
/// (``MeetingScheduledV1``) required it, and writers filled it in with their
/// own organisation when nobody said who organised, which then counted as
/// that party's initiative. An organiser left out is unknown and counts for
/// no party.
public struct MeetingScheduled: EventPayload {
    public static let eventType = "MeetingScheduled"
    public static let eventVersion = 2

    /// The meeting's id, unique within the partnership.
    public var meetingId: String
    /// What kind of meeting it is.
    public var kind: MeetingKind
    /// When it is to start.
    public var scheduledFor: Timestamp
    /// The party that organises it; nil when not recorded (unknown, counted for no party).
    public var organizer: String?

    /// Creates the payload.
    public init(meetingId: String, kind: MeetingKind, scheduledFor: Timestamp, organizer: String?) {
        self.meetingId = meetingId
        self.kind = kind
        self.scheduledFor = scheduledFor
        self.organizer = organizer
    }
}

/// A meeting took place: who attended, how senior they were, what was decided and who owes what by when.
///
/// Version 3, the current version: the organiser is optional, as for
/// ``MeetingScheduled`` version 2; one left out is unknown and counts for no
/// party (a held meeting of a scheduled one takes the schedule's organiser).
/// Version 2 (``MeetingHeldV2``) required it.
///
/// Version 1 (``MeetingHeldV1``) recorded
/// attendees only as a party and a seniority. Version 2 added an optional
/// `name` to each attendee, so that reports can tell whether the same people
/// keep showing up: a QBR attended by a different executive every quarter is
/// not the sustained engagement that a steady counterpart is, although the
/// seniority counts are the same. The name stays optional because many
/// attendees are recorded from calendar invites that list only an
/// organisation. Because payload schemas are closed (no undeclared fields),
/// adding the field needed a new version; ``MeetingHeldV1/upcast()`` maps
/// every version 1 payload to version 2 with no names, and
/// ``MeetingHeldV2/upcast()`` version 2 to this one.
///
/// A `MeetingHeld` may follow a `MeetingScheduled` with the same `meetingId`
/// or record an unscheduled meeting under a new id.
public struct MeetingHeld: EventPayload {
    public static let eventType = "MeetingHeld"
    public static let eventVersion = 3

    /// One person at a meeting: the party they represent, their seniority and, when known, their name.
    public struct Attendee: Codable, Sendable, Equatable {
        /// The party the attendee represents.
        public var party: String
        /// How senior the attendee is.
        public var seniority: Seniority
        /// The attendee's name, when recorded.
        public var name: String?

        /// Creates an attendee.
        public init(party: String, seniority: Seniority, name: String? = nil) {
            self.party = party
            self.seniority = seniority
            self.name = name
        }
    }

    /// A task agreed at a meeting, owned by one party and due on a day.
    public struct ActionItem: Codable, Sendable, Equatable {
        /// The action item's id, unique within the partnership; `ActionItemClosed` names it.
        public var actionId: String
        /// The party that owes it.
        public var owner: String
        /// The day it is due.
        public var due: CalendarDate
        /// What is to be done.
        public var text: String

        /// Creates an action item.
        public init(actionId: String, owner: String, due: CalendarDate, text: String) {
            self.actionId = actionId
            self.owner = owner
            self.due = due
            self.text = text
        }
    }

    /// The meeting's id: a scheduled meeting's id, or a new one for an unscheduled meeting.
    public var meetingId: String
    /// What kind of meeting it was.
    public var kind: MeetingKind
    /// The party that organised it; nil when not recorded (unknown, counted for no party).
    public var organizer: String?
    /// The people who attended, at least one.
    public var attendees: [Attendee]
    /// How long it lasted, in minutes, above 0.
    public var durationMinutes: Int?
    /// Free-form notes.
    public var notes: String?
    /// Decisions taken.
    public var decisions: [String]?
    /// Action items agreed.
    public var actionItems: [ActionItem]?
    /// Whether the action items of earlier meetings were reviewed.
    public var priorActionsReviewed: Bool?
    /// Whether the partnership scorecard was reviewed.
    public var scorecardReviewed: Bool?

    /// Creates the payload.
    public init(
        meetingId: String, kind: MeetingKind, organizer: String?, attendees: [Attendee],
        durationMinutes: Int? = nil, notes: String? = nil, decisions: [String]? = nil,
        actionItems: [ActionItem]? = nil, priorActionsReviewed: Bool? = nil, scorecardReviewed: Bool? = nil
    ) {
        self.meetingId = meetingId
        self.kind = kind
        self.organizer = organizer
        self.attendees = attendees
        self.durationMinutes = durationMinutes
        self.notes = notes
        self.decisions = decisions
        self.actionItems = actionItems
        self.priorActionsReviewed = priorActionsReviewed
        self.scorecardReviewed = scorecardReviewed
    }
}

/// A meeting is called off, by a party, with so many hours of notice.
///
/// Engagement scores count a cancellation with under 24 hours of notice as a
/// miss by the cancelling party.
public struct MeetingCancelled: EventPayload {
    public static let eventType = "MeetingCancelled"
    public static let eventVersion = 1

    /// The cancelled meeting.
    public var meetingId: String
    /// The party that cancelled.
    public var by: String
    /// How many hours before the meeting the cancellation came, 0 or more.
    public var noticeHours: Int?
    /// Why it was cancelled.
    public var reason: String?

    /// Creates the payload.
    public init(meetingId: String, by: String, noticeHours: Int? = nil, reason: String? = nil) {
        self.meetingId = meetingId
        self.by = by
        self.noticeHours = noticeHours
        self.reason = reason
    }
}

/// A party did not show up to a scheduled or held meeting.
public struct MeetingMissed: EventPayload {
    public static let eventType = "MeetingMissed"
    public static let eventVersion = 1

    /// The meeting missed.
    public var meetingId: String
    /// The party that was absent.
    public var absentParty: String

    /// Creates the payload.
    public init(meetingId: String, absentParty: String) {
        self.meetingId = meetingId
        self.absentParty = absentParty
    }
}

/// An action item agreed at a meeting is done.
public struct ActionItemClosed: EventPayload {
    public static let eventType = "ActionItemClosed"
    public static let eventVersion = 1

    /// The action item closed.
    public var actionId: String

    /// Creates the payload.
    public init(actionId: String) {
        self.actionId = actionId
    }
}

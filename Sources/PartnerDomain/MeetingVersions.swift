/// Version 2 of `MeetingHeld`, superseded by ``MeetingHeld`` (version 3); kept to read old events.
///
/// Version 2 required the organiser; version 3 lets it be left out (unknown).
/// Never write it. Decoding a version 2 payload upcasts it with ``upcast()``.
/// Attendees and action items have the shape they have in version 3, which
/// did not change them.
public struct MeetingHeldV2: EventPayload {
    public static let eventType = "MeetingHeld"
    public static let eventVersion = 2

    /// The meeting's id.
    public var meetingId: String
    /// What kind of meeting it was.
    public var kind: MeetingKind
    /// The party that organised it (required in version 2).
    public var organizer: String
    /// The people who attended.
    public var attendees: [MeetingHeld.Attendee]
    /// How long it lasted, in minutes.
    public var durationMinutes: Int?
    /// Free-form notes.
    public var notes: String?
    /// Decisions taken.
    public var decisions: [String]?
    /// Action items agreed.
    public var actionItems: [MeetingHeld.ActionItem]?
    /// Whether the action items of earlier meetings were reviewed.
    public var priorActionsReviewed: Bool?
    /// Whether the partnership scorecard was reviewed.
    public var scorecardReviewed: Bool?

    /// Creates the payload.
    public init(
        meetingId: String, kind: MeetingKind, organizer: String, attendees: [MeetingHeld.Attendee],
        durationMinutes: Int? = nil, notes: String? = nil, decisions: [String]? = nil,
        actionItems: [MeetingHeld.ActionItem]? = nil, priorActionsReviewed: Bool? = nil, scorecardReviewed: Bool? = nil
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

    /// The same meeting as a version 3 payload, its organiser recorded.
    public func upcast() -> MeetingHeld {
        MeetingHeld(
            meetingId: meetingId, kind: kind, organizer: organizer, attendees: attendees,
            durationMinutes: durationMinutes, notes: notes, decisions: decisions, actionItems: actionItems,
            priorActionsReviewed: priorActionsReviewed, scorecardReviewed: scorecardReviewed)
    }
}

/// Version 1 of `MeetingScheduled`, superseded by ``MeetingScheduled`` (version 2); kept to read old events.
///
/// Version 1 required the organiser. Never write it. Decoding a version 1
/// payload upcasts it with ``upcast()``.
public struct MeetingScheduledV1: EventPayload {
    public static let eventType = "MeetingScheduled"
    public static let eventVersion = 1

    /// The meeting's id.
    public var meetingId: String
    /// What kind of meeting it is.
    public var kind: MeetingKind
    /// When it is to start.
    public var scheduledFor: Timestamp
    /// The party that organises it (required in version 1).
    public var organizer: String

    /// Creates the payload.
    public init(meetingId: String, kind: MeetingKind, scheduledFor: Timestamp, organizer: String) {
        self.meetingId = meetingId
        self.kind = kind
        self.scheduledFor = scheduledFor
        self.organizer = organizer
    }

    /// The same meeting as a version 2 payload, its organiser recorded.
    public func upcast() -> MeetingScheduled {
        MeetingScheduled(meetingId: meetingId, kind: kind, scheduledFor: scheduledFor, organizer: organizer)
    }
}

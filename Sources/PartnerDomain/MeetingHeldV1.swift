/// Version 1 of `MeetingHeld`, superseded by ``MeetingHeldV2`` and then ``MeetingHeld`` (version 3); kept to read old events.
///
/// Version 1 was written with each attendee as a party and a seniority; DOMAIN.md lists an
/// optional name for it too, which an import may carry. Never write it: new events use
/// version 2. Decoding a version 1 payload through
/// ``PartnershipEvent/decode(type:version:payload:)`` upcasts it with
/// ``upcast()``, so callers only ever see version 2.
public struct MeetingHeldV1: EventPayload {
    public static let eventType = "MeetingHeld"
    public static let eventVersion = 1

    /// One person at a meeting, as version 1 recorded them: a party, a seniority and, as
    /// DOMAIN.md's version 1 allows, a name.
    public struct Attendee: Codable, Sendable, Equatable {
        /// The party the attendee represents.
        public var party: String
        /// How senior the attendee is.
        public var seniority: Seniority
        /// The attendee's name, when recorded (optional in version 1 as in version 2).
        public var name: String?

        /// Creates an attendee.
        public init(party: String, seniority: Seniority, name: String? = nil) {
            self.party = party
            self.seniority = seniority
            self.name = name
        }
    }

    /// An action item as version 1 recorded it. Frozen here so that later
    /// versions of ``MeetingHeld/ActionItem`` cannot change how old events read.
    public struct ActionItem: Codable, Sendable, Equatable {
        /// The action item's id.
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

    /// The meeting's id.
    public var meetingId: String
    /// What kind of meeting it was.
    public var kind: MeetingKind
    /// The party that organised it.
    public var organizer: String
    /// The people who attended.
    public var attendees: [Attendee]
    /// How long it lasted, in minutes.
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
        meetingId: String, kind: MeetingKind, organizer: String, attendees: [Attendee],
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

    /// The same meeting as a version 2 payload: every field carried over, attendees' names included when recorded.
    public func upcast() -> MeetingHeldV2 {
        MeetingHeldV2(
            meetingId: meetingId, kind: kind, organizer: organizer,
            attendees: attendees.map { MeetingHeld.Attendee(party: $0.party, seniority: $0.seniority, name: $0.name) },
            durationMinutes: durationMinutes, notes: notes, decisions: decisions,
            actionItems: actionItems?.map {
                MeetingHeld.ActionItem(actionId: $0.actionId, owner: $0.owner, due: $0.due, text: $0.text)
            },
            priorActionsReviewed: priorActionsReviewed, scorecardReviewed: scorecardReviewed)
    }
}

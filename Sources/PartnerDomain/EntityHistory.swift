import Foundation

/// The successive states of one entity (a commitment, a meeting, ...), each recorded by one event.
///
/// Retraction removes the state an event recorded. An event can be retracted
/// cleanly when its state is the latest one; ``eventIds(after:)`` names the
/// later events that stand in the way otherwise.
struct EntityHistory<Snapshot: Sendable>: Sendable {
    private(set) var revisions: [(eventId: UUID, snapshot: Snapshot)] = []

    /// The state after the latest live event, or nil when no live event created the entity.
    var current: Snapshot? { revisions.last?.snapshot }

    var isEmpty: Bool { revisions.isEmpty }

    mutating func record(_ snapshot: Snapshot, by eventId: UUID) {
        revisions.append((eventId, snapshot))
    }

    /// Removes the state recorded by `eventId`, wherever it is.
    mutating func remove(recordedBy eventId: UUID) {
        revisions.removeAll { $0.eventId == eventId }
    }

    /// The events that recorded a state after `eventId`'s.
    func eventIds(after eventId: UUID) -> [UUID] {
        guard let index = revisions.firstIndex(where: { $0.eventId == eventId }) else { return [] }
        return revisions[(index + 1)...].map(\.eventId)
    }
}

/// An entity of a partnership whose state events change: what a retraction must undo.
enum EntityKey: Hashable, Sendable {
    case lifecycle
    case label
    case objective(String)
    case charter(String)
    case meeting(String)
    case actionItem(String)
    case opportunity(String)
    case commitment(String)
    case request(String)
}

struct PartnershipSnapshot: Sendable {
    var name: String
    var parties: [PartnershipOpened.Party]
    var declaredType: RelationshipType
    var isClosed: Bool
}

struct MeetingSnapshot: Sendable {
    var status: MeetingStatus
    var attendingParties: Set<String> = []
    var absentParties: Set<String> = []
}

struct ActionItemSnapshot: Sendable {
    var owner: String
    var due: CalendarDate
    var isClosed: Bool
}

struct OpportunitySnapshot: Sendable {
    var status: OpportunityStatus
    var from: String
    var to: String
}

struct CommitmentSnapshot: Sendable {
    var status: CommitmentStatus
    var owner: String
    var beneficiary: String
    var dueDate: CalendarDate
}

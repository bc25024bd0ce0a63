import Foundation

/// The state every partnership's commands are checked against: a pure fold of the recorded events.
///
/// Feed it every recorded event in log order with ``apply(_:partnership:id:occurredAt:)``;
/// before appending a new event, call ``validate(_:partnership:)``. Neither
/// reads a clock or does I/O, and `apply` never throws: it records facts,
/// even facts validation would have refused (an event for an unknown
/// commitment changes nothing). Retractions undo what their target changed,
/// so a commitment whose `CommitmentFulfilled` was retracted is open again.
///
/// ```swift
/// var registry = PartnershipRegistry()
/// for stored in log { registry.apply(stored.event, partnership: stored.partnership, id: stored.id, occurredAt: stored.occurredAt) }
/// try registry.validate(command, partnership: "acme-iot") // throws DomainError, writes nothing
/// ```
public struct PartnershipRegistry: Sendable {
    /// What the registry remembers of each applied event: enough to check and perform retractions.
    struct EventRecord: Sendable {
        let partnership: String
        let eventType: String
        let occurredAt: Timestamp
        let changedEntities: [EntityKey]
        let isRetraction: Bool
        var isRetracted = false
    }

    private(set) var partnerships: [String: PartnershipState] = [:]
    private(set) var events: [UUID: EventRecord] = [:]

    /// An empty registry: no partnership, no event.
    public init() {}

    /// Folds one recorded event into the state; applying an id already applied changes nothing.
    ///
    /// `occurredAt` is kept with the event id so that messages about
    /// retractions can name when the events involved happened.
    public mutating func apply(_ event: PartnershipEvent, partnership slug: String, id: UUID, occurredAt: Timestamp) {
        guard events[id] == nil else { return }
        if case .eventRetracted(let retraction) = event {
            retract(retraction.targetEventId, in: slug)
            events[id] = EventRecord(
                partnership: slug, eventType: event.eventType, occurredAt: occurredAt, changedEntities: [], isRetraction: true)
            return
        }
        // Mutated in place: a copy out of the dictionary would copy the whole state per event.
        let changed = partnerships[slug, default: PartnershipState(slug: slug)].apply(event, id: id)
        partnerships[slug]?.liveEventCount += 1
        events[id] = EventRecord(
            partnership: slug, eventType: event.eventType, occurredAt: occurredAt, changedEntities: changed, isRetraction: false)
    }

    /// The state of an open or closed partnership, or nil when none with this slug was opened (or its opening was retracted).
    public func state(of partnership: String) -> PartnershipState? {
        guard let state = partnerships[partnership], state.snapshot != nil else { return nil }
        return state
    }

    /// The slugs of every known partnership, sorted.
    public var partnershipSlugs: [String] {
        partnerships.values.filter { $0.snapshot != nil }.map(\.slug).sorted()
    }

    /// Whether an event with this id was applied.
    public func containsEvent(_ id: UUID) -> Bool {
        events[id] != nil
    }

    /// Whether the event with this id was applied and later retracted.
    public func isRetracted(_ id: UUID) -> Bool {
        events[id]?.isRetracted ?? false
    }

    /// Drops a partnership's state and what it remembers of its events, as if none had been
    /// applied; a reader that folds partnerships one at a time keeps its memory to one.
    public mutating func forget(partnership slug: String) {
        partnerships[slug] = nil
        events = events.filter { $0.value.partnership != slug }
    }

    private mutating func retract(_ targetId: UUID, in slug: String) {
        guard let target = events[targetId], target.partnership == slug, !target.isRetracted, !target.isRetraction,
              partnerships[slug] != nil
        else { return }
        partnerships[slug]?.removeRevisions(of: targetId, from: target.changedEntities)
        partnerships[slug]?.liveEventCount -= 1
        events[targetId]?.isRetracted = true
    }
}

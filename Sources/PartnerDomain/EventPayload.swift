/// The payload of one event type at one version: a plain, codable value.
///
/// The JSON keys are the property names. Optional properties are left out of
/// the JSON when nil. A released `(eventType, eventVersion)` never changes:
/// an evolution adds a new version and an `upcast` step from the old one
/// (see ``MeetingHeldV1``).
public protocol EventPayload: Codable, Sendable, Equatable {
    /// The event type name, PascalCase and past tense, such as `MeetingHeld`.
    static var eventType: String { get }
    /// The schema version of this payload, starting at 1.
    static var eventVersion: Int { get }
}

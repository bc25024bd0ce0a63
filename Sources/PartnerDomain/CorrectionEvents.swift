import Foundation

/// An earlier event of the same partnership is declared wrong; reports leave it out from then on.
///
/// Events are never edited. To correct one, retract it and record the right
/// event. A retraction cannot itself be retracted: to restore a retracted
/// fact, record it again under a new id.
public struct EventRetracted: EventPayload {
    public static let eventType = "EventRetracted"
    public static let eventVersion = 1

    /// The envelope id of the event retracted.
    public var targetEventId: UUID
    /// Why it is wrong.
    public var reason: String

    /// Creates the payload.
    public init(targetEventId: UUID, reason: String) {
        self.targetEventId = targetEventId
        self.reason = reason
    }

    private enum CodingKeys: String, CodingKey {
        case targetEventId, reason
    }

    /// Decodes the payload; `targetEventId` must be a UUID.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        targetEventId = try UUIDCoding.decode(container, forKey: .targetEventId)
        reason = try container.decode(String.self, forKey: .reason)
    }

    /// Encodes the payload with the UUID in lower case.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(UUIDCoding.text(targetEventId), forKey: .targetEventId)
        try container.encode(reason, forKey: .reason)
    }
}

/// The parties accept a new label for what the relationship really is.
///
/// Appended when the evidence says, for example, "supplier/customer" while
/// the partnership was declared a partnership: call it what it is.
public struct RelationshipReclassified: EventPayload {
    public static let eventType = "RelationshipReclassified"
    public static let eventVersion = 1

    /// The new label; it must differ from the current one.
    public var label: RelationshipType
    /// Why the label fits, citing the evidence.
    public var rationale: String

    /// Creates the payload.
    public init(label: RelationshipType, rationale: String) {
        self.label = label
        self.rationale = rationale
    }
}

import Foundation

/// One event with its metadata: the line format of JSON Lines import and export.
///
/// The log assigns `seq` and `recordedAt`; a writer chooses `id` (the
/// idempotency key), `partnership`, `occurredAt` and the payload. The payload
/// stays as written, at the `(type, version)` it was written at;
/// ``decodedEvent()`` turns it into the current ``PartnershipEvent``.
///
/// ```swift
/// let envelope = try EventEnvelope(
///     event: .partnershipClosed(PartnershipClosed(reason: "Merged into acme-cloud")),
///     id: UUID(), partnership: "acme-iot",
///     occurredAt: try Timestamp(parsing: "2025-06-30"), source: .cli)
/// let line = try envelope.jsonLine() // one line, keys sorted
/// ```
public struct EventEnvelope: Sendable, Equatable, Codable {
    /// Where an event entered the ledger.
    public enum Source: String, ClosedVocabulary {
        /// Typed at the command line.
        case cli
        /// Read from a JSON Lines file.
        case `import`
        /// Sent through a programmatic interface.
        case api

        public static let vocabularyName = "source"
    }

    /// The event's id, chosen by the writer: appending the same id again is idempotent.
    public let id: UUID
    /// The global position assigned by the log, gapless from 1; nil before the event is appended.
    public let seq: UInt64?
    /// The stream: the partnership's slug, such as `acme-iot`.
    public let partnership: String
    /// The event type name, such as `MeetingHeld`.
    public let type: String
    /// The payload's schema version.
    public let version: Int
    /// Business time: when it happened.
    public let occurredAt: Timestamp
    /// System time: when the log appended it; nil before then.
    public let recordedAt: Timestamp?
    /// The user who appended it.
    public let recordedBy: String?
    /// Where it entered the ledger; a line that leaves it out is read as `import`.
    public let source: Source
    /// The id of the event or command that caused this one.
    public let causationId: UUID?
    /// The id shared by every event of one conversation or import.
    public let correlationId: UUID?
    /// The payload as written: always a JSON object.
    public let payload: JSONValue

    /// Creates an envelope from its fields; throws `invalid-slug` for a bad partnership slug and `wrong-type` for a payload that is not an object.
    public init(
        id: UUID, seq: UInt64? = nil, partnership: String, type: String, version: Int,
        occurredAt: Timestamp, recordedAt: Timestamp? = nil, recordedBy: String? = nil, source: Source,
        causationId: UUID? = nil, correlationId: UUID? = nil, payload: JSONValue
    ) throws(DomainError) {
        do throws(DomainError) {
            try Slug.validate(partnership, as: "partnership slug")
        } catch {
            throw error.at(field: "partnership")
        }
        self.id = id
        self.seq = seq
        self.partnership = partnership
        self.type = type
        self.version = version
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.source = source
        self.causationId = causationId
        self.correlationId = correlationId
        self.payload = try payload.requiringObject(at: "payload")
    }

    /// Wraps an event at its current version, with the payload in canonical form.
    public init(
        event: PartnershipEvent, id: UUID, partnership: String, occurredAt: Timestamp,
        recordedBy: String? = nil, source: Source, causationId: UUID? = nil, correlationId: UUID? = nil
    ) throws {
        try self.init(
            id: id, partnership: partnership, type: event.eventType, version: event.eventVersion,
            occurredAt: occurredAt, recordedBy: recordedBy, source: source,
            causationId: causationId, correlationId: correlationId,
            payload: JSONValue(parsing: event.encodedPayload()))
    }

    /// The payload as the current ``PartnershipEvent``, checked strictly (unknown fields rejected), upcast when superseded.
    public func decodedEvent() throws(DomainError) -> PartnershipEvent {
        try PartnershipEvent.decodeInput(type: type, version: version, json: payload)
    }

    /// The envelope as one line of JSON Lines: canonical JSON, keys sorted, no trailing newline.
    public func jsonLine() throws -> Data {
        try JSONText.makeEncoder().encode(self)
    }

    /// Reads and checks one JSON Lines line: envelope fields and payload alike, rejecting unknown fields.
    ///
    /// Errors name the JSON path within the line, such as `occurredAt` or
    /// `payload.attendees[0].party`. The payload must decode as its
    /// `(type, version)`; the returned envelope keeps it as written.
    public static func decodeLine(_ line: Data) throws(DomainError) -> EventEnvelope {
        let document = try JSONValue(parsing: line).requiringObject(at: "")
        let envelope: EventEnvelope
        do {
            envelope = try JSONValueDecoder.decode(EventEnvelope.self, from: document)
        } catch {
            throw PayloadDecoding.domainError(for: error, in: document, fieldPrefix: "")
        }
        if case .object(var members) = document, case .object(var known) = try JSONValue(parsing: envelope.canonicalBytes()) {
            members["payload"] = nil
            known["payload"] = nil
            if let unexpected = PayloadDecoding.firstUnexpectedField(
                input: .object(members), known: .object(known), path: "", schemaName: "envelope") {
                throw unexpected
            }
        }
        if let seq = envelope.seq, seq == 0 {
            throw DomainError(
                code: .outOfRange, field: "seq", value: "0",
                message: "0 is not a position: the log numbers events from 1. Leave seq out to let the log assign it.")
        }
        _ = try envelope.decodedEvent()
        return envelope
    }

    private func canonicalBytes() throws(DomainError) -> Data {
        do {
            return try jsonLine()
        } catch {
            throw DomainError(
                code: .malformedJSON, field: "", value: nil,
                message: "the envelope could not be written back as JSON (\(error)).")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id, seq, partnership, type, version, occurredAt, recordedAt, recordedBy, source
        case causationId, correlationId, payload
    }

    /// Decodes an envelope, checking the slug, the UUIDs, the times and that the payload is an object.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try UUIDCoding.decode(container, forKey: .id)
        seq = try container.decodeIfPresent(UInt64.self, forKey: .seq)
        partnership = try container.decode(String.self, forKey: .partnership)
        do throws(DomainError) {
            try Slug.validate(partnership, as: "partnership slug")
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: [CodingKeys.partnership], debugDescription: error.message, underlyingError: error))
        }
        type = try container.decode(String.self, forKey: .type)
        version = try container.decode(Int.self, forKey: .version)
        occurredAt = try container.decode(Timestamp.self, forKey: .occurredAt)
        recordedAt = try container.decodeIfPresent(Timestamp.self, forKey: .recordedAt)
        recordedBy = try container.decodeIfPresent(String.self, forKey: .recordedBy)
        // DOMAIN.md: the ledger sets the source when the writer leaves it out, and a line
        // brought in without one comes from an import.
        source = try container.decodeIfPresent(Source.self, forKey: .source) ?? .import
        causationId = try UUIDCoding.decodeIfPresent(container, forKey: .causationId)
        correlationId = try UUIDCoding.decodeIfPresent(container, forKey: .correlationId)
        let payload = try container.decode(JSONValue.self, forKey: .payload)
        guard case .object = payload else {
            throw DecodingError.typeMismatch(
                [String: JSONValue].self,
                DecodingError.Context(codingPath: [CodingKeys.payload], debugDescription: "the payload must be an object"))
        }
        self.payload = payload
    }

    /// Encodes the envelope with lower-case UUIDs, leaving nil fields out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(UUIDCoding.text(id), forKey: .id)
        try container.encodeIfPresent(seq, forKey: .seq)
        try container.encode(partnership, forKey: .partnership)
        try container.encode(type, forKey: .type)
        try container.encode(version, forKey: .version)
        try container.encode(occurredAt, forKey: .occurredAt)
        try container.encodeIfPresent(recordedAt, forKey: .recordedAt)
        try container.encodeIfPresent(recordedBy, forKey: .recordedBy)
        try container.encode(source, forKey: .source)
        try container.encodeIfPresent(causationId.map(UUIDCoding.text), forKey: .causationId)
        try container.encodeIfPresent(correlationId.map(UUIDCoding.text), forKey: .correlationId)
        try container.encode(payload, forKey: .payload)
    }
}

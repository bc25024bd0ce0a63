import EventLog
import Foundation

/// A checked-to-be event with everything the log needs: the typed event for the rules, and
/// the type, version and payload bytes exactly as they will be stored.
struct PreparedEvent {
    let id: UUID
    let partnership: String
    /// The event at its current version: what the rules check and the fold applies.
    let event: PartnershipEvent
    /// The type and version as stored: an imported version 1 event stays version 1.
    let type: String
    let version: Int
    /// The canonical payload bytes: keys sorted, as ``JSONValue/encoded()`` writes them.
    let payload: [UInt8]
    let payloadJSON: JSONValue
    let occurredAt: Timestamp
    /// The writer to record; `nil` records the ledger's user.
    var recordedBy: String?
    var source: EventEnvelope.Source
    /// The recorded time to keep, from an export; `nil` lets the log stamp the time of the append.
    var recordedAt: Timestamp?
    let causationID: UUID?
    let correlationID: UUID?

    /// A new event from a command, at its type's current version.
    init(typed event: PartnershipEvent, id: UUID, partnership: String, occurredAt: Timestamp,
         causationID: UUID? = nil, correlationID: UUID? = nil) throws {
        self.id = id
        self.partnership = partnership
        self.event = event
        type = event.eventType
        version = event.eventVersion
        let bytes = try event.encodedPayload()
        try Self.checkSize(bytes.count)
        payload = Array(bytes)
        payloadJSON = try JSONValue(parsing: bytes)
        self.occurredAt = occurredAt
        recordedBy = nil
        source = .cli
        recordedAt = nil
        self.causationID = causationID
        self.correlationID = correlationID
    }

    /// An event from an envelope (a raw `append` or an import line), stored at the envelope's
    /// type and version with its payload in canonical form (`canonicalPayload` when the caller
    /// has encoded it already).
    init(envelope: EventEnvelope, event: PartnershipEvent, canonicalPayload: Data? = nil) throws {
        id = envelope.id
        partnership = envelope.partnership
        self.event = event
        type = envelope.type
        version = envelope.version
        payloadJSON = envelope.payload
        payload = Array(try canonicalPayload ?? envelope.payload.encoded())
        try Self.checkSize(payload.count)
        occurredAt = envelope.occurredAt
        recordedBy = envelope.recordedBy
        source = envelope.source
        recordedAt = envelope.recordedAt
        causationID = envelope.causationId
        correlationID = envelope.correlationId
    }

    /// The most bytes a payload may take: an exported line (the payload and the envelope the log
    /// adds, well under 4 KiB) then stays within the 1 MiB an import line may take, so that every
    /// event the ledger takes, by any path, comes back in through `import`.
    static let maximumPayloadBytes = (1 << 20) - 4096

    static func checkSize(_ count: Int) throws(DomainError) {
        guard count <= maximumPayloadBytes else {
            throw DomainError(
                code: .eventTooLarge, field: "payload", value: nil,
                message: "the payload is \(count) bytes, more than the \(maximumPayloadBytes) one event may take (its exported line must stay within 1 MiB). Keep large documents outside the ledger and record a reference to them.")
        }
    }

    /// The event as the log takes it.
    var proposed: ProposedEvent {
        ProposedEvent(
            id: id, type: type, typeVersion: version, occurredAt: occurredAt.millisecondsSinceEpoch, payload: payload,
            recordedBy: recordedBy, source: source.rawValue, causationID: causationID, correlationID: correlationID)
    }

    /// Whether a stored event is this event: same partnership, type, version, business time,
    /// causation, correlation and payload (compared as JSON, so key order does not matter).
    ///
    /// Who recorded it, when and from where are not compared: they describe the recording, not the fact.
    func matches(_ stored: RecordedEvent) -> Bool {
        guard stored.stream == partnership, stored.type == type, stored.typeVersion == version,
              stored.occurredAt == occurredAt.millisecondsSinceEpoch,
              stored.causationID == causationID, stored.correlationID == correlationID
        else { return false }
        if stored.payload == payload { return true }
        return (try? JSONValue(parsing: stored.payloadData)) == payloadJSON
    }
}

extension DomainError.Code {
    /// An input sets a field that only the log sets, such as `recordedAt`.
    public static let setByLog = Self(rawValue: "set-by-log")
    /// A payload larger than one event may take.
    public static let eventTooLarge = Self(rawValue: "event-too-large")
    /// A retried command's event id is stored with other facts than the retry states.
    public static let eventIDConflict = Self(rawValue: "event-id-conflict")
}

extension Ledger {
    /// Checks and appends one raw JSON event, as `pledger append` takes it.
    ///
    /// The object has the envelope's fields: `partnership`, `type` and `payload` are required;
    /// `id` (a new UUID), `version` (the type's current version), `occurredAt` (now),
    /// `causationId` and `correlationId` are optional. `seq`, `recordedAt`, `recordedBy` and
    /// `source` are set by the log and refused here; `pledger import` brings in recorded history.
    /// The payload is checked strictly (unknown fields refused) and stored as written, at the
    /// version given, in canonical JSON.
    @discardableResult
    public func append(json data: Data) throws -> Receipt {
        let envelope = try rawEnvelope(data)
        let event = try envelope.decodedEvent()
        return try appendChecked(partnership: envelope.partnership) { _ in
            var prepared = try PreparedEvent(envelope: envelope, event: event)
            prepared.source = .cli
            prepared.recordedBy = nil
            prepared.recordedAt = nil
            return prepared
        }
    }

    private func rawEnvelope(_ data: Data) throws(DomainError) -> EventEnvelope {
        if let deep = JSONSyntax.nestingFailure(in: Array(data)) { throw LineDecoding.tooDeep(deep, subject: "the event") }
        let document: JSONValue
        do {
            document = try JSONValue(parsing: data)
        } catch {
            throw LineDecoding.located(error, in: Array(data), subject: "the event")
        }
        guard case .object(var members) = document else {
            throw DomainError(
                code: .wrongType, field: "", value: nil,
                message: "the event must be one JSON object with partnership, type and payload. Write it as { ... }.")
        }
        for field in ["seq", "recordedAt", "recordedBy", "source"] where members[field] != nil {
            throw DomainError(
                code: .setByLog, field: field, value: nil,
                message: "the log sets \(field) when it appends; leave it out. To bring in history recorded elsewhere, use `pledger import`.")
        }
        if members["id"] == nil { members["id"] = .string(environment.newEventID().uuidString.lowercased()) }
        if members["occurredAt"] == nil { members["occurredAt"] = .string(environment.now().description) }
        if members["version"] == nil, case .string(let type)? = members["type"] {
            members["version"] = .number(Decimal(EventCatalog.currentVersion(of: type) ?? 1))
        }
        members["source"] = .string(EventEnvelope.Source.cli.rawValue)
        let filled: Data
        do {
            filled = try JSONValue.object(members).encoded()
        } catch {
            throw DomainError(code: .malformedJSON, field: "", value: nil, message: "the event could not be written back as JSON (\(error)).")
        }
        return try EventEnvelope.decodeLine(filled)
    }
}

extension PartnershipEvent {
    /// The short id the event introduces or refers to: a commitment, opportunity, meeting,
    /// request, action item, objective or charter id; `nil` for other events.
    public var subjectID: String? {
        switch self {
        case .objectiveDeclared(let payload): payload.objectiveId
        case .charterAgreed(let payload): payload.charterId
        case .meetingScheduled(let payload): payload.meetingId
        case .meetingHeld(let payload): payload.meetingId
        case .meetingCancelled(let payload): payload.meetingId
        case .meetingMissed(let payload): payload.meetingId
        case .actionItemClosed(let payload): payload.actionId
        case .opportunityShared(let payload): payload.opportunityId
        case .opportunityAccepted(let payload): payload.opportunityId
        case .opportunityDeclined(let payload): payload.opportunityId
        case .opportunityWon(let payload): payload.opportunityId
        case .opportunityLost(let payload): payload.opportunityId
        case .commitmentMade(let payload): payload.commitmentId
        case .commitmentFulfilled(let payload): payload.commitmentId
        case .commitmentMissed(let payload): payload.commitmentId
        case .commitmentRenegotiated(let payload): payload.commitmentId
        case .commitmentWithdrawn(let payload): payload.commitmentId
        case .informationRequested(let payload): payload.requestId
        case .informationRequestAnswered(let payload): payload.requestId
        case .informationRequestDeclined(let payload): payload.requestId
        case .eventRetracted(let payload): payload.targetEventId.uuidString.lowercased()
        default: nil
        }
    }

    /// The short ids this event introduces: its new entity, and a held meeting's action items.
    public var introducedIDs: [String] {
        switch self {
        case .objectiveDeclared(let payload): [payload.objectiveId]
        case .charterAgreed(let payload): [payload.charterId]
        case .meetingScheduled(let payload): [payload.meetingId]
        case .meetingHeld(let payload): [payload.meetingId] + (payload.actionItems ?? []).map(\.actionId)
        case .opportunityShared(let payload): [payload.opportunityId]
        case .commitmentMade(let payload): [payload.commitmentId]
        case .informationRequested(let payload): [payload.requestId]
        default: []
        }
    }
}

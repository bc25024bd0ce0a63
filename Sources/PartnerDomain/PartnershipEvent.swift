import Foundation

/// Any partnership event at its current version: one case per event type of the catalogue.
///
/// Superseded versions never appear here: decoding upcasts them (a version 1
/// `MeetingHeld` comes back as ``meetingHeld(_:)`` with a version 2 payload).
///
/// ```swift
/// let event = try PartnershipEvent.decode(type: "MeetingHeld", version: 1, payload: bytes)
/// event.eventVersion      // 2
/// try event.encodedPayload() // canonical version 2 JSON
/// ```
public enum PartnershipEvent: Sendable, Equatable {
    /// ``PartnershipOpened``: a partnership begins: its name, its parties and what it is declared to be.
    case partnershipOpened(PartnershipOpened)
    /// ``PartnershipClosed``: a partnership ends. Afterwards only retractions may be recorded on it.
    case partnershipClosed(PartnershipClosed)
    /// ``ObjectiveDeclared``: a party states what it wants from the partnership.
    case objectiveDeclared(ObjectiveDeclared)
    /// ``CharterAgreed``: the parties agree why they work together, on which joint objectives, and how they will meet.
    case charterAgreed(CharterAgreed)
    /// ``WeakSpotAssessed``: a party rates itself on one failure mode: 1 means "this is our weak spot", 5 "a strength".
    case weakSpotAssessed(WeakSpotAssessed)
    /// ``HealthSurveyed``: a party answers a health survey on one dimension, 1 (poor) to 5 (healthy).
    case healthSurveyed(HealthSurveyed)
    /// ``MeetingScheduled``: a meeting is put in the calendar.
    case meetingScheduled(MeetingScheduled)
    /// ``MeetingHeld``: a meeting took place: who attended, how senior they were, what was decided and who owes what by when.
    case meetingHeld(MeetingHeld)
    /// ``MeetingCancelled``: a meeting is called off, by a party, with so many hours of notice.
    case meetingCancelled(MeetingCancelled)
    /// ``MeetingMissed``: a party did not show up to a scheduled or held meeting.
    case meetingMissed(MeetingMissed)
    /// ``ActionItemClosed``: an action item agreed at a meeting is done.
    case actionItemClosed(ActionItemClosed)
    /// ``OpportunityShared``: one party passes business to another: a referral, a co-sell, an introduction or a lead.
    case opportunityShared(OpportunityShared)
    /// ``OpportunityAccepted``: the receiving party takes up a shared opportunity.
    case opportunityAccepted(OpportunityAccepted)
    /// ``OpportunityDeclined``: the receiving party turns down a shared opportunity; this ends it.
    case opportunityDeclined(OpportunityDeclined)
    /// ``OpportunityWon``: an accepted opportunity turned into business; this ends it.
    case opportunityWon(OpportunityWon)
    /// ``OpportunityLost``: an accepted opportunity came to nothing; this ends it.
    case opportunityLost(OpportunityLost)
    /// ``CommitmentMade``: a party promises another something by a day.
    case commitmentMade(CommitmentMade)
    /// ``CommitmentFulfilled``: a commitment was delivered; this ends it. The beneficiary may rate the quality 1..5.
    case commitmentFulfilled(CommitmentFulfilled)
    /// ``CommitmentMissed``: a commitment was not delivered; this ends it.
    case commitmentMissed(CommitmentMissed)
    /// ``CommitmentRenegotiated``: an open commitment gets a new due date, at a party's request.
    case commitmentRenegotiated(CommitmentRenegotiated)
    /// ``CommitmentWithdrawn``: a party takes back a commitment; this ends it, and scores leave it out.
    case commitmentWithdrawn(CommitmentWithdrawn)
    /// ``InvestmentMade``: a party puts money, hours or other resources into the partnership.
    case investmentMade(InvestmentMade)
    /// ``ExecAccessRequested``: a party asks for access to the other side's executives, and whether it got it.
    case execAccessRequested(ExecAccessRequested)
    /// ``InformationShared``: a party shares a category of information with another, at some depth.
    case informationShared(InformationShared)
    /// ``InformationRequested``: a party asks another for a category of information.
    case informationRequested(InformationRequested)
    /// ``InformationRequestAnswered``: an information request was answered; this closes it.
    case informationRequestAnswered(InformationRequestAnswered)
    /// ``InformationRequestDeclined``: an information request was refused; this closes it.
    case informationRequestDeclined(InformationRequestDeclined)
    /// ``DisclosureMade``: a party discloses something that matters to the partnership, unprompted or not.
    case disclosureMade(DisclosureMade)
    /// ``SurpriseDiscovered``: a party learns something about another that it should have been told.
    case surpriseDiscovered(SurpriseDiscovered)
    /// ``EventRetracted``: an earlier event of the same partnership is declared wrong; reports leave it out from then on.
    case eventRetracted(EventRetracted)
    /// ``RelationshipReclassified``: the parties accept a new label for what the relationship really is.
    case relationshipReclassified(RelationshipReclassified)

    /// The payload value of this event.
    public var payload: any EventPayload {
        switch self {
        case .partnershipOpened(let payload): payload
        case .partnershipClosed(let payload): payload
        case .objectiveDeclared(let payload): payload
        case .charterAgreed(let payload): payload
        case .weakSpotAssessed(let payload): payload
        case .healthSurveyed(let payload): payload
        case .meetingScheduled(let payload): payload
        case .meetingHeld(let payload): payload
        case .meetingCancelled(let payload): payload
        case .meetingMissed(let payload): payload
        case .actionItemClosed(let payload): payload
        case .opportunityShared(let payload): payload
        case .opportunityAccepted(let payload): payload
        case .opportunityDeclined(let payload): payload
        case .opportunityWon(let payload): payload
        case .opportunityLost(let payload): payload
        case .commitmentMade(let payload): payload
        case .commitmentFulfilled(let payload): payload
        case .commitmentMissed(let payload): payload
        case .commitmentRenegotiated(let payload): payload
        case .commitmentWithdrawn(let payload): payload
        case .investmentMade(let payload): payload
        case .execAccessRequested(let payload): payload
        case .informationShared(let payload): payload
        case .informationRequested(let payload): payload
        case .informationRequestAnswered(let payload): payload
        case .informationRequestDeclined(let payload): payload
        case .disclosureMade(let payload): payload
        case .surpriseDiscovered(let payload): payload
        case .eventRetracted(let payload): payload
        case .relationshipReclassified(let payload): payload
        }
    }

    /// The event type name, such as `MeetingHeld`.
    public var eventType: String {
        type(of: payload).eventType
    }

    /// The version the payload is at: always the current version of its type.
    public var eventVersion: Int {
        type(of: payload).eventVersion
    }

    /// The payload as canonical JSON: keys sorted, slashes unescaped, optional fields left out when nil.
    public func encodedPayload() throws -> Data {
        try JSONText.makeEncoder().encode(payload)
    }

    /// Decodes a stored payload of any known `(type, version)`, upcasting superseded versions to the current one.
    ///
    /// This is the reading path for events already in the log: fields the
    /// type does not define are ignored. Input from users and imports goes
    /// through ``decodeInput(type:version:payload:fieldPrefix:)``, which
    /// rejects them. Errors are ``DomainError``s naming the JSON path, such as
    /// `payload.attendees[0].seniority`.
    ///
    /// The payload is read with `LedgerJSON` first; a payload that reader leaves to
    /// `JSONDecoder` (see ``ParsedPayloadDecoder``), and every invalid one, is
    /// decoded again with `JSONDecoder`, which gives the value or the error.
    public static func decode(type: String, version: Int, payload: Data) throws -> PartnershipEvent {
        let registration = try EventCatalog.registration(type: type, version: version)
        let parsed = payload.withUnsafeBytes { bytes in try? registration.decodeParsed(ParsedPayloadDecoder.parse(bytes)) }
        if let parsed { return parsed }
        return try decodeWithJSONDecoder(registration, payload: payload)
    }

    /// Decodes a stored payload read in place; the same values and errors as ``decode(type:version:payload:)``,
    /// without copying the bytes unless `JSONDecoder` has to read them.
    public static func decode(type: String, version: Int, payload: UnsafeRawBufferPointer) throws -> PartnershipEvent {
        let registration = try EventCatalog.registration(type: type, version: version)
        if let parsed = try? registration.decodeParsed(ParsedPayloadDecoder.parse(payload)) { return parsed }
        return try decodeWithJSONDecoder(registration, payload: Data(payload))
    }

    /// ``decode(type:version:payload:)`` with `JSONDecoder` alone: slower, the reference the `LedgerJSON`
    /// reading is checked against. Same values, same errors.
    public static func decodeWithJSONDecoder(type: String, version: Int, payload: Data) throws -> PartnershipEvent {
        try decodeWithJSONDecoder(EventCatalog.registration(type: type, version: version), payload: payload)
    }

    /// The `LedgerJSON` reading alone, with no fallback: throws ``ParsedPayloadDecoder/Unsupported``
    /// for every payload it leaves to `JSONDecoder`.
    static func decodeWithLedgerJSON(type: String, version: Int, payload: Data) throws -> PartnershipEvent {
        let registration = try EventCatalog.registration(type: type, version: version)
        return try payload.withUnsafeBytes { bytes in try registration.decodeParsed(ParsedPayloadDecoder.parse(bytes)) }
    }

    private static func decodeWithJSONDecoder(_ registration: EventCatalog.Registration, payload: Data) throws -> PartnershipEvent {
        do {
            return try registration.decode(payload)
        } catch {
            let document = try? JSONValue(parsing: payload)
            throw PayloadDecoding.domainError(for: error, in: document, fieldPrefix: "payload")
        }
    }

    /// Decodes and checks untrusted JSON input for a type and version: the strict path for commands and imports.
    ///
    /// Beyond ``decode(type:version:payload:)`` it rejects fields the type's
    /// schema does not define (`unknown-field`) and JSON `null` values
    /// (`null-value`), so that it accepts what `Schemas/events/<Type>.v<version>.schema.json`
    /// accepts. Every error names the offending JSON path, starting with
    /// `fieldPrefix` (`payload` by default): `missing-field`, `wrong-type`,
    /// `invalid-value`, `invalid-date`, `unknown-event-type`...
    public static func decodeInput(
        type: String, version: Int, payload: Data, fieldPrefix: String = "payload"
    ) throws(DomainError) -> PartnershipEvent {
        let registration = try EventCatalog.registration(type: type, version: version)
        let json: JSONValue
        do throws(DomainError) {
            json = try JSONValue(parsing: payload)
        } catch {
            throw error.at(field: fieldPrefix)
        }
        return try decodeInput(registration, json: json, fieldPrefix: fieldPrefix)
    }

    /// The strict decoding of an already parsed payload; see ``decodeInput(type:version:payload:fieldPrefix:)``.
    public static func decodeInput(
        type: String, version: Int, json: JSONValue, fieldPrefix: String = "payload"
    ) throws(DomainError) -> PartnershipEvent {
        try decodeInput(EventCatalog.registration(type: type, version: version), json: json, fieldPrefix: fieldPrefix)
    }

    private static func decodeInput(
        _ registration: EventCatalog.Registration, json: JSONValue, fieldPrefix: String
    ) throws(DomainError) -> PartnershipEvent {
        let input = try json.requiringObject(at: fieldPrefix)
        let decoded: (event: PartnershipEvent, reencoded: Data)
        do {
            decoded = try registration.decodeEchoing(input)
        } catch {
            throw PayloadDecoding.domainError(for: error, in: input, fieldPrefix: fieldPrefix)
        }
        let schemaName = "\(registration.type).v\(registration.version)"
        if let unexpected = PayloadDecoding.firstUnexpectedField(
            input: input, known: try JSONValue(parsing: decoded.reencoded), path: fieldPrefix, schemaName: schemaName) {
            throw unexpected
        }
        return decoded.event
    }
}

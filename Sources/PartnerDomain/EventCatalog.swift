import Foundation
import LedgerJSON

/// Every `(type, version)` the ledger can read, current and superseded, and how to decode each.
///
/// The catalogue is the single list that decoding, the schema tests and the
/// `Schemas/events` folder agree on: each entry has a schema file
/// `Schemas/events/<type>.v<version>.schema.json` and a fixture.
public enum EventCatalog {
    /// One known `(type, version)` pair.
    public struct Entry: Sendable, Hashable, CustomStringConvertible {
        /// The event type name, such as `MeetingHeld`.
        public let type: String
        /// The schema version.
        public let version: Int
        /// Whether this is the version new events are written at.
        public let isCurrent: Bool

        /// `Type.vN`, the stem of the entry's schema and fixture file names.
        public var description: String { "\(type).v\(version)" }
    }

    /// Every known pair, in catalogue order, superseded versions before the current one.
    public static let entries: [Entry] = registrations.map { registration in
        Entry(
            type: registration.type, version: registration.version,
            isCurrent: registration.version == currentVersions[registration.type])
    }

    /// The event type names, in catalogue order.
    public static let eventTypes: [String] = registrations.reduce(into: []) { names, registration in
        if names.last != registration.type { names.append(registration.type) }
    }

    /// The version new events of `type` are written at, or nil for an unknown type.
    public static func currentVersion(of type: String) -> Int? {
        currentVersions[type]
    }

    /// Whether `(type, version)` can be read.
    public static func contains(type: String, version: Int) -> Bool {
        registrationsByKey[Key(type: type, version: version)] != nil
    }

    struct Key: Hashable {
        let type: String
        let version: Int
    }

    /// How to decode one `(type, version)`: straight into the current case, through an upcast where needed.
    struct Registration: Sendable {
        let type: String
        let version: Int
        /// Decodes payload bytes into the current event with `JSONDecoder`.
        let decode: @Sendable (Data) throws -> PartnershipEvent
        /// Decodes a payload parsed by `LedgerJSON` into the current event, or throws ``ParsedPayloadDecoder/Unsupported``.
        private(set) var decodeParsed: @Sendable (LedgerJSON.JSONValue) throws -> PartnershipEvent
        /// Whether `decodeParsed` reads the payload field by field rather than through `Decodable`.
        private(set) var readsFieldByField = false
        /// Decodes a parsed payload strictly and also re-encodes it as read, before any upcast, so that fields the type ignored show.
        let decodeEchoing: @Sendable (JSONValue) throws -> (event: PartnershipEvent, reencoded: Data)

        init<Payload: EventPayload>(_ payloadType: Payload.Type, current: @escaping @Sendable (Payload) -> PartnershipEvent) {
            self.init(decodingWithDecodable: payloadType, current: current)
        }

        private init<Payload: EventPayload>(decodingWithDecodable payloadType: Payload.Type, current: @escaping @Sendable (Payload) -> PartnershipEvent) {
            type = Payload.eventType
            version = Payload.eventVersion
            decode = { data in current(try JSONDecoder().decode(Payload.self, from: data)) }
            decodeParsed = { document in current(try ParsedPayloadDecoder.decode(Payload.self, from: document)) }
            decodeEchoing = { json in
                let payload = try JSONValueDecoder.decode(Payload.self, from: json)
                return (current(payload), try JSONText.makeEncoder().encode(payload))
            }
        }

        /// A payload type with a field-by-field reading (``ParsedPayloadReading``) is read with it, not through `Decodable`.
        init<Payload: EventPayload & ParsedPayloadReading>(_ payloadType: Payload.Type, current: @escaping @Sendable (Payload) -> PartnershipEvent) {
            self.init(decodingWithDecodable: payloadType, current: current)
            decodeParsed = { document in current(try Payload(parsed: ParsedFields(document))) }
            readsFieldByField = true
        }
    }

    /// The registration for `(type, version)`, or `unknown-event-type` / `unknown-event-version` naming what is known.
    static func registration(type: String, version: Int) throws(DomainError) -> Registration {
        if let registration = registrationsByKey[Key(type: type, version: version)] {
            return registration
        }
        guard let current = currentVersions[type] else {
            throw DomainError(
                code: .unknownEventType, field: "type", value: JSONText.quoted(type),
                message: "\(JSONText.quoted(type)) is not a known event type. Use one of: \(eventTypes.joined(separator: ", ")).")
        }
        let versions = entries.filter { $0.type == type }.map { String($0.version) }
        throw DomainError(
            code: .unknownEventVersion, field: "version", value: String(version),
            message: "\(type) has no version \(version) (known versions: \(versions.joined(separator: ", "))). Write new events at version \(current).")
    }

    private static let registrations: [Registration] = [
        Registration(PartnershipOpened.self, current: PartnershipEvent.partnershipOpened),
        Registration(PartnershipClosed.self, current: PartnershipEvent.partnershipClosed),
        Registration(ObjectiveDeclared.self, current: PartnershipEvent.objectiveDeclared),
        Registration(CharterAgreed.self, current: PartnershipEvent.charterAgreed),
        Registration(WeakSpotAssessed.self, current: PartnershipEvent.weakSpotAssessed),
        Registration(HealthSurveyed.self, current: PartnershipEvent.healthSurveyed),
        Registration(MeetingScheduledV1.self, current: { PartnershipEvent.meetingScheduled($0.upcast()) }),
        Registration(MeetingScheduled.self, current: PartnershipEvent.meetingScheduled),
        Registration(MeetingHeldV1.self, current: { PartnershipEvent.meetingHeld($0.upcast().upcast()) }),
        Registration(MeetingHeldV2.self, current: { PartnershipEvent.meetingHeld($0.upcast()) }),
        Registration(MeetingHeld.self, current: PartnershipEvent.meetingHeld),
        Registration(MeetingCancelled.self, current: PartnershipEvent.meetingCancelled),
        Registration(MeetingMissed.self, current: PartnershipEvent.meetingMissed),
        Registration(ActionItemClosed.self, current: PartnershipEvent.actionItemClosed),
        Registration(OpportunityShared.self, current: PartnershipEvent.opportunityShared),
        Registration(OpportunityAccepted.self, current: PartnershipEvent.opportunityAccepted),
        Registration(OpportunityDeclined.self, current: PartnershipEvent.opportunityDeclined),
        Registration(OpportunityWon.self, current: PartnershipEvent.opportunityWon),
        Registration(OpportunityLost.self, current: PartnershipEvent.opportunityLost),
        Registration(CommitmentMade.self, current: PartnershipEvent.commitmentMade),
        Registration(CommitmentFulfilled.self, current: PartnershipEvent.commitmentFulfilled),
        Registration(CommitmentMissed.self, current: PartnershipEvent.commitmentMissed),
        Registration(CommitmentRenegotiated.self, current: PartnershipEvent.commitmentRenegotiated),
        Registration(CommitmentWithdrawn.self, current: PartnershipEvent.commitmentWithdrawn),
        Registration(InvestmentMade.self, current: PartnershipEvent.investmentMade),
        Registration(ExecAccessRequested.self, current: PartnershipEvent.execAccessRequested),
        Registration(InformationShared.self, current: PartnershipEvent.informationShared),
        Registration(InformationRequested.self, current: PartnershipEvent.informationRequested),
        Registration(InformationRequestAnswered.self, current: PartnershipEvent.informationRequestAnswered),
        Registration(InformationRequestDeclined.self, current: PartnershipEvent.informationRequestDeclined),
        Registration(DisclosureMade.self, current: PartnershipEvent.disclosureMade),
        Registration(SurpriseDiscovered.self, current: PartnershipEvent.surpriseDiscovered),
        Registration(EventRetracted.self, current: PartnershipEvent.eventRetracted),
        Registration(RelationshipReclassified.self, current: PartnershipEvent.relationshipReclassified),
    ]

    private static let registrationsByKey: [Key: Registration] = Dictionary(
        uniqueKeysWithValues: registrations.map { (Key(type: $0.type, version: $0.version), $0) })

    private static let currentVersions: [String: Int] = registrations.reduce(into: [:]) { versions, registration in
        versions[registration.type] = max(versions[registration.type] ?? 0, registration.version)
    }
}

import Foundation
import PartnerDomain
import Testing

@Suite("Envelopes read and write JSON Lines")
struct EventEnvelopeTests {
    private let line = """
        {"causationId":"6F1C2A9E-4B7D-4E21-9C3A-8D5F0E7B1A42","id":"0b7e6f1c-3d2a-4c5b-9e8f-1a2b3c4d5e6f",\
        "occurredAt":"2025-03-04T17:30:00+01:00","partnership":"acme-iot",\
        "payload":{"meetingId":"m-1","kind":"call","organizer":"acme","attendees":[{"party":"acme","seniority":"exec"}]},\
        "recordedAt":"2025-03-04T16:31:07.250Z","recordedBy":"dana","seq":42,"source":"import","type":"MeetingHeld","version":1}
        """

    @Test func lineDecodesWithEveryFieldAndItsPayloadUpcasts() throws {
        let envelope = try EventEnvelope.decodeLine(Data(line.utf8))
        #expect(envelope.id == UUID(uuidString: "0b7e6f1c-3d2a-4c5b-9e8f-1a2b3c4d5e6f"))
        #expect(envelope.seq == 42)
        #expect(envelope.partnership == "acme-iot")
        #expect(envelope.type == "MeetingHeld")
        #expect(envelope.version == 1)
        #expect(envelope.occurredAt.description == "2025-03-04T16:30:00.000Z")
        #expect(envelope.recordedAt?.millisecondsSinceEpoch == 1_741_105_867_250)
        #expect(envelope.recordedBy == "dana")
        #expect(envelope.source == .import)
        #expect(envelope.causationId == UUID(uuidString: "6f1c2a9e-4b7d-4e21-9c3a-8d5f0e7b1a42"))
        #expect(envelope.correlationId == nil)
        let event = try envelope.decodedEvent()
        #expect(event.eventVersion == 3)
    }

    @Test func lineEncodesCanonicallyAndReadsBackEqual() throws {
        let envelope = try EventEnvelope.decodeLine(Data(line.utf8))
        let written = String(decoding: try envelope.jsonLine(), as: UTF8.self)
        #expect(written.hasPrefix(#"{"causationId":"6f1c2a9e-4b7d-4e21-9c3a-8d5f0e7b1a42","id":"0b7e6f1c-3d2a-4c5b-9e8f-1a2b3c4d5e6f","occurredAt":"2025-03-04T16:30:00.000Z","partnership":"acme-iot","payload":{"#))
        #expect(!written.contains("\n"))
        #expect(try EventEnvelope.decodeLine(Data(written.utf8)) == envelope)
    }

    @Test func envelopeFromAnEventCarriesItsCurrentTypeAndVersion() throws {
        let envelope = try EventEnvelope(
            event: .partnershipClosed(PartnershipClosed(reason: "Merged into acme-cloud")),
            id: UUID(), partnership: "acme-iot", occurredAt: Timestamp(millisecondsSinceEpoch: 0), source: .cli)
        #expect(envelope.type == "PartnershipClosed")
        #expect(envelope.version == 1)
        #expect(envelope.payload == .object(["reason": .string("Merged into acme-cloud")]))
        #expect(try envelope.decodedEvent() == .partnershipClosed(PartnershipClosed(reason: "Merged into acme-cloud")))
    }

    @Test(arguments: [
        ("Acme IoT", "\"Acme IoT\" is not a valid partnership slug. Use 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit, such as acme-iot."),
        ("-acme", "\"-acme\" is not a valid partnership slug. Use 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit, such as acme-iot."),
        ("", "\"\" is not a valid partnership slug. Use 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit, such as acme-iot."),
        (String(repeating: "a", count: 64), "\"\(String(repeating: "a", count: 64))\" is not a valid partnership slug. Use 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit, such as acme-iot."),
    ])
    func invalidSlugIsRejectedAtThePartnershipField(slug: String, message: String) {
        let error = #expect(throws: DomainError.self) {
            try EventEnvelope(
                id: UUID(), partnership: slug, type: "PartnershipClosed", version: 1,
                occurredAt: Timestamp(millisecondsSinceEpoch: 0), source: .api, payload: .object(["reason": .string("r")]))
        }
        #expect(error?.code == .invalidSlug)
        #expect(error?.field == "partnership")
        #expect(error?.message == message)
    }

    @Test func slugRuleAcceptsDigitsHyphensAndSixtyThreeCharacters() {
        #expect(Slug.isValid("acme-iot"))
        #expect(Slug.isValid("3m-2025"))
        #expect(Slug.isValid(String(repeating: "a", count: 63)))
        #expect(!Slug.isValid("acme_iot"))
        #expect(!Slug.isValid("ACME"))
    }

    @Test(arguments: [
        (#""occurredAt":"2025-03-04T17:30:00+01:00""#, #""occurredAt":"2025-02-30""#, DomainError.Code.invalidTimestamp, "occurredAt"),
        (#""partnership":"acme-iot""#, #""partnership":"Acme IoT""#, .invalidSlug, "partnership"),
        (#""source":"import""#, #""source":"email""#, .invalidValue, "source"),
        (#""seq":42"#, #""seq":-1"#, .wrongType, "seq"),
        (#""seq":42"#, #""seq":0"#, .outOfRange, "seq"),
        (#""version":1"#, #""version":"1""#, .wrongType, "version"),
        (#""version":1"#, #""version":7"#, .unknownEventVersion, "version"),
        (#""type":"MeetingHeld""#, #""type":"MeetingHold""#, .unknownEventType, "type"),
        (#""id":"0b7e6f1c-3d2a-4c5b-9e8f-1a2b3c4d5e6f""#, #""id":"0b7e6f1c""#, .invalidUUID, "id"),
        (#""recordedBy":"dana""#, #""recordedBy":"dana","tenant":"x""#, .unknownField, "tenant"),
        (#""seniority":"exec""#, #""seniority":"boss""#, .invalidValue, "payload.attendees[0].seniority"),
        (#""organizer":"acme","#, "", .missingField, "payload.organizer"),
    ])
    func brokenLineIsRejectedNamingTheField(original: String, replacement: String, code: DomainError.Code, field: String) {
        #expect(line.contains(original))
        let broken = line.replacingOccurrences(of: original, with: replacement)
        let error = #expect(throws: DomainError.self) { try EventEnvelope.decodeLine(Data(broken.utf8)) }
        #expect(error?.code == code)
        #expect(error?.field == field)
    }

    @Test func missingEnvelopeFieldIsNamed() {
        let error = #expect(throws: DomainError.self) {
            try EventEnvelope.decodeLine(Data(#"{"id":"0b7e6f1c-3d2a-4c5b-9e8f-1a2b3c4d5e6f","partnership":"acme-iot"}"#.utf8))
        }
        #expect(error?.code == .missingField)
        #expect(error?.description == "type: this required field is missing. Add it.")
    }
}

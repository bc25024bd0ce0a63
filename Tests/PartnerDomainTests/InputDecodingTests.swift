import Foundation
import PartnerDomain
import Testing

@Suite("Raw JSON input is rejected with the JSON path of the field")
struct InputDecodingTests {
    private func decodeError(_ type: String, _ version: Int = 1, _ json: String) -> DomainError? {
        #expect(throws: DomainError.self) {
            try PartnershipEvent.decodeInput(type: type, version: version, payload: Data(json.utf8))
        }
    }

    @Test func missingNestedFieldNamesItsPath() {
        let error = decodeError("MeetingHeld", 2, """
            {"meetingId":"m-1","kind":"qbr","organizer":"acme",
             "attendees":[{"party":"acme","seniority":"exec"},{"party":"initech"}]}
            """)
        #expect(error?.code == .missingField)
        #expect(error?.field == "payload.attendees[1].seniority")
        #expect(error?.description == "payload.attendees[1].seniority: this required field is missing. Add it.")
    }

    @Test func wrongTypedFieldNamesPathExpectedTypeAndValue() {
        let error = decodeError("WeakSpotAssessed", 1, #"{"party":"acme","area":"transparency","rating":"4"}"#)
        #expect(error?.code == .wrongType)
        #expect(error?.field == "payload.rating")
        #expect(error?.value == "\"4\"")
        #expect(error?.description == "payload.rating: expected an integer, found \"4\" (string). Write an integer here.")
    }

    @Test func fractionalNumberWhereAnIntegerBelongsIsAWrongType() {
        let error = decodeError("HealthSurveyed", 1, #"{"respondentParty":"acme","dimension":"strategic","score":4.5}"#)
        #expect(error?.code == .wrongType)
        #expect(error?.field == "payload.score")
        #expect(error?.description == "payload.score: expected an integer, found 4.5 (number). Write an integer here.")
    }

    @Test func stringWhereAnArrayBelongsIsAWrongType() {
        let error = decodeError("CharterAgreed", 1, #"{"charterId":"c","why":"w","jointObjectiveIds":"o-1","signedBy":["acme"]}"#)
        #expect(error?.code == .wrongType)
        #expect(error?.field == "payload.jointObjectiveIds")
        #expect(error?.message.hasPrefix("expected an array, found \"o-1\" (string).") == true, "\(error?.message ?? "")")
    }

    @Test func stringWhereAnObjectBelongsIsAWrongType() {
        let error = decodeError("MeetingHeld", 2, #"{"meetingId":"m-1","kind":"call","organizer":"acme","attendees":["acme"]}"#)
        #expect(error?.code == .wrongType)
        #expect(error?.description == #"payload.attendees[0]: expected an object, found "acme" (string). Write an object here."#)
    }

    @Test func nullForARequiredFieldIsRejected() {
        let error = decodeError("PartnershipClosed", 1, #"{"reason":null}"#)
        #expect(error?.code == .nullValue)
        #expect(error?.field == "payload.reason")
        #expect(error?.description == "payload.reason: null is not allowed for this required field. Give a string.")
    }

    @Test func nullForAnOptionalFieldIsRejected() {
        let error = decodeError("CommitmentMissed", 1, #"{"commitmentId":"c-1","reason":null}"#)
        #expect(error?.code == .nullValue)
        #expect(error?.field == "payload.reason")
        #expect(error?.description == "payload.reason: null is not a value. Leave an optional field out instead of writing null.")
    }

    @Test func impossibleDueDateNamesFieldAndValue() {
        let error = decodeError("CommitmentMade", 1, """
            {"commitmentId":"c-1","owner":"acme","beneficiary":"initech","kind":"data",
             "description":"Usage export","dueDate":"2025-02-30"}
            """)
        #expect(error?.code == .invalidDate)
        #expect(error?.field == "payload.dueDate")
        #expect(error?.value == "\"2025-02-30\"")
        #expect(error?.description == "payload.dueDate: \"2025-02-30\" is not a calendar date: February 2025 has 28 days. Write a day that exists as YYYY-MM-DD, for example 2025-03-31.")
    }

    @Test func actionItemDueDateInsideAnArrayNamesItsPath() {
        let error = decodeError("MeetingHeld", 2, """
            {"meetingId":"m-1","kind":"call","organizer":"acme","attendees":[{"party":"acme","seniority":"exec"}],
             "actionItems":[{"actionId":"a-1","owner":"acme","due":"2025-03-32","text":"t"}]}
            """)
        #expect(error?.code == .invalidDate)
        #expect(error?.field == "payload.actionItems[0].due")
    }

    @Test func badTimestampNamesFieldAndValue() {
        let error = decodeError("MeetingScheduled", 1, #"{"meetingId":"m-1","kind":"call","scheduledFor":"next tuesday","organizer":"acme"}"#)
        #expect(error?.code == .invalidTimestamp)
        #expect(error?.field == "payload.scheduledFor")
        #expect(error?.value == "\"next tuesday\"")
    }

    @Test func lowerCaseCurrencyIsRejected() {
        let error = decodeError("InvestmentMade", 1, #"{"party":"acme","amount":100,"currency":"eur","kind":"cash","upfront":false}"#)
        #expect(error?.code == .invalidCurrency)
        #expect(error?.description == "payload.currency: \"eur\" is not an ISO 4217 currency code. Write three capital letters, such as EUR or USD.")
    }

    @Test func retractionTargetMustBeAUUID() {
        let error = decodeError("EventRetracted", 1, #"{"targetEventId":"42","reason":"typo"}"#)
        #expect(error?.code == .invalidUUID)
        #expect(error?.field == "payload.targetEventId")
    }

    @Test func unknownVocabularyWordListsTheAllowedWords() {
        let error = decodeError("PartnershipOpened", 1, #"{"name":"n","parties":[],"declaredType":"alliance"}"#)
        #expect(error?.code == .invalidValue)
        #expect(error?.description == "payload.declaredType: \"alliance\" is not a relationship type. Use one of: partnership, supplier-customer, commercial-agreement, marketing, technology-sharing.")
    }

    @Test func unknownEventTypeIsNamed() {
        let error = decodeError("MeetingHold", 1, "{}")
        #expect(error?.code == .unknownEventType)
        #expect(error?.field == "type")
        #expect(error?.message.hasPrefix("\"MeetingHold\" is not a known event type. Use one of: PartnershipOpened, PartnershipClosed,") == true)
    }

    @Test func unknownVersionNamesTheKnownOnes() {
        let error = decodeError("MeetingHeld", 4, "{}")
        #expect(error?.code == .unknownEventVersion)
        #expect(error?.field == "version")
        #expect(error?.description == "version: MeetingHeld has no version 4 (known versions: 1, 2, 3). Write new events at version 3.")
    }

    @Test func malformedJSONIsRejected() {
        let error = decodeError("PartnershipClosed", 1, #"{"reason": "#)
        #expect(error?.code == .malformedJSON)
        #expect(error?.field == "payload")
        #expect(error?.description == "payload: the text is not valid JSON. Check its quotes, commas and brackets.")
    }

    @Test func payloadThatIsNotAnObjectIsAWrongType() {
        let error = decodeError("PartnershipClosed", 1, #"["done"]"#)
        #expect(error?.code == .wrongType)
        #expect(error?.field == "payload")
    }

    @Test func storedReadingPathIgnoresFieldsItDoesNotKnowButNamesMissingOnes() throws {
        let lenient = try PartnershipEvent.decode(
            type: "ActionItemClosed", version: 1, payload: Data(#"{"actionId":"a-1","closedBy":"acme"}"#.utf8))
        #expect(lenient == .actionItemClosed(ActionItemClosed(actionId: "a-1")))
        let error = #expect(throws: DomainError.self) {
            try PartnershipEvent.decode(type: "ActionItemClosed", version: 1, payload: Data("{}".utf8))
        }
        #expect(error?.field == "payload.actionId")
    }

    @Test func amountsKeepEveryDecimalDigit() throws {
        let payload = Data(#"{"party":"acme","amount":12345678901234567.89,"currency":"EUR","kind":"cash","upfront":true}"#.utf8)
        let event = try PartnershipEvent.decodeInput(type: "InvestmentMade", version: 1, payload: payload)
        guard case .investmentMade(let investment) = event else {
            Issue.record("decoded \(event.eventType)")
            return
        }
        #expect(investment.amount == Decimal(string: "12345678901234567.89"))
        #expect(String(decoding: try event.encodedPayload(), as: UTF8.self).contains("\"amount\":12345678901234567.89"))
    }

    @Test func encodedPayloadSortsKeysAndLeavesSlashesAlone() throws {
        let event = PartnershipEvent.disclosureMade(DisclosureMade(party: "acme", topic: "EU/US data transfer", proactive: true))
        #expect(String(decoding: try event.encodedPayload(), as: UTF8.self)
            == #"{"party":"acme","proactive":true,"topic":"EU/US data transfer"}"#)
    }
}

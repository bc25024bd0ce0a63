import Foundation
@testable import PartnerDomain
import Testing

/// The stored-event reading path reads payloads with LedgerJSON and must give exactly what
/// `JSONDecoder` gives: the same event for every payload it reads, the same error for every
/// payload it rejects.
@Suite("Stored payloads read with LedgerJSON agree with JSONDecoder")
struct StoredPayloadReadingTests {
    /// The value or the error a decoding gives, comparable.
    enum Outcome: Equatable {
        case event(PartnershipEvent, canonical: Data)
        case error(DomainError)
        case otherError(String)

        init(_ decode: () throws -> PartnershipEvent) {
            do {
                let event = try decode()
                self = .event(event, canonical: (try? event.encodedPayload()) ?? Data())
            } catch let error as DomainError {
                self = .error(error)
            } catch {
                self = .otherError("\(error)")
            }
        }
    }

    static func outcomes(_ entry: EventCatalog.Entry, _ payload: Data) -> (stored: Outcome, reference: Outcome) {
        let stored = Outcome { try PartnershipEvent.decode(type: entry.type, version: entry.version, payload: payload) }
        let inPlace = Outcome {
            try payload.withUnsafeBytes { try PartnershipEvent.decode(type: entry.type, version: entry.version, payload: $0) }
        }
        #expect(stored == inPlace, "\(entry): the Data and in-place readings differ")
        let reference = Outcome { try PartnershipEvent.decodeWithJSONDecoder(type: entry.type, version: entry.version, payload: payload) }
        return (stored, reference)
    }

    /// Fixtures with an amount that has a fraction (`180000.5`), which LedgerJSON leaves to JSONDecoder.
    static let fixturesWithFractionalAmounts: Set<String> = ["OpportunityShared.v1"]

    @Test(arguments: EventCatalog.entries)
    func everyFixtureIsReadByLedgerJSONAsJSONDecoderReadsIt(entry: EventCatalog.Entry) throws {
        let fixture = try SchemaFolder.fixture(for: entry)
        let reference = try PartnershipEvent.decodeWithJSONDecoder(type: entry.type, version: entry.version, payload: fixture)
        #expect(try PartnershipEvent.decode(type: entry.type, version: entry.version, payload: fixture) == reference)
        if Self.fixturesWithFractionalAmounts.contains(entry.description) {
            #expect(throws: ParsedPayloadDecoder.Unsupported.self) {
                try PartnershipEvent.decodeWithLedgerJSON(type: entry.type, version: entry.version, payload: fixture)
            }
            return
        }
        let fast = try PartnershipEvent.decodeWithLedgerJSON(type: entry.type, version: entry.version, payload: fixture)
        #expect(fast == reference)
        #expect(try fast.encodedPayload() == reference.encodedPayload())
    }

    /// Every fixture, with each field (top level and inside the first element of arrays of
    /// objects) removed, set to null and set to a value of every JSON type; plus unknown fields.
    @Test(arguments: EventCatalog.entries)
    func everyVariantOfEveryFixtureGivesTheSameEventOrTheSameError(entry: EventCatalog.Entry) throws {
        let fixture = try JSONValue(parsing: SchemaFolder.fixture(for: entry))
        var variants = Self.variants(of: fixture, path: [])
        variants.append(fixture.replacing(at: [.key("zzUnknown")], with: .number(1)))
        var readByLedgerJSON = 0
        for variant in variants {
            let payload = try variant.encoded()
            let (stored, reference) = Self.outcomes(entry, payload)
            #expect(stored == reference, "\(entry) \(String(decoding: payload, as: UTF8.self))")
            if (try? PartnershipEvent.decodeWithLedgerJSON(type: entry.type, version: entry.version, payload: payload)) != nil {
                readByLedgerJSON += 1
            }
        }
        #expect(readByLedgerJSON > 0, "\(entry): LedgerJSON read none of the variants")
    }

    static let replacements: [JSONValue?] = [
        nil, .null, .string("text"), .number(7), .number(Decimal(string: "7.5")!), .number(-3), .bool(true),
        .array([]), .array([.string("a")]), .object([:]), .string("2025-03-18"), .string("2025-03-18T10:00:00Z"),
    ]

    static func variants(of document: JSONValue, path: [JSONStep]) -> [JSONValue] {
        guard case .object(let members) = ObjectSchemas.value(in: document, at: path) else { return [] }
        var variants: [JSONValue] = []
        for key in members.keys.sorted() {
            for replacement in replacements {
                variants.append(document.replacing(at: path + [.key(key)], with: replacement))
            }
            if case .array(let elements) = members[key], case .object = elements.first {
                variants += Self.variants(of: document, path: path + [.key(key), .index(0)])
            }
        }
        return variants
    }

    @Test func theMostFrequentTypesAreReadFieldByField() throws {
        let fieldByField = try EventCatalog.entries.filter { try EventCatalog.registration(type: $0.type, version: $0.version).readsFieldByField }
        #expect(Set(fieldByField.map(\.description)) == [
            "MeetingScheduled.v2", "MeetingHeld.v3", "MeetingCancelled.v1", "MeetingMissed.v1", "ActionItemClosed.v1",
            "InformationShared.v1", "InformationRequested.v1", "InformationRequestAnswered.v1", "HealthSurveyed.v1",
            "CommitmentMade.v1", "CommitmentFulfilled.v1", "CommitmentMissed.v1", "InvestmentMade.v1",
            "OpportunityShared.v1", "OpportunityAccepted.v1", "OpportunityDeclined.v1", "OpportunityWon.v1", "OpportunityLost.v1",
        ])
    }

    @Test func numbersWithAFractionAreLeftToJSONDecoderAndKeepEveryDigit() throws {
        let payload = Data(#"{"party":"acme","amount":12345678901234567.89,"currency":"EUR","kind":"cash","upfront":true}"#.utf8)
        #expect(throws: ParsedPayloadDecoder.Unsupported.self) {
            try PartnershipEvent.decodeWithLedgerJSON(type: "InvestmentMade", version: 1, payload: payload)
        }
        let event = try PartnershipEvent.decode(type: "InvestmentMade", version: 1, payload: payload)
        guard case .investmentMade(let investment) = event else {
            Issue.record("decoded \(event)")
            return
        }
        #expect(investment.amount == Decimal(string: "12345678901234567.89"))
    }

    @Test func integerAmountsAreReadByLedgerJSONAsJSONDecoderReadsThem() throws {
        for amount in ["0", "25000", "-15", "9223372036854775807", "-9223372036854775808", "1000000000000", "1500", "-7000", "120"] {
            let payload = Data(#"{"party":"acme","amount":\#(amount),"currency":"EUR","kind":"cash","upfront":true}"#.utf8)
            let fast = try PartnershipEvent.decodeWithLedgerJSON(type: "InvestmentMade", version: 1, payload: payload)
            let reference = try PartnershipEvent.decodeWithJSONDecoder(type: "InvestmentMade", version: 1, payload: payload)
            #expect(fast == reference, "amount \(amount)")
            #expect(try fast.encodedPayload() == reference.encodedPayload(), "amount \(amount)")
            // Equal decimals can differ in representation (mantissa and exponent); these must not.
            guard case .investmentMade(let fastInvestment) = fast, case .investmentMade(let referenceInvestment) = reference else {
                Issue.record("decoded \(fast) and \(reference)")
                continue
            }
            #expect(
                withUnsafeBytes(of: fastInvestment.amount) { Array($0) } == withUnsafeBytes(of: referenceInvestment.amount) { Array($0) },
                "amount \(amount)")
        }
    }

    @Test(arguments: [
        #"{"commitmentId":"c-1","quality":4.0}"#,
        #"{"commitmentId":"c-1","quality":4.5}"#,
        #"{"commitmentId":"c-1","quality":1e30}"#,
        #"{"commitmentId":"c-1","quality":99999999999999999999}"#,
        #"{"commitmentId":"c-1","commitmentId":"c-2"}"#,
        #"{"commitmentId":"c-1","quality":null}"#,
        #"{"commitmentId":"c-\ud800"}"#,
        #"{"commitmentId":"c-1","extra":[1e400]}"#,
        #"{"commitmentId":"c-1",}"#,
        #"{"commitmentId":"c-1"} x"#,
        #"  {"commitmentId":"c-1"}  "#,
        #"[]"#,
        #""c-1""#,
        "",
    ])
    func edgeCasesGiveWhatJSONDecoderGives(payload: String) {
        let entry = EventCatalog.Entry(type: "CommitmentFulfilled", version: 1, isCurrent: true)
        let (stored, reference) = Self.outcomes(entry, Data(payload.utf8))
        #expect(stored == reference)
    }

    @Test func unknownTypesAndVersionsFailAsBefore() {
        let payload = Data(#"{"actionId":"a-1"}"#.utf8)
        let unknownType = Outcome { try PartnershipEvent.decode(type: "ActionItemOpened", version: 1, payload: payload) }
        #expect(unknownType == Outcome { try PartnershipEvent.decodeWithJSONDecoder(type: "ActionItemOpened", version: 1, payload: payload) })
        let unknownVersion = Outcome { try PartnershipEvent.decode(type: "ActionItemClosed", version: 9, payload: payload) }
        guard case .error(let error) = unknownVersion else {
            Issue.record("decoded \(unknownVersion)")
            return
        }
        #expect(error.code == .unknownEventVersion)
    }
}

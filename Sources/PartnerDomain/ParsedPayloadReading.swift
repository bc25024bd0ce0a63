import Foundation
import LedgerJSON

/// A payload type read field by field from a `LedgerJSON` object, without `Decodable`: the
/// most frequent event types, on the replay's hot path.
///
/// A reading must give exactly the value the type's `init(from:)` gives under `JSONDecoder`
/// and accept no payload it rejects: each field goes through the same checks (a vocabulary's
/// raw value, `Timestamp(parsing:)`, `CalendarDate(parsing:)`, `CurrencyCode(_:)`), optional
/// fields read as nil when absent or `null`, and anything else throws
/// ``ParsedPayloadDecoder/Unsupported`` so that `JSONDecoder` decides.
protocol ParsedPayloadReading {
    /// Reads the payload from its object.
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported)
}

/// The members of one parsed JSON object, read by key with the checks `JSONDecoder` applies.
struct ParsedFields {
    typealias Unsupported = ParsedPayloadDecoder.Unsupported
    let object: JSONObject

    /// The fields of `value`, which must be an object.
    init(_ value: LedgerJSON.JSONValue) throws(Unsupported) {
        guard case .object(let object) = value else { throw Unsupported() }
        self.object = object
    }

    /// A required member.
    func member(_ key: String) throws(Unsupported) -> LedgerJSON.JSONValue {
        guard let value = object[key] else { throw Unsupported() }
        return value
    }

    /// An optional member: nil when absent or `null`.
    func optionalMember(_ key: String) -> LedgerJSON.JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    func string(_ key: String) throws(Unsupported) -> String {
        try Self.string(member(key))
    }

    func optionalString(_ key: String) throws(Unsupported) -> String? {
        try optionalMember(key).map { value throws(Unsupported) in try Self.string(value) }
    }

    func int(_ key: String) throws(Unsupported) -> Int {
        try Self.int(member(key))
    }

    func optionalInt(_ key: String) throws(Unsupported) -> Int? {
        try optionalMember(key).map { value throws(Unsupported) in try Self.int(value) }
    }

    func optionalBool(_ key: String) throws(Unsupported) -> Bool? {
        try optionalMember(key).map { value throws(Unsupported) in
            guard case .bool(let flag) = value else { throw Unsupported() }
            return flag
        }
    }

    /// A word of a closed vocabulary, as its `init(from:)` reads it.
    func word<Word: ClosedVocabulary>(_ key: String, as type: Word.Type = Word.self) throws(Unsupported) -> Word {
        guard let word = Word.named(try string(key)) else { throw Unsupported() }
        return word
    }

    func timestamp(_ key: String) throws(Unsupported) -> Timestamp {
        do {
            return try Timestamp(parsing: string(key))
        } catch {
            throw Unsupported()
        }
    }

    func calendarDate(_ key: String) throws(Unsupported) -> CalendarDate {
        do {
            return try CalendarDate(parsing: string(key))
        } catch {
            throw Unsupported()
        }
    }

    /// An optional amount written as an integer (amounts with a fraction are left to `JSONDecoder`).
    func optionalAmount(_ key: String) throws(Unsupported) -> MoneyAmount? {
        guard let value = optionalMember(key) else { return nil }
        do {
            return try ParsedPayloadDecoder.decimal(value)
        } catch {
            throw Unsupported()
        }
    }

    func optionalCurrency(_ key: String) throws(Unsupported) -> CurrencyCode? {
        guard let value = optionalMember(key) else { return nil }
        do {
            return try CurrencyCode(Self.string(value))
        } catch {
            throw Unsupported()
        }
    }

    /// The elements of a required array.
    func array(_ key: String) throws(Unsupported) -> [LedgerJSON.JSONValue] {
        try Self.array(member(key))
    }

    /// The elements of an optional array: nil when absent or `null`.
    func optionalArray(_ key: String) throws(Unsupported) -> [LedgerJSON.JSONValue]? {
        try optionalMember(key).map { value throws(Unsupported) in try Self.array(value) }
    }

    static func string(_ value: LedgerJSON.JSONValue) throws(Unsupported) -> String {
        guard case .string(let text) = value else { throw Unsupported() }
        return text
    }

    static func int(_ value: LedgerJSON.JSONValue) throws(Unsupported) -> Int {
        guard case .integer(let number) = value, let integer = Int(exactly: number) else { throw Unsupported() }
        return integer
    }

    static func array(_ value: LedgerJSON.JSONValue) throws(Unsupported) -> [LedgerJSON.JSONValue] {
        guard case .array(let elements) = value else { throw Unsupported() }
        return elements
    }
}

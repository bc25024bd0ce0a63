import Foundation
import LedgerJSON

/// Decodes `Decodable` payloads from a document parsed by `LedgerJSON`: the fast reading path for stored events.
///
/// It runs the payload types' own `init(from:)`, so a payload it decodes is the
/// value `JSONDecoder` makes of the same bytes. It is deliberately narrower than
/// `JSONDecoder`: an integer field takes only a number written without fraction
/// or exponent, a `Decimal` or `Double` field only such an integer, and the
/// parser rejects duplicate keys and ill-formed text that `JSONDecoder` might
/// skip in a field it ignores. Whatever it does not accept it reports as
/// ``Unsupported``, without a path: ``PartnershipEvent/decode(type:version:payload:)``
/// then decodes the bytes again with `JSONDecoder`, which decides and names the error.
enum ParsedPayloadDecoder {
    /// The payload is outside what this decoder reads; `JSONDecoder` must decide.
    struct Unsupported: Error {}

    /// The payload as `Value`, or ``Unsupported``.
    static func decode<Value: Decodable>(_ type: Value.Type, from document: LedgerJSON.JSONValue) throws -> Value {
        try ParsedValueDecoder(value: document).decode(type)
    }

    /// Parses `bytes` with `LedgerJSON`; ``Unsupported`` when it rejects them.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(Unsupported) -> LedgerJSON.JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw Unsupported()
        }
    }

    static func string(_ value: LedgerJSON.JSONValue) throws -> String {
        guard case .string(let text) = value else { throw Unsupported() }
        return text
    }

    static func bool(_ value: LedgerJSON.JSONValue) throws -> Bool {
        guard case .bool(let flag) = value else { throw Unsupported() }
        return flag
    }

    static func integer<Integer: FixedWidthInteger>(_ value: LedgerJSON.JSONValue, as type: Integer.Type) throws -> Integer {
        guard case .integer(let number) = value, let integer = Integer(exactly: number) else { throw Unsupported() }
        return integer
    }

    /// A `Decimal` of the integer: the same value, in the same representation, that `JSONDecoder`
    /// makes of the number's digits (`Decimal(string:)`), without going through text.
    static func decimal(_ value: LedgerJSON.JSONValue) throws -> Decimal {
        guard case .integer(let number) = value else { throw Unsupported() }
        return Decimal(number)
    }

    /// Reads a primitive directly, or returns nil for a type decoded through its `init(from:)`.
    static func primitive<Value>(_ value: LedgerJSON.JSONValue, as type: Value.Type) throws -> Value? {
        if type == String.self { return try string(value) as? Value }
        if type == Int.self { return try integer(value, as: Int.self) as? Value }
        if type == Bool.self { return try bool(value) as? Value }
        if type == Decimal.self { return try decimal(value) as? Value }
        if type == Int64.self { return try integer(value, as: Int64.self) as? Value }
        if type == Int32.self { return try integer(value, as: Int32.self) as? Value }
        if type == UInt64.self { return try integer(value, as: UInt64.self) as? Value }
        if type == UInt32.self { return try integer(value, as: UInt32.self) as? Value }
        if type == UInt.self { return try integer(value, as: UInt.self) as? Value }
        if type == Double.self {
            guard case .integer(let number) = value else { throw Unsupported() }
            return Double(number) as? Value
        }
        return nil
    }
}

/// One value of the parsed document as a `Decoder`. Coding paths are left empty: errors are never reported from here.
private struct ParsedValueDecoder: Decoder, SingleValueDecodingContainer {
    let value: LedgerJSON.JSONValue
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        if case .null = value { throw ParsedPayloadDecoder.Unsupported() }
        if let primitive = try ParsedPayloadDecoder.primitive(value, as: type) { return primitive }
        return try Value(from: self)
    }

    func decodeNil() -> Bool {
        value == .null
    }

    func decode(_ type: String.Type) throws -> String { try ParsedPayloadDecoder.string(value) }
    func decode(_ type: Bool.Type) throws -> Bool { try ParsedPayloadDecoder.bool(value) }
    func decode(_ type: Int.Type) throws -> Int { try ParsedPayloadDecoder.integer(value, as: Int.self) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else { throw ParsedPayloadDecoder.Unsupported() }
        return KeyedDecodingContainer(ParsedObjectContainer<Key>(object: object))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw ParsedPayloadDecoder.Unsupported() }
        return ParsedArrayContainer(elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        self
    }
}

private struct ParsedObjectContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] { object.members.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool {
        object[key.stringValue] != nil
    }

    private func member(_ key: Key) throws -> LedgerJSON.JSONValue {
        guard let value = object[key.stringValue] else { throw ParsedPayloadDecoder.Unsupported() }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try member(key) == .null
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try ParsedPayloadDecoder.string(member(key))
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try ParsedPayloadDecoder.bool(member(key))
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try ParsedPayloadDecoder.integer(member(key), as: Int.self)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = object[key.stringValue], value != .null else { return nil }
        return try ParsedPayloadDecoder.string(value)
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let value = object[key.stringValue], value != .null else { return nil }
        return try ParsedPayloadDecoder.integer(value, as: Int.self)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let value = object[key.stringValue], value != .null else { return nil }
        return try ParsedPayloadDecoder.bool(value)
    }

    func decodeIfPresent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        guard let value = object[key.stringValue], value != .null else { return nil }
        return try ParsedValueDecoder(value: value).decode(type)
    }

    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try ParsedValueDecoder(value: member(key)).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ParsedValueDecoder(value: member(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ParsedValueDecoder(value: member(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        throw ParsedPayloadDecoder.Unsupported()
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        throw ParsedPayloadDecoder.Unsupported()
    }
}

private struct ParsedArrayContainer: UnkeyedDecodingContainer {
    let elements: [LedgerJSON.JSONValue]
    var codingPath: [any CodingKey] { [] }
    private(set) var currentIndex = 0

    init(elements: [LedgerJSON.JSONValue]) {
        self.elements = elements
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> LedgerJSON.JSONValue {
        guard currentIndex < elements.count else { throw ParsedPayloadDecoder.Unsupported() }
        defer { currentIndex += 1 }
        return elements[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        guard currentIndex < elements.count else { throw ParsedPayloadDecoder.Unsupported() }
        guard elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: String.Type) throws -> String {
        try ParsedPayloadDecoder.string(next())
    }

    mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try ParsedValueDecoder(value: next()).decode(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try ParsedValueDecoder(value: next()).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try ParsedValueDecoder(value: next()).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        throw ParsedPayloadDecoder.Unsupported()
    }
}

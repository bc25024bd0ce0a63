import Foundation

/// Decodes `Decodable` values from a parsed ``JSONValue``, with exact coding paths in every error.
///
/// Used for untrusted input. Unlike `JSONDecoder`, a number that does not fit
/// the expected integer type (`4.5`, `1e30`) fails as a type mismatch at its
/// own path rather than as an error about the whole document; numbers reach
/// `Decimal` fields digit for digit.
enum JSONValueDecoder {
    static func decode<Value: Decodable>(_ type: Value.Type, from value: JSONValue) throws -> Value {
        try unbox(value, as: type, codingPath: [])
    }

    /// Turns one JSON value into `Value`, reading primitives directly and everything else through `init(from:)`.
    static func unbox<Value: Decodable>(_ value: JSONValue, as type: Value.Type, codingPath: [any CodingKey]) throws -> Value {
        if let json = value as? Value, type == JSONValue.self { return json }
        if case .null = value {
            throw DecodingError.valueNotFound(type, DecodingError.Context(
                codingPath: codingPath, debugDescription: "Expected \(type) but found null."))
        }
        let primitive: Any?
        switch type {
        case is String.Type:
            guard case .string(let text) = value else { throw mismatch(type, value, codingPath) }
            primitive = text
        case is Bool.Type:
            guard case .bool(let flag) = value else { throw mismatch(type, value, codingPath) }
            primitive = flag
        case is Decimal.Type:
            guard case .number(let number) = value else { throw mismatch(type, value, codingPath) }
            primitive = number
        case is Int.Type: primitive = try integer(value, as: Int.self, codingPath)
        case is Int64.Type: primitive = try integer(value, as: Int64.self, codingPath)
        case is Int32.Type: primitive = try integer(value, as: Int32.self, codingPath)
        case is UInt64.Type: primitive = try integer(value, as: UInt64.self, codingPath)
        case is UInt32.Type: primitive = try integer(value, as: UInt32.self, codingPath)
        case is UInt.Type: primitive = try integer(value, as: UInt.self, codingPath)
        case is Double.Type:
            guard case .number(let number) = value, let double = Double("\(number)") else { throw mismatch(type, value, codingPath) }
            primitive = double
        default:
            primitive = nil
        }
        if let primitive = primitive as? Value { return primitive }
        return try Value(from: ValueDecoder(value: value, codingPath: codingPath))
    }

    private static func integer<Integer: FixedWidthInteger>(
        _ value: JSONValue, as type: Integer.Type, _ codingPath: [any CodingKey]
    ) throws -> Integer {
        guard case .number(let number) = value, let integer = Integer("\(number)") else {
            throw mismatch(type, value, codingPath)
        }
        return integer
    }

    static func mismatch(_ type: Any.Type, _ value: JSONValue, _ codingPath: [any CodingKey]) -> DecodingError {
        .typeMismatch(type, DecodingError.Context(
            codingPath: codingPath, debugDescription: "Expected \(type) but found \(value.typeName)."))
    }
}

/// A key for the position of an element in a JSON array.
private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }

    init(_ index: Int) {
        intValue = index
    }

    init?(stringValue: String) {
        return nil
    }

    init?(intValue: Int) {
        self.intValue = intValue
    }
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw JSONValueDecoder.mismatch([String: JSONValue].self, value, codingPath)
        }
        return KeyedDecodingContainer(ObjectContainer<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else {
            throw JSONValueDecoder.mismatch([JSONValue].self, value, codingPath)
        }
        return ArrayContainer(elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(value: value, codingPath: codingPath)
    }
}

private struct ObjectContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool {
        members[key.stringValue] != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try member(key) == .null
    }

    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try JSONValueDecoder.unbox(member(key), as: type, codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(value: member(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: member(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: .object(members), codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try ValueDecoder(value: member(key), codingPath: codingPath + [key])
    }

    private func member(_ key: Key) throws -> JSONValue {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(
                codingPath: codingPath, debugDescription: "No value for key \"\(key.stringValue)\"."))
        }
        return value
    }
}

private struct ArrayContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(elements: [JSONValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func decodeNil() throws -> Bool {
        guard try element() == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        let value = try JSONValueDecoder.unbox(element(), as: type, codingPath: codingPath + [IndexKey(currentIndex)])
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try ValueDecoder(value: element(), codingPath: codingPath + [IndexKey(currentIndex)]).container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try ValueDecoder(value: element(), codingPath: codingPath + [IndexKey(currentIndex)]).unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = ValueDecoder(value: try element(), codingPath: codingPath + [IndexKey(currentIndex)])
        currentIndex += 1
        return decoder
    }

    private func element() throws -> JSONValue {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(JSONValue.self, DecodingError.Context(
                codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "The array has no more elements."))
        }
        return elements[currentIndex]
    }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool {
        value == .null
    }

    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONValueDecoder.unbox(value, as: type, codingPath: codingPath)
    }
}

import Foundation

/// Decodes a `Decodable` value from the ``BinaryStateFormat``, reading the bytes in place.
///
/// Every read is bounds-checked: truncated or damaged bytes fail with `DecodingError.dataCorrupted`.
enum BinaryStateDecoder {
    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try bytes.withUnsafeBytes { buffer in
            let reader = BinaryStateReader(buffer)
            guard buffer.first == BinaryStateFormat.version else { throw reader.damaged("the state does not start with format version \(BinaryStateFormat.version)") }
            var offset = 1
            let value: Value = try reader.decodeValue(type, at: &offset)
            guard offset == buffer.count else { throw reader.damaged("\(buffer.count - offset) bytes follow the state") }
            return value
        }
    }
}

/// Reads values at offsets of one encoded state. Valid only while its buffer is.
struct BinaryStateReader {
    typealias Tag = BinaryStateFormat.Tag
    let bytes: UnsafeRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    func damaged(_ reason: String) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: [], debugDescription: "damaged binary state: \(reason)"))
    }

    func byte(at offset: Int) throws -> UInt8 {
        guard offset < bytes.count else { throw damaged("it ends early") }
        return bytes[offset]
    }

    func tag(at offset: Int) throws -> Tag {
        let raw = try byte(at: offset)
        guard let tag = Tag(rawValue: raw) else { throw damaged("unknown tag \(raw) at byte \(offset)") }
        return tag
    }

    func varint(at offset: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte(at: offset)
            offset += 1
            guard shift < 64 else { throw damaged("an over-long number at byte \(offset)") }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    /// A varint length or count, checked against the bytes left.
    func length(at offset: inout Int) throws -> Int {
        let count = try varint(at: &offset)
        guard count <= UInt64(bytes.count - offset) else { throw damaged("a length past the end at byte \(offset)") }
        return Int(count)
    }

    /// The UTF-8 text of a key or string body at `offset` (after any tag).
    func text(at offset: inout Int) throws -> String {
        let count = try length(at: &offset)
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]), as: UTF8.self)
        offset += count
        return text
    }

    func expect(_ expected: Tag, at offset: inout Int) throws {
        let found = try tag(at: offset)
        guard found == expected else { throw damaged("expected \(expected), found \(found) at byte \(offset)") }
        offset += 1
    }

    func string(at offset: inout Int) throws -> String {
        try expect(.string, at: &offset)
        return try text(at: &offset)
    }

    func bool(at offset: inout Int) throws -> Bool {
        switch try tag(at: offset) {
        case .true: offset += 1; return true
        case .false: offset += 1; return false
        case let found: throw damaged("expected a boolean, found \(found) at byte \(offset)")
        }
    }

    func integer<Integer: FixedWidthInteger>(_ type: Integer.Type, at offset: inout Int) throws -> Integer {
        let start = offset
        let result: Integer?
        switch try tag(at: offset) {
        case .signed:
            offset += 1
            result = Integer(exactly: BinaryStateFormat.unzigzag(try varint(at: &offset)))
        case .unsigned:
            offset += 1
            result = Integer(exactly: try varint(at: &offset))
        case let found:
            throw damaged("expected an integer, found \(found) at byte \(start)")
        }
        guard let result else { throw damaged("the integer at byte \(start) does not fit \(Integer.self)") }
        return result
    }

    func double(at offset: inout Int) throws -> Double {
        try expect(.double, at: &offset)
        guard offset + 8 <= bytes.count else { throw damaged("it ends early") }
        let bits = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        offset += 8
        return Double(bitPattern: bits)
    }

    func float(at offset: inout Int) throws -> Float {
        try expect(.float, at: &offset)
        guard offset + 4 <= bytes.count else { throw damaged("it ends early") }
        let bits = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        offset += 4
        return Float(bitPattern: bits)
    }

    /// Moves `offset` past the value that starts there.
    func skipValue(at offset: inout Int) throws {
        switch try tag(at: offset) {
        case .null, .false, .true:
            offset += 1
        case .signed, .unsigned:
            offset += 1
            _ = try varint(at: &offset)
        case .string:
            offset += 1
            offset += try length(at: &offset)
        case .double:
            offset += 9
        case .float:
            offset += 5
        case .array:
            offset += 1
            while try tag(at: offset) != .end { try skipValue(at: &offset) }
            offset += 1
        case .object:
            offset += 1
            while try tag(at: offset) != .end {
                try expect(.string, at: &offset)
                offset += try length(at: &offset)
                try skipValue(at: &offset)
            }
            offset += 1
        case .end:
            throw damaged("an end where a value should start, at byte \(offset)")
        }
        guard offset <= bytes.count else { throw damaged("it ends early") }
    }

    /// Reads any value at `offset`: primitives directly, others through `init(from:)`; moves past it.
    func decodeValue<Value: Decodable>(_ type: Value.Type, at offset: inout Int) throws -> Value {
        if type == String.self { return unsafeBitCast(try string(at: &offset), to: Value.self) }
        if type == Int64.self { return unsafeBitCast(try integer(Int64.self, at: &offset), to: Value.self) }
        if type == Int.self { return unsafeBitCast(try integer(Int.self, at: &offset), to: Value.self) }
        if type == Bool.self { return unsafeBitCast(try bool(at: &offset), to: Value.self) }
        let start = offset
        let value = try Value(from: BinaryValueDecoder(reader: self, offset: start))
        try skipValue(at: &offset)
        return value
    }
}

/// The `Decoder` of the value at `offset`.
private struct BinaryValueDecoder: Decoder, SingleValueDecodingContainer {
    let reader: BinaryStateReader
    let offset: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try BinaryKeyedDecoder<Key>(reader: reader, offset: offset))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try BinaryUnkeyedDecoder(reader: reader, offset: offset)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    private func read<Value>(_ body: (inout Int) throws -> Value) throws -> Value {
        var position = offset
        return try body(&position)
    }

    func decodeNil() -> Bool { (try? reader.tag(at: offset)) == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try read { try reader.bool(at: &$0) } }
    func decode(_ type: String.Type) throws -> String { try read { try reader.string(at: &$0) } }
    func decode(_ type: Double.Type) throws -> Double { try read { try reader.double(at: &$0) } }
    func decode(_ type: Float.Type) throws -> Float { try read { try reader.float(at: &$0) } }
    func decode(_ type: Int.Type) throws -> Int { try read { try reader.integer(Int.self, at: &$0) } }
    func decode(_ type: Int8.Type) throws -> Int8 { try read { try reader.integer(Int8.self, at: &$0) } }
    func decode(_ type: Int16.Type) throws -> Int16 { try read { try reader.integer(Int16.self, at: &$0) } }
    func decode(_ type: Int32.Type) throws -> Int32 { try read { try reader.integer(Int32.self, at: &$0) } }
    func decode(_ type: Int64.Type) throws -> Int64 { try read { try reader.integer(Int64.self, at: &$0) } }
    func decode(_ type: UInt.Type) throws -> UInt { try read { try reader.integer(UInt.self, at: &$0) } }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try read { try reader.integer(UInt8.self, at: &$0) } }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try read { try reader.integer(UInt16.self, at: &$0) } }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try read { try reader.integer(UInt32.self, at: &$0) } }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try read { try reader.integer(UInt64.self, at: &$0) } }
    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value { try read { try reader.decodeValue(type, at: &$0) } }
}

/// An object's members, found by key.
private struct BinaryKeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: BinaryStateReader
    /// Each member's key and the offset of its value.
    let members: [(key: String, offset: Int)]
    var codingPath: [any CodingKey] { [] }

    init(reader: BinaryStateReader, offset start: Int) throws {
        self.reader = reader
        var offset = start
        try reader.expect(.object, at: &offset)
        var members: [(key: String, offset: Int)] = []
        while try reader.tag(at: offset) != .end {
            let key = try reader.string(at: &offset)
            members.append((key, offset))
            try reader.skipValue(at: &offset)
        }
        self.members = members
    }

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool {
        find(key) != nil
    }

    private func find(_ key: Key) -> Int? {
        let name = key.stringValue
        return members.first { $0.key == name }?.offset
    }

    private func offset(of key: Key) throws -> Int {
        guard let offset = find(key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: [], debugDescription: "damaged binary state: no member \"\(key.stringValue)\""))
        }
        return offset
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try reader.tag(at: offset(of: key)) == .null
    }

    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        var offset = try offset(of: key)
        return try reader.decodeValue(type, at: &offset)
    }

    func decodeIfPresent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        guard var offset = find(key), try reader.tag(at: offset) != .null else { return nil }
        return try reader.decodeValue(type, at: &offset)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try BinaryKeyedDecoder<NestedKey>(reader: reader, offset: offset(of: key)))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try BinaryUnkeyedDecoder(reader: reader, offset: offset(of: key))
    }

    func superDecoder() throws -> any Decoder {
        throw reader.damaged("super decoders are not part of the format")
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        throw reader.damaged("super decoders are not part of the format")
    }
}

/// An array's elements, read in order.
private struct BinaryUnkeyedDecoder: UnkeyedDecodingContainer {
    let reader: BinaryStateReader
    /// The offset of the next element, or of the array's end.
    private var offset: Int
    var codingPath: [any CodingKey] { [] }
    private(set) var currentIndex = 0

    init(reader: BinaryStateReader, offset start: Int) throws {
        self.reader = reader
        var offset = start
        try reader.expect(.array, at: &offset)
        self.offset = offset
    }

    var count: Int? { nil }
    var isAtEnd: Bool { (try? reader.byte(at: offset)) == BinaryStateFormat.Tag.end.rawValue }

    private func checkNotAtEnd() throws {
        if try reader.byte(at: offset) == BinaryStateFormat.Tag.end.rawValue {
            throw DecodingError.valueNotFound(Any.self, DecodingError.Context(codingPath: [], debugDescription: "the array has no more elements"))
        }
    }

    mutating func decodeNil() throws -> Bool {
        try checkNotAtEnd()
        guard try reader.tag(at: offset) == .null else { return false }
        offset += 1
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: String.Type) throws -> String {
        try checkNotAtEnd()
        defer { currentIndex += 1 }
        return try reader.string(at: &offset)
    }

    mutating func decode(_ type: Int64.Type) throws -> Int64 {
        try checkNotAtEnd()
        defer { currentIndex += 1 }
        return try reader.integer(Int64.self, at: &offset)
    }

    mutating func decode(_ type: Int.Type) throws -> Int {
        try checkNotAtEnd()
        defer { currentIndex += 1 }
        return try reader.integer(Int.self, at: &offset)
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool {
        try checkNotAtEnd()
        defer { currentIndex += 1 }
        return try reader.bool(at: &offset)
    }

    mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try checkNotAtEnd()
        defer { currentIndex += 1 }
        return try reader.decodeValue(type, at: &offset)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try checkNotAtEnd()
        let container = try BinaryKeyedDecoder<NestedKey>(reader: reader, offset: offset)
        try reader.skipValue(at: &offset)
        currentIndex += 1
        return KeyedDecodingContainer(container)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try checkNotAtEnd()
        let container = try BinaryUnkeyedDecoder(reader: reader, offset: offset)
        try reader.skipValue(at: &offset)
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        throw reader.damaged("super decoders are not part of the format")
    }
}

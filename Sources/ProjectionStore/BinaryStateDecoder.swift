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
        let end = ValueEnd()
        let value = try Value(from: BinaryValueDecoder(reader: self, offset: offset, end: end))
        try end.resolve(reader: self, skippingFrom: &offset)
        return value
    }
}

/// Where a value decoded through its `init(from:)` ends, from what that decoding read: a
/// container's decoder leaves here how far it has read, so that the value is not walked
/// again to find its end (only what the decoding left unread is skipped).
private final class ValueEnd {
    enum Known {
        /// Nothing read: skip the whole value.
        case nothing
        /// The value ends at this offset.
        case at(Int)
        /// An object read member by member.
        case object(ObjectScan)
        /// An array read element by element up to this position.
        case array(ArrayPosition)
    }

    var known = Known.nothing

    /// Moves `offset` (the value's start) past the value.
    func resolve(reader: BinaryStateReader, skippingFrom offset: inout Int) throws {
        switch known {
        case .nothing: try reader.skipValue(at: &offset)
        case .at(let end): offset = end
        case .object(let scan): offset = try scan.end()
        case .array(let position): offset = try position.end()
        }
    }
}

/// The members of an object, found lazily in order: a member's value is skipped only when a
/// later key is asked for before the value was decoded.
private final class ObjectScan {
    let reader: BinaryStateReader
    /// Each member found so far: its key and the offset of its value.
    private(set) var members: [(key: String, offset: Int)] = []
    /// Where the next member's key starts, once the last found member's value has been passed.
    private var next: Int?
    /// The offset just past the object's end tag, once reached.
    private var finished: Int?

    init(reader: BinaryStateReader, offset start: Int) throws {
        self.reader = reader
        var offset = start
        try reader.expect(.object, at: &offset)
        next = offset
    }

    /// The offset of the value of `key`, or nil when the object has no such member.
    func find(_ key: String) throws -> Int? {
        if let member = members.first(where: { $0.key == key }) { return member.offset }
        while let found = try advance() {
            if found.key == key { return found.offset }
        }
        return nil
    }

    /// Every member's key, reading to the end.
    func allKeys() throws -> [String] {
        while try advance() != nil {}
        return members.map(\.key)
    }

    /// Records that the value at `start` ends at `end`: when it is the last member found, the next key starts there.
    func decoded(valueAt start: Int, endingAt end: Int) {
        if next == nil, members.last?.offset == start { next = end }
    }

    /// The offset just past the object, reading (and skipping) what is left of it.
    func end() throws -> Int {
        while try advance() != nil {}
        guard let finished else { throw reader.damaged("an object without an end") }
        return finished
    }

    /// Finds the next member; nil at the end of the object.
    private func advance() throws -> (key: String, offset: Int)? {
        guard finished == nil else { return nil }
        var offset: Int
        if let next {
            offset = next
        } else {
            guard let last = members.last else { throw reader.damaged("an object read out of order") }
            offset = last.offset
            try reader.skipValue(at: &offset)
        }
        if try reader.tag(at: offset) == .end {
            finished = offset + 1
            next = nil
            return nil
        }
        let key = try reader.string(at: &offset)
        members.append((key, offset))
        next = nil
        return (key, offset)
    }
}

/// How far an array's elements have been read.
private final class ArrayPosition {
    let reader: BinaryStateReader
    /// The offset of the next element, or of the array's end tag.
    var offset: Int

    init(reader: BinaryStateReader, offset: Int) {
        self.reader = reader
        self.offset = offset
    }

    /// The offset just past the array, skipping the elements not read.
    func end() throws -> Int {
        var offset = self.offset
        while try reader.tag(at: offset) != .end { try reader.skipValue(at: &offset) }
        return offset + 1
    }
}

/// The `Decoder` of the value at `offset`.
private struct BinaryValueDecoder: Decoder, SingleValueDecodingContainer {
    let reader: BinaryStateReader
    let offset: Int
    /// Where the value ends, as far as its decoding tells.
    let end: ValueEnd
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let scan = try ObjectScan(reader: reader, offset: offset)
        end.known = .object(scan)
        return KeyedDecodingContainer(BinaryKeyedDecoder<Key>(scan: scan))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let decoder = try BinaryUnkeyedDecoder(reader: reader, offset: offset)
        end.known = .array(decoder.position)
        return decoder
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    private func read<Value>(_ body: (inout Int) throws -> Value) throws -> Value {
        var position = offset
        let value = try body(&position)
        end.known = .at(position)
        return value
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
    let scan: ObjectScan
    var reader: BinaryStateReader { scan.reader }
    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] { ((try? scan.allKeys()) ?? []).compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool {
        ((try? scan.find(key.stringValue)) ?? nil) != nil
    }

    private func offset(of key: Key) throws -> Int {
        guard let offset = try scan.find(key.stringValue) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: [], debugDescription: "damaged binary state: no member \"\(key.stringValue)\""))
        }
        return offset
    }

    /// Decodes the value at `start`, telling the scan where it ended.
    private func decodeValue<Value: Decodable>(_ type: Value.Type, at start: Int) throws -> Value {
        var offset = start
        let value = try reader.decodeValue(type, at: &offset)
        scan.decoded(valueAt: start, endingAt: offset)
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try reader.tag(at: offset(of: key)) == .null
    }

    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try decodeValue(type, at: offset(of: key))
    }

    func decodeIfPresent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        guard let offset = try scan.find(key.stringValue), try reader.tag(at: offset) != .null else { return nil }
        return try decodeValue(type, at: offset)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(BinaryKeyedDecoder<NestedKey>(scan: try ObjectScan(reader: reader, offset: offset(of: key))))
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
    /// How far the elements have been read, shared with the ``ValueEnd`` of the array.
    let position: ArrayPosition
    /// The offset of the next element, or of the array's end.
    private var offset: Int {
        get { position.offset }
        nonmutating set { position.offset = newValue }
    }
    var codingPath: [any CodingKey] { [] }
    private(set) var currentIndex = 0

    init(reader: BinaryStateReader, offset start: Int) throws {
        self.reader = reader
        var offset = start
        try reader.expect(.array, at: &offset)
        position = ArrayPosition(reader: reader, offset: offset)
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
        let container = BinaryKeyedDecoder<NestedKey>(scan: try ObjectScan(reader: reader, offset: offset))
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

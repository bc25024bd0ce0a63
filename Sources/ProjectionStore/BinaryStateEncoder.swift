import Foundation

/// Encodes a `Codable` value in the ``BinaryStateFormat``, streaming, without building a tree.
///
/// Containers are closed when a value is next written to one of their ancestors, or at the
/// end. A value that writes into a container after it has been closed (after writing into its
/// parent again) fails with `EncodingError.invalidValue` instead of producing wrong bytes.
enum BinaryStateEncoder {
    static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let writer = BinaryStateWriter()
        writer.bytes.reserveCapacity(64 * 1024)
        writer.bytes.append(BinaryStateFormat.version)
        try writer.encodeValue(value, depth: 0)
        writer.close(deeperThan: 0)
        return writer.bytes
    }
}

/// The bytes being written and the number of containers open around the next byte.
final class BinaryStateWriter {
    typealias Tag = BinaryStateFormat.Tag
    var bytes: [UInt8] = []
    private(set) var openContainers = 0

    /// Ends every container nested deeper than `depth`.
    func close(deeperThan depth: Int) {
        while openContainers > depth {
            bytes.append(Tag.end.rawValue)
            openContainers -= 1
        }
    }

    /// Readies a write into the container at `depth` (0: the top level); fails for a closed container or a negative depth.
    func prepare(at depth: Int) throws {
        guard depth >= 0, openContainers >= depth else {
            throw EncodingError.invalidValue(depth, EncodingError.Context(
                codingPath: [], debugDescription: "a value was written into a container that was already closed"))
        }
        close(deeperThan: depth)
    }

    /// Opens a container inside the one at `depth`; returns the new container's depth.
    func open(_ tag: Tag, at depth: Int) throws -> Int {
        try prepare(at: depth)
        bytes.append(tag.rawValue)
        openContainers = depth + 1
        return depth + 1
    }

    /// An object member's key: a string value.
    func writeKey(_ key: String) {
        bytes.append(Tag.string.rawValue)
        writeText(key)
    }

    /// The byte count as a varint, then the UTF-8 bytes.
    func writeText(_ text: String) {
        var key = text
        key.withUTF8 { utf8 in
            BinaryStateFormat.appendVarint(UInt64(utf8.count), to: &bytes)
            bytes.append(contentsOf: utf8)
        }
    }

    func writeNil(at depth: Int) throws {
        try prepare(at: depth)
        bytes.append(Tag.null.rawValue)
    }

    func write(_ value: Bool, at depth: Int) throws {
        try prepare(at: depth)
        bytes.append(value ? Tag.true.rawValue : Tag.false.rawValue)
    }

    func write(_ value: String, at depth: Int) throws {
        try prepare(at: depth)
        writeKey(value)
    }

    func write(signed value: Int64, at depth: Int) throws {
        try prepare(at: depth)
        bytes.append(Tag.signed.rawValue)
        BinaryStateFormat.appendVarint(BinaryStateFormat.zigzag(value), to: &bytes)
    }

    func write(unsigned value: UInt64, at depth: Int) throws {
        try prepare(at: depth)
        bytes.append(Tag.unsigned.rawValue)
        BinaryStateFormat.appendVarint(value, to: &bytes)
    }

    func write(_ value: Double, at depth: Int) throws {
        try prepare(at: depth)
        bytes.append(Tag.double.rawValue)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func write(_ value: Float, at depth: Int) throws {
        try prepare(at: depth)
        bytes.append(Tag.float.rawValue)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Writes any value into the container at `depth`: primitives directly, others through `encode(to:)`.
    func encodeValue<Value: Encodable>(_ value: Value, depth: Int) throws {
        // Type checks rather than dynamic casts: this runs once per value of a state.
        if Value.self == String.self { return try write(unsafeBitCast(value, to: String.self), at: depth) }
        if Value.self == Int.self { return try write(signed: Int64(unsafeBitCast(value, to: Int.self)), at: depth) }
        if Value.self == Int64.self { return try write(signed: unsafeBitCast(value, to: Int64.self), at: depth) }
        if Value.self == Bool.self { return try write(unsafeBitCast(value, to: Bool.self), at: depth) }
        let before = bytes.count
        try value.encode(to: BinaryValueEncoder(writer: self, depth: depth))
        // A value that wrote nothing reads back as an empty object, as JSONEncoder writes it.
        if bytes.count == before {
            _ = try open(.object, at: depth)
            close(deeperThan: depth)
        }
    }
}

/// The `Encoder` of one value written into the container at `depth`.
private struct BinaryValueEncoder: Encoder, SingleValueEncodingContainer {
    let writer: BinaryStateWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let inner = (try? writer.open(.object, at: depth)) ?? -1
        return KeyedEncodingContainer(BinaryKeyedEncoder<Key>(writer: writer, depth: inner))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let inner = (try? writer.open(.array, at: depth)) ?? -1
        return BinaryUnkeyedEncoder(writer: writer, depth: inner)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws { try writer.writeNil(at: depth) }
    func encode(_ value: Bool) throws { try writer.write(value, at: depth) }
    func encode(_ value: String) throws { try writer.write(value, at: depth) }
    func encode(_ value: Double) throws { try writer.write(value, at: depth) }
    func encode(_ value: Float) throws { try writer.write(value, at: depth) }
    func encode(_ value: Int) throws { try writer.write(signed: Int64(value), at: depth) }
    func encode(_ value: Int8) throws { try writer.write(signed: Int64(value), at: depth) }
    func encode(_ value: Int16) throws { try writer.write(signed: Int64(value), at: depth) }
    func encode(_ value: Int32) throws { try writer.write(signed: Int64(value), at: depth) }
    func encode(_ value: Int64) throws { try writer.write(signed: value, at: depth) }
    func encode(_ value: UInt) throws { try writer.write(unsigned: UInt64(value), at: depth) }
    func encode(_ value: UInt8) throws { try writer.write(unsigned: UInt64(value), at: depth) }
    func encode(_ value: UInt16) throws { try writer.write(unsigned: UInt64(value), at: depth) }
    func encode(_ value: UInt32) throws { try writer.write(unsigned: UInt64(value), at: depth) }
    func encode(_ value: UInt64) throws { try writer.write(unsigned: value, at: depth) }
    func encode<Value: Encodable>(_ value: Value) throws { try writer.encodeValue(value, depth: depth) }
}

/// An object's members; the container is at `depth` (-1 when it could not be opened: every write fails).
private struct BinaryKeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: BinaryStateWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    private func key(_ key: Key) throws {
        try writer.prepare(at: depth)
        writer.writeKey(key.stringValue)
    }

    func encodeNil(forKey key: Key) throws {
        try self.key(key)
        try writer.writeNil(at: depth)
    }

    func encode(_ value: Bool, forKey key: Key) throws {
        try self.key(key)
        try writer.write(value, at: depth)
    }

    func encode(_ value: String, forKey key: Key) throws {
        try self.key(key)
        try writer.write(value, at: depth)
    }

    func encode(_ value: Int, forKey key: Key) throws {
        try self.key(key)
        try writer.write(signed: Int64(value), at: depth)
    }

    func encode(_ value: Int64, forKey key: Key) throws {
        try self.key(key)
        try writer.write(signed: value, at: depth)
    }

    func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        try self.key(key)
        try writer.encodeValue(value, depth: depth)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let inner = (try? self.key(key)).flatMap { try? writer.open(.object, at: depth) } ?? -1
        return KeyedEncodingContainer(BinaryKeyedEncoder<NestedKey>(writer: writer, depth: inner))
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let inner = (try? self.key(key)).flatMap { try? writer.open(.array, at: depth) } ?? -1
        return BinaryUnkeyedEncoder(writer: writer, depth: inner)
    }

    func superEncoder() -> any Encoder {
        BinaryFailingEncoder()
    }

    func superEncoder(forKey key: Key) -> any Encoder {
        BinaryFailingEncoder()
    }
}

/// An array's elements; the container is at `depth` (-1 when it could not be opened: every write fails).
private struct BinaryUnkeyedEncoder: UnkeyedEncodingContainer {
    let writer: BinaryStateWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0

    init(writer: BinaryStateWriter, depth: Int) {
        self.writer = writer
        self.depth = depth
    }

    mutating func encodeNil() throws {
        try writer.writeNil(at: depth)
        count += 1
    }

    mutating func encode(_ value: String) throws {
        try writer.write(value, at: depth)
        count += 1
    }

    mutating func encode(_ value: Int64) throws {
        try writer.write(signed: value, at: depth)
        count += 1
    }

    mutating func encode(_ value: Int) throws {
        try writer.write(signed: Int64(value), at: depth)
        count += 1
    }

    mutating func encode(_ value: Bool) throws {
        try writer.write(value, at: depth)
        count += 1
    }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        try writer.encodeValue(value, depth: depth)
        count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        count += 1
        let inner = (try? writer.open(.object, at: depth)) ?? -1
        return KeyedEncodingContainer(BinaryKeyedEncoder<NestedKey>(writer: writer, depth: inner))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        count += 1
        let inner = (try? writer.open(.array, at: depth)) ?? -1
        return BinaryUnkeyedEncoder(writer: writer, depth: inner)
    }

    mutating func superEncoder() -> any Encoder {
        BinaryFailingEncoder()
    }
}

/// Super encoders are not part of the format: every write through one fails.
private struct BinaryFailingEncoder: Encoder {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(BinaryKeyedEncoder<Key>(writer: BinaryStateWriter(), depth: -1))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        BinaryUnkeyedEncoder(writer: BinaryStateWriter(), depth: -1)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        BinaryValueEncoder(writer: BinaryStateWriter(), depth: Int.max)
    }
}

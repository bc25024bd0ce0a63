/// The compact binary encoding of checkpointed view states: any `Codable` value as tagged bytes.
///
/// A state starts with the format byte ``version``, then holds one value. Every value starts
/// with a tag byte:
///
/// - `nil`, `false`, `true`: the tag alone;
/// - a signed integer: the tag, then its zigzag LEB128 varint; an unsigned one: the tag, then its varint;
/// - a string: the tag, the UTF-8 byte count as a varint, the bytes;
/// - a `Double` or `Float`: the tag, then the IEEE 754 bits, little-endian (8 or 4 bytes);
/// - an array (unkeyed container): the tag, its elements, ``Tag/end``;
/// - an object (keyed container): the tag, then per member its key (as a string) and its value,
///   then ``Tag/end``.
///
/// Members keep the order in which the value encodes them, so equal values encode to equal bytes.
enum BinaryStateFormat {
    /// The first byte of every encoded state.
    static let version: UInt8 = 2

    /// The first byte of a value.
    enum Tag: UInt8 {
        case null = 0x00
        case `false` = 0x01
        case `true` = 0x02
        case signed = 0x03
        case unsigned = 0x04
        case string = 0x05
        case double = 0x06
        case float = 0x07
        case array = 0x10
        case object = 0x11
        case end = 0x1F
    }

    /// Appends `value` as an unsigned LEB128 varint.
    static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// Zigzag: small magnitudes of either sign give small unsigned numbers.
    static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}

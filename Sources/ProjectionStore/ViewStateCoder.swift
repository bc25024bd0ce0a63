import Foundation

/// Encodes a checkpointed view state in the ``BinaryStateFormat``.
enum ViewStateEncoder {
    static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        try BinaryStateEncoder.encode(value)
    }
}

/// Decodes a checkpointed view state from the ``BinaryStateFormat``.
enum ViewStateDecoder {
    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try BinaryStateDecoder.decode(type, from: bytes)
    }
}

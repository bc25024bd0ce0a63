import Foundation
import PartnerDomain

/// The identity and both times of one recorded event: all that time travel and retraction need.
///
/// Encodes compactly and deterministically as a three-element array:
/// `["<lower-case uuid>", occurredAtMilliseconds, recordedAtMilliseconds]`.
struct EventStamp: Sendable, Hashable, Codable {
    /// The event's id.
    let id: UUID
    /// Business time.
    let occurredAt: Timestamp
    /// System time.
    let recordedAt: Timestamp

    init(id: UUID, occurredAt: Timestamp, recordedAt: Timestamp) {
        self.id = id
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
    }

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        try self.init(from: &container)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try encode(to: &container)
    }

    /// Reads the id and both times from the front of a fact's array.
    init(from container: inout any UnkeyedDecodingContainer) throws {
        id = try LowercasedUUID.decodeText(try container.decode(String.self), codingPath: container.codingPath)
        occurredAt = Timestamp(millisecondsSinceEpoch: try container.decode(Int64.self))
        recordedAt = Timestamp(millisecondsSinceEpoch: try container.decode(Int64.self))
    }

    /// Writes the id and both times to the front of a fact's array.
    func encode(to container: inout any UnkeyedEncodingContainer) throws {
        try container.encode(UUIDText.lowercased(id))
        try container.encode(occurredAt.millisecondsSinceEpoch)
        try container.encode(recordedAt.millisecondsSinceEpoch)
    }
}

/// One folded fact: what an event said that the projections need, with the event's stamp.
struct Fact<Value: Sendable & Equatable>: Sendable, Equatable {
    /// The event that stated it.
    var stamp: EventStamp
    /// What it stated.
    var value: Value
}

/// The fields of a fact, coded in order after the stamp in one flat array.
///
/// A fact encodes as `["<id>", occurredAtMs, recordedAtMs, "<tag>", field...]`:
/// compact, in a fixed order, with amounts as exact decimal text, so that a
/// state encodes to the same bytes however it was reached.
protocol FactValue: Sendable, Equatable {
    /// Reads the fields written by ``encodeFields(to:)``.
    init(fieldsFrom container: inout any UnkeyedDecodingContainer) throws
    /// Writes the fields in their fixed order.
    func encodeFields(to container: inout any UnkeyedEncodingContainer) throws
}

extension Fact: Codable where Value: FactValue {
    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        stamp = try EventStamp(from: &container)
        value = try Value(fieldsFrom: &container)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try stamp.encode(to: &container)
        try value.encodeFields(to: &container)
    }
}

/// Codes a UUID as lower-case RFC 4122 text, the way the ledger writes event ids everywhere.
///
/// Foundation's own coding writes upper case; reports use this wrapper so
/// that an id in a report matches the id in the log byte for byte.
@propertyWrapper
public struct LowercasedUUID: Codable, Sendable, Hashable {
    /// The id.
    public var wrappedValue: UUID

    /// Wraps an id.
    public init(wrappedValue: UUID) {
        self.wrappedValue = wrappedValue
    }

    /// Decodes a UUID string in either case.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = try Self.decodeText(try container.decode(String.self), codingPath: container.codingPath)
    }

    /// Encodes the id in lower case.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(UUIDText.lowercased(wrappedValue))
    }

    static func decodeText(_ text: String, codingPath: [any CodingKey]) throws -> UUID {
        guard let id = UUIDText.parse(text) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: codingPath, debugDescription: "\"\(text)\" is not a UUID"))
        }
        return id
    }
}

/// Codes a list of UUIDs as lower-case RFC 4122 texts; see ``LowercasedUUID``.
@propertyWrapper
public struct LowercasedUUIDs: Codable, Sendable, Hashable {
    /// The ids, in order.
    public var wrappedValue: [UUID]

    /// Wraps a list of ids.
    public init(wrappedValue: [UUID]) {
        self.wrappedValue = wrappedValue
    }

    /// Decodes an array of UUID strings in either case.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = try container.decode([String].self).map {
            try LowercasedUUID.decodeText($0, codingPath: container.codingPath)
        }
    }

    /// Encodes the ids in lower case, in order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue.map(UUIDText.lowercased))
    }
}

extension UUID {
    /// Whether this id sorts before `other` in the order of their lower-case texts, which is the order of their bytes.
    func sortsBefore(_ other: UUID) -> Bool {
        let (high, low) = orderedHalves
        let (otherHigh, otherLow) = other.orderedHalves
        return (high, low) < (otherHigh, otherLow)
    }

    /// The id's sixteen bytes as two big-endian integers: they compare as the bytes do.
    var orderedHalves: (high: UInt64, low: UInt64) {
        withUnsafeBytes(of: uuid) { raw in
            (UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
             UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }
}

extension EventStamp {
    /// The stable order of events: by business time, then by id.
    func precedes(_ other: EventStamp) -> Bool {
        occurredAt != other.occurredAt ? occurredAt < other.occurredAt : id.sortsBefore(other.id)
    }
}

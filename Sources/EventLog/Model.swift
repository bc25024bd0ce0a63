import Foundation

/// What an append expects of its stream's current version (optimistic concurrency).
public enum ExpectedVersion: Sendable, Hashable, CustomStringConvertible {
    /// Append whatever the stream holds.
    case any
    /// The stream must not exist yet.
    case noStream
    /// The stream must hold at least one event.
    case streamExists
    /// The stream must hold exactly this many events (its version is the count of its events).
    case exactly(UInt64)

    /// Whether a stream at `version` meets the expectation.
    public func isMet(byVersion version: UInt64) -> Bool {
        switch self {
        case .any: return true
        case .noStream: return version == 0
        case .streamExists: return version > 0
        case .exactly(let expected): return version == expected
        }
    }

    public var description: String {
        switch self {
        case .any: return "any version"
        case .noStream: return "no stream"
        case .streamExists: return "an existing stream"
        case .exactly(let version): return "version \(version)"
        }
    }
}

/// An event the caller wants to append; the log adds its position, stream version,
/// recorded time and hash.
public struct ProposedEvent: Sendable, Hashable {
    /// The writer's id for the event: the idempotency key.
    public var id: UUID
    /// The event type name, such as `MeetingHeld`.
    public var type: String
    /// The schema version of the type.
    public var typeVersion: Int
    /// Business time: when it happened, in milliseconds since the epoch.
    public var occurredAt: Int64
    /// The payload: the UTF-8 bytes of one JSON object. Stored verbatim.
    public var payload: [UInt8]
    /// Who records it; `nil` takes the log's default.
    public var recordedBy: String?
    /// Where it came from (`cli`, `import`, `api`).
    public var source: String
    /// The event or command that caused it.
    public var causationID: UUID?
    /// The conversation it belongs to.
    public var correlationID: UUID?

    /// Creates an event to append.
    public init(
        id: UUID = UUID(), type: String, typeVersion: Int = 1, occurredAt: Int64, payload: [UInt8],
        recordedBy: String? = nil, source: String = "api", causationID: UUID? = nil, correlationID: UUID? = nil
    ) {
        self.id = id
        self.type = type
        self.typeVersion = typeVersion
        self.occurredAt = occurredAt
        self.payload = payload
        self.recordedBy = recordedBy
        self.source = source
        self.causationID = causationID
        self.correlationID = correlationID
    }
}

/// A stored event, as read back from the log.
public struct RecordedEvent: Sendable, Hashable {
    /// The global position: gapless, in commit order, starting at 1.
    public let position: UInt64
    /// The writer's id.
    public let id: UUID
    /// The stream (for partnership events, the partnership slug).
    public let stream: String
    /// The event's version within its stream: 1 for the stream's first event.
    public let streamVersion: UInt64
    /// The event type name.
    public let type: String
    /// The schema version of the type.
    public let typeVersion: Int
    /// Business time, milliseconds since the epoch.
    public let occurredAt: Int64
    /// System time when the log stored it, milliseconds since the epoch; never decreases along the log.
    public let recordedAt: Int64
    /// Who recorded it.
    public let recordedBy: String
    /// Where it came from.
    public let source: String
    /// The causing event or command, if given.
    public let causationID: UUID?
    /// The correlation id, if given.
    public let correlationID: UUID?
    /// The payload's JSON bytes, exactly as appended.
    public let payload: [UInt8]
    /// The chain digest of this event: SHA-256 over its key and stored value (see the storage format).
    public let digest: [UInt8]

    /// An event as a store read it back.
    public init(
        position: UInt64, id: UUID, stream: String, streamVersion: UInt64, type: String, typeVersion: Int,
        occurredAt: Int64, recordedAt: Int64, recordedBy: String, source: String, causationID: UUID?,
        correlationID: UUID?, payload: [UInt8], digest: [UInt8]
    ) {
        self.position = position
        self.id = id
        self.stream = stream
        self.streamVersion = streamVersion
        self.type = type
        self.typeVersion = typeVersion
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.source = source
        self.causationID = causationID
        self.correlationID = correlationID
        self.payload = payload
        self.digest = digest
    }

    /// The payload as `Data`, for `JSONDecoder`.
    public var payloadData: Data { Data(payload) }
}

/// Where a batch ended up.
public struct AppendResult: Sendable, Hashable {
    /// The global positions of the batch's events, in order.
    public let positions: [UInt64]
    /// Whether every event was already stored with the same content, so nothing was written
    /// and ``positions`` are the original ones.
    public let wasAlreadyStored: Bool
    /// The log's head after the append.
    public let head: Head

    /// Where a batch ended up, and the head after it.
    public init(positions: [UInt64], wasAlreadyStored: Bool, head: Head) {
        self.positions = positions
        self.wasAlreadyStored = wasAlreadyStored
        self.head = head
    }
}

/// The last event of the log: its position, chain digest and recorded time.
public struct Head: Sendable, Hashable {
    /// Position of the last event; 0 for an empty log.
    public let position: UInt64
    /// The chain digest of the last event (32 zero bytes for an empty log). Publish it:
    /// anyone can recompute it from the stored bytes.
    public let digest: [UInt8]
    /// Recorded time of the last event; 0 for an empty log.
    public let recordedAt: Int64

    /// The head of a store: its last position, that event's chain digest and recorded time.
    public init(position: UInt64, digest: [UInt8], recordedAt: Int64) {
        self.position = position
        self.digest = digest
        self.recordedAt = recordedAt
    }

    /// The digest as 64 lowercase hex digits.
    public var digestHex: String { digest.hexString }

    static let empty = Head(position: 0, digest: [UInt8](repeating: 0, count: 32), recordedAt: 0)
}

/// A consumer's stored progress: the last position it applied, and its state at that point.
public struct Checkpoint: Sendable, Hashable {
    /// The last position the consumer applied.
    public let position: UInt64
    /// The consumer's serialized state after applying it.
    public let state: [UInt8]

    /// A consumer's stored position and state.
    public init(position: UInt64, state: [UInt8]) {
        self.position = position
        self.state = state
    }
}

/// One checkpoint to store with ``EventLog/saveCheckpoints(_:)``.
public struct CheckpointSave: Sendable, Hashable {
    /// The consumer's name.
    public var consumer: String
    /// The position the caller started from: the stored checkpoint's (0 when there was none).
    public var previous: UInt64
    /// The last position the state covers.
    public var position: UInt64
    /// The consumer's serialized state.
    public var state: [UInt8]

    /// A checkpoint to store.
    public init(consumer: String, previous: UInt64, position: UInt64, state: [UInt8]) {
        self.consumer = consumer
        self.previous = previous
        self.position = position
        self.state = state
    }
}

/// A group of events appended to one stream under one expectation.
public struct StreamAppend: Sendable, Hashable {
    /// The stream.
    public var stream: String
    /// What the stream's version must be before these events.
    public var expected: ExpectedVersion
    /// The events, in order.
    public var events: [ProposedEvent]

    /// Creates a group.
    public init(stream: String, expected: ExpectedVersion = .any, events: [ProposedEvent]) {
        self.stream = stream
        self.expected = expected
        self.events = events
    }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hex digits of the bytes.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

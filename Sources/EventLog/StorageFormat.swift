import Crypto
import Foundation

/// The ledger's on-disk layout, version 1. README.md ("Storage format") describes the same
/// rules for readers in other languages; keep the two in step.
///
/// Named databases of the LMDB environment:
/// - `meta`: ASCII keys to ASCII values: `format` (decimal storage format version),
///   `ledgerId` (UUID), `createdAt` (ISO-8601), and `head`, the binary head record:
///   8-byte big-endian position, 32-byte chain digest, 8-byte big-endian recorded time (ms).
/// - `events`: 8-byte big-endian position -> 32-byte digest of the previous event
///   (zeros for position 1) followed by the event's body (see ``BodyLayout``): a binary
///   envelope and the payload, a UTF-8 JSON object, to the end of the value.
/// - `streams` (`MDB_DUPSORT | MDB_DUPFIXED`): stream name (UTF-8) -> 8-byte big-endian
///   positions of its events, in order; the count of duplicates is the stream's version.
/// - `ids` and `idRuns`: the id index in two tiers (see ``IDIndex``): `ids` maps a 16-byte
///   event id to its 8-byte big-endian position; `idRuns` maps the first position of a batch
///   to its ids sorted bytewise, 24 bytes each (id, then position). `meta` key
///   `idsMergedThrough` (8-byte big-endian) is the last position merged from runs into `ids`.
/// - `checkpoints`: consumer name (UTF-8) -> 8-byte big-endian position followed by the
///   consumer's state bytes.
///
/// Chain rule: `digest(n) = SHA-256(key(n) || value(n))`, where `key(n)` is the 8-byte
/// big-endian position and `value(n)` the stored value, whose first 32 bytes are
/// `digest(n - 1)`, with `digest(0)` 32 zero bytes. The head digest is `digest(last)`.
enum StorageFormat {
    /// The format this code writes and reads.
    static let version = 1

    enum Name {
        static let meta = "meta"
        static let events = "events"
        static let streams = "streams"
        static let ids = "ids"
        static let idRuns = "idRuns"
        static let checkpoints = "checkpoints"
        static let all: Set<String> = [meta, events, streams, ids, idRuns, checkpoints]
    }

    enum MetaKey {
        static let format = Array("format".utf8)
        static let ledgerID = Array("ledgerId".utf8)
        static let createdAt = Array("createdAt".utf8)
        static let head = Array("head".utf8)
        static let idsMergedThrough = Array("idsMergedThrough".utf8)
    }

    static let digestSize = 32

    /// The 8-byte big-endian key of a position.
    @inline(__always)
    static func key(_ position: UInt64) -> [UInt8] {
        withUnsafeBytes(of: position.bigEndian) { Array($0) }
    }

    /// Reads an 8-byte big-endian integer.
    @inline(__always)
    static func readUInt64(_ bytes: UnsafeRawBufferPointer, at offset: Int = 0) -> UInt64 {
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 8])) }
        return UInt64(bigEndian: value)
    }

    /// `SHA-256(key || value)`: the chain digest of one stored event.
    @inline(__always)
    static func digest(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bufferPointer: key)
        hasher.update(bufferPointer: value)
        return Array(hasher.finalize())
    }

    static func encodeHead(_ head: Head) -> [UInt8] {
        key(head.position) + head.digest + key(UInt64(bitPattern: head.recordedAt))
    }

    static func decodeHead(_ bytes: UnsafeRawBufferPointer) -> Head? {
        guard bytes.count == 48 else { return nil }
        return Head(
            position: readUInt64(bytes),
            digest: Array(bytes[8..<40]),
            recordedAt: Int64(bitPattern: readUInt64(bytes, at: 40)))
    }

    /// The body of a stored event: a fixed binary header, the variable-length names, then the
    /// payload. All integers are big-endian; times are signed milliseconds since 1970-01-01Z.
    ///
    /// | offset | size | field |
    /// |---|---|---|
    /// | 0 | 1 | layout, 1 |
    /// | 1 | 16 | event id (UUID bytes) |
    /// | 17 | 8 | stream version |
    /// | 25 | 8 | occurredAt |
    /// | 33 | 8 | recordedAt |
    /// | 41 | 2 | type version |
    /// | 43 | 1 | flags: 1 = a causation id follows, 2 = a correlation id follows |
    /// | 44 | 2 | stream name length S |
    /// | 46 | 1 | type name length T |
    /// | 47 | 1 | recordedBy length R |
    /// | 48 | 1 | source length C |
    /// | 49 | 16 each | causation id, correlation id, when flagged |
    /// | then | S, T, R, C | stream, type, recordedBy, source (UTF-8) |
    /// | then | rest | payload: one JSON object (UTF-8), exactly as appended |
    enum BodyLayout {
        static let version: UInt8 = 1
        static let headerSize = 49
        static let hasCausation: UInt8 = 1
        static let hasCorrelation: UInt8 = 2
        static let maxStreamBytes = 400
    }

    /// Appends the body of an event (see ``BodyLayout``).
    static func appendBody(
        of event: ProposedEvent, stream: String, streamVersion: UInt64,
        recordedAt: Int64, recordedBy: String, to out: inout [UInt8]
    ) {
        var flags: UInt8 = 0
        if event.causationID != nil { flags |= BodyLayout.hasCausation }
        if event.correlationID != nil { flags |= BodyLayout.hasCorrelation }
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: BodyLayout.headerSize))
        out.withUnsafeMutableBytes { buffer in
            let header = UnsafeMutableRawBufferPointer(rebasing: buffer[start...])
            header[0] = BodyLayout.version
            withUnsafeBytes(of: event.id.uuid) { header.baseAddress!.advanced(by: 1).copyMemory(from: $0.baseAddress!, byteCount: 16) }
            header.storeBytes(of: streamVersion.bigEndian, toByteOffset: 17, as: UInt64.self)
            header.storeBytes(of: event.occurredAt.bigEndian, toByteOffset: 25, as: Int64.self)
            header.storeBytes(of: recordedAt.bigEndian, toByteOffset: 33, as: Int64.self)
            header.storeBytes(of: UInt16(event.typeVersion).bigEndian, toByteOffset: 41, as: UInt16.self)
            header[43] = flags
            header.storeBytes(of: UInt16(stream.utf8.count).bigEndian, toByteOffset: 44, as: UInt16.self)
            header[46] = UInt8(event.type.utf8.count)
            header[47] = UInt8(recordedBy.utf8.count)
            header[48] = UInt8(event.source.utf8.count)
        }
        if let causation = event.causationID { withUnsafeBytes(of: causation.uuid) { out.append(contentsOf: $0) } }
        if let correlation = event.correlationID { withUnsafeBytes(of: correlation.uuid) { out.append(contentsOf: $0) } }
        out.append(contentsOf: stream.utf8)
        out.append(contentsOf: event.type.utf8)
        out.append(contentsOf: recordedBy.utf8)
        out.append(contentsOf: event.source.utf8)
        out.append(contentsOf: event.payload)
    }

    /// Decodes a stored value (digest of the previous event, then the body).
    static func decodeEvent(position: UInt64, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws -> RecordedEvent {
        guard value.count > digestSize,
              let view = StoredEventView(position: position, body: UnsafeRawBufferPointer(rebasing: value[digestSize...]))
        else {
            throw EventLogError.notALedger(path: "position \(position)", reason: "the stored body does not follow the body layout")
        }
        return RecordedEvent(
            position: position, id: view.id, stream: view.stream, streamVersion: view.streamVersion, type: view.type,
            typeVersion: view.typeVersion, occurredAt: view.occurredAt, recordedAt: view.recordedAt,
            recordedBy: view.recordedBy, source: view.source, causationID: view.causationID,
            correlationID: view.correlationID, payload: Array(view.payload),
            digest: digest(key: key, value: value))
    }
}

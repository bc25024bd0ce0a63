import Crypto
import Foundation
import LedgerJSON

/// The ledger's on-disk layout, version 1. README.md ("Storage format") describes the same
/// rules for readers in other languages; keep the two in step.
///
/// Named databases of the LMDB environment:
/// - `meta`: ASCII keys to ASCII values: `format` (decimal storage format version),
///   `ledgerId` (UUID), `createdAt` (ISO-8601), and `head`, the binary head record:
///   8-byte big-endian position, 32-byte chain digest, 8-byte big-endian recorded time (ms).
/// - `events`: 8-byte big-endian position -> 32-byte digest of the previous event
///   (zeros for position 1) followed by the event's JSON body (UTF-8).
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

    /// Appends the JSON body of an event: members in a fixed order, the payload last and verbatim.
    static func appendBody(
        of event: ProposedEvent, position: UInt64, stream: String, streamVersion: UInt64,
        recordedAt: Int64, recordedBy: String, to out: inout [UInt8]
    ) {
        out.append(contentsOf: #"{"seq":"#.utf8)
        appendDecimal(position, to: &out)
        out.append(contentsOf: #","id":""#.utf8)
        event.id.appendLowercase(to: &out)
        out.append(contentsOf: #"","stream":"#.utf8)
        appendString(stream, to: &out)
        out.append(contentsOf: #","streamVersion":"#.utf8)
        appendDecimal(streamVersion, to: &out)
        out.append(contentsOf: #","type":"#.utf8)
        appendString(event.type, to: &out)
        out.append(contentsOf: #","typeVersion":"#.utf8)
        appendDecimal(UInt64(event.typeVersion), to: &out)
        out.append(contentsOf: #","occurredAt":""#.utf8)
        LogTime.append(event.occurredAt, to: &out)
        out.append(contentsOf: #"","recordedAt":""#.utf8)
        LogTime.append(recordedAt, to: &out)
        out.append(contentsOf: #"","recordedBy":"#.utf8)
        appendString(recordedBy, to: &out)
        out.append(contentsOf: #","source":"#.utf8)
        appendString(event.source, to: &out)
        if let causation = event.causationID {
            out.append(contentsOf: #","causationId":""#.utf8)
            causation.appendLowercase(to: &out)
            out.append(UInt8(ascii: "\""))
        }
        if let correlation = event.correlationID {
            out.append(contentsOf: #","correlationId":""#.utf8)
            correlation.appendLowercase(to: &out)
            out.append(UInt8(ascii: "\""))
        }
        out.append(contentsOf: #","payload":"#.utf8)
        out.append(contentsOf: event.payload)
        out.append(UInt8(ascii: "}"))
    }

    static let payloadMarker = Array(#","payload":"#.utf8)

    /// Decodes a stored value (digest of the previous event, then the body).
    static func decodeEvent(position: UInt64, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws -> RecordedEvent {
        guard value.count > digestSize else {
            throw EventLogError.notALedger(path: "position \(position)", reason: "the stored value is too short")
        }
        let body = UnsafeRawBufferPointer(rebasing: value[digestSize...])
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(body)
        } catch {
            throw EventLogError.notALedger(path: "position \(position)", reason: "the stored body is not JSON: \(error)")
        }
        guard let object = parsed.objectValue,
              let idText = object["id"]?.stringValue, let id = UUID(uuidString: idText),
              let stream = object["stream"]?.stringValue,
              let streamVersion = object["streamVersion"]?.int64Value,
              let type = object["type"]?.stringValue,
              let typeVersion = object["typeVersion"]?.int64Value,
              let occurredText = object["occurredAt"]?.stringValue, let occurredAt = LogTime.parse(occurredText),
              let recordedText = object["recordedAt"]?.stringValue, let recordedAt = LogTime.parse(recordedText),
              let recordedBy = object["recordedBy"]?.stringValue,
              let source = object["source"]?.stringValue,
              let payloadRange = payloadRange(in: body)
        else {
            throw EventLogError.notALedger(path: "position \(position)", reason: "the stored body lacks an envelope field")
        }
        return RecordedEvent(
            position: position, id: id, stream: stream, streamVersion: UInt64(streamVersion), type: type,
            typeVersion: Int(typeVersion), occurredAt: occurredAt, recordedAt: recordedAt, recordedBy: recordedBy,
            source: source,
            causationID: object["causationId"]?.stringValue.flatMap(UUID.init(uuidString:)),
            correlationID: object["correlationId"]?.stringValue.flatMap(UUID.init(uuidString:)),
            payload: Array(body[payloadRange]),
            digest: digest(key: key, value: value))
    }

    /// The byte range of the payload in a body: after the first `,"payload":`, up to the final `}`.
    /// An unescaped quote cannot occur inside a JSON string, so the first match is the envelope's member.
    static func payloadRange(in body: UnsafeRawBufferPointer) -> Range<Int>? {
        let marker = payloadMarker
        var index = 0
        let limit = body.count - marker.count
        while index <= limit {
            if body[index] == marker[0] && body[index + 1] == marker[1] && body[index + 2] == marker[2]
                && body[index + 3] == marker[3] {
                var matches = true
                for offset in 4..<marker.count where body[index + offset] != marker[offset] {
                    matches = false
                    break
                }
                if matches { return (index + marker.count)..<(body.count - 1) }
            }
            index += 1
        }
        return nil
    }

    @inline(__always)
    static func appendDecimal(_ value: UInt64, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }

    /// Appends `text` as a JSON string with the escapes RFC 8259 requires.
    @inline(__always)
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let copiedPlain: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copiedPlain == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 0x0a: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0d: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

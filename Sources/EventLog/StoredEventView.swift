import Foundation

/// A stored event read in place, without copying: the fields of its body (see
/// ``StorageFormat/BodyLayout``) decoded on access. Valid only inside the callback of
/// ``EventLog/forEachStoredEvent(from:_:)`` that hands it out.
public struct StoredEventView {
    /// The global position.
    public let position: UInt64
    private let body: UnsafeRawBufferPointer
    private let namesStart: Int
    private let streamCount: Int, typeCount: Int, recordedByCount: Int, sourceCount: Int

    /// Reads the header of `body`; `nil` when it does not follow the layout.
    init?(position: UInt64, body: UnsafeRawBufferPointer) {
        typealias Layout = StorageFormat.BodyLayout
        guard body.count >= Layout.headerSize, body[0] == Layout.version else { return nil }
        let flags = body[43]
        var start = Layout.headerSize
        if flags & Layout.hasCausation != 0 { start += 16 }
        if flags & Layout.hasCorrelation != 0 { start += 16 }
        streamCount = Int(UInt16(bigEndian: body.loadUnaligned(fromByteOffset: 44, as: UInt16.self)))
        typeCount = Int(body[46])
        recordedByCount = Int(body[47])
        sourceCount = Int(body[48])
        guard start + streamCount + typeCount + recordedByCount + sourceCount <= body.count else { return nil }
        self.position = position
        self.body = body
        self.namesStart = start
    }

    private func slice(_ offset: Int, _ count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: body[offset..<offset + count])
    }

    /// The writer's id.
    public var id: UUID { UUID(bytes: slice(1, 16)) }
    /// The event's version within its stream.
    public var streamVersion: UInt64 { UInt64(bigEndian: body.loadUnaligned(fromByteOffset: 17, as: UInt64.self)) }
    /// Business time, ms since the epoch.
    public var occurredAt: Int64 { Int64(bigEndian: body.loadUnaligned(fromByteOffset: 25, as: Int64.self)) }
    /// Recorded time, ms since the epoch.
    public var recordedAt: Int64 { Int64(bigEndian: body.loadUnaligned(fromByteOffset: 33, as: Int64.self)) }
    /// The schema version of the type.
    public var typeVersion: Int { Int(UInt16(bigEndian: body.loadUnaligned(fromByteOffset: 41, as: UInt16.self))) }
    /// The causing event or command, if stored.
    public var causationID: UUID? {
        body[43] & StorageFormat.BodyLayout.hasCausation != 0 ? UUID(bytes: slice(StorageFormat.BodyLayout.headerSize, 16)) : nil
    }
    /// The correlation id, if stored.
    public var correlationID: UUID? {
        guard body[43] & StorageFormat.BodyLayout.hasCorrelation != 0 else { return nil }
        let offset = StorageFormat.BodyLayout.headerSize + (body[43] & StorageFormat.BodyLayout.hasCausation != 0 ? 16 : 0)
        return UUID(bytes: slice(offset, 16))
    }
    /// The stream name's UTF-8 bytes.
    public var streamBytes: UnsafeRawBufferPointer { slice(namesStart, streamCount) }
    /// The type name's UTF-8 bytes.
    public var typeBytes: UnsafeRawBufferPointer { slice(namesStart + streamCount, typeCount) }
    /// The UTF-8 bytes of who recorded it.
    public var recordedByBytes: UnsafeRawBufferPointer { slice(namesStart + streamCount + typeCount, recordedByCount) }
    /// The stream name.
    public var stream: String { String(decoding: streamBytes, as: UTF8.self) }
    /// The type name.
    public var type: String { String(decoding: typeBytes, as: UTF8.self) }
    /// Who recorded it.
    public var recordedBy: String { String(decoding: slice(namesStart + streamCount + typeCount, recordedByCount), as: UTF8.self) }
    /// Where it came from.
    public var source: String {
        String(decoding: slice(namesStart + streamCount + typeCount + recordedByCount, sourceCount), as: UTF8.self)
    }
    /// The payload's JSON bytes.
    public var payload: UnsafeRawBufferPointer {
        let start = namesStart + streamCount + typeCount + recordedByCount + sourceCount
        return UnsafeRawBufferPointer(rebasing: body[start...])
    }
}

import Foundation
internal import LMDB

/// The outcome of recomputing the hash chain.
public struct VerificationReport: Sendable, Hashable, CustomStringConvertible {
    /// How many events were checked.
    public let eventCount: UInt64
    /// The recomputed head digest (of the last intact event when the chain breaks).
    public let headDigest: [UInt8]
    /// The first position where the log is not intact, or `nil` when it is.
    public let firstBrokenPosition: UInt64?
    /// What is wrong there.
    public let problem: String?

    /// The outcome of a verification: events checked, the recomputed head digest, and where
    /// and how the chain breaks (both `nil` when it is intact).
    public init(eventCount: UInt64, headDigest: [UInt8], firstBrokenPosition: UInt64?, problem: String?) {
        self.eventCount = eventCount
        self.headDigest = headDigest
        self.firstBrokenPosition = firstBrokenPosition
        self.problem = problem
    }

    /// Whether the whole log verified.
    public var isIntact: Bool { problem == nil }
    /// The head digest as lowercase hex.
    public var headDigestHex: String { headDigest.hexString }

    public var description: String {
        if let problem {
            let place = firstBrokenPosition.map { "at position \($0)" } ?? "in the indexes"
            return "broken \(place): \(problem)"
        }
        return "\(eventCount) events verified, head digest \(headDigestHex)"
    }
}

extension EventLog {
    /// Recomputes the hash chain from position 1 and compares it with every stored link and the head.
    ///
    /// Checks that positions run 1, 2, 3 ... with no gap, that each event stores its predecessor's
    /// digest, that each body follows the body layout, and that the head record and the index
    /// sizes agree with the log. With `deep`, also decodes every body and checks its stream
    /// version and its entry in the id index. Runs in one read transaction: a consistent snapshot.
    public func verify(deep: Bool = false) throws -> VerificationReport {
        try storageErrors {
            try environment.read { txn in
                var expected: UInt64 = 1
                var digest = Head.empty.digest
                var streamVersions: [String: UInt64] = [:]
                var streamPositions: [String: [UInt64]] = [:]
                let indexedIDs = deep ? try indexEntriesByPosition(txn) : []
                func broken(_ position: UInt64?, _ problem: String) -> VerificationReport {
                    VerificationReport(eventCount: expected - 1, headDigest: digest, firstBrokenPosition: position, problem: problem)
                }
                let failure: VerificationReport? = try txn.withCursor(eventsDB) { cursor in
                    var entry = try cursor.first()
                    while let current = entry {
                        guard current.key.count == 8 else { return broken(expected, "a key is not 8 bytes") }
                        let position = StorageFormat.readUInt64(current.key)
                        guard position == expected else {
                            return broken(expected, "position \(expected) is missing (the next stored key is \(position))")
                        }
                        guard current.value.count > StorageFormat.digestSize,
                              current.value.prefix(StorageFormat.digestSize).elementsEqual(digest)
                        else {
                            return broken(position, "the stored link does not match the digest of position \(position - 1)")
                        }
                        let body = UnsafeRawBufferPointer(rebasing: current.value[StorageFormat.digestSize...])
                        guard StoredEventView(position: position, body: body) != nil else {
                            return broken(position, "the body does not follow the body layout")
                        }
                        if deep {
                            let event: RecordedEvent
                            do {
                                event = try StorageFormat.decodeEvent(position: position, key: current.key, value: current.value)
                            } catch {
                                return broken(position, "the body does not decode: \(error)")
                            }
                            let version = streamVersions[event.stream, default: 0] + 1
                            streamVersions[event.stream] = version
                            streamPositions[event.stream, default: []].append(position)
                            guard event.streamVersion == version else {
                                return broken(position, "stream \"\(event.stream)\" version is \(event.streamVersion), expected \(version)")
                            }
                            guard Int(position) <= indexedIDs.count, indexedIDs[Int(position - 1)].id == event.id else {
                                return broken(position, "the id index does not point to this event")
                            }
                        }
                        digest = StorageFormat.digest(key: current.key, value: current.value)
                        expected += 1
                        entry = try cursor.next()
                    }
                    return nil
                }
                if let failure { return failure }
                let count = expected - 1
                let head = try readHead(txn)
                guard head.position == count, head.digest == digest else {
                    return VerificationReport(eventCount: count, headDigest: digest, firstBrokenPosition: head.position == count ? nil : count + 1,
                                              problem: "the head record (position \(head.position), digest \(head.digestHex)) does not match the log")
                }
                var indexed = try txn.statistics(idsDB).entries
                try txn.withCursor(idRunsDB) { cursor in
                    var entry = try cursor.first()
                    while let run = entry {
                        indexed += run.value.count / IDIndex.entrySize
                        entry = try cursor.next()
                    }
                }
                if deep, let stream = try firstMismatchedStream(streamPositions, in: txn) {
                    return VerificationReport(eventCount: count, headDigest: digest, firstBrokenPosition: nil,
                                              problem: "the stream index of \"\(stream)\" does not list exactly that stream's events")
                }
                if deep, indexedIDs.count != Int(count) || indexedIDs.enumerated().contains(where: { $0.element.position != UInt64($0.offset + 1) }) {
                    return VerificationReport(eventCount: count, headDigest: digest, firstBrokenPosition: nil,
                                              problem: "the id index does not map one id to each position")
                }
                let streamed = try txn.statistics(streamsDB).entries
                guard indexed == Int(count), streamed == Int(count) else {
                    return VerificationReport(eventCount: count, headDigest: digest, firstBrokenPosition: nil,
                                              problem: "the indexes hold \(indexed) ids and \(streamed) stream entries for \(count) events")
                }
                return VerificationReport(eventCount: count, headDigest: digest, firstBrokenPosition: nil, problem: nil)
            }
        }
    }

    /// The first stream whose index entries differ from the positions its event bodies state.
    private func firstMismatchedStream(_ expected: [String: [UInt64]], in txn: Transaction) throws -> String? {
        var listed: Set<String> = []
        let mismatch: String? = try txn.withCursor(streamsDB) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                let stream = String(decoding: current.key, as: UTF8.self)
                var positions: [UInt64] = []
                var duplicate: Entry? = current
                while let value = duplicate {
                    positions.append(StorageFormat.readUInt64(value.value))
                    duplicate = try cursor.nextDuplicate()
                }
                if positions != expected[stream] { return stream }
                listed.insert(stream)
                entry = try cursor.nextNoDuplicate()
            }
            return nil
        }
        if let mismatch { return mismatch }
        return expected.keys.sorted().first { !listed.contains($0) }
    }

    /// Every (position, id) pair of both id tiers, sorted by position.
    private func indexEntriesByPosition(_ txn: Transaction) throws -> [(position: UInt64, id: UUID)] {
        var entries: [(position: UInt64, id: UUID)] = []
        try txn.withCursor(idsDB) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                entries.append((StorageFormat.readUInt64(current.value), UUID(bytes: current.key)))
                entry = try cursor.next()
            }
        }
        try txn.withCursor(idRunsDB) { cursor in
            var entry = try cursor.first()
            while let run = entry {
                IDIndex.forEachEntry(of: run.value) { id, position in entries.append((position, UUID(bytes: id))) }
                entry = try cursor.next()
            }
        }
        entries.sort { $0.position < $1.position }
        return entries
    }
}

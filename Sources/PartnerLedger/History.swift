import EventLog
import Foundation

/// Which events `pledger history` replays. Every condition given must hold.
///
/// Two clocks make the ledger bitemporal: ``asOf`` asks "what had happened by then"
/// (business time), ``knownAt`` asks "what did the ledger know then" (recorded time). Both
/// leave out events retracted within the same view; without them, retracted events are shown
/// and marked with the position of their retraction.
public struct HistoryQuery: Sendable, Equatable {
    /// Only these partnerships.
    public var partnerships: Set<String>?
    /// Only these event types.
    public var types: Set<String>?
    /// Only events that happened at or after this time.
    public var since: Timestamp?
    /// Only events that happened at or before this time.
    public var until: Timestamp?
    /// The ledger as of this business time: events that happened by then, retractions applied.
    public var asOf: Timestamp?
    /// The ledger as known at this recorded time: events recorded by then, retractions applied.
    public var knownAt: Timestamp?
    /// Only the last this many matching rows.
    public var last: Int?
    /// Recompute the hash chain first and mark each row verified or not.
    public var verify: Bool

    /// Creates a query; every condition left `nil` is open.
    public init(
        partnerships: Set<String>? = nil, types: Set<String>? = nil, since: Timestamp? = nil, until: Timestamp? = nil,
        asOf: Timestamp? = nil, knownAt: Timestamp? = nil, last: Int? = nil, verify: Bool = false
    ) {
        self.partnerships = partnerships
        self.types = types
        self.since = since
        self.until = until
        self.asOf = asOf
        self.knownAt = knownAt
        self.last = last
        self.verify = verify
    }
}

/// One row of the audit history: where and when an event was recorded, by whom, what it says, and its hash.
public struct HistoryRow: Sendable, Codable, Equatable {
    /// The global position.
    public let position: UInt64
    /// The event id, lower case.
    public let id: String
    /// The partnership.
    public let partnership: String
    /// The event's version within its partnership's stream.
    public let streamVersion: UInt64
    /// The event type.
    public let type: String
    /// The schema version it is stored at.
    public let version: Int
    /// Business time.
    public let occurredAt: Timestamp
    /// Recorded time.
    public let recordedAt: Timestamp
    /// Who recorded it.
    public let recordedBy: String
    /// Where it came from: `cli`, `import` or `api`.
    public let source: String
    /// A one-line human summary.
    public let summary: String
    /// The event's chain digest, as hex.
    public let digest: String
    /// The position of the retraction that retracts this event, when one is in view.
    public let retractedBy: UInt64?
    /// With verification: whether the chain verifies up to and including this event.
    public let verified: Bool?
}

/// The outcome of recomputing the hash chain.
public struct Verification: Sendable, Codable, Equatable, CustomStringConvertible {
    /// Whether the whole log verified.
    public let isIntact: Bool
    /// How many events were checked.
    public let eventCount: UInt64
    /// The recomputed head digest, as hex (of the last intact event when the chain breaks).
    public let headDigest: String
    /// The first position where the log is not intact.
    public let firstBrokenPosition: UInt64?
    /// What is wrong there.
    public let problem: String?

    init(_ report: VerificationReport) {
        isIntact = report.isIntact
        eventCount = report.eventCount
        headDigest = report.headDigestHex
        firstBrokenPosition = report.firstBrokenPosition
        problem = report.problem
    }

    /// "12 events verified, head digest …", or where and how the chain breaks.
    public var description: String {
        if let problem {
            let place = firstBrokenPosition.map { "at position \($0)" } ?? "in the indexes"
            return "the chain is broken \(place): \(problem)"
        }
        return "\(eventCount) events verified, head digest \(headDigest)"
    }
}

extension Ledger {
    /// Replays the events the query selects, in log order, calling `body` with each row.
    ///
    /// With ``HistoryQuery/verify`` the chain is recomputed first (a deep verification) and
    /// returned; rows from the first broken position on are marked unverified.
    /// Unknown partnerships and event types in the query are refused, naming the option.
    @discardableResult
    public func history(_ query: HistoryQuery, _ body: (HistoryRow) throws -> Void) throws -> Verification? {
        try check(query)
        let verification = query.verify ? Verification(try log.verify(deep: true)) : nil
        let appliesRetractions = query.asOf != nil || query.knownAt != nil
        var retractions: [UUID: UInt64] = [:]
        // A retraction is recorded in the partnership of the event it retracts, so the
        // partnerships asked about hold every retraction their rows need.
        let selection = try EventSelection(self, streams: query.partnerships)
        try selection.forEach(where: EventFilter(
            streams: query.partnerships, types: [EventRetracted.eventType], occurredThrough: query.asOf?.millisecondsSinceEpoch,
            recordedThrough: query.knownAt?.millisecondsSinceEpoch)
        ) { recorded in
            if case .eventRetracted(let retraction)? = try? Ledger.decode(recorded) {
                retractions[retraction.targetEventId] = retractions[retraction.targetEventId] ?? recorded.position
            }
        }
        let until = [query.until, query.asOf].compactMap { $0?.millisecondsSinceEpoch }.min()
        let filter = EventFilter(
            streams: query.partnerships, types: query.types, occurredFrom: query.since?.millisecondsSinceEpoch,
            occurredThrough: until, recordedThrough: query.knownAt?.millisecondsSinceEpoch)
        func row(_ recorded: RecordedEvent) throws -> HistoryRow {
            try self.row(
                recorded, retractedBy: retractions[recorded.id],
                verified: verification.map { report in report.firstBrokenPosition.map { recorded.position < $0 } ?? true })
        }
        // With `last`, only the events kept get a row (a row decodes its event for the summary).
        var kept: [RecordedEvent] = []
        try selection.forEach(where: filter) { recorded in
            if appliesRetractions, retractions[recorded.id] != nil { return }
            if let last = query.last {
                kept.append(recorded)
                if kept.count >= 2 * last { kept.removeFirst(kept.count - last) }
            } else {
                try body(try row(recorded))
            }
        }
        for recorded in kept.suffix(query.last ?? 0) { try body(try row(recorded)) }
        return verification
    }

    private func check(_ query: HistoryQuery) throws {
        for type in (query.types ?? []).sorted() where EventCatalog.currentVersion(of: type) == nil {
            throw DomainError(
                code: .unknownEventType, field: "--type", value: "\"\(type)\"",
                message: "\"\(type)\" is not a known event type. Use one of: \(EventCatalog.eventTypes.joined(separator: ", ")).")
        }
        if let partnerships = query.partnerships {
            try checkStreamsExist(partnerships)
        }
        if let last = query.last, last < 1 {
            throw DomainError(code: .outOfRange, field: "--last", value: String(last), message: "\(last) is out of range. Give a number of rows above 0.")
        }
    }

    func row(_ recorded: RecordedEvent, retractedBy: UInt64?, verified: Bool?) throws -> HistoryRow {
        let summary: String
        do {
            let event = try Ledger.decode(recorded)
            var target: String?
            if case .eventRetracted(let retraction) = event, let position = try log.position(ofEventID: retraction.targetEventId),
               let retracted = try log.event(at: position) {
                target = "#\(position) \(retracted.type)"
            }
            summary = EventSummary.line(for: event, retractedEvent: target)
        } catch let error as LedgerError {
            summary = "(cannot be read: \(error))"
        }
        return HistoryRow(
            position: recorded.position, id: recorded.id.uuidString.lowercased(), partnership: recorded.stream,
            streamVersion: recorded.streamVersion, type: recorded.type, version: recorded.typeVersion,
            occurredAt: Timestamp(millisecondsSinceEpoch: recorded.occurredAt),
            recordedAt: Timestamp(millisecondsSinceEpoch: recorded.recordedAt),
            recordedBy: recorded.recordedBy, source: recorded.source, summary: summary,
            digest: hex(recorded.digest), retractedBy: retractedBy, verified: verified)
    }
}

/// Lowercase hex digits of bytes.
func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}

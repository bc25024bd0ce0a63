import EventLog
import Foundation

/// The session over one ledger: its event log on disk, opened once, and every question the
/// application answers from it: recording (the rules every new event must pass before it is
/// appended), history, import and export, overviews and the partnership list, the projection
/// states behind health, flags, verdicts and reports (``projections(model:progress:)``),
/// verification, backup and restore.
///
/// A command is checked against the state of its partnership alone, folded from that
/// partnership's stream the first time it is asked about and kept current after, then
/// appended with the partnership stream's exact expected version. When another writer appended to the same
/// partnership in between, the ledger reads the new events, checks the command again and
/// retries, up to ``maximumAttempts`` times; then it gives up with
/// ``LedgerError/concurrencyConflict(partnership:attempts:)`` and nothing is written.
///
/// ```swift
/// let ledger = try Ledger(path: "/data/ledger")
/// let receipt = try ledger.record(in: "acme-iot") { ids in
///     .commitmentMade(CommitmentMade(
///         commitmentId: ids.next(.commitment), owner: "initech", beneficiary: "acme",
///         kind: .integration, description: "Certified connector", dueDate: try CalendarDate(parsing: "2025-06-30")))
/// }
/// print(receipt.subject ?? "") // c-7f3a2
/// ```
///
/// Open one `Ledger` per ledger directory per process and keep it for as long as the process
/// serves questions about that ledger; use it from one thread at a time.
public final class Ledger {
    /// How many times a command is checked and appended before a concurrency conflict is reported.
    public static let maximumAttempts = 5

    /// The ledger directory (absolute).
    public let path: String
    /// The clock, ids and user this ledger works with.
    public let environment: LedgerEnvironment
    /// The ledger-level settings: the owning organisation, when `init` set it.
    public private(set) var settings: LedgerSettings?

    let log: EventLog
    /// When set, the recorded time the log stamps on the next append (see ``SettableInstant``).
    let recordedTime: SettableInstant
    /// The state of every partnership folded so far: only those a command has asked about.
    var registry = PartnershipRegistry()
    /// The stream version folded into ``registry``, for each partnership folded so far.
    var streamVersions: [String: UInt64] = [:]
    /// Runs between the check of a command and its append; tests use it to interleave another writer.
    var beforeAppend: (() throws -> Void)?

    /// Opens the ledger in `path`, which must exist.
    ///
    /// Fails with ``LedgerError/noLedger(path:)`` when there is none: `init` creates ledgers,
    /// so that a mistyped path never creates an empty one.
    public convenience init(path: String, readOnly: Bool = false, environment: LedgerEnvironment = .live) throws {
        let absolute = LedgerLocation.absolute(path)
        guard Ledger.holdsLedger(at: absolute) else { throw LedgerError.noLedger(path: absolute) }
        try self.init(opening: absolute, readOnly: readOnly, environment: environment)
    }

    /// Opens the ledger in `path` for a question that may write only checkpoints (the views,
    /// the list entries): read-write when its files allow it, else read-only, and then
    /// nothing is written and every answer is folded from the log.
    public static func openForReading(path: String, environment: LedgerEnvironment = .live) throws -> Ledger {
        do {
            return try Ledger(path: path, readOnly: false, environment: environment)
        } catch let error as EventLogError where isWriteFailure(error) {
            return try Ledger(path: path, readOnly: true, environment: environment)
        }
    }

    private init(opening absolute: String, readOnly: Bool, environment: LedgerEnvironment) throws {
        let recordedTime = SettableInstant()
        let now = environment.now
        let options = EventLogOptions(
            isReadOnly: readOnly, recordedBy: environment.userName,
            clock: { (recordedTime.current ?? now()).millisecondsSinceEpoch })
        log = try EventLog(path: absolute, options: options)
        path = log.path
        self.environment = environment
        self.recordedTime = recordedTime
        settings = try LedgerSettings.load(fromLedger: absolute)
    }

    /// Creates a ledger owned by `organization` in `path`, or opens the one there when it already
    /// belongs to the same organisation.
    ///
    /// `path` must be missing, empty, or a ledger. A ledger without settings adopts the
    /// organisation; one that belongs to another organisation is refused with
    /// ``LedgerError/alreadyInitialized(path:organization:)``.
    /// - Returns: the ledger, and whether this call created it or set its organisation.
    public static func create(
        at path: String, organization: PartnershipOpened.Party, environment: LedgerEnvironment = .live
    ) throws -> (ledger: Ledger, isNew: Bool) {
        do throws(DomainError) {
            try Slug.validate(organization.id, as: "party id")
        } catch {
            throw error.at(field: "--organization")
        }
        if organization.name.isEmpty {
            throw DomainError(code: .emptyText, field: "--name", value: "\"\"", message: "is empty. Give the organisation's display name, or leave --name out to use the party id.")
        }
        let absolute = LedgerLocation.absolute(path)
        if !holdsLedger(at: absolute) {
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? []
            if !contents.isEmpty { throw LedgerError.notEmptyDirectory(path: absolute) }
        }
        let ledger = try Ledger(opening: absolute, readOnly: false, environment: environment)
        if let existing = ledger.settings {
            guard existing.organization.id == organization.id else {
                throw LedgerError.alreadyInitialized(path: ledger.path, organization: existing.organization.id)
            }
            return (ledger, false)
        }
        let settings = LedgerSettings(organization: organization)
        try settings.save(toLedger: ledger.path)
        ledger.settings = settings
        return (ledger, true)
    }

    /// Whether `directory` holds a ledger (its LMDB data file).
    public static func holdsLedger(at directory: String) -> Bool {
        FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent("data.mdb"))
    }

    /// The owning organisation's party id, when the ledger has one.
    public var organizationID: String? { settings?.organization.id }

    // MARK: The folded state

    /// Folds the events appended since the last fold to every partnership folded so far, by
    /// this process or any other.
    ///
    /// A ledger folds a partnership's stream (read through the log's stream index) the first
    /// time a command asks about it, and only the events appended since on every later
    /// question: a command costs its partnership, never the whole log. Events already folded
    /// (known by id) are skipped without decoding their payloads, which makes folding back a
    /// batch this ledger just appended cheap.
    public func refresh() throws {
        for partnership in streamVersions.keys.sorted() {
            try fold(partnership)
        }
    }

    /// Folds the events of `partnership` appended since it was last folded (every event of
    /// its stream the first time) into ``registry``; `alsoApply` sees each event folded, so
    /// that a working copy of the registry (an import's) can follow.
    func fold(_ partnership: String, alsoApply: (PartnershipEvent, RecordedEvent) -> Void = { _, _ in }) throws {
        let folded = streamVersions[partnership] ?? 0
        streamVersions[partnership] = folded
        for recorded in try streamEvents(partnership, fromVersion: folded + 1) {
            if !registry.containsEvent(recorded.id) {
                let event = try Ledger.decode(recorded)
                registry.apply(event, partnership: recorded.stream, id: recorded.id, occurredAt: Timestamp(millisecondsSinceEpoch: recorded.occurredAt))
                alsoApply(event, recorded)
            }
            streamVersions[partnership] = recorded.streamVersion
        }
    }

    /// Folds what validating `event` in `partnership` reads: the partnership itself and, for a
    /// retraction, the partnership of the retracted event, so that a retraction recorded in the
    /// wrong partnership is refused naming the right one.
    func foldPartnerships(checking event: PartnershipEvent, in partnership: String, alsoApply: (PartnershipEvent, RecordedEvent) -> Void = { _, _ in }) throws {
        try fold(partnership, alsoApply: alsoApply)
        guard case .eventRetracted(let retraction) = event, !registry.containsEvent(retraction.targetEventId),
              let position = try log.position(ofEventID: retraction.targetEventId),
              let target = try log.event(at: position), target.stream != partnership
        else { return }
        try fold(target.stream, alsoApply: alsoApply)
    }

    /// The current state of a partnership, or `nil` when none with this slug was opened.
    public func state(of partnership: String) throws -> PartnershipState? {
        try fold(partnership)
        return registry.state(of: partnership)
    }

    /// Decodes a stored event as the current version of its type.
    static func decode(_ recorded: RecordedEvent) throws -> PartnershipEvent {
        do {
            return try PartnershipEvent.decode(type: recorded.type, version: recorded.typeVersion, payload: recorded.payloadData)
        } catch let error as DomainError {
            throw LedgerError.unreadableEvent(position: recorded.position, type: recorded.type, version: recorded.typeVersion, reason: error.description)
        }
    }

    // MARK: Recording

    /// Checks one new event against its partnership's state and appends it.
    ///
    /// `build` receives a ``ShortIDs`` generator bound to the partnership's current state,
    /// so generated ids such as `c-7f3a2` are unique within it; it runs again on each retry.
    /// When `eventID` is given and already stored with the same content, nothing is written
    /// and the receipt says so; with other content, the append fails with an event-id conflict.
    ///
    /// - Parameters:
    ///   - partnership: the partnership's slug (the stream).
    ///   - occurredAt: business time; now when `nil`.
    ///   - eventID: the event's id (the idempotency key); a new one when `nil`.
    ///   - build: makes the event; its errors pass through unchanged.
    /// - Throws: ``DomainError`` when a rule refuses the event (nothing is written),
    ///   ``LedgerError/concurrencyConflict(partnership:attempts:)``, or a storage error.
    @discardableResult
    public func record(
        in partnership: String, occurredAt: Timestamp? = nil, eventID: UUID? = nil,
        causationID: UUID? = nil, correlationID: UUID? = nil,
        _ build: (inout ShortIDs) throws -> PartnershipEvent
    ) throws -> Receipt {
        if let eventID, let retried = try retriedReceipt(
            in: partnership, eventID: eventID, occurredAt: occurredAt, causationID: causationID, correlationID: correlationID, build) {
            return retried
        }
        let id = eventID ?? environment.newEventID()
        let when = occurredAt ?? environment.now()
        return try appendChecked(partnership: partnership) { state in
            var ids = ShortIDs(state: state, randomBits: environment.randomBits)
            let event = try build(&ids)
            return try PreparedEvent(
                typed: event, id: id, partnership: partnership, occurredAt: when,
                causationID: causationID, correlationID: correlationID)
        }
    }

    /// The receipt of a retried command: `eventID` is stored already and the event `build` makes
    /// states the same facts; nil when the id is new.
    ///
    /// What the command fills in by itself is taken from the stored event: the business time when
    /// none was given, and every short id the builder generates (a retry generates other random
    /// ones). Only what the user gave is compared; a difference is refused naming its field, and
    /// nothing is written.
    func retriedReceipt(
        in partnership: String, eventID: UUID, occurredAt: Timestamp?, causationID: UUID?, correlationID: UUID?,
        _ build: (inout ShortIDs) throws -> PartnershipEvent
    ) throws -> Receipt? {
        guard let position = try log.position(ofEventID: eventID), let stored = try log.event(at: position) else { return nil }
        let storedEvent = try PartnershipEvent.decode(type: stored.type, version: stored.typeVersion, payload: Data(stored.payload))
        var wildcards = ShortIDs.wildcards()
        let candidate = try build(&wildcards)
        let storedTime = Timestamp(millisecondsSinceEpoch: stored.occurredAt)
        func conflict(_ field: String, _ message: String) -> DomainError {
            DomainError(
                code: .eventIDConflict, field: field, value: eventID.uuidString.lowercased(),
                message: "event id \(eventID.uuidString.lowercased()) is already stored at position \(position) with another \(message). Use a new --event-id for a new event, or repeat the same values to retry.")
        }
        guard stored.stream == partnership else { throw conflict("partnership", "partnership (\(stored.stream))") }
        guard candidate.eventType == stored.type else { throw conflict("type", "event type (\(stored.type))") }
        if let occurredAt, occurredAt != storedTime {
            throw conflict("occurredAt", "business time (\(storedTime))")
        }
        guard stored.causationID == causationID, stored.correlationID == correlationID else {
            throw conflict("causationId", "causation or correlation id")
        }
        let given = try JSONValue(parsing: candidate.encodedPayload())
        let kept = try JSONValue(parsing: storedEvent.encodedPayload())
        if let path = ShortIDs.firstDifference(given, kept, at: "payload") {
            throw conflict(path, "value of \(path)")
        }
        let prepared = try PreparedEvent(
            typed: storedEvent, id: eventID, partnership: partnership, occurredAt: storedTime,
            causationID: causationID, correlationID: correlationID)
        return Receipt(prepared: prepared, position: position, wasAlreadyStored: true, head: try log.head())
    }

    /// Checks and appends one prepared event, re-reading and retrying on a concurrency conflict.
    func appendChecked(partnership: String, prepare: (PartnershipState?) throws -> PreparedEvent) throws -> Receipt {
        for _ in 1...Self.maximumAttempts {
            try fold(partnership)
            let prepared = try prepare(registry.state(of: partnership))
            if let stored = try storedReceipt(for: prepared) { return stored }
            try foldPartnerships(checking: prepared.event, in: partnership)
            try registry.validate(prepared.event, partnership: partnership)
            let expected = streamVersions[partnership] ?? 0
            try beforeAppend?()
            let result: AppendResult
            do {
                result = try log.append(to: partnership, expecting: .exactly(expected), [prepared.proposed])
            } catch EventLogError.wrongExpectedVersion {
                continue
            }
            try fold(partnership)
            return Receipt(prepared: prepared, position: result.positions[0], wasAlreadyStored: result.wasAlreadyStored, head: result.head)
        }
        throw LedgerError.concurrencyConflict(partnership: partnership, attempts: Self.maximumAttempts)
    }

    /// The receipt of an event stored already with the same content as `prepared`, or `nil`
    /// when its id is new; an event-id conflict when the stored content differs.
    func storedReceipt(for prepared: PreparedEvent) throws -> Receipt? {
        guard let position = try log.position(ofEventID: prepared.id), let stored = try log.event(at: position) else { return nil }
        guard prepared.matches(stored) else { throw EventLogError.eventIDConflict(id: prepared.id, position: position) }
        return Receipt(prepared: prepared, position: position, wasAlreadyStored: true, head: try log.head())
    }

    /// Finds a stored event by its id or its position, as `retract` accepts them.
    public func storedEvent(_ reference: String) throws -> (id: UUID, partnership: String, type: String, position: UInt64) {
        let position: UInt64?
        if let id = UUID(uuidString: reference) {
            position = try log.position(ofEventID: id)
        } else if let number = UInt64(reference.hasPrefix("#") ? String(reference.dropFirst()) : reference) {
            position = number
        } else {
            throw DomainError(
                code: .invalidUUID, field: "EVENT", value: "\"\(reference)\"",
                message: "\"\(reference)\" is neither an event id nor a position. Give the event's id (a UUID) or its position from `pledger history`.")
        }
        guard let position, position > 0, let event = try log.event(at: position) else {
            throw LedgerError.unknownEvent(reference: reference)
        }
        return (event.id, event.stream, event.type, event.position)
    }
}

/// What was appended (or found stored already): the answer to a recording command.
public struct Receipt: Sendable, Equatable, Codable {
    /// The event's global position.
    public let position: UInt64
    /// The event's id, lower case.
    public let id: String
    /// The partnership.
    public let partnership: String
    /// The event type.
    public let type: String
    /// The event's schema version as stored.
    public let version: Int
    /// Business time.
    public let occurredAt: Timestamp
    /// The short id the event introduces or refers to, such as `c-7f3a2`.
    public let subject: String?
    /// Every short id the event introduced, such as the action items of a meeting.
    public let introducedIDs: [String]
    /// Whether the event was stored already, so nothing was written.
    public let wasAlreadyStored: Bool
    /// The position of the log's head after the append.
    public let headPosition: UInt64
    /// The head's chain digest after the append, as hex.
    public let headDigest: String

    init(prepared: PreparedEvent, position: UInt64, wasAlreadyStored: Bool, head: Head) {
        self.position = position
        id = prepared.id.uuidString.lowercased()
        partnership = prepared.partnership
        type = prepared.type
        version = prepared.version
        occurredAt = prepared.occurredAt
        subject = prepared.event.subjectID
        introducedIDs = prepared.event.introducedIDs
        self.wasAlreadyStored = wasAlreadyStored
        headPosition = head.position
        headDigest = head.digestHex
    }
}

import Foundation

/// The storage contract of the event log: what the layers above may rely on, whatever holds
/// the events. ``EventLog`` (one LMDB environment) is the implementation; any other must keep
/// every guarantee below, and the guarantee suite of the tests (`GuaranteeSuite.swift`) runs
/// against each one. The numbers in brackets are the items of `docs/GUARANTEES.md`.
///
/// - Global positions start at 1, have no gaps, and follow commit order: a reader that has
///   seen position n has seen every position before it, and never sees part of a batch [1].
/// - Each stream has a version, the count of its events; an append states what it expects of
///   it (``ExpectedVersion``), and a wrong expectation writes nothing [2].
/// - A batch, across any number of streams, is stored whole or not at all, index entries
///   included [3].
/// - Appends are idempotent by event id, durably: a stored id is recognised forever, across
///   reopening [4].
/// - Nothing changes or removes a stored event: the contract has no such operation, and every
///   read of a position gives the same event [5].
/// - Each event carries a chain digest over its predecessor's; ``head()`` publishes the last one
///   and ``verify(deep:)`` recomputes them [6].
/// - Reads filter by business time and by recorded time, and recorded times never decrease
///   along the log [7].
/// - A consumer's checkpoint is stored together with its state and only moves forward [8].
/// - Several threads may use one store at once [10]; bad input is refused before anything is
///   written [11]; ``backup(to:)`` copies the store as of one commit [12].
///
/// Every requirement throws ``EventLogError`` and nothing else, except that the closure of
/// ``forEachEvent(from:where:_:)`` may throw its own errors, which come out unchanged.
/// Implementation extras that only fit one storage (``EventLog``'s in-place views of stored
/// events, batch readers, release of mapped pages, the pipelined ``EventLog/appendBatches(_:onCommit:)``)
/// are not part of the contract.
///
/// ```swift
/// func record(_ event: ProposedEvent, for partnership: String, in store: some EventStore) throws {
///     let version = try store.version(ofStream: partnership)
///     try store.append(to: partnership, expecting: .exactly(version), [event])
/// }
/// ```
public protocol EventStore: Sendable {
    /// The store's id, fixed when it was created: the same on every open, different for
    /// every other store, kept by a backup.
    func ledgerID() throws -> String

    /// The last event's position, chain digest and recorded time.
    ///
    /// An empty store has position 0, a digest of 32 zero bytes and recorded time 0. The digest
    /// changes with every event appended and with nothing else, so a user can write it down and
    /// later check that the log still leads to it [6].
    func head() throws -> Head

    /// Appends events to one stream in one batch: the same as ``append(_:)`` with one group.
    @discardableResult
    func append(to stream: String, expecting expected: ExpectedVersion, _ events: [ProposedEvent]) throws -> AppendResult

    /// Appends a batch, possibly spanning several streams, atomically.
    ///
    /// An implementation must guarantee:
    /// - The batch's events get the next positions, one contiguous block in the order of the
    ///   groups and their events; no other batch interleaves with it, and it becomes visible to
    ///   readers all at once, after every batch committed before it [1, 10].
    /// - Each group's expectation is checked against its stream's version at that point of the
    ///   batch (after the batch's earlier groups); a wrong one throws
    ///   ``EventLogError/wrongExpectedVersion(stream:expected:actual:)`` with the actual version [2].
    /// - Any failure writes nothing of the batch: no event, no stream version, no id [3, 11].
    /// - When every event id of the batch is stored already with the same content, nothing is
    ///   written and the original positions come back with ``AppendResult/wasAlreadyStored``,
    ///   whatever the groups expect: a retried append is never written twice. The same id with
    ///   other content throws ``EventLogError/eventIDConflict(id:position:)``; a batch mixing
    ///   stored and new ids throws ``EventLogError/partiallyStoredBatch(id:position:)``; one id twice
    ///   in the batch throws ``EventLogError/duplicateEventInBatch(id:)`` [4].
    /// - Unusable stream or type names, times and payloads throw ``EventLogError/invalidField(field:value:reason:)``
    ///   or ``EventLogError/invalidPayload(id:error:)`` naming the field [11].
    /// - Each event's recorded time is the store's clock at the commit, but never earlier than
    ///   the previous event's [7].
    /// - An empty batch is a no-op that returns no positions.
    @discardableResult
    func append(_ groups: [StreamAppend]) throws -> AppendResult

    /// The event at a global position, or `nil` past the end (and at 0).
    ///
    /// Once stored, an event reads back identical, payload bytes included, for as long as the
    /// store exists [5].
    func event(at position: UInt64) throws -> RecordedEvent?

    /// The position of the event with this id, or `nil` when no event has it [4].
    func position(ofEventID id: UUID) throws -> UInt64?

    /// Events in global order from position `start` (inclusive; 0 reads as 1), at most `limit`
    /// of them, keeping those that match `filter`.
    ///
    /// A start past the end, or a limit of 0, gives nothing. The positions read are gapless
    /// among the matching events: the store never hides an event that committed before a later
    /// one it returns [1, 7].
    func events(from start: UInt64, limit: Int, where filter: EventFilter) throws -> [RecordedEvent]

    /// Calls `body` with each event from position `start` on that matches `filter`, in global
    /// order, until it returns `false` or the events end.
    ///
    /// `body` may call the store, appends included; whether events appended meanwhile are
    /// visited is not specified. An error `body` throws ends the scan and comes out unchanged.
    /// With ``EventFilter/recordedThrough`` the scan may stop at the first event recorded
    /// later, since recorded times never decrease along the log [7].
    func forEachEvent(from start: UInt64, where filter: EventFilter, _ body: (RecordedEvent) throws -> Bool) throws

    /// A stream's version: the number of its events, 0 when it does not exist [2].
    func version(ofStream stream: String) throws -> UInt64

    /// A stream's events with stream versions from `fromVersion` through `throughVersion`, at
    /// most `limit` of them, in stream order. An unknown stream gives nothing.
    ///
    /// Streams are isolated: a stream's versions run 1, 2, 3 ... whatever other streams hold.
    func events(inStream stream: String, fromVersion: UInt64, throughVersion: UInt64, limit: Int) throws -> [RecordedEvent]

    /// The event of a stream with the highest version at or before `version` (the stream's last
    /// event when `nil`); `nil` for an unknown stream or a version of 0.
    func lastEvent(inStream stream: String, atOrBefore version: UInt64?) throws -> RecordedEvent?

    /// Every stream with its version, sorted by name.
    func streams() throws -> [(stream: String, version: UInt64)]

    /// Recomputes the hash chain of the whole log from one consistent snapshot and names the
    /// first position where it breaks [6].
    ///
    /// An untouched store always verifies, with ``VerificationReport/eventCount`` equal to the
    /// head's position and ``VerificationReport/headDigest`` equal to the head's digest. With
    /// `deep`, the indexes (streams, ids) are checked against the events too.
    func verify(deep: Bool) throws -> VerificationReport

    /// A consumer's stored checkpoint (position and state, as saved together), or `nil` when it
    /// has none [8].
    func checkpoint(of consumer: String) throws -> Checkpoint?

    /// Several consumers' checkpoints, in order (`nil` for one that has none), read from one
    /// consistent snapshot [8].
    func checkpoints(of consumers: [String]) throws -> [Checkpoint?]

    /// The position of a consumer's stored checkpoint, or `nil` when it has none; the same as
    /// `checkpoint(of:)?.position` [8].
    func checkpointPosition(of consumer: String) throws -> UInt64?

    /// Stores a consumer's state with the position it has applied through, atomically: the
    /// same as ``saveCheckpoints(_:allOrNothing:)`` with one save.
    @discardableResult
    func saveCheckpoint(consumer: String, previous: UInt64, position: UInt64, state: [UInt8]) throws -> Bool

    /// Stores several consumers' checkpoints in one atomic write [8].
    ///
    /// An implementation must guarantee:
    /// - Each save holds only when the consumer's stored position (0 when none) is still its
    ///   `previous`; a save that does not hold is not written and gets `false`, the others are
    ///   written and get `true`. With `allOrNothing`, one save that does not hold writes none
    ///   of them (each still gets whether it held).
    /// - A checkpoint only moves forward: a `position` below `previous` throws
    ///   ``EventLogError/checkpointRegression(consumer:stored:attempted:)``; a position past the
    ///   log's end or an unusable consumer name throws ``EventLogError/invalidField(field:value:reason:)``.
    ///   Any such error writes none of the saves.
    /// - State and position are written together: a reader sees both or neither.
    func saveCheckpoints(_ saves: [CheckpointSave], allOrNothing: Bool) throws -> [Bool]

    /// Writes a consistent copy of the live store into `directory` (created when missing; it
    /// must be empty, else ``EventLogError/destinationNotEmpty(path:)``) while appends go on,
    /// verifies the copy and returns its report [12].
    ///
    /// The copy holds exactly the log as of one commit: its report names a position the log
    /// passed through and that position's digest.
    @discardableResult
    func backup(to directory: String) throws -> VerificationReport
}

extension EventStore {
    /// Appends events to one stream, whatever its version.
    @discardableResult
    public func append(to stream: String, _ events: [ProposedEvent]) throws -> AppendResult {
        try append(to: stream, expecting: .any, events)
    }

    /// Events in global order from position `start`, at most `limit` of them.
    public func events(from start: UInt64 = 1, limit: Int = .max) throws -> [RecordedEvent] {
        try events(from: start, limit: limit, where: .all)
    }

    /// Every event that matches `filter`, in global order.
    public func events(where filter: EventFilter) throws -> [RecordedEvent] {
        try events(from: 1, limit: .max, where: filter)
    }

    /// Calls `body` with each event from position `start` on, until it returns `false`.
    public func forEachEvent(from start: UInt64 = 1, _ body: (RecordedEvent) throws -> Bool) throws {
        try forEachEvent(from: start, where: .all, body)
    }

    /// A stream's events with versions from `fromVersion` through `throughVersion`.
    public func events(inStream stream: String, fromVersion: UInt64 = 1, throughVersion: UInt64 = .max) throws -> [RecordedEvent] {
        try events(inStream: stream, fromVersion: fromVersion, throughVersion: throughVersion, limit: .max)
    }

    /// At most `limit` of a stream's events, from version `fromVersion` on.
    public func events(inStream stream: String, fromVersion: UInt64 = 1, limit: Int) throws -> [RecordedEvent] {
        try events(inStream: stream, fromVersion: fromVersion, throughVersion: .max, limit: limit)
    }

    /// A stream's last event, or `nil` for an unknown stream.
    public func lastEvent(inStream stream: String) throws -> RecordedEvent? {
        try lastEvent(inStream: stream, atOrBefore: nil)
    }

    /// Recomputes the hash chain, without the deep checks of the indexes.
    public func verify() throws -> VerificationReport {
        try verify(deep: false)
    }

    /// Stores several checkpoints, each on its own expectation.
    public func saveCheckpoints(_ saves: [CheckpointSave]) throws -> [Bool] {
        try saveCheckpoints(saves, allOrNothing: false)
    }
}

extension EventLog: EventStore {}

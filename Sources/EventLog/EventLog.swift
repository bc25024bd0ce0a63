import Foundation
import LedgerJSON
internal import LMDB

/// How an ``EventLog`` is opened.
public struct EventLogOptions: Sendable {
    /// Initial size of the memory map; it grows by itself when full.
    public var initialMapSize: Int
    /// Open read-only: appends and checkpoints fail, and nothing is created.
    public var isReadOnly: Bool
    /// Who is recorded as the writer when an event does not say.
    public var recordedBy: String
    /// The clock that stamps `recordedAt`, in milliseconds since the epoch. Inject one in tests.
    public var clock: @Sendable () -> Int64
    /// Ids held in id runs before they merge into the id B-tree; small values exercise merging in tests.
    var idMergeThreshold: UInt64 = IDIndex.mergeThreshold

    /// Creates options with the defaults: a 1 GiB initial map, writable, the user's name, the system clock.
    public init(
        initialMapSize: Int = 1 << 30, isReadOnly: Bool = false, recordedBy: String = currentUserName(),
        clock: @escaping @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
    ) {
        self.initialMapSize = initialMapSize
        self.isReadOnly = isReadOnly
        self.recordedBy = recordedBy
        self.clock = clock
    }
}

/// The user running the process: `$USER`, else the account name, else `unknown`.
public func currentUserName() -> String {
    if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
    if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
    return "unknown"
}

/// An append-only, hash-chained log of events in one LMDB environment (a ledger directory).
///
/// - Positions are gapless and follow commit order: each batch is one write transaction.
/// - Each stream has a version (its event count); appends state an ``ExpectedVersion``.
/// - Appends are idempotent by event id; the id index is written in the same transaction.
/// - Each stored event carries the digest of its predecessor; ``verify(deep:)`` recomputes the chain.
/// - There is no API that changes or removes an event.
///
/// Open one `EventLog` per ledger per process and share it; it is safe to use from several threads.
/// Several processes may append to one ledger at once: LMDB serializes their write transactions.
///
/// It is the LMDB implementation of the storage contract ``EventStore``; the in-place reads
/// (``StoredEventView``, ``StoredEventBatchReader``), ``releaseMappedPages()`` and the pipelined
/// ``appendBatches(_:onCommit:)`` are extras of this implementation.
public final class EventLog: @unchecked Sendable {
    /// The ledger directory (absolute).
    public let path: String
    /// The options it was opened with.
    public let options: EventLogOptions

    let environment: Environment
    let meta: Database
    let eventsDB: Database
    let streamsDB: Database
    let idsDB: Database
    let idRunsDB: Database
    let checkpointsDB: Database
    let recentIDs = RecentIDs()

    /// Opens the ledger in directory `path`, creating the directory and an empty ledger when needed.
    ///
    /// Fails with ``EventLogError/newerFormat(path:found:supported:)`` when a newer program wrote it,
    /// and ``EventLogError/notALedger(path:reason:)`` when the directory holds something else.
    public init(path: String, options: EventLogOptions = EventLogOptions()) throws {
        try EventLog.checkName(options.recordedBy, field: "recordedBy", maxBytes: 200)
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if !options.isReadOnly {
            do {
                try FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true)
            } catch {
                throw EventLogError.fileSystem(path: absolute, reason: "cannot create the ledger directory (\(error.localizedDescription))")
            }
        } else if !FileManager.default.fileExists(atPath: absolute + "/data.mdb") {
            throw EventLogError.notALedger(path: absolute, reason: "there is no ledger there (no data.mdb)")
        }
        // The same directory reached through a symbolic link must count as the same ledger.
        let canonical = realpath(absolute, nil).map { resolved in
            defer { free(resolved) }
            return String(cString: resolved)
        } ?? absolute
        // A file cut short or with broken meta pages is refused before LMDB maps it: reading it
        // would end the process with a bus error. A new, empty file is LMDB's to initialise.
        let dataFile = absolute + "/data.mdb"
        if let problem = DataFileCheck.problem(at: dataFile, allowingEmpty: !options.isReadOnly) {
            throw EventLogError.damaged(path: dataFile, reason: problem)
        }
        guard OpenLedgers.shared.insert(canonical) else { throw EventLogError.alreadyOpen(path: absolute) }
        do {
            let environment: Environment
            do {
                environment = try Environment(path: absolute, options: EnvironmentOptions(
                    mapSize: options.initialMapSize, maxDatabases: 8, maxReaders: 1024, isReadOnly: options.isReadOnly))
            } catch let error as LMDBError where [EACCES, EPERM, EROFS].contains(error.code) {
                throw EventLogError.fileSystem(path: absolute, reason: Self.accessRefused(error, readOnly: options.isReadOnly))
            } catch let error as LMDBError {
                throw EventLogError.storage(StorageFailure(error))
            }
            let flags: DatabaseFlags = options.isReadOnly ? [] : .create
            let foreign = Set(try storageErrors { try environment.databaseNames() }).subtracting(StorageFormat.Name.all)
            if let name = foreign.sorted().first {
                throw EventLogError.notALedger(path: absolute, reason: "its LMDB environment holds a database \"\(name)\" that no ledger has")
            }
            let handles: [Database]
            do {
                handles = try environment.openDatabases([
                    (StorageFormat.Name.meta, flags),
                    (StorageFormat.Name.events, flags),
                    (StorageFormat.Name.streams, flags.union([.duplicateSort, .duplicateFixed])),
                    (StorageFormat.Name.ids, flags),
                    (StorageFormat.Name.idRuns, flags),
                    (StorageFormat.Name.checkpoints, flags),
                ])
            } catch LMDBError.notFound {
                throw EventLogError.notALedger(path: absolute, reason: "the LMDB environment has none of the ledger's databases")
            } catch LMDBError.incompatible {
                throw EventLogError.notALedger(path: absolute, reason: "the LMDB environment has databases with other flags")
            } catch let error as LMDBError {
                throw EventLogError.storage(StorageFailure(error))
            }
            self.environment = environment
            (meta, eventsDB, streamsDB, idsDB, idRunsDB, checkpointsDB) =
                (handles[0], handles[1], handles[2], handles[3], handles[4], handles[5])
            self.path = canonical
            self.options = options
            try checkFormat()
        } catch {
            OpenLedgers.shared.remove(canonical)
            throw error
        }
    }

    deinit {
        OpenLedgers.shared.remove(path)
    }

    /// Why the ledger's files could not be opened, and what to do.
    private static func accessRefused(_ error: LMDBError, readOnly: Bool) -> String {
        let reason = String(cString: strerror(error.code))
        return "its files cannot be opened \(readOnly ? "to read" : "to read and write") (\(reason)). LMDB writes its lock file, "
            + "lock.mdb, even to read: give this user write access to the ledger directory and its files, "
            + "or copy the ledger to a place it can write"
    }

    /// Reads the stored format version, writing the initial metadata into a new ledger.
    private func checkFormat() throws {
        let stored: String? = try storageErrors {
            try environment.read { txn in
                try txn.get(meta, key: StorageFormat.MetaKey.format).map { String(decoding: $0, as: UTF8.self) }
            }
        }
        if let stored {
            guard let found = Int(stored) else {
                throw EventLogError.notALedger(path: path, reason: "the format version \"\(stored)\" is not a number")
            }
            if found > StorageFormat.version {
                throw EventLogError.newerFormat(path: path, found: found, supported: StorageFormat.version)
            }
            return
        }
        if options.isReadOnly {
            throw EventLogError.notALedger(path: path, reason: "it holds no format version")
        }
        try storageErrors {
            try environment.write { txn in
                guard try txn.get(meta, key: StorageFormat.MetaKey.format) == nil else { return }
                if try txn.statistics(eventsDB).entries > 0 {
                    throw EventLogError.notALedger(path: path, reason: "it holds events but no format version")
                }
                try txn.put(meta, key: StorageFormat.MetaKey.format, value: Array(String(StorageFormat.version).utf8))
                try txn.put(meta, key: StorageFormat.MetaKey.ledgerID, value: Array(UUID().uuidString.lowercased().utf8))
                try txn.put(meta, key: StorageFormat.MetaKey.createdAt, value: Array(LogTime.format(options.clock()).utf8))
                try txn.put(meta, key: StorageFormat.MetaKey.head, value: StorageFormat.encodeHead(.empty))
            }
        }
    }

    /// The ledger's id, written when it was created; a restored backup keeps it.
    public func ledgerID() throws -> String {
        try storageErrors {
            try environment.read { txn in
                try txn.get(meta, key: StorageFormat.MetaKey.ledgerID).map { String(decoding: $0, as: UTF8.self) } ?? ""
            }
        }
    }

    /// The last event's position, digest and recorded time.
    public func head() throws -> Head {
        try storageErrors { try environment.read { try readHead($0) } }
    }

    func readHead(_ txn: Transaction) throws -> Head {
        guard let bytes = try txn.get(meta, key: StorageFormat.MetaKey.head), let head = StorageFormat.decodeHead(bytes) else {
            throw EventLogError.notALedger(path: path, reason: "the head record is missing or damaged")
        }
        return head
    }

    /// The last position whose id was merged from `idRuns` into `ids` (0 when none was).
    func idsMergedThrough(_ txn: Transaction) throws -> UInt64 {
        try txn.get(meta, key: StorageFormat.MetaKey.idsMergedThrough).map { StorageFormat.readUInt64($0) } ?? 0
    }

    /// The size of the memory map now, in bytes.
    public var mapSize: Int { environment.mapSize }
}

/// The ledger paths open in this process: LMDB must not open one environment twice.
final class OpenLedgers: @unchecked Sendable {
    static let shared = OpenLedgers()
    private let lock = NSLock()
    private var paths: Set<String> = []

    func insert(_ path: String) -> Bool {
        lock.withLock { paths.insert(path).inserted }
    }

    func remove(_ path: String) {
        _ = lock.withLock { paths.remove(path) }
    }
}

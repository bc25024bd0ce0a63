internal import CLMDB

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How an ``Environment`` is opened.
public struct EnvironmentOptions: Sendable, Hashable {
    /// Initial size of the memory map in bytes. The map grows by itself when it fills,
    /// so this only needs to be a sensible start; address space costs nothing (the file is sparse).
    public var mapSize: Int
    /// Maximum number of named databases.
    public var maxDatabases: Int
    /// Maximum number of simultaneous read transactions across all processes (LMDB's default is 126).
    public var maxReaders: Int
    /// Open the environment read-only (`MDB_RDONLY`).
    public var isReadOnly: Bool

    /// Creates options; the defaults suit a ledger.
    public init(mapSize: Int = 1 << 30, maxDatabases: Int = 16, maxReaders: Int = 1024, isReadOnly: Bool = false) {
        self.mapSize = mapSize
        self.maxDatabases = maxDatabases
        self.maxReaders = maxReaders
        self.isReadOnly = isReadOnly
    }
}

/// Map size, last page and reader counts of an environment (`MDB_envinfo`).
public struct EnvironmentInfo: Sendable, Hashable {
    /// Size of the memory map in bytes.
    public let mapSize: Int
    /// Number of the last used page.
    public let lastPageNumber: Int
    /// Id of the last committed write transaction.
    public let lastTransactionID: Int
    /// Reader slots in the table and slots in use.
    public let maxReaders: Int, readersInUse: Int
}

/// An open LMDB environment: one directory holding `data.mdb` and `lock.mdb`.
///
/// Open each environment once per process (LMDB forbids opening the same one twice),
/// never use it after `fork`, and never place it on a network filesystem.
///
/// Transactions run only inside closures: ``read(_:)`` and ``write(_:)``. A write closure
/// commits when it returns and aborts when it throws. When a write fills the memory map,
/// the environment grows the map and runs the closure again from the start, so a write
/// closure must not have side effects outside the transaction that it cannot repeat.
///
/// The environment is opened with `MDB_NOTLS`, so read transactions are not bound to
/// a thread's slot. Write transactions are: they run synchronously on the calling thread.
public final class Environment: @unchecked Sendable {
    let pointer: OpaquePointer
    /// The directory of the environment.
    public let path: String
    /// Whether the environment was opened read-only.
    public let isReadOnly: Bool
    /// Readers hold it shared; resizing the map holds it exclusively, as
    /// `mdb_env_set_mapsize` requires that no transaction of this process is open.
    private let resizeGate = ReadWriteLock()
    /// How many ``withScatteredReads(_:)`` calls are running, guarded by ``scatteredReadsLock``.
    private var scatteredReaders = 0
    private let scatteredReadsLock = NSLock()

    /// Opens (creating when needed) the environment in directory `path`.
    ///
    /// Stale reader slots left by dead processes are cleared (`mdb_reader_check`).
    /// The corresponding C functions are `mdb_env_create` and `mdb_env_open`.
    public init(path: String, options: EnvironmentOptions = EnvironmentOptions()) throws {
        var envPointer: OpaquePointer?
        try check(mdb_env_create(&envPointer))
        guard let envPointer else { throw LMDBError(code: ENOMEM) }
        do {
            try check(mdb_env_set_mapsize(envPointer, options.mapSize))
            try check(mdb_env_set_maxdbs(envPointer, MDB_dbi(options.maxDatabases)))
            try check(mdb_env_set_maxreaders(envPointer, UInt32(options.maxReaders)))
            var flags = UInt32(MDB_NOTLS)
            if options.isReadOnly { flags |= UInt32(MDB_RDONLY) }
            try check(mdb_env_open(envPointer, path, flags, 0o644))
            var dead: Int32 = 0
            try check(mdb_reader_check(envPointer, &dead))
        } catch {
            mdb_env_close(envPointer)
            throw error
        }
        self.pointer = envPointer
        self.path = path
        self.isReadOnly = options.isReadOnly
    }

    deinit {
        mdb_env_close(pointer)
    }

    /// Opens (and with ``DatabaseFlags/create`` creates) named databases in one write
    /// transaction, as LMDB requires; keep the handles for the life of the environment.
    public func openDatabases(_ specs: [(name: String, flags: DatabaseFlags)]) throws -> [Database] {
        let open: (Transaction) throws -> [Database] = { txn in
            try specs.map { spec in
                var handle: MDB_dbi = 0
                try check(mdb_dbi_open(txn.pointer, spec.name, spec.flags.rawValue, &handle))
                return Database(handle: handle, name: spec.name)
            }
        }
        guard isReadOnly else { return try write(open) }
        // Handles opened in a read-only transaction survive only if it commits, not aborts.
        return try run(flags: UInt32(MDB_RDONLY)) { txn in
            let handles: [Database]
            do {
                handles = try open(txn)
            } catch {
                mdb_txn_abort(txn.pointer)
                throw error
            }
            try check(mdb_txn_commit(txn.pointer))
            return handles
        }
    }

    /// The names of the named databases in the environment: the keys of its main database.
    public func databaseNames() throws -> [String] {
        try read { txn in
            var main: MDB_dbi = 0
            try check(mdb_dbi_open(txn.pointer, nil, 0, &main))
            return try txn.withCursor(Database(handle: main, name: "")) { cursor in
                var names: [String] = []
                var entry = try cursor.first()
                while let current = entry {
                    names.append(String(decoding: current.key, as: UTF8.self))
                    entry = try cursor.next()
                }
                return names
            }
        }
    }

    /// Runs `body` in a read transaction: a consistent snapshot of the last commit.
    ///
    /// Keep read transactions short: a long reader stops LMDB from reusing pages.
    public func read<T>(_ body: (Transaction) throws -> T) throws -> T {
        try run(flags: UInt32(MDB_RDONLY)) { txn in
            defer { mdb_txn_abort(txn.pointer) }
            return try body(txn)
        }
    }

    /// Runs `body` in a write transaction and commits when it returns; aborts and
    /// rethrows when it throws.
    ///
    /// Only one write transaction runs at a time across all processes; others wait.
    /// When the map fills (`MDB_MAP_FULL`), the transaction is aborted, the map doubles,
    /// and `body` runs again from the start: callers never see a full map. The map cannot
    /// grow while the calling thread is inside a read transaction of this environment; a write
    /// started there that fills the map throws ``LMDBError/transactionOpenOnThisThread``.
    public func write<T>(_ body: (Transaction) throws -> T) throws -> T {
        while true {
            var sizeAtStart = 0
            do {
                return try run(flags: 0) { txn in
                    // Read under the gate's shared side: no resize can run meanwhile.
                    sizeAtStart = unguardedInfo().mapSize
                    let result: T
                    do {
                        result = try body(txn)
                    } catch {
                        mdb_txn_abort(txn.pointer)
                        throw error
                    }
                    // mdb_txn_commit frees the transaction even when it fails: never abort after it.
                    try check(mdb_txn_commit(txn.pointer))
                    return result
                }
            } catch LMDBError.mapFull {
                try growMap(from: sizeAtStart)
            }
        }
    }

    /// Begins a transaction holding the resize gate, and adopts a map grown by another
    /// process (`MDB_MAP_RESIZED`) before trying again.
    private func run<T>(flags: UInt32, _ body: (Transaction) throws -> T) throws -> T {
        while true {
            resizeGate.lockShared()
            var txnPointer: OpaquePointer?
            var rc = mdb_txn_begin(pointer, nil, flags, &txnPointer)
            if rc == MDB_READERS_FULL {
                var dead: Int32 = 0
                mdb_reader_check(pointer, &dead)
                if dead > 0 { rc = mdb_txn_begin(pointer, nil, flags, &txnPointer) }
            }
            if rc == MDB_MAP_RESIZED {
                resizeGate.unlockShared()
                try adoptMapSize()
                continue
            }
            defer { resizeGate.unlockShared() }
            try check(rc)
            return try body(Transaction(pointer: txnPointer!, isReadOnly: flags != 0))
        }
    }

    /// Doubles the map size from `size`, once no transaction of this process is open.
    ///
    /// `mdb_env_set_mapsize` remaps the file, so nothing may read the environment meanwhile,
    /// not even `mdb_env_info`: every such read holds the gate's shared side.
    private func growMap(from size: Int) throws {
        try resizeGate.lockExclusive()
        defer { resizeGate.unlockExclusive() }
        // Another thread may have grown it while this one waited.
        guard unguardedInfo().mapSize == size else { return }
        try check(mdb_env_set_mapsize(pointer, size * 2))
    }

    /// Adopts the map size another process set (`mdb_env_set_mapsize(env, 0)`).
    private func adoptMapSize() throws {
        try resizeGate.lockExclusive()
        defer { resizeGate.unlockExclusive() }
        try check(mdb_env_set_mapsize(pointer, 0))
    }

    /// Drops this process's resident pages of the whole memory map (`madvise(MADV_DONTNEED)`
    /// over the pages in use), so that the pages past transactions read (LMDB's own reads
    /// included, such as the lists of free pages a write goes through) stop counting in the
    /// process's resident memory. Returns whether the kernel took the advice; `false` where the
    /// map cannot be found (it is looked up in `/proc/self/maps`, so only on Linux).
    ///
    /// Nothing is lost: the map is a shared mapping of the file, whose pages stay in the page
    /// cache, and buffers handed out by open transactions stay valid (a page read again is
    /// mapped again). Costs a walk of the map's page tables, and later reads fault their
    /// pages in again.
    @discardableResult
    public func releaseMappedPages() -> Bool {
        resizeGate.lockShared()
        defer { resizeGate.unlockShared() }
        var raw = MDB_envinfo()
        var statistics = MDB_stat()
        guard mdb_env_info(pointer, &raw) == 0, mdb_env_stat(pointer, &statistics) == 0,
              let map = MemoryMap.find(file: path + "/data.mdb")
        else { return false }
        let length = min(map.length, (raw.me_last_pgno + 1) * Int(statistics.ms_psize))
        return madvise(map.address, length, MADV_DONTNEED) == 0
    }

    /// Runs `body` with the kernel's readahead of the memory map turned off
    /// (`madvise(MADV_RANDOM)`), then turns it back on (`MADV_NORMAL`) once no other such call
    /// is running: for reads scattered over the file, such as one stream's events among a
    /// million, where every fault would otherwise map a run of neighbouring pages that the
    /// read never uses, and the process's resident memory would grow with them.
    ///
    /// Only a hint: results are the same with or without it, and where the map cannot be found
    /// (it is looked up in `/proc/self/maps`, so only on Linux) nothing is advised.
    public func withScatteredReads<T>(_ body: () throws -> T) rethrows -> T {
        scatteredReadsLock.lock()
        scatteredReaders += 1
        if scatteredReaders == 1 { adviseMap(MADV_RANDOM) }
        scatteredReadsLock.unlock()
        defer {
            scatteredReadsLock.lock()
            scatteredReaders -= 1
            if scatteredReaders == 0 { adviseMap(MADV_NORMAL) }
            scatteredReadsLock.unlock()
        }
        return try body()
    }

    /// Gives the kernel `advice` about the whole memory map.
    private func adviseMap(_ advice: Int32) {
        resizeGate.lockShared()
        defer { resizeGate.unlockShared() }
        guard let map = MemoryMap.find(file: path + "/data.mdb") else { return }
        _ = madvise(map.address, map.length, advice)
    }

    /// Map size, last page and reader counts.
    public var info: EnvironmentInfo {
        resizeGate.lockShared()
        defer { resizeGate.unlockShared() }
        return unguardedInfo()
    }

    /// `mdb_env_info`; the caller holds the resize gate (either side).
    private func unguardedInfo() -> EnvironmentInfo {
        var raw = MDB_envinfo()
        mdb_env_info(pointer, &raw)
        return EnvironmentInfo(
            mapSize: raw.me_mapsize, lastPageNumber: raw.me_last_pgno, lastTransactionID: raw.me_last_txnid,
            maxReaders: Int(raw.me_maxreaders), readersInUse: Int(raw.me_numreaders))
    }

    /// Clears reader slots left by processes that died; returns how many were cleared.
    ///
    /// The corresponding C function is `mdb_reader_check`.
    @discardableResult
    public func clearStaleReaders() throws -> Int {
        var dead: Int32 = 0
        try check(mdb_reader_check(pointer, &dead))
        return Int(dead)
    }

    /// Writes a consistent copy of the environment into the empty directory `directory`
    /// while other transactions go on; with `compacting`, free pages are left out and
    /// pages renumbered (as `mdb_copy -c`).
    ///
    /// The corresponding C function is `mdb_env_copy2`.
    public func copy(to directory: String, compacting: Bool = true) throws {
        resizeGate.lockShared()
        defer { resizeGate.unlockShared() }
        try check(mdb_env_copy2(pointer, directory, compacting ? UInt32(MDB_CP_COMPACT) : 0))
    }

    /// Flushes the data to disk (`mdb_env_sync` with force).
    public func sync() throws {
        resizeGate.lockShared()
        defer { resizeGate.unlockShared() }
        try check(mdb_env_sync(pointer, 1))
    }

    /// The environment's map size in bytes.
    public var mapSize: Int { info.mapSize }
}

/// A POSIX readers-writer lock that knows how many shared holds the calling thread has,
/// so that a thread never waits for the exclusive side while it holds the shared one.
final class ReadWriteLock: @unchecked Sendable {
    private let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
    private var holdsKey = pthread_key_t()

    init() {
        pthread_rwlock_init(lock, nil)
        pthread_key_create(&holdsKey, nil)
    }

    deinit {
        pthread_key_delete(holdsKey)
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    /// Shared holds of the calling thread.
    var sharedHoldsOnThisThread: Int {
        Int(bitPattern: pthread_getspecific(holdsKey))
    }

    func lockShared() {
        pthread_rwlock_rdlock(lock)
        pthread_setspecific(holdsKey, UnsafeRawPointer(bitPattern: sharedHoldsOnThisThread + 1))
    }

    func unlockShared() {
        pthread_setspecific(holdsKey, UnsafeRawPointer(bitPattern: sharedHoldsOnThisThread - 1))
        pthread_rwlock_unlock(lock)
    }

    /// Takes the exclusive side; fails instead of deadlocking when this thread holds the shared side.
    func lockExclusive() throws(LMDBError) {
        guard sharedHoldsOnThisThread == 0 else { throw LMDBError.transactionOpenOnThisThread }
        pthread_rwlock_wrlock(lock)
    }

    func unlockExclusive() { pthread_rwlock_unlock(lock) }
}

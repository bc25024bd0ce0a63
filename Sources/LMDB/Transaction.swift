internal import CLMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read or write transaction; it exists only inside a closure given to
/// ``Environment/read(_:)`` or ``Environment/write(_:)``.
///
/// Buffers returned by ``get(_:key:)`` and cursors point into the memory map and
/// are valid only until the transaction ends: copy what you keep.
public final class Transaction {
    let pointer: OpaquePointer
    /// Whether the transaction can write.
    public let isReadOnly: Bool

    init(pointer: OpaquePointer, isReadOnly: Bool) {
        self.pointer = pointer
        self.isReadOnly = isReadOnly
    }

    /// The value stored under `key`, or `nil`.
    ///
    /// The corresponding C function is `mdb_get`. With duplicates, the first value.
    public func get(_ database: Database, key: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer? {
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var data = MDB_val()
        let rc = mdb_get(pointer, database.handle, &keyValue, &data)
        if rc == MDB_NOTFOUND { return nil }
        try check(rc)
        return UnsafeRawBufferPointer(start: data.mv_data, count: data.mv_size)
    }

    /// Stores `value` under `key`.
    ///
    /// The corresponding C function is `mdb_put`.
    public func put(
        _ database: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: PutFlags = []
    ) throws {
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var data = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        try check(mdb_put(pointer, database.handle, &keyValue, &data, flags.rawValue))
    }

    /// Removes `key` (with duplicates: only the pair `key`/`value` when `value` is given).
    ///
    /// The corresponding C function is `mdb_del`. Returns `false` when nothing matched.
    @discardableResult
    public func delete(
        _ database: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer? = nil
    ) throws -> Bool {
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        let rc: Int32
        if let value {
            var data = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
            rc = mdb_del(pointer, database.handle, &keyValue, &data)
        } else {
            rc = mdb_del(pointer, database.handle, &keyValue, nil)
        }
        if rc == MDB_NOTFOUND { return false }
        try check(rc)
        return true
    }

    /// Removes every entry of a database, keeping the database itself.
    ///
    /// The corresponding C function is `mdb_drop` with `del` = 0.
    public func removeAllEntries(_ database: Database) throws {
        try check(mdb_drop(pointer, database.handle, 0))
    }

    /// Page and entry counts of a database as this transaction sees it (`mdb_stat`).
    public func statistics(_ database: Database) throws -> DatabaseStatistics {
        var stat = MDB_stat()
        try check(mdb_stat(pointer, database.handle, &stat))
        return DatabaseStatistics(stat)
    }

    /// Runs `body` with a cursor over `database`; the cursor is closed when `body` returns.
    public func withCursor<T>(_ database: Database, _ body: (Cursor) throws -> T) throws -> T {
        var cursorPointer: OpaquePointer?
        try check(mdb_cursor_open(pointer, database.handle, &cursorPointer))
        let cursor = Cursor(pointer: cursorPointer!)
        defer { mdb_cursor_close(cursorPointer) }
        return try body(cursor)
    }

    /// The transaction's id: the number of the last committed write transaction it sees.
    public var id: Int {
        Int(mdb_txn_id(pointer))
    }
}

extension Transaction {
    /// The value stored under `key`, or `nil`.
    public func get(_ database: Database, key: [UInt8]) throws -> UnsafeRawBufferPointer? {
        try key.withUnsafeBytes { try get(database, key: $0) }
    }

    /// Stores `value` under `key`.
    public func put(_ database: Database, key: [UInt8], value: [UInt8], flags: PutFlags = []) throws {
        try key.withUnsafeBytes { keyBytes in
            try value.withUnsafeBytes { try put(database, key: keyBytes, value: $0, flags: flags) }
        }
    }
}

/// The span of memory-mapped pages that buffers handed out by a read transaction cover,
/// collected so that ``Transaction/releaseMappedPages(_:)`` can release them.
public struct MappedPages: Sendable {
    private(set) var lower = UInt.max
    private(set) var upper = UInt.min

    /// An empty span.
    public init() {}

    /// Whether no buffer was included since the span was created or released.
    public var isEmpty: Bool { lower > upper }

    /// Widens the span to cover `buffer`, which must point into the environment's map
    /// (a key or value read in the transaction).
    public mutating func include(_ buffer: UnsafeRawBufferPointer) {
        guard let start = buffer.baseAddress else { return }
        let address = UInt(bitPattern: start)
        lower = min(lower, address)
        upper = max(upper, address + UInt(buffer.count))
    }
}

extension Transaction {
    /// Drops this process's resident pages of the memory map that `pages` covers
    /// (`madvise(MADV_DONTNEED)`), then empties `pages`, so that a long read of the whole file
    /// does not keep every page it touched resident.
    ///
    /// Only for read-only transactions, whose map is a read-only shared mapping of the file:
    /// nothing is lost, and a page read again is mapped again from the page cache. Buffers
    /// handed out by this transaction stay valid. Returns whether the kernel took the advice.
    @discardableResult
    public func releaseMappedPages(_ pages: inout MappedPages) -> Bool {
        defer { pages = MappedPages() }
        guard isReadOnly, !pages.isEmpty else { return false }
        let pageSize = UInt(sysconf(Int32(_SC_PAGESIZE)))
        let start = pages.lower / pageSize * pageSize
        let end = (pages.upper + pageSize - 1) / pageSize * pageSize
        guard let address = UnsafeMutableRawPointer(bitPattern: start) else { return false }
        return madvise(address, Int(end - start), MADV_DONTNEED) == 0
    }
}

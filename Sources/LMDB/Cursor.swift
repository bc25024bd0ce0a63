internal import CLMDB

/// A key and a value read through a cursor; both point into the memory map and
/// are valid only until the transaction ends.
public struct Entry {
    public let key: UnsafeRawBufferPointer
    public let value: UnsafeRawBufferPointer
}

/// A position in a database, moved with `mdb_cursor_get` operations.
///
/// Obtain one from ``Transaction/withCursor(_:_:)``; it is closed when the closure returns.
public final class Cursor {
    let pointer: OpaquePointer

    init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    private func move(
        _ operation: MDB_cursor_op, key: UnsafeRawBufferPointer? = nil, value: UnsafeRawBufferPointer? = nil
    ) throws -> Entry? {
        var keyValue = MDB_val(mv_size: key?.count ?? 0, mv_data: UnsafeMutableRawPointer(mutating: key?.baseAddress))
        var data = MDB_val(mv_size: value?.count ?? 0, mv_data: UnsafeMutableRawPointer(mutating: value?.baseAddress))
        let rc = mdb_cursor_get(pointer, &keyValue, &data, operation)
        if rc == MDB_NOTFOUND { return nil }
        try check(rc)
        return Entry(
            key: UnsafeRawBufferPointer(start: keyValue.mv_data, count: keyValue.mv_size),
            value: UnsafeRawBufferPointer(start: data.mv_data, count: data.mv_size)
        )
    }

    /// Moves to the first entry (`MDB_FIRST`).
    public func first() throws -> Entry? { try move(MDB_FIRST) }
    /// Moves to the last entry (`MDB_LAST`).
    public func last() throws -> Entry? { try move(MDB_LAST) }
    /// Moves to the next entry, duplicates included (`MDB_NEXT`).
    public func next() throws -> Entry? { try move(MDB_NEXT) }
    /// Moves to the previous entry (`MDB_PREV`).
    public func previous() throws -> Entry? { try move(MDB_PREV) }
    /// Moves to the entry at `key` exactly (`MDB_SET_KEY`).
    public func find(key: UnsafeRawBufferPointer) throws -> Entry? { try move(MDB_SET_KEY, key: key) }
    /// Moves to the first entry whose key is at or after `key` (`MDB_SET_RANGE`).
    public func seek(atOrAfter key: UnsafeRawBufferPointer) throws -> Entry? { try move(MDB_SET_RANGE, key: key) }
    /// Moves to the first value of the next key (`MDB_NEXT_NODUP`).
    public func nextNoDuplicate() throws -> Entry? { try move(MDB_NEXT_NODUP) }
    /// Moves to the next value of the current key (`MDB_NEXT_DUP`).
    public func nextDuplicate() throws -> Entry? { try move(MDB_NEXT_DUP) }
    /// Moves to the previous value of the current key (`MDB_PREV_DUP`).
    public func previousDuplicate() throws -> Entry? { try move(MDB_PREV_DUP) }
    /// Moves to the last value of the current key (`MDB_LAST_DUP`).
    public func lastDuplicate() throws -> Entry? { try withCurrentKey(move(MDB_LAST_DUP)) }
    /// Moves to the first value of the current key (`MDB_FIRST_DUP`).
    public func firstDuplicate() throws -> Entry? { try withCurrentKey(move(MDB_FIRST_DUP)) }

    /// `MDB_FIRST_DUP` and `MDB_LAST_DUP` return only the value; read the key at the position.
    private func withCurrentKey(_ entry: Entry?) throws -> Entry? {
        guard entry != nil else { return nil }
        return try move(MDB_GET_CURRENT)
    }

    /// Moves to the first value at or after `value` among the duplicates of `key` (`MDB_GET_BOTH_RANGE`).
    public func seek(key: UnsafeRawBufferPointer, valueAtOrAfter value: UnsafeRawBufferPointer) throws -> Entry? {
        try move(MDB_GET_BOTH_RANGE, key: key, value: value)
    }

    /// The number of values of the current key (`mdb_cursor_count`); requires a duplicate-sorted database.
    public func duplicateCount() throws -> Int {
        var count = 0
        try check(mdb_cursor_count(pointer, &count))
        return count
    }

    /// Stores a pair at the cursor (`mdb_cursor_put`).
    public func put(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: PutFlags = []) throws {
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var data = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        try check(mdb_cursor_put(pointer, &keyValue, &data, flags.rawValue))
    }
}

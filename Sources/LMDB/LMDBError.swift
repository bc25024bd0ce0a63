internal import CLMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error reported by LMDB, with Swift names for its codes.
///
/// Match a specific code with a pattern, as with GRDB's database errors:
///
/// ```swift
/// do { try env.write { ... } }
/// catch LMDBError.mapFull { ... }
/// ```
public struct LMDBError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The return code: an LMDB code (negative, `MDB_*`) or a system `errno`.
    public let code: Int32

    /// Wraps a return code.
    public init(code: Int32) {
        self.code = code
    }

    /// The key/data pair already exists (`MDB_KEYEXIST`).
    public static let keyExists = LMDBError(code: MDB_KEYEXIST)
    /// The key/data pair was not found (`MDB_NOTFOUND`).
    public static let notFound = LMDBError(code: MDB_NOTFOUND)
    /// A requested page was not found: the file is corrupted (`MDB_PAGE_NOTFOUND`).
    public static let pageNotFound = LMDBError(code: MDB_PAGE_NOTFOUND)
    /// The located page was the wrong type (`MDB_CORRUPTED`).
    public static let corrupted = LMDBError(code: MDB_CORRUPTED)
    /// An update of the meta page failed or the environment had a fatal error (`MDB_PANIC`).
    public static let panic = LMDBError(code: MDB_PANIC)
    /// The environment was written by an incompatible LMDB version (`MDB_VERSION_MISMATCH`).
    public static let versionMismatch = LMDBError(code: MDB_VERSION_MISMATCH)
    /// The file is not a valid LMDB file (`MDB_INVALID`).
    public static let invalidFile = LMDBError(code: MDB_INVALID)
    /// The environment's map size was reached (`MDB_MAP_FULL`).
    public static let mapFull = LMDBError(code: MDB_MAP_FULL)
    /// The environment's maximum number of named databases was reached (`MDB_DBS_FULL`).
    public static let databasesFull = LMDBError(code: MDB_DBS_FULL)
    /// The environment's maximum number of readers was reached (`MDB_READERS_FULL`).
    public static let readersFull = LMDBError(code: MDB_READERS_FULL)
    /// The transaction has too many dirty pages (`MDB_TXN_FULL`).
    public static let transactionFull = LMDBError(code: MDB_TXN_FULL)
    /// Another process grew the map beyond this environment's size (`MDB_MAP_RESIZED`).
    public static let mapResized = LMDBError(code: MDB_MAP_RESIZED)
    /// The operation is incompatible with the database's flags (`MDB_INCOMPATIBLE`).
    public static let incompatible = LMDBError(code: MDB_INCOMPATIBLE)
    /// A reader slot was used from the wrong thread (`MDB_BAD_RSLOT`).
    public static let badReaderSlot = LMDBError(code: MDB_BAD_RSLOT)
    /// The transaction must be aborted: it had an error or belongs to another thread (`MDB_BAD_TXN`).
    public static let badTransaction = LMDBError(code: MDB_BAD_TXN)
    /// A key or value has an unsupported size (`MDB_BAD_VALSIZE`).
    public static let badValueSize = LMDBError(code: MDB_BAD_VALSIZE)
    /// The database handle was changed unexpectedly (`MDB_BAD_DBI`).
    public static let badDatabase = LMDBError(code: MDB_BAD_DBI)

    /// The map must grow or adopt another process's size, but the calling thread is inside a
    /// read transaction of the same environment, and waiting for it to end would never return.
    /// Not an LMDB code: a code of this wrapper, outside LMDB's range.
    public static let transactionOpenOnThisThread = LMDBError(code: -31_000)

    /// The code and the message LMDB gives for it (`mdb_strerror`).
    public var description: String {
        if code == LMDBError.transactionOpenOnThisThread.code {
            return "LMDB error \(code): the memory map must change size while this thread is inside a read transaction; end the read before writing"
        }
        let message = String(cString: mdb_strerror(code))
        return "LMDB error \(code): \(message)"
    }

    /// Lets `catch LMDBError.mapFull` match any error with that code.
    public static func ~= (pattern: LMDBError, error: any Error) -> Bool {
        guard let error = error as? LMDBError else { return false }
        return error.code == pattern.code
    }
}

/// Turns an LMDB return code into a thrown ``LMDBError``; every C call goes through here.
@inline(__always)
func check(_ returnCode: Int32) throws(LMDBError) {
    if returnCode != 0 {
        throw LMDBError(code: returnCode)
    }
}

internal import CLMDB

/// A handle to a named database inside an ``Environment``.
///
/// Handles are opened once, in one transaction at startup (``Environment/openDatabases(_:)``),
/// then reused by every transaction of the process: `mdb_dbi_open` must not race.
public struct Database: Sendable, Hashable {
    /// The LMDB handle (`MDB_dbi`).
    let handle: MDB_dbi
    /// The database's name in the environment.
    public let name: String
}

/// How a named database stores its keys and values.
public struct DatabaseFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Create the database if it does not exist (`MDB_CREATE`).
    public static let create = DatabaseFlags(rawValue: UInt32(MDB_CREATE))
    /// Keys may have several sorted values (`MDB_DUPSORT`).
    public static let duplicateSort = DatabaseFlags(rawValue: UInt32(MDB_DUPSORT))
    /// With ``duplicateSort``: every value has the same size (`MDB_DUPFIXED`).
    public static let duplicateFixed = DatabaseFlags(rawValue: UInt32(MDB_DUPFIXED))
}

/// Flags of a single put.
public struct PutFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Fail with ``LMDBError/keyExists`` when the key is present (`MDB_NOOVERWRITE`).
    public static let noOverwrite = PutFlags(rawValue: UInt32(MDB_NOOVERWRITE))
    /// With duplicates: fail when this key/value pair is present (`MDB_NODUPDATA`).
    public static let noDuplicateData = PutFlags(rawValue: UInt32(MDB_NODUPDATA))
    /// The key sorts after every key in the database: a fast append (`MDB_APPEND`).
    /// An out-of-order key fails with ``LMDBError/keyExists``.
    public static let append = PutFlags(rawValue: UInt32(MDB_APPEND))
    /// The value sorts after every value of its key: a fast duplicate append (`MDB_APPENDDUP`).
    public static let appendDuplicate = PutFlags(rawValue: UInt32(MDB_APPENDDUP))
}

/// Page and entry counts of a database (`MDB_stat`).
public struct DatabaseStatistics: Sendable, Hashable {
    /// Size of a page in bytes.
    public let pageSize: Int
    /// Depth of the B-tree.
    public let depth: Int
    /// Number of branch, leaf and overflow pages.
    public let branchPages: Int, leafPages: Int, overflowPages: Int
    /// Number of entries (key/value pairs, counting duplicates).
    public let entries: Int

    init(_ stat: MDB_stat) {
        pageSize = Int(stat.ms_psize)
        depth = Int(stat.ms_depth)
        branchPages = stat.ms_branch_pages
        leafPages = stat.ms_leaf_pages
        overflowPages = stat.ms_overflow_pages
        entries = stat.ms_entries
    }
}

import Foundation
import LMDB
import Testing

@Suite("Transactions")
struct TransactionTests {
    @Test func putGetOverwriteAndDeleteRoundTrip() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "notes")
        let notes = databases[0]
        try environment.write { txn throws in
            try txn.put(notes, "a", "1")
            try txn.put(notes, "b", "2")
            // A write transaction reads its own writes.
            #expect(try txn.string(notes, "a") == "1")
        }
        try environment.write { try $0.put(notes, "a", "one") }
        #expect(try environment.read { try $0.string(notes, "a") } == "one")
        #expect(try environment.write { try $0.delete(notes, "a") })
        #expect(try !environment.write { try $0.delete(notes, "a") })
        try environment.read { txn throws in
            #expect(try txn.string(notes, "a") == nil)
            #expect(try txn.string(notes, "b") == "2")
            #expect(try txn.statistics(notes).entries == 1)
        }
    }

    @Test func valuesKeepEveryByte() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "blobs")
        let value = (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try environment.write { try $0.put(databases[0], key: [0, 0xff, 0], value: value) }
        let stored = try environment.read { try $0.get(databases[0], key: [0, 0xff, 0]).map { Array($0) } }
        #expect(stored == value)
    }

    @Test func noOverwriteRefusesAnExistingKeyAndKeepsTheValue() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "notes")
        try environment.write { try $0.put(databases[0], "a", "first") }
        #expect(throws: LMDBError.keyExists) {
            try environment.write { try $0.put(databases[0], "a", "second", flags: .noOverwrite) }
        }
        #expect(try environment.read { try $0.string(databases[0], "a") } == "first")
    }

    @Test func appendRefusesAKeyThatDoesNotSortLast() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "log")
        try environment.write { txn throws in
            for position in [UInt64(1), 2, 3] {
                try txn.put(databases[0], key: bigEndian(position), value: [1], flags: .append)
            }
        }
        #expect(throws: LMDBError.keyExists) {
            try environment.write { try $0.put(databases[0], key: bigEndian(2), value: [9], flags: .append) }
        }
        #expect(try environment.read { try $0.statistics(databases[0]).entries } == 3)
    }

    @Test func emptyAndOversizedKeysAreRefused() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "notes")
        #expect(throws: LMDBError.badValueSize) {
            try environment.write { try $0.put(databases[0], key: [], value: [1]) }
        }
        // LMDB's default key limit is 511 bytes.
        try environment.write { try $0.put(databases[0], key: [UInt8](repeating: 7, count: 511), value: [1]) }
        #expect(throws: LMDBError.badValueSize) {
            try environment.write { try $0.put(databases[0], key: [UInt8](repeating: 7, count: 512), value: [1]) }
        }
    }

    @Test func aThrowingWriteRollsBackAndRethrowsTheSameError() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "notes")
        try environment.write { try $0.put(databases[0], "kept", "yes") }
        let before = environment.info.lastTransactionID
        #expect(throws: Abandoned()) {
            try environment.write { txn throws in
                try txn.put(databases[0], "lost", "no")
                try txn.delete(databases[0], "kept")
                throw Abandoned()
            }
        }
        try environment.read { txn throws in
            #expect(try txn.string(databases[0], "lost") == nil)
            #expect(try txn.string(databases[0], "kept") == "yes")
        }
        #expect(environment.info.lastTransactionID == before)
        // The writer lock was released: the next write goes through.
        try environment.write { try $0.put(databases[0], "after", "yes") }
        #expect(try environment.read { try $0.string(databases[0], "after") } == "yes")
    }

    @Test func aWriteReturnsItsClosuresValueAndEachCommitGetsTheNextID() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "notes")
        let first = try environment.write { txn throws in
            try txn.put(databases[0], "a", "1")
            return txn.id
        }
        let second = try environment.write { txn throws in
            try txn.put(databases[0], "b", "2")
            return txn.id
        }
        #expect(second == first + 1)
        #expect(environment.info.lastTransactionID == second)
        #expect(try environment.read { $0.id } == second)
        #expect(try environment.read { $0.isReadOnly })
        #expect(try !environment.write { $0.isReadOnly })
    }

    @Test func aReadTransactionKeepsItsSnapshotWhileAnotherThreadCommits() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "notes")
        let notes = databases[0]
        try environment.write { try $0.put(notes, "a", "old") }
        let committed = DispatchSemaphore(value: 0)
        let writerDone = DispatchGroup()
        let seen = try environment.read { txn throws in
            let before = try txn.string(notes, "a")
            writerDone.enter()
            Thread {
                // Readers never block the writer.
                try? environment.write { try $0.put(notes, "a", "new") }
                committed.signal()
                writerDone.leave()
            }.start()
            committed.wait()
            return [before, try txn.string(notes, "a")]
        }
        writerDone.wait()
        #expect(seen == ["old", "old"])
        #expect(try environment.read { try $0.string(notes, "a") } == "new")
    }

    @Test func statisticsCountEntriesAndPages() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "notes")
        let empty = try environment.read { try $0.statistics(databases[0]) }
        #expect(empty.entries == 0)
        #expect(empty.depth == 0)
        #expect(empty.pageSize == Int(getpagesize()))
        try environment.write { txn throws in
            for index in 0..<1_000 { try txn.put(databases[0], "key\(index)", String(repeating: "v", count: 100)) }
        }
        let full = try environment.read { try $0.statistics(databases[0]) }
        #expect(full.entries == 1_000)
        #expect(full.depth >= 2)
        #expect(full.branchPages >= 1)
        #expect(full.leafPages > 1)
        #expect(full.overflowPages == 0)
    }
}

@Suite("Named databases")
struct NamedDatabaseTests {
    @Test func namedDatabasesKeepTheirOwnKeys() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "left", "right")
        try environment.write { txn throws in
            try txn.put(databases[0], "k", "left value")
            try txn.put(databases[1], "k", "right value")
            try txn.put(databases[1], "only-right", "x")
        }
        try environment.read { txn throws in
            #expect(try txn.string(databases[0], "k") == "left value")
            #expect(try txn.string(databases[1], "k") == "right value")
            #expect(try txn.string(databases[0], "only-right") == nil)
            #expect(try txn.statistics(databases[0]).entries == 1)
            #expect(try txn.statistics(databases[1]).entries == 2)
        }
        #expect(databases.map(\.name) == ["left", "right"])
    }

    @Test func openingAMissingDatabaseWithoutCreateIsNotFound() throws {
        let store = TestEnvironment()
        let environment = try store.open()
        var matched = false
        do {
            _ = try environment.openDatabases([("absent", [])])
        } catch LMDBError.notFound {
            matched = true
        }
        #expect(matched)
    }

    @Test func moreDatabasesThanTheLimitAreRefused() throws {
        let store = TestEnvironment()
        let environment = try store.open(maxDatabases: 2)
        _ = try environment.openDatabases([("one", .create), ("two", .create)])
        #expect(throws: LMDBError.databasesFull) {
            _ = try environment.openDatabases([("three", .create)])
        }
    }

    @Test func aDatabaseKeepsTheFlagsItWasCreatedWith() throws {
        // LMDB 0.9 takes the stored flags of an existing database and ignores those given at open.
        let store = TestEnvironment()
        do {
            let (environment, databases) = try store.open(creating: "plain")
            try environment.write { try $0.put(databases[0], "k", "v") }
        }
        let environment = try store.open()
        let reopened = try environment.openDatabases([("plain", DatabaseFlags.duplicateSort)])[0]
        try environment.write { try $0.put(reopened, "k", "w") }
        try environment.read { txn throws in
            #expect(try txn.statistics(reopened).entries == 1)
            #expect(try txn.string(reopened, "k") == "w")
        }
    }
}

@Suite("Errors")
struct LMDBErrorTests {
    @Test func catchMatchesAnErrorByItsCode() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "notes")
        try environment.write { try $0.put(databases[0], "a", "1") }
        var caught: String?
        do {
            try environment.write { try $0.put(databases[0], "a", "2", flags: .noOverwrite) }
        } catch LMDBError.notFound {
            caught = "notFound"
        } catch LMDBError.keyExists {
            caught = "keyExists"
        }
        #expect(caught == "keyExists")
    }

    @Test func thePatternMatchesOnlyLMDBErrorsWithTheSameCode() {
        #expect(LMDBError.mapFull ~= LMDBError(code: LMDBError.mapFull.code))
        #expect(!(LMDBError.mapFull ~= LMDBError.notFound))
        #expect(!(LMDBError.notFound ~= Abandoned()))
        #expect(LMDBError(code: ENOENT) == LMDBError(code: ENOENT))
        #expect(LMDBError.keyExists != LMDBError.notFound)
    }

    @Test(arguments: [
        (LMDBError.keyExists, Int32(-30799), "MDB_KEYEXIST: Key/data pair already exists"),
        (.notFound, -30798, "MDB_NOTFOUND: No matching key/data pair found"),
        (.mapFull, -30792, "MDB_MAP_FULL: Environment mapsize limit reached"),
        (.databasesFull, -30791, "MDB_DBS_FULL: Environment maxdbs limit reached"),
        (.readersFull, -30790, "MDB_READERS_FULL: Environment maxreaders limit reached"),
        (.mapResized, -30785, "MDB_MAP_RESIZED: Database contents grew beyond environment mapsize"),
        (.incompatible, -30784, "MDB_INCOMPATIBLE: Operation and DB incompatible, or DB flags changed"),
        (.badValueSize, -30781, "MDB_BAD_VALSIZE: Unsupported size of key/DB name/data, or wrong DUPFIXED size"),
    ])
    func descriptionsGiveTheCodeAndLMDBsMessage(error: LMDBError, code: Int32, message: String) {
        #expect(error.code == code)
        #expect(error.description == "LMDB error \(code): \(message)")
    }

    @Test func systemErrorsUseTheSystemsMessage() {
        #expect(LMDBError(code: EACCES).description == "LMDB error \(EACCES): Permission denied")
    }
}

@Suite("Releasing mapped pages")
struct MappedPagesTests {
    @Test func releasedPagesReadBackUnchanged() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "blobs")
        let blobs = databases[0]
        let large = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try environment.write { txn throws in
            try large.withUnsafeBytes { value in try bytes("large").withUnsafeBytes { try txn.put(blobs, key: $0, value: value) } }
            try txn.put(blobs, "small", "text")
        }
        try environment.read { txn throws in
            var pages = MappedPages()
            #expect(pages.isEmpty)
            let value = try #require(try bytes("large").withUnsafeBytes { try txn.get(blobs, key: $0) })
            let small = try #require(try bytes("small").withUnsafeBytes { try txn.get(blobs, key: $0) })
            pages.include(value)
            pages.include(small)
            #expect(!pages.isEmpty)
            #expect(txn.releaseMappedPages(&pages))
            #expect(pages.isEmpty)
            // The buffers stay valid: their pages are mapped again from the file when read.
            #expect(Array(value) == large)
            #expect(text(small) == "text")
            #expect(!txn.releaseMappedPages(&pages))
        }
        try environment.write { txn throws in
            var pages = MappedPages()
            pages.include(try #require(try bytes("small").withUnsafeBytes { try txn.get(blobs, key: $0) }))
            #expect(!txn.releaseMappedPages(&pages), "a write transaction never releases pages")
        }
    }
}

@Suite("Releasing the whole map")
struct EnvironmentMappedPagesTests {
    /// Resident KB of this process's mapping of the environment's data file (`Rss` in /proc/self/smaps).
    static func residentKilobytes(of path: String) throws -> Int? {
        // Read to the end: files of /proc report no size, and a read by size can stop short.
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/smaps"))
        defer { try? handle.close() }
        let smaps = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        guard let resolved = realpath(path + "/data.mdb", nil) else { return nil }
        let file = String(cString: resolved)
        free(resolved)
        var inMapping = false
        for line in smaps.split(separator: "\n") {
            // A mapping starts with its address range, "start-end perms offset device inode [path]".
            if let range = line.split(separator: " ").first, range.contains("-"), range.allSatisfy({ $0.isHexDigit || $0 == "-" }) {
                inMapping = line.hasSuffix(" " + file)
            } else if inMapping, line.hasPrefix("Rss:") {
                return Int(line.split(separator: " ")[1])
            }
        }
        return nil
    }

    @Test func releasingTheMapDropsItsResidentPagesAndKeepsTheData() throws {
        #if os(Linux)
        let store = TestEnvironment()
        let environment = try store.open(mapSize: 16 << 20)
        let blobs = try environment.openDatabases([("blobs", .create)])[0]
        let large = (0..<2_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try environment.write { txn throws in
            try large.withUnsafeBytes { value in try bytes("large").withUnsafeBytes { try txn.put(blobs, key: $0, value: value) } }
        }
        let sum = try environment.read { txn throws in
            try #require(try bytes("large").withUnsafeBytes { try txn.get(blobs, key: $0) }).reduce(0) { $0 &+ Int($1) }
        }
        let before = try #require(try Self.residentKilobytes(of: store.path))
        #expect(before >= 1_900)
        #expect(environment.releaseMappedPages())
        let after = try #require(try Self.residentKilobytes(of: store.path))
        #expect(after < 100)
        let again = try environment.read { txn throws in Array(try #require(try bytes("large").withUnsafeBytes { try txn.get(blobs, key: $0) })) }
        #expect(again == large)
        #expect(again.reduce(0) { $0 &+ Int($1) } == sum)
        #endif
    }
}

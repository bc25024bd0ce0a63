import Foundation
import LMDB
import Testing
import TestSupport

@Suite("Environments")
struct EnvironmentTests {
    @Test func openingCreatesTheFilesAndDataOutlivesTheEnvironment() throws {
        let store = TestEnvironment()
        do {
            let (environment, databases) = try store.open(creating: "notes")
            try environment.write { try $0.put(databases[0], "greeting", "hello") }
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: store.path).sorted()
        #expect(files == ["data.mdb", "lock.mdb"])
        let (environment, databases) = try store.open(creating: "notes")
        #expect(try environment.read { try $0.string(databases[0], "greeting") } == "hello")
    }

    @Test func openingAMissingDirectoryThrowsTheSystemError() throws {
        let directory = TemporaryDirectory(prefix: "lmdb")
        do {
            _ = try Environment(path: directory.appending("missing"))
            Issue.record("opening a missing directory succeeded")
        } catch let error as LMDBError {
            #expect(error.code == ENOENT)
            #expect(error.description == "LMDB error \(ENOENT): No such file or directory")
        }
    }

    @Test func optionsSetTheMapSizeAndTheReaderTable() throws {
        let store = TestEnvironment()
        let environment = try store.open(mapSize: 3 << 20, maxReaders: 300)
        let info = environment.info
        #expect(info.mapSize == 3 << 20)
        #expect(environment.mapSize == 3 << 20)
        #expect(info.maxReaders == 300)
        #expect(info.lastTransactionID == 0)
    }

    @Test func theSmallestMapLMDBAcceptsIsItsTwoMetaPages() throws {
        // mdb_env_open raises any map size below the committed data, which for a new
        // environment is its two meta pages; a size of 0 means LMDB's default of 1 MiB.
        // LMDB's page is the system's memory page.
        let store = TestEnvironment()
        let tiny = try store.open(mapSize: 1)
        #expect(tiny.mapSize == 2 * Int(getpagesize()))
        let defaultStore = TestEnvironment()
        #expect(try defaultStore.open(mapSize: 0).mapSize == 1 << 20)
    }

    @Test func aFullMapGrowsByItselfInsideOneWrite() throws {
        let store = TestEnvironment()
        let environment = try store.open(mapSize: 1)
        let initial = environment.mapSize
        let databases = try environment.openDatabases([("blobs", .create)])
        let count = 2_000
        var runs = 0
        let written = try environment.write { txn throws in
            runs += 1
            var total = 0
            for index in 0..<count {
                let value = [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: 2_048)
                try txn.put(databases[0], key: bigEndian(UInt64(index)), value: value)
                total += value.count
            }
            return total
        }
        #expect(written == count * 2_048)
        #expect(runs > 1, "the write never hit a full map, so it proves nothing")
        #expect(environment.mapSize > written)
        #expect(environment.mapSize > initial)
        try environment.read { txn throws in
            #expect(try txn.statistics(databases[0]).entries == count)
            for index in [0, 1, count / 2, count - 1] {
                let value = try #require(try txn.get(databases[0], key: bigEndian(UInt64(index))))
                #expect(value.count == 2_048)
                #expect(value.allSatisfy { $0 == UInt8(truncatingIfNeeded: index) })
            }
        }
    }

    @Test func aMapSmallerThanTheDataIsRaisedToTheDataOnOpen() throws {
        let store = TestEnvironment()
        do {
            let environment = try store.open(mapSize: 1)
            let databases = try environment.openDatabases([("blobs", .create)])
            try environment.write { txn throws in
                for index in 0..<200 {
                    try txn.put(databases[0], key: bigEndian(UInt64(index)), value: [UInt8](repeating: 1, count: 4_000))
                }
            }
        }
        // A configured size wins over the size stored in the file, but never below the data.
        let reopened = try store.open(mapSize: 1)
        let info = reopened.info
        #expect(info.mapSize == (info.lastPageNumber + 1) * Int(getpagesize()))
        #expect(info.mapSize >= 200 * 4_000)
        let databases = try reopened.openDatabases([("blobs", [])])
        try reopened.write { try $0.put(databases[0], key: bigEndian(1_000), value: [UInt8](repeating: 2, count: 4_000)) }
        #expect(try reopened.read { try $0.statistics(databases[0]).entries } == 201)
    }

    @Test func aReadOnlyEnvironmentReadsNamedDatabases() throws {
        let store = TestEnvironment()
        do {
            let (environment, databases) = try store.open(creating: "notes")
            try environment.write { try $0.put(databases[0], "greeting", "hello") }
        }
        let environment = try store.open(isReadOnly: true)
        #expect(environment.isReadOnly)
        let databases = try environment.openDatabases([("notes", [])])
        #expect(try environment.read { try $0.string(databases[0], "greeting") } == "hello")
    }

    @Test func aReadOnlyEnvironmentRefusesToWrite() throws {
        let store = TestEnvironment()
        do { _ = try store.open(creating: "notes") }
        let environment = try store.open(isReadOnly: true)
        #expect(throws: LMDBError(code: EACCES)) {
            try environment.write { _ in }
        }
    }

    @Test func aHealthyEnvironmentHasNoStaleReaders() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "notes")
        try environment.write { try $0.put(databases[0], "a", "1") }
        _ = try environment.read { try $0.string(databases[0], "a") }
        #expect(try environment.clearStaleReaders() == 0)
    }

    @Test func aCopyIsAWholeEnvironmentAndRefusesToOverwrite() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "notes")
        try environment.write { txn throws in
            for index in 0..<500 { try txn.put(databases[0], "key\(index)", "value\(index)") }
        }
        // Deleted entries leave free pages that a compacting copy drops.
        try environment.write { txn throws in
            for index in 0..<400 { try txn.delete(databases[0], "key\(index)") }
        }
        let target = TemporaryDirectory(prefix: "lmdb-copy")
        try environment.copy(to: target.path, compacting: true)
        let source = try FileManager.default.attributesOfItem(atPath: environment.path + "/data.mdb")[.size] as! Int
        let copied = try FileManager.default.attributesOfItem(atPath: target.appending("data.mdb"))[.size] as! Int
        #expect(copied < source)
        #expect(throws: LMDBError(code: EEXIST)) {
            try environment.copy(to: target.path)
        }
        let copy = try Environment(path: target.path)
        let copyDatabases = try copy.openDatabases([("notes", [])])
        try copy.read { txn throws in
            #expect(try txn.statistics(copyDatabases[0]).entries == 100)
            #expect(try txn.string(copyDatabases[0], "key450") == "value450")
            #expect(try txn.string(copyDatabases[0], "key5") == nil)
        }
    }
}

/// The 8-byte big-endian form of a number: keys that sort in numeric order.
func bigEndian(_ value: UInt64) -> [UInt8] {
    withUnsafeBytes(of: value.bigEndian) { Array($0) }
}

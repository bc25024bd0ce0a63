import LMDB
import Testing

@Suite("Cursors")
struct CursorTests {
    /// Opens `store` with one database holding `keys`, each with the value `v<key>`.
    private func filled(_ store: TestEnvironment, _ keys: [String]) throws -> (Environment, Database) {
        let (environment, databases) = try store.open(creating: "data")
        try environment.write { txn throws in
            for key in keys { try txn.put(databases[0], key, "v\(key)") }
        }
        return (environment, databases[0])
    }

    @Test func anEmptyDatabaseHasNoFirstOrLastEntry() throws {
        let store = TestEnvironment()
        let (environment, database) = try filled(store, [])
        try environment.read { txn throws in
            try txn.withCursor(database) { cursor throws in
                #expect(try cursor.first() == nil)
                #expect(try cursor.last() == nil)
                #expect(try cursor.seek(atOrAfter: "a") == nil)
            }
        }
    }

    @Test func aCursorWalksKeysInSortedOrderBothWays() throws {
        let store = TestEnvironment()
        let (environment, database) = try filled(store, ["c", "a", "d", "b"])
        try environment.read { txn throws in
            try txn.withCursor(database) { cursor throws in
                #expect(try cursor.collect(from: cursor.first(), step: cursor.next) == ["a=va", "b=vb", "c=vc", "d=vd"])
                #expect(try cursor.next() == nil)
                #expect(try cursor.collect(from: cursor.last(), step: cursor.previous) == ["d=vd", "c=vc", "b=vb", "a=va"])
            }
        }
    }

    @Test func findAndSeekPositionOnAKeyOrTheNextOne() throws {
        let store = TestEnvironment()
        let (environment, database) = try filled(store, ["apple", "banana", "cherry"])
        try environment.read { txn throws in
            try txn.withCursor(database) { cursor throws in
                #expect(try cursor.find("banana") == "banana=vbanana")
                #expect(try cursor.find("blueberry") == nil)
                #expect(try cursor.seek(atOrAfter: "blueberry") == "cherry=vcherry")
                #expect(try pair(cursor.next()) == nil)
                #expect(try cursor.seek(atOrAfter: "apple") == "apple=vapple")
                #expect(try pair(cursor.next()) == "banana=vbanana")
                #expect(try cursor.seek(atOrAfter: "zucchini") == nil)
            }
        }
    }

    @Test func bigEndianKeysSortInNumericOrder() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "log")
        let positions: [UInt64] = [256, 1, 65_536, 2, 255]
        try environment.write { txn throws in
            for position in positions { try txn.put(databases[0], key: bigEndian(position), value: [0]) }
        }
        let order = try environment.read { txn throws in
            try txn.withCursor(databases[0]) { cursor throws in
                var result: [UInt64] = []
                var entry = try cursor.first()
                while let current = entry {
                    result.append(current.key.reduce(0) { $0 << 8 | UInt64($1) })
                    entry = try cursor.next()
                }
                return result
            }
        }
        #expect(order == positions.sorted())
    }

    @Test func duplicatesAreSortedCountedAndWalkedPerKey() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "index", flags: [.duplicateSort])
        let index = databases[0]
        try environment.write { txn throws in
            for (key, value) in [("b", "3"), ("a", "9"), ("b", "1"), ("b", "2"), ("c", "5")] {
                try txn.put(index, key, value)
            }
        }
        try environment.read { txn throws in
            #expect(try txn.statistics(index).entries == 5)
            // A plain get gives the first duplicate.
            #expect(try txn.string(index, "b") == "1")
            try txn.withCursor(index) { cursor throws in
                // MDB_NEXT visits every duplicate; MDB_NEXT_NODUP only the first of each key.
                #expect(try cursor.collect(from: cursor.first(), step: cursor.next) == ["a=9", "b=1", "b=2", "b=3", "c=5"])
                #expect(try cursor.collect(from: cursor.first(), step: cursor.nextNoDuplicate) == ["a=9", "b=1", "c=5"])

                #expect(try cursor.find("b") == "b=1")
                #expect(try cursor.duplicateCount() == 3)
                #expect(try cursor.values(from: cursor.firstDuplicate(), step: cursor.nextDuplicate) == ["1", "2", "3"])
                #expect(try cursor.values(from: cursor.lastDuplicate(), step: cursor.previousDuplicate) == ["3", "2", "1"])

                #expect(try cursor.seek("b", valueAtOrAfter: "15") == "b=2")
                #expect(try cursor.seek("b", valueAtOrAfter: "4") == nil)
                #expect(try cursor.seek("z", valueAtOrAfter: "0") == nil)

                #expect(try cursor.find("c") == "c=5")
                #expect(try cursor.duplicateCount() == 1)
            }
        }
    }

    @Test func deletingOneDuplicateKeepsTheOthers() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "index", flags: [.duplicateSort])
        try environment.write { txn throws in
            for value in ["1", "2", "3"] { try txn.put(databases[0], "k", value) }
        }
        #expect(try environment.write { try $0.delete(databases[0], "k", value: "2") })
        #expect(try !environment.write { try $0.delete(databases[0], "k", value: "2") })
        let left = try environment.read { txn throws in
            try txn.withCursor(databases[0]) { cursor throws in
                _ = try cursor.find("k")
                return try cursor.values(from: cursor.firstDuplicate(), step: cursor.nextDuplicate)
            }
        }
        #expect(left == ["1", "3"])
    }

    @Test func noDuplicateDataRefusesARepeatedPair() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "index", flags: [.duplicateSort])
        try environment.write { try $0.put(databases[0], "k", "1") }
        #expect(throws: LMDBError.keyExists) {
            try environment.write { try $0.put(databases[0], "k", "1", flags: .noDuplicateData) }
        }
        try environment.write { try $0.put(databases[0], "k", "2", flags: .noDuplicateData) }
        #expect(try environment.read { try $0.statistics(databases[0]).entries } == 2)
    }

    @Test func cursorPutAppendsFixedSizeDuplicatesInOrder() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "streams", flags: [.duplicateSort, .duplicateFixed])
        let streams = databases[0]
        try environment.write { txn throws in
            try txn.withCursor(streams) { cursor throws in
                for position in [UInt64(1), 4, 9] {
                    try bytes("acme").withUnsafeBytes { key in
                        try bigEndian(position).withUnsafeBytes { try cursor.put(key: key, value: $0, flags: .appendDuplicate) }
                    }
                }
            }
        }
        #expect(throws: LMDBError.keyExists) {
            try environment.write { txn throws in
                try txn.withCursor(streams) { cursor throws in
                    try bytes("acme").withUnsafeBytes { key in
                        try bigEndian(5).withUnsafeBytes { try cursor.put(key: key, value: $0, flags: .appendDuplicate) }
                    }
                }
            }
        }
        let stored = try environment.read { txn throws in
            try txn.withCursor(streams) { cursor -> [[UInt8]] in
                _ = try bytes("acme").withUnsafeBytes { try cursor.find(key: $0) }
                #expect(try cursor.duplicateCount() == 3)
                var values: [[UInt8]] = []
                var entry = try cursor.firstDuplicate()
                while let current = entry {
                    values.append(Array(current.value))
                    entry = try cursor.nextDuplicate()
                }
                return values
            }
        }
        #expect(stored == [bigEndian(1), bigEndian(4), bigEndian(9)])
    }

    @Test func firstAndLastDuplicateGiveTheirKey() throws {
        let store = TestEnvironment()
        let (environment, databases) = try store.open(creating: "index", flags: [.duplicateSort])
        try environment.write { txn throws in
            for value in ["1", "2"] { try txn.put(databases[0], "k", value) }
        }
        try environment.read { txn throws in
            try txn.withCursor(databases[0]) { cursor throws in
                #expect(try cursor.find("k") == "k=1")
                #expect(try pair(cursor.lastDuplicate()) == "k=2")
                #expect(try pair(cursor.firstDuplicate()) == "k=1")
            }
        }
    }

    @Test func countingDuplicatesNeedsADuplicateSortedDatabase() throws {
        let store = TestEnvironment()
        let (environment, database) = try filled(store, ["a"])
        try environment.read { txn throws in
            try txn.withCursor(database) { cursor throws in
                _ = try cursor.first()
                #expect(throws: LMDBError.self) { try cursor.duplicateCount() }
            }
        }
    }

    @Test func cursorPutWritesAKeyThatPlainReadsSee() throws {
        let store = TestEnvironment()
        let (environment, database) = try filled(store, ["a"])
        try environment.write { txn throws in
            try txn.withCursor(database) { try $0.put("b", "vb") }
        }
        #expect(try environment.read { try $0.string(database, "b") } == "vb")
    }
}

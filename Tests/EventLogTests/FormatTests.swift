import EventLog
import Foundation
import LMDB
import Testing
import TestSupport

@Suite("Storage format and standard tools")
struct FormatTests {
    @Test func aLedgerOfANewerFormatIsRefusedNamingBothVersions() throws {
        let ledger = TestLedger()
        do {
            let log = try ledger.open()
            try log.append(to: "a", samples(1))
        }
        do {
            let environment = try Environment(path: ledger.path)
            let meta = try environment.openDatabases([("meta", [])])[0]
            try environment.write { try $0.put(meta, key: Array("format".utf8), value: Array("2".utf8)) }
        }
        do {
            _ = try ledger.open()
            Issue.record("a ledger of format 2 was opened")
        } catch let error as EventLogError {
            guard case let .newerFormat(path, found, supported) = error else {
                Issue.record("expected newerFormat, got \(error)")
                return
            }
            #expect(path == ledger.path)
            #expect(found == 2)
            #expect(supported == 1)
            #expect(error.description.contains("storage format 2"))
            #expect(error.description.contains("format 1 this program reads"))
        }
        // The refusal left the ledger as it was, and the path free to open again.
        #expect(throws: EventLogError.newerFormat(path: ledger.path, found: 2, supported: 1)) {
            _ = try ledger.open()
        }
    }

    @Test func anLMDBEnvironmentWithoutTheLedgersDatabasesIsNotALedger() throws {
        let directory = TemporaryDirectory(prefix: "foreign")
        do {
            let environment = try Environment(path: directory.path)
            let other = try environment.openDatabases([("inventory", .create)])[0]
            try environment.write { try $0.put(other, key: Array("apples".utf8), value: Array("3".utf8)) }
        }
        do {
            _ = try EventLog(path: directory.path, options: EventLogOptions(isReadOnly: true))
            Issue.record("a foreign LMDB environment opened as a ledger")
        } catch let error as EventLogError {
            guard case let .notALedger(path, reason) = error else {
                Issue.record("expected notALedger, got \(error)")
                return
            }
            #expect(path == directory.path)
            #expect(reason.contains("\"inventory\" that no ledger has"))
        }
        // Nothing was added to it.
        let environment = try Environment(path: directory.path)
        #expect(throws: LMDBError.notFound) { _ = try environment.openDatabases([("meta", [])]) }
    }

    @Test func aDirectoryWithoutDataIsNotALedgerWhenOpenedReadOnly() throws {
        let directory = TemporaryDirectory(prefix: "empty")
        do {
            _ = try EventLog(path: directory.path, options: EventLogOptions(isReadOnly: true))
            Issue.record("an empty directory opened as a ledger")
        } catch let EventLogError.notALedger(path, reason) {
            #expect(path == directory.path)
            #expect(reason.contains("data.mdb"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [])
    }

    @Test func aLedgerOpensReadOnlyForReading() throws {
        let ledger = TestLedger()
        let head: Head
        do {
            let log = try ledger.open()
            head = try log.append(to: "a", samples(3)).head
        }
        let log = try EventLog(path: ledger.path, options: EventLogOptions(isReadOnly: true))
        #expect(try log.head() == head)
        #expect(try log.events().count == 3)
        #expect(try log.verify(deep: true).isIntact)
        #expect(throws: EventLogError.self) { try log.append(to: "a", samples(1)) }
        #expect(try log.head() == head)
    }

    /// A closed ledger with `count` events in two streams and one checkpoint.
    private func writeLedger(_ ledger: TestLedger, count: Int) throws {
        let log = try ledger.open()
        try log.append(to: "alpha", samples(count / 2))
        try log.append(to: "beta", samples(count - count / 2))
        try log.saveCheckpoint(consumer: "report", previous: 0, position: 2, state: Array("{}".utf8))
    }

    /// The entry count of every database, from `mdb_stat -a`.
    private func entriesByDatabase(_ output: String) -> [String: Int] {
        var result: [String: Int] = [:]
        var current: String?
        for line in output.split(separator: "\n") {
            if line.hasPrefix("Status of ") {
                current = String(line.dropFirst("Status of ".count))
            } else if let name = current, let range = line.range(of: "Entries: ") {
                result[name] = Int(line[range.upperBound...])
            }
        }
        return result
    }

    @Test func mdbStatReadsEveryDatabaseOfALedgerWithItsEntryCount() throws {
        let ledger = TestLedger()
        try writeLedger(ledger, count: 25)
        let stat = try runProgram(try lmdbTool("mdb_stat"), ["-a", ledger.path])
        #expect(stat.status == 0, "\(stat.errors)")
        let entries = entriesByDatabase(stat.output)
        for name in ["meta", "events", "streams", "ids", "checkpoints"] {
            #expect(entries[name] != nil, "mdb_stat -a does not list \(name)")
        }
        #expect(entries["events"] == 25)
        #expect(entries["streams"] == 25)
        #expect(entries["checkpoints"] == 1)
        #expect((entries["meta"] ?? 0) >= 4)
        // Every count agrees with what LMDB reports to the program itself.
        let environment = try Environment(path: ledger.path)
        for (name, count) in entries where name != "Main DB" {
            let database = try environment.openDatabases([(name, [])])[0]
            #expect(try environment.read { try $0.statistics(database).entries } == count, "\(name)")
        }
    }

    @Test func mdbDumpListsTheDatabasesAndPrintsTheStoredBodies() throws {
        let ledger = TestLedger()
        try writeLedger(ledger, count: 4)
        let list = try runProgram(try lmdbTool("mdb_dump"), ["-l", ledger.path])
        #expect(list.status == 0, "\(list.errors)")
        let names = Set(list.lines)
        #expect(names.isSuperset(of: ["meta", "events", "streams", "ids", "checkpoints"]))

        let events = try runProgram(try lmdbTool("mdb_dump"), ["-p", "-s", "events", ledger.path])
        #expect(events.status == 0, "\(events.errors)")
        // The names and the payload follow the binary header as readable text.
        #expect(events.output.contains(#"alphaCallLoggedtesterapi{"n":0}"#))
        #expect(events.output.contains(#"betaCallLoggedtesterapi{"n":1}"#))
        let meta = try runProgram(try lmdbTool("mdb_dump"), ["-p", "-s", "meta", ledger.path])
        #expect(meta.output.contains(" format\n 1\n"))
    }
}

@Suite("Foreign LMDB environments")
struct ForeignEnvironmentTests {
    @Test func aWritableOpenRefusesAnEnvironmentWithOtherDatabases() throws {
        let ledger = TestLedger()
        do {
            let environment = try Environment(path: ledger.directory.path)
            _ = try environment.openDatabases([("invoices", .create)])
        }
        #expect(throws: EventLogError.notALedger(
            path: ledger.directory.path, reason: "its LMDB environment holds a database \"invoices\" that no ledger has")) {
            _ = try EventLog(path: ledger.directory.path)
        }
        let environment = try Environment(path: ledger.directory.path)
        #expect(try environment.databaseNames() == ["invoices"])
    }
}

import EventLog
import Foundation
import LMDB
import Testing
import TestSupport

@Suite("Crash safety and dead processes")
struct CrashTests {
    @Test func aWriterKilledInTheMiddleOfABatchLeavesTheLogAsItWasBeforeIt() throws {
        let ledger = TestLedger()
        // Storing 200,000 events takes the probe seconds (a debug build) or most of a second
        // (a release build): far longer than the pause before the kill.
        let probe = try startProbe(["crash", ledger.path, "3", "100", "200000"])
        #expect(probe.waitFor("committed"))
        #expect(probe.waitFor("in transaction"))
        usleep(100_000)
        probe.kill()
        #expect(!probe.printed.contains("finished"), "the doomed batch committed before the kill; make it larger")
        #expect(probe.printed.contains("writing"))

        // No repair step: open, verify, read.
        let log = try ledger.open()
        let report = try log.verify(deep: true)
        #expect(report.isIntact, "\(report)")
        #expect(report.eventCount == 300)
        #expect(try log.head().position == 300)
        #expect(try log.streams().map(\.stream) == ["committed"])
        #expect(try log.version(ofStream: "committed") == 300)
        #expect(try log.version(ofStream: "doomed") == 0)
        let events = try log.events()
        #expect(events.count == 300)
        #expect(try expectEachBatchIsContiguous(events) == 3)

        let next = try log.append(to: "after", samples(2))
        #expect(next.positions == [301, 302])
        #expect(try log.verify(deep: true).isIntact)
    }

    @Test func aPipelinedWriterKilledMidRunLeavesOnlyWholeBatches() throws {
        let ledger = TestLedger()
        let go = ledger.directory.appending("go")
        // 400 batches of 500 events: seconds of work, so the kill lands in the middle of the run.
        let probe = try startProbe(["append-pipelined", ledger.path, "pipelined", "400", "500", go])
        #expect(probe.waitFor("ready"))
        #expect(FileManager.default.createFile(atPath: go, contents: nil))
        // Kill once some batches have committed, while the run goes on.
        let log = try ledger.open()
        while try log.head().position == 0, !probe.printed.contains("done") { usleep(5_000) }
        usleep(100_000)
        probe.kill()
        #expect(!probe.printed.contains("done"), "the run finished before the kill; make it longer")

        let report = try log.verify(deep: true)
        #expect(report.isIntact, "\(report)")
        #expect(report.eventCount > 0)
        #expect(report.eventCount % 500 == 0)
        let events = try log.events()
        #expect(try expectEachBatchIsContiguous(events) == events.count / 500)
        #expect(try events.map { try $0.probePayload().batch } == (0..<events.count).map { $0 / 500 })
        #expect(try log.append(to: "after", samples(1)).positions == [report.eventCount + 1])
    }

    @Test func aWriterKilledWhileHoldingTheWriteLockDoesNotBlockTheNextWriter() throws {
        let ledger = TestLedger()
        do {
            let log = try ledger.open()
            try log.append(to: "a", samples(2))
        }
        // The probe stops inside the write transaction of its append (in the clock the log
        // reads there), so LMDB's writer mutex dies with it.
        let probe = try startProbe(["hold-writer", ledger.path])
        #expect(probe.waitFor("holding pid"))
        probe.kill()

        // LMDB's writer mutex is robust: the next writer recovers it from the dead owner.
        let log = try ledger.open()
        #expect(try log.append(to: "a", samples(1)).positions == [3])
        #expect(try log.version(ofStream: "held") == 0)
        #expect(try log.verify(deep: true).isIntact)
    }

    /// The reader table of a ledger as `mdb_stat -r` prints it.
    private func readerTable(_ path: String) throws -> String {
        // mdb_stat 0.9.24 exits with 1 after printing the reader table; its output is what counts.
        let result = try runProgram(try lmdbTool("mdb_stat"), ["-r", path])
        #expect(result.output.hasPrefix("Reader Table Status"), "mdb_stat -r failed: \(result.errors)")
        return result.output
    }

    /// Starts a probe that stops inside a read transaction; returns it and its pid.
    private func startHeldReader(_ path: String) throws -> (ChildProcess, String) {
        let probe = try startProbe(["hold-reader", path])
        #expect(probe.waitFor("reading pid"))
        let line = try #require(probe.printed.split(separator: "\n").first { $0.hasPrefix("reading pid ") })
        return (probe, String(line.dropFirst("reading pid ".count)))
    }

    /// Whether `mdb_stat -r` output lists a reader slot of process `pid`.
    private func lists(_ table: String, pid: String) -> Bool {
        table.split(separator: "\n").contains { $0.split(separator: " ").first.map(String.init) == pid }
    }

    @Test func openingALedgerClearsTheReaderSlotOfAKilledProcess() throws {
        let ledger = TestLedger()
        // A process that keeps the ledger open: when no process has an environment open, the
        // next one to open it resets the whole reader table, and no slot could go stale.
        let (keeper, keeperPID) = try startHeldReader(ledger.path)
        defer { keeper.kill() }
        let (victim, victimPID) = try startHeldReader(ledger.path)
        let before = try readerTable(ledger.path)
        #expect(lists(before, pid: keeperPID))
        #expect(lists(before, pid: victimPID))
        victim.kill()
        // The slot outlives its process...
        #expect(lists(try readerTable(ledger.path), pid: victimPID))
        // ...until the next open checks the table (mdb_reader_check).
        let log = try ledger.open()
        let after = try readerTable(ledger.path)
        #expect(!lists(after, pid: victimPID))
        #expect(lists(after, pid: keeperPID))
        #expect(try log.events().count == 1)
    }

    @Test func clearingStaleReadersFreesTheSlotOfAProcessThatDiedAfterTheOpen() throws {
        let ledger = TestLedger()
        let (probe, pid) = try startHeldReader(ledger.path)
        // Opened while the reader lives: the open-time check finds nothing to clear.
        let environment = try Environment(path: ledger.path)
        #expect(try environment.clearStaleReaders() == 0)
        probe.kill()
        #expect(lists(try readerTable(ledger.path), pid: pid))
        #expect(try environment.clearStaleReaders() == 1)
        #expect(!lists(try readerTable(ledger.path), pid: pid))
        #expect(try environment.clearStaleReaders() == 0)
    }
}

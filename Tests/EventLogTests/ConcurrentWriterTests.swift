import EventLog
import Foundation
import Testing
import TestSupport

/// Writers in several processes (child `eventlog-probe`s) on one LMDB ledger; writers on threads
/// of one process are in the guarantee suite.
@Suite("Concurrent writers in several processes")
struct ConcurrentWriterTests {
    @Test func severalProcessesAppendingAtOnceLoseNothingAndNeverInterleave() throws {
        let ledger = TestLedger()
        let go = ledger.directory.appending("go")
        let writers = (0..<4).map { "writer\($0)" }
        let batches = 25, size = 40
        // The probes open the ledger (creating it together) with a 1 MiB map that they must grow.
        let probes = try writers.map { try startProbe(["append", ledger.path, $0, String(batches), String(size), go]) }
        for probe in probes { #expect(probe.waitFor("ready")) }
        #expect(FileManager.default.createFile(atPath: go, contents: nil))
        for probe in probes {
            #expect(probe.waitForExit() == 0)
            #expect(probe.printed.contains("done"))
        }

        let log = try ledger.open()
        let events = try log.events()
        let total = writers.count * batches * size
        #expect(events.map(\.position) == Array(1...UInt64(total)))
        #expect(try expectEachBatchIsContiguous(events) == writers.count * batches)
        for writer in writers {
            #expect(try log.version(ofStream: writer) == UInt64(batches * size))
            #expect(try log.events(inStream: writer).map { try $0.probePayload().writer } == Array(repeating: writer, count: batches * size))
        }
        let report = try log.verify(deep: true)
        #expect(report.isIntact, "\(report)")
        #expect(report.eventCount == UInt64(total))
    }

    @Test func twoProcessesRacingThousandEventBatchesWriteEachAsOneBlock() throws {
        let ledger = TestLedger()
        let go = ledger.directory.appending("go")
        let probes = try ["left", "right"].map { try startProbe(["append", ledger.path, $0, "3", "1000", go]) }
        for probe in probes { #expect(probe.waitFor("ready")) }
        #expect(FileManager.default.createFile(atPath: go, contents: nil))
        for probe in probes { #expect(probe.waitForExit() == 0) }

        let log = try ledger.open()
        let events = try log.events()
        #expect(events.count == 6_000)
        #expect(try expectEachBatchIsContiguous(events) == 6)
        // Each block starts on a multiple of 1,000: no batch was split by the other's.
        let starts = Set(try events.filter { try $0.probePayload().index == 0 }.map(\.position))
        #expect(starts == [1, 1_001, 2_001, 3_001, 4_001, 5_001])
        #expect(try log.verify(deep: true).isIntact)
    }

    @Test func pipelinedWritersInSeveralProcessesReencodeStaleBatchesAndNeverInterleave() throws {
        // appendBatches encodes each next batch for the state its own previous batch leaves;
        // with other processes committing in between, most encodings go stale and must be
        // redone inside their transactions.
        let ledger = TestLedger()
        let go = ledger.directory.appending("go")
        let writers = [("pipelined0", "append-pipelined"), ("pipelined1", "append-pipelined"), ("plain", "append")]
        let batches = 30, size = 50
        let probes = try writers.map { try startProbe([$0.1, ledger.path, $0.0, String(batches), String(size), go]) }
        for probe in probes { #expect(probe.waitFor("ready")) }
        #expect(FileManager.default.createFile(atPath: go, contents: nil))
        for probe in probes {
            #expect(probe.waitForExit() == 0)
            #expect(probe.printed.contains("done"))
        }

        let log = try ledger.open()
        let events = try log.events()
        let total = writers.count * batches * size
        #expect(events.map(\.position) == Array(1...UInt64(total)))
        #expect(try expectEachBatchIsContiguous(events) == writers.count * batches)
        for (writer, _) in writers {
            let stream = try log.events(inStream: writer)
            #expect(stream.count == batches * size)
            // Each writer's batches landed in the order it gave them.
            let order = try stream.map { try $0.probePayload() }.map { $0.batch * size + $0.index }
            #expect(order == Array(0..<batches * size))
        }
        let report = try log.verify(deep: true)
        #expect(report.isIntact, "\(report)")
    }
}

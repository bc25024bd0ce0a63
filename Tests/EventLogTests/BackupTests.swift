import EventLog
import Foundation
import LMDB
import Testing
import TestSupport

@Suite("Backup and restore")
struct BackupTests {
    @Test func aHotBackupTakenDuringAppendsRestoresToAnIdenticalLedger() throws {
        let ledger = TestLedger()
        let log = try ledger.open()
        let seed = try log.append(to: "seed", samples(20)).head
        let backup = TemporaryDirectory(prefix: "backup")
        let (backupReport, observedHeads, problems) = try whileAppending(to: log, seed: seed) {
            try log.backup(to: backup.appending("copy"))
        }
        #expect(problems == [])

        let restoredDirectory = TemporaryDirectory(prefix: "restored")
        let restoredPath = restoredDirectory.appending("ledger")
        let restoreReport = try EventLog.restore(from: backup.appending("copy"), to: restoredPath)
        let restored = try EventLog(path: restoredPath)
        let head = try restored.head()
        #expect(observedHeads.contains(head), "the backup's head \(head.position) is no state the live ledger passed through")
        #expect(head.position > 20)
        #expect(backupReport.headDigest == head.digest)
        #expect(restoreReport.headDigest == head.digest)
        #expect(try restored.events() == log.events(limit: Int(head.position)))
        #expect(try restored.ledgerID() == log.ledgerID())
        #expect(try restored.verify(deep: true).isIntact)
    }

    /// Copies a closed ledger as `mdb_copy -c` would; restore tests start from this copy.
    private func compactCopy(of ledger: TestLedger, into directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let environment = try Environment(path: ledger.path)
        try environment.copy(to: directory, compacting: true)
    }

    private func writeClosedLedger(_ ledger: TestLedger) throws -> Head {
        let log = try ledger.open()
        try log.append(to: "a", (1...10).map { sample(payload: #"{"marker":"event-\#($0)-end"}"#) })
        return try log.head()
    }

    @Test func restoringIntoANonEmptyDirectoryFailsAndTouchesNothing() throws {
        let ledger = TestLedger()
        _ = try writeClosedLedger(ledger)
        let backup = ledger.directory.appending("backup")
        try compactCopy(of: ledger, into: backup)
        let destination = ledger.directory.appending("occupied")
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: destination + "/notes.txt", contents: Data("keep".utf8)))

        #expect(throws: EventLogError.destinationNotEmpty(path: destination)) {
            try EventLog.restore(from: backup, to: destination)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination) == ["notes.txt"])
        #expect(try String(contentsOfFile: destination + "/notes.txt", encoding: .utf8) == "keep")
    }

    @Test func aCompactCopyRestoresAndVerifies() throws {
        let ledger = TestLedger()
        let head = try writeClosedLedger(ledger)
        let backup = ledger.directory.appending("backup")
        try compactCopy(of: ledger, into: backup)
        let destination = ledger.directory.appending("restored")
        let report = try EventLog.restore(from: backup, to: destination)
        #expect(report.isIntact)
        #expect(report.eventCount == 10)
        #expect(report.headDigest == head.digest)
    }

    @Test func aTamperedBackupFailsVerificationAndLeavesNothingBehind() throws {
        let ledger = TestLedger()
        _ = try writeClosedLedger(ledger)
        let backup = ledger.directory.appending("backup")
        try compactCopy(of: ledger, into: backup)
        // One byte of event 4's payload, changed in the file itself.
        let file = backup + "/data.mdb"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        let marker = Array("event-4-end".utf8)
        let offsets = (0...(bytes.count - marker.count)).filter { bytes[$0..<$0 + marker.count].elementsEqual(marker) }
        try #require(offsets.count == 1, "a compact copy holds each event once")
        bytes[offsets[0] + 6] = UInt8(ascii: "5")
        try Data(bytes).write(to: URL(fileURLWithPath: file))

        let destination = ledger.directory.appending("restored")
        do {
            try EventLog.restore(from: backup, to: destination)
            Issue.record("a tampered backup was restored")
        } catch let EventLogError.verificationFailed(path, report) {
            #expect(path == destination)
            // Event 4 changed, so event 5's stored link no longer matches it.
            #expect(report.firstBrokenPosition == 5)
            #expect(report.eventCount == 4)
            #expect(EventLogError.verificationFailed(path: path, report: report).description.contains("position 5"))
        }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: destination)) ?? []
        #expect(left == [])
    }

    @Test func restoringFromADirectoryWithoutALedgerFails() throws {
        let empty = TemporaryDirectory(prefix: "not-a-backup")
        let destination = TemporaryDirectory(prefix: "restored")
        #expect(throws: EventLogError.self) {
            try EventLog.restore(from: empty.path, to: destination.appending("ledger"))
        }
        #expect(!FileManager.default.fileExists(atPath: destination.appending("ledger")))
    }
}

import EventLog
import Foundation
import Testing
import TestSupport

/// LMDB must not have one environment open twice in a process: closing either copy drops the
/// process's file locks on `lock.mdb`, and other processes then take its live readers for dead.
@Suite("One open ledger per path and process")
struct OpenOnceTests {
    @Test func aLedgerOpenInThisProcessCannotBeOpenedAgainUntilReleased() throws {
        let ledger = TestLedger()
        do {
            let log = try ledger.open()
            #expect(throws: EventLogError.alreadyOpen(path: ledger.path)) { _ = try ledger.open() }
            #expect(throws: EventLogError.alreadyOpen(path: ledger.path)) {
                _ = try EventLog(path: ledger.path + "/", options: EventLogOptions(isReadOnly: false))
            }
            try log.append(to: "a", samples(1))
        }
        #expect(try ledger.open().head().position == 1)
    }

    @Test func aLedgerReachedThroughASymlinkedDirectoryIsTheSameOpenLedger() throws {
        let ledger = TestLedger()
        let log = try ledger.open()
        let alias = ledger.directory.appending("alias")
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: ledger.directory.path)
        do {
            let second = try EventLog(path: alias + "/ledger")
            Issue.record("the ledger at \(log.path) was opened a second time as \(second.path)")
        } catch let error as EventLogError {
            #expect(error == .alreadyOpen(path: alias + "/ledger") || error == .alreadyOpen(path: ledger.path))
        }
    }

    @Test func aLedgerOpenedThroughARelativeSymlinkHasAnAbsolutePath() throws {
        let ledger = TestLedger()
        do { _ = try ledger.open() }
        let link = ledger.directory.appending("current")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "ledger")
        let log = try EventLog(path: link)
        #expect(log.path.hasPrefix("/"), "path \(log.path) is not absolute")
        #expect(URL(fileURLWithPath: log.path).resolvingSymlinksInPath().path
                == URL(fileURLWithPath: ledger.path).resolvingSymlinksInPath().path)
        #expect(throws: EventLogError.self) { _ = try ledger.open() }
    }
}

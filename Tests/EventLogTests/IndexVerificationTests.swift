import EventLog
import Foundation
import LMDB
import Testing

@Suite("Deep verification of the indexes")
struct IndexVerificationTests {
    @Test func deepVerificationFindsAStreamEntryPointingAtAnotherStreamsEvent() throws {
        let ledger = TestLedger()
        do {
            let log = try ledger.open()
            try log.append(to: "a", samples(2))
            try log.append(to: "b", samples(1))
        }
        // Stream "a" now lists positions 1 and 3; every count and version still adds up.
        do {
            let environment = try Environment(path: ledger.path)
            let streams = try environment.openDatabases([("streams", [.duplicateSort, .duplicateFixed])])[0]
            try environment.write { txn throws in
                let key = Array("a".utf8)
                let second = withUnsafeBytes(of: UInt64(2).bigEndian) { Array($0) }
                let third = withUnsafeBytes(of: UInt64(3).bigEndian) { Array($0) }
                try key.withUnsafeBytes { keyBytes throws in
                    #expect(try second.withUnsafeBytes { try txn.delete(streams, key: keyBytes, value: $0) })
                }
                try txn.put(streams, key: key, value: third)
            }
        }
        let log = try ledger.open()
        #expect(try log.events(inStream: "a").map(\.stream) == ["a", "b"])
        let report = try log.verify(deep: true)
        #expect(!report.isIntact, "deep verification passed a stream index that reads another stream's event")
    }
}

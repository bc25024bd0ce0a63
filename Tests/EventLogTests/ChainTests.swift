import Crypto
import EventLog
import Foundation
import LMDB
import Testing

@Suite("Hash chain and tamper evidence")
struct ChainTests {
    @Test func theHeadDigestFollowsTheDocumentedRule() throws {
        let ledger = TestLedger()
        let log = try ledger.open()
        try log.append(to: "a", samples(3))
        // Recompute from the raw stored bytes: digest(n) = SHA-256(key(n) || value(n)),
        // value(n) = digest(n - 1) || body(n), digest(0) = 32 zero bytes.
        var previous = [UInt8](repeating: 0, count: 32)
        for position in UInt64(1)...3 {
            let event = try #require(try log.event(at: position))
            let key = withUnsafeBytes(of: position.bigEndian) { Array($0) }
            var hasher = SHA256()
            hasher.update(data: key)
            hasher.update(data: previous)
            hasher.update(data: try storedBody(of: event))
            previous = Array(hasher.finalize())
            #expect(event.digest == previous)
        }
        #expect(try log.head().digest == previous)
        #expect(try log.verify().headDigest == previous)
    }

    /// The body as the log wrote it, rebuilt from the documented layout.
    private func storedBody(of event: RecordedEvent) throws -> [UInt8] {
        func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }
        var body: [UInt8] = [1]
        body += withUnsafeBytes(of: event.id.uuid) { Array($0) }
        body += bigEndian(event.streamVersion) + bigEndian(event.occurredAt) + bigEndian(event.recordedAt)
        body += bigEndian(UInt16(event.typeVersion)) + [0]
        body += bigEndian(UInt16(event.stream.utf8.count))
        body += [UInt8(event.type.utf8.count), UInt8(event.recordedBy.utf8.count), UInt8(event.source.utf8.count)]
        body += Array(event.stream.utf8) + Array(event.type.utf8) + Array(event.recordedBy.utf8) + Array(event.source.utf8)
        return body + event.payload
    }

    @Test func changingOneStoredByteIsFoundAtThatPosition() throws {
        let ledger = TestLedger()
        do {
            let log = try ledger.open()
            try log.append(to: "a", samples(10))
        }
        try tamper(ledger.path, position: 4) { value in
            // Flip a byte of the payload: "n":3 becomes "n":7.
            let index = value.lastIndex(of: UInt8(ascii: "3"))!
            value[index] = UInt8(ascii: "7")
        }
        let log = try ledger.open()
        let report = try log.verify()
        #expect(!report.isIntact)
        #expect(report.firstBrokenPosition == 5)
        #expect(report.eventCount == 4)
        #expect(report.description.contains("position 5"))
    }

    @Test func rewritingAnEventAndItsSuccessorsLinkIsStillFoundAtTheHead() throws {
        let ledger = TestLedger()
        do {
            let log = try ledger.open()
            try log.append(to: "a", samples(3))
        }
        // A forger who rewrites the last event cannot also change the published head record
        // without it disagreeing with the head digest anyone wrote down before.
        let published = try ledger.open().head().digest
        try tamper(ledger.path, position: 3) { value in
            let index = value.lastIndex(of: UInt8(ascii: "2"))!
            value[index] = UInt8(ascii: "9")
        }
        let report = try ledger.open().verify()
        #expect(!report.isIntact)
        #expect(report.headDigest != published)
    }

    @Test func aMissingPositionIsNamed() throws {
        let ledger = TestLedger()
        do {
            let log = try ledger.open()
            try log.append(to: "a", samples(5))
        }
        try editRaw(ledger.path) { txn, events in
            let key = withUnsafeBytes(of: UInt64(3).bigEndian) { Array($0) }
            _ = try key.withUnsafeBytes { try txn.delete(events, key: $0) }
        }
        let report = try ledger.open().verify()
        #expect(report.firstBrokenPosition == 3)
    }

    /// Rewrites the stored value at `position` through raw LMDB, as an attacker with file access could.
    private func tamper(_ path: String, position: UInt64, _ edit: (inout [UInt8]) -> Void) throws {
        try editRaw(path) { txn, events in
            let key = withUnsafeBytes(of: position.bigEndian) { Array($0) }
            var value = try #require(try txn.get(events, key: key)).map { $0 }
            edit(&value)
            try txn.put(events, key: key, value: value)
        }
    }

    /// Opens the ledger's LMDB environment directly (closed again on return) and edits `events`.
    private func editRaw(_ path: String, _ body: (Transaction, Database) throws -> Void) throws {
        let environment = try Environment(path: path)
        let events = try environment.openDatabases([("events", [])])[0]
        try environment.write { try body($0, events) }
    }

    @Test func noPublicAPIChangesOrRemovesAnEvent() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/EventLog").standardizedFileURL
        let files = try FileManager.default.contentsOfDirectory(at: sources, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" }
        #expect(!files.isEmpty)
        let forbidden = ["update", "delete", "remove", "replace", "truncate", "rewrite", "edit", "put", "erase"]
        var requirements = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            // The requirements of a public protocol (EventStore) are public without saying so.
            var inPublicProtocol = false
            for line in text.split(separator: "\n") {
                if line.hasPrefix("public protocol") { inPublicProtocol = true }
                if line == "}" { inPublicProtocol = false }
                let isRequirement = inPublicProtocol && line.trimmingCharacters(in: .whitespaces).hasPrefix("func ")
                if isRequirement { requirements += 1 }
                guard line.contains("public func") || line.contains("public static func") || isRequirement else { continue }
                let name = line.split(separator: "func ").last?.prefix { $0 != "(" && $0 != "<" }.lowercased() ?? ""
                for word in forbidden {
                    #expect(!name.hasPrefix(word), "public API \(name) in \(file.lastPathComponent) looks like it changes events")
                }
            }
        }
        #expect(requirements >= 19, "the scan found \(requirements) protocol requirements")
    }
}

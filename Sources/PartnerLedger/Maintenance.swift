import EventLog
import Foundation

/// The head of the log: the number to publish so that anyone can check the history later.
public struct LedgerHead: Sendable, Codable, Equatable {
    /// The last event's position; 0 for an empty ledger.
    public let position: UInt64
    /// The last event's chain digest, as hex (64 zeros for an empty ledger).
    public let digest: String
    /// The last event's recorded time; `nil` for an empty ledger.
    public let recordedAt: Timestamp?
}

extension LedgerHead {
    /// The head of the log as the ledger shows it.
    init(_ head: Head) {
        self.init(
            position: head.position, digest: head.digestHex,
            recordedAt: head.position == 0 ? nil : Timestamp(millisecondsSinceEpoch: head.recordedAt))
    }
}

extension Ledger {
    /// The log's head: its position and chain digest.
    public func head() throws -> LedgerHead {
        LedgerHead(try log.head())
    }

    /// Recomputes the whole hash chain and checks every event's stream version and id index entry.
    public func verify() throws -> Verification {
        Verification(try log.verify(deep: true))
    }

    /// Writes a verified, compacted copy of the ledger, with its settings, into `directory`
    /// (missing or empty), while other writers may go on appending.
    @discardableResult
    public func backup(to directory: String) throws -> Verification {
        let target = LedgerLocation.absolute(directory)
        let report = Verification(try log.backup(to: target))
        try settings?.save(toLedger: target)
        return report
    }

    /// Restores a backup into `destination` (missing or empty) and verifies it, settings included.
    @discardableResult
    public static func restore(from backup: String, to destination: String) throws -> Verification {
        let source = LedgerLocation.absolute(backup)
        let target = LedgerLocation.absolute(destination)
        let report = Verification(try EventLog.restore(from: source, to: target))
        if let settings = try LedgerSettings.load(fromLedger: source) {
            try settings.save(toLedger: target)
        }
        return report
    }
}

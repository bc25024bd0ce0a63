import Foundation
import LedgerJSON
internal import LMDB

/// Why the event log refused an operation. Every case reads as a sentence that says what
/// was wrong, with which value, and what to do.
public enum EventLogError: Error, Equatable, CustomStringConvertible {
    /// A stream's version was not what the append expected; nothing was written.
    case wrongExpectedVersion(stream: String, expected: ExpectedVersion, actual: UInt64)
    /// An event id is stored already with other content; nothing was written.
    case eventIDConflict(id: UUID, position: UInt64)
    /// A batch mixes events already stored with new ones; nothing was written.
    case partiallyStoredBatch(id: UUID, position: UInt64)
    /// The same event id appears twice in one batch; nothing was written.
    case duplicateEventInBatch(id: UUID)
    /// A stream name, type name or other envelope field is unusable.
    case invalidField(field: String, value: String, reason: String)
    /// A payload is not one JSON object.
    case invalidPayload(id: UUID, error: JSONError)
    /// The ledger was written by a newer format than this program reads.
    case newerFormat(path: String, found: Int, supported: Int)
    /// The directory holds an LMDB environment that is not a ledger, or a damaged ledger.
    case notALedger(path: String, reason: String)
    /// This process has the ledger open already.
    case alreadyOpen(path: String)
    /// A checkpoint may only move forward.
    case checkpointRegression(consumer: String, stored: UInt64, attempted: UInt64)
    /// A backup or restore target must be empty or missing.
    case destinationNotEmpty(path: String)
    /// A restored ledger failed verification.
    case verificationFailed(path: String, report: VerificationReport)
    /// The storage engine reported an error (for LMDB: its error code and message).
    case storage(StorageFailure)
    /// A file system operation failed.
    case fileSystem(path: String, reason: String)
    /// The data file is damaged (cut short, or its meta pages broken); it was not mapped.
    case damaged(path: String, reason: String)

    public var description: String {
        switch self {
        case let .wrongExpectedVersion(stream, expected, actual):
            return "stream \"\(stream)\" is at version \(actual), but the append expected \(expected); nothing was written. Read the stream again and retry against version \(actual)."
        case let .eventIDConflict(id, position):
            return "event id \(id.uuidString.lowercased()) is already stored at position \(position) with different content; nothing was written. Use a new id for a new event."
        case let .partiallyStoredBatch(id, position):
            return "event id \(id.uuidString.lowercased()) is already stored at position \(position), but other events of the batch are new; nothing was written. Append the new events on their own."
        case let .duplicateEventInBatch(id):
            return "event id \(id.uuidString.lowercased()) appears twice in one batch; nothing was written. Give each event its own id."
        case let .invalidField(field, value, reason):
            return "\(field) \"\(value)\" is not valid: \(reason); nothing was written."
        case let .invalidPayload(id, error):
            return "payload of event \(id.uuidString.lowercased()) is not valid: \(error); nothing was written. A payload must be one JSON object."
        case let .newerFormat(path, found, supported):
            return "the ledger at \(path) has storage format \(found), newer than the format \(supported) this program reads. Upgrade the program to open it."
        case let .notALedger(path, reason):
            return "\(path) is not a usable ledger: \(reason)."
        case let .alreadyOpen(path):
            return "the ledger at \(path) is already open in this process; share the open EventLog instead of opening it twice."
        case let .checkpointRegression(consumer, stored, attempted):
            return "checkpoint of \"\(consumer)\" is at position \(stored); it cannot move back to \(attempted)."
        case let .destinationNotEmpty(path):
            return "\(path) is not empty; choose a new or empty directory."
        case let .verificationFailed(path, report):
            return "the ledger at \(path) failed verification: \(report)."
        case let .storage(error):
            return "storage failure: \(error)."
        case let .fileSystem(path, reason):
            return "\(path): \(reason)."
        case let .damaged(path, reason):
            return "\(path) is damaged: \(reason). Nothing was read from it; restore the ledger from a backup (pledger restore DIRECTORY)."
        }
    }
}

/// A failure of the storage engine under an event store, as the engine reported it: the
/// same type whatever the engine, so that no LMDB type shows above the storage layer.
public struct StorageFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The engine's error code (for LMDB an `errno` value or one of its own `MDB_` codes).
    public let code: Int32
    /// The engine's message.
    public let message: String

    /// A failure with the engine's code and message.
    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

extension StorageFailure {
    init(_ error: LMDBError) {
        self.init(code: error.code, message: error.description)
    }
}

/// Runs `body`, presenting LMDB errors as ``EventLogError/storage(_:)``.
@inline(__always)
func storageErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as LMDBError {
        throw EventLogError.storage(StorageFailure(error))
    }
}

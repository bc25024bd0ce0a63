import EventLog
import Foundation

/// Why a ledger operation was refused. Every case reads as a sentence that says what was
/// wrong, with which value, and what to do.
public enum LedgerError: Error, Equatable, CustomStringConvertible {
    /// No ledger exists at the path.
    case noLedger(path: String)
    /// `init` was pointed at a directory that holds other files and no ledger.
    case notEmptyDirectory(path: String)
    /// The ledger belongs to another organisation already.
    case alreadyInitialized(path: String, organization: String)
    /// The settings file of the ledger cannot be read or written.
    case settings(path: String, reason: String)
    /// A command needs the owning organisation, and the ledger has none.
    case noOrganization(option: String)
    /// A partnership slug names no partnership of the ledger.
    case unknownPartnership(slug: String, known: [String])
    /// An event reference (an id or a position) names no stored event.
    case unknownEvent(reference: String)
    /// Other writers kept changing the partnership's stream; nothing was written.
    case concurrencyConflict(partnership: String, attempts: Int)
    /// A stored event cannot be read as a partnership event.
    case unreadableEvent(position: UInt64, type: String, version: Int, reason: String)
    /// An input file cannot be read.
    case unreadableInput(path: String, reason: String)

    /// The error as a sentence: what was wrong, with which value, and what to do.
    public var description: String {
        switch self {
        case let .noLedger(path):
            return "there is no ledger at \(path). Create one with `pledger init --organization <your-party-id>`, or point --ledger or PLEDGER_LEDGER at an existing ledger."
        case let .notEmptyDirectory(path):
            return "\(path) holds other files and no ledger; nothing was created. Choose a new or empty directory for the ledger."
        case let .alreadyInitialized(path, organization):
            return "the ledger at \(path) already belongs to organisation \"\(organization)\"; nothing was changed. Use that party id, or create another ledger elsewhere."
        case let .settings(path, reason):
            return "the ledger settings at \(path) cannot be used: \(reason)."
        case let .noOrganization(option):
            return "this ledger has no owning organisation, so \(option) has no default. Give \(option), or set the organisation with `pledger init --organization <your-party-id>`."
        case let .unknownPartnership(slug, known):
            let listed = known.isEmpty ? "the ledger holds none yet" : "known: \(known.joined(separator: ", "))"
            return "no partnership \"\(slug)\" is recorded (\(listed)). Check the slug with `pledger partnership list`."
        case let .unknownEvent(reference):
            return "no event \(reference) is stored. Give an event id or a position shown by `pledger history`."
        case let .concurrencyConflict(partnership, attempts):
            return "other writers changed partnership \"\(partnership)\" during each of \(attempts) attempts; nothing was written. Run the command again."
        case let .unreadableEvent(position, type, version, reason):
            return "the event at position \(position) (\(type) version \(version)) cannot be read: \(reason). Upgrade pledger if a newer version wrote it."
        case let .unreadableInput(path, reason):
            return "cannot read \(path): \(reason)."
        }
    }
}

/// What kind of failure an error is: the command line turns each kind into its own exit code.
public enum FailureKind: Sendable, Hashable {
    /// The command was called wrongly: a missing ledger, an unusable directory.
    case usage
    /// The input was refused: a value, a file line or an event broke a rule. Nothing was written.
    case invalidInput
    /// Other writers kept changing the same partnership; nothing was written.
    case conflict
    /// The storage or the file system failed.
    case storage
    /// The hash chain does not verify.
    case verification

    /// Classifies an error thrown by this module, by the domain or by the event log;
    /// `nil` for any other error.
    public init?(classifying error: any Error) {
        switch error {
        case is DomainError:
            self = .invalidInput
        case let error as LedgerError:
            switch error {
            case .noLedger, .notEmptyDirectory, .noOrganization: self = .usage
            case .alreadyInitialized, .unknownPartnership, .unknownEvent: self = .invalidInput
            case .concurrencyConflict: self = .conflict
            case .settings, .unreadableEvent, .unreadableInput: self = .storage
            }
        case let error as EventLogError:
            switch error {
            case .wrongExpectedVersion: self = .conflict
            case .eventIDConflict, .partiallyStoredBatch, .duplicateEventInBatch, .invalidField, .invalidPayload: self = .invalidInput
            case .destinationNotEmpty: self = .usage
            case .verificationFailed: self = .verification
            case .newerFormat, .notALedger, .alreadyOpen, .checkpointRegression, .storage, .fileSystem, .damaged: self = .storage
            }
        default:
            return nil
        }
    }
}

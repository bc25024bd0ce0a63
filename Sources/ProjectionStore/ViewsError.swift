import Foundation

/// Why the projection views could not be brought up to date or read. Every case reads as a sentence.
public enum ViewsError: Error, Equatable, CustomStringConvertible {
    /// A stored event could not be decoded into a partnership event.
    case undecodableEvent(position: UInt64, type: String, version: Int, reason: String)
    /// A stored checkpoint does not hold a state this program can read.
    case damagedCheckpoint(consumer: String, reason: String)
    /// No partnership with this slug has events in the ledger.
    case unknownPartnership(slug: String)
    /// Another process moved a checkpoint while a rebuild was writing it.
    case checkpointMoved(consumer: String)

    public var description: String {
        switch self {
        case let .undecodableEvent(position, type, version, reason):
            return "the event at position \(position) (\(type) v\(version)) cannot be read: \(reason). Check the ledger with `pledger verify`."
        case let .damagedCheckpoint(consumer, reason):
            return "the checkpoint \"\(consumer)\" cannot be read: \(reason). Rebuild the views from the log with `pledger views rebuild`."
        case let .unknownPartnership(slug):
            return "no partnership \"\(slug)\" has events in this ledger. List the partnerships with `pledger health`."
        case let .checkpointMoved(consumer):
            return "another process moved the checkpoint \"\(consumer)\" during the rebuild; nothing of it was overwritten. Run the rebuild again."
        }
    }
}

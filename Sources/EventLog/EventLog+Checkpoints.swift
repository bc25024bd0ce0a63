import Foundation
internal import LMDB

extension EventLog {
    /// A consumer's stored checkpoint, or `nil` when it has none yet.
    public func checkpoint(of consumer: String) throws -> Checkpoint? {
        try checkName(consumer, field: "consumer", maxBytes: 400)
        return try storageErrors { try environment.read { try readCheckpoint(consumer, in: $0) } }
    }

    /// The stored checkpoints of several consumers, in order (`nil` for one that has none), read in one
    /// transaction; the memory-mapped pages they were copied from are released afterwards, so that
    /// reading large states one group after another does not keep them all resident.
    public func checkpoints(of consumers: [String]) throws -> [Checkpoint?] {
        for consumer in consumers { try checkName(consumer, field: "consumer", maxBytes: 400) }
        return try storageErrors {
            try environment.read { txn in
                var read = MappedPages()
                let checkpoints = try consumers.map { consumer -> Checkpoint? in
                    guard let bytes = try txn.get(checkpointsDB, key: Array(consumer.utf8)), bytes.count >= 8 else { return nil }
                    read.include(bytes)
                    return Checkpoint(position: StorageFormat.readUInt64(bytes), state: Array(bytes[8...]))
                }
                txn.releaseMappedPages(&read)
                return checkpoints
            }
        }
    }

    /// The position of a consumer's stored checkpoint, or `nil` when it has none, read without
    /// copying (or paging in) its state.
    public func checkpointPosition(of consumer: String) throws -> UInt64? {
        try checkName(consumer, field: "consumer", maxBytes: 400)
        return try storageErrors { try environment.read { try readCheckpointPosition(consumer, in: $0) } }
    }

    /// The stored position alone: only the first page of a large state is read.
    private func readCheckpointPosition(_ consumer: String, in txn: Transaction) throws -> UInt64? {
        guard let bytes = try txn.get(checkpointsDB, key: Array(consumer.utf8)), bytes.count >= 8 else { return nil }
        return StorageFormat.readUInt64(bytes)
    }

    private func readCheckpoint(_ consumer: String, in txn: Transaction) throws -> Checkpoint? {
        guard let bytes = try txn.get(checkpointsDB, key: Array(consumer.utf8)), bytes.count >= 8 else { return nil }
        return Checkpoint(position: StorageFormat.readUInt64(bytes), state: Array(bytes[8...]))
    }

    /// Stores a consumer's state and the position it has applied through, in one transaction.
    ///
    /// `previous` is the position the caller started from (0 when it had no checkpoint). When the
    /// stored checkpoint has moved since (another process advanced it), nothing is written and
    /// `false` comes back: start again from the stored one. A checkpoint never moves back:
    /// a `position` below `previous` throws ``EventLogError/checkpointRegression(consumer:stored:attempted:)``.
    @discardableResult
    public func saveCheckpoint(consumer: String, previous: UInt64, position: UInt64, state: [UInt8]) throws -> Bool {
        try saveCheckpoints([CheckpointSave(consumer: consumer, previous: previous, position: position, state: state)])[0]
    }

    /// Stores several consumers' checkpoints in one transaction (one durable commit), each as
    /// ``saveCheckpoint(consumer:previous:position:state:)`` stores it: a consumer whose stored
    /// checkpoint has moved since its `previous` is left as it is and gets `false`, the others
    /// are written and get `true`. With `allOrNothing`, one moved checkpoint writes none of
    /// them (each still gets whether its own expectation held). Every argument is checked before
    /// anything is written; an invalid one (a name, a regression, a position past the log's end)
    /// throws and writes nothing.
    public func saveCheckpoints(_ saves: [CheckpointSave], allOrNothing: Bool = false) throws -> [Bool] {
        for save in saves {
            try checkName(save.consumer, field: "consumer", maxBytes: 400)
            guard save.position >= save.previous else {
                throw EventLogError.checkpointRegression(consumer: save.consumer, stored: save.previous, attempted: save.position)
            }
        }
        guard !saves.isEmpty else { return [] }
        return try storageErrors {
            try environment.write { txn in
                let head = try readHead(txn)
                if let beyond = saves.first(where: { $0.position > head.position }) {
                    throw EventLogError.invalidField(field: "checkpoint position", value: String(beyond.position),
                                                     reason: "the log ends at position \(head.position)")
                }
                let holds = try saves.map { try (readCheckpointPosition($0.consumer, in: txn) ?? 0) == $0.previous }
                if allOrNothing, holds.contains(false) { return holds }
                for (save, holds) in zip(saves, holds) where holds {
                    try txn.put(checkpointsDB, key: Array(save.consumer.utf8), value: StorageFormat.key(save.position) + save.state)
                }
                return holds
            }
        }
    }

    /// Brings a consumer up to date: reads the events after its checkpoint in pages of `pageSize`,
    /// lets `fold` turn (stored state, events) into the new state, and stores state and checkpoint
    /// together after each page. Returns the final checkpoint.
    ///
    /// Because state and position are written in one transaction, a crash between pages loses
    /// nothing and applies nothing twice: the next call resumes from the stored pair. When another
    /// process moves the same checkpoint meanwhile, the page is folded again from its state.
    @discardableResult
    public func catchUp(
        consumer: String, pageSize: Int = 10_000,
        fold: (_ state: [UInt8]?, _ events: [RecordedEvent]) throws -> [UInt8]
    ) throws -> Checkpoint {
        while true {
            let stored = try checkpoint(of: consumer)
            let start = (stored?.position ?? 0) + 1
            let page = try events(from: start, limit: pageSize)
            guard let last = page.last else {
                if let stored { return stored }
                return Checkpoint(position: 0, state: try fold(nil, []))
            }
            let state = try fold(stored?.state, page)
            try saveCheckpoint(consumer: consumer, previous: stored?.position ?? 0, position: last.position, state: state)
        }
    }
}

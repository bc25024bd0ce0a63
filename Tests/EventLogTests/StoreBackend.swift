import EventLog
import Foundation
import Testing
import TestSupport

/// What the guarantee suite gives every backend when it opens a store.
struct StoreOptions: Sendable {
    /// Who is recorded as the writer when an event does not say.
    var recordedBy: String
    /// The clock that stamps `recordedAt`, in milliseconds since the epoch.
    var clock: @Sendable () -> Int64
}

/// One implementation of ``EventStore`` that the guarantee suite runs against.
struct StoreBackend: Sendable, CustomTestStringConvertible {
    /// The name the test report shows.
    let name: String
    private let opener: @Sendable (_ path: String, _ options: StoreOptions) throws -> any EventStore

    init(name: String, open: @escaping @Sendable (_ path: String, _ options: StoreOptions) throws -> any EventStore) {
        self.name = name
        self.opener = open
    }

    /// Opens the store at `path`, creating an empty one when there is none; opening the same
    /// path again, once the previous instance is released, opens the same store.
    func open(path: String, options: StoreOptions) throws -> any EventStore {
        try opener(path, options)
    }

    var testDescription: String { name }

    /// The LMDB event log, opened with a 64 KiB map so that the contract is also checked
    /// across map growth (the map doubles whenever a batch fills it).
    static let lmdb = StoreBackend(name: "LMDB") { path, options in
        try EventLog(path: path, options: EventLogOptions(initialMapSize: 1 << 16, recordedBy: options.recordedBy, clock: options.clock))
    }

    /// Every backend the suite runs against.
    static let all: [StoreBackend] = [.lmdb]
}

/// A store of one backend in its own temporary directory, with a clock the test sets.
struct StoreFixture {
    let backend: StoreBackend
    let directory = TemporaryDirectory(prefix: "eventstore")
    let clock = ManualClock()
    var path: String { directory.appending("store") }

    init(_ backend: StoreBackend) {
        self.backend = backend
    }

    /// Opens the fixture's store; the fixture must outlive the instance.
    func open() throws -> any EventStore {
        let clock = self.clock
        return try backend.open(path: path, options: StoreOptions(recordedBy: "tester", clock: { clock.now }))
    }
}

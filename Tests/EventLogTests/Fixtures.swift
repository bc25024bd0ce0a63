import EventLog
import Foundation
import TestSupport

/// A clock the tests set by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Int64

    init(_ start: Int64 = 1_735_689_600_000) { current = start }

    var now: Int64 {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }

    func advance(byMilliseconds delta: Int64) { lock.withLock { current += delta } }
}

/// A ledger in its own temporary directory.
struct TestLedger {
    let directory = TemporaryDirectory(prefix: "eventlog")
    let clock = ManualClock()
    var path: String { directory.appending("ledger") }

    func open(initialMapSize: Int = 1 << 24) throws -> EventLog {
        let clock = self.clock
        return try EventLog(path: path, options: EventLogOptions(
            initialMapSize: initialMapSize, recordedBy: "tester", clock: { clock.now }))
    }
}

/// An event with a small payload.
func sample(
    _ type: String = "CallLogged", id: UUID = UUID(), occurredAt: Int64 = 1_735_689_600_000, payload: String = #"{"note":"hello"}"#
) -> ProposedEvent {
    ProposedEvent(id: id, type: type, occurredAt: occurredAt, payload: Array(payload.utf8))
}

func samples(_ count: Int, type: String = "CallLogged") -> [ProposedEvent] {
    (0..<count).map { sample(type, payload: #"{"n":\#($0)}"#) }
}

/// A value shared between threads of a test.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}

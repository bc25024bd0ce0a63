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

/// Runs `body` while another thread appends batches of 50 events to three streams of `store`,
/// once at least five batches are in; returns what `body` returned, every head the writer saw
/// (the first one `seed`'s), and the writer's errors.
func whileAppending<Result>(
    to store: some EventStore, seed: Head, _ body: () throws -> Result
) throws -> (result: Result, heads: [Head], problems: [String]) {
    let observedHeads = LockedBox<[Head]>([seed])
    let stop = LockedBox(false)
    let problems = LockedBox<[String]>([])
    let started = DispatchSemaphore(value: 0)
    let writer = DispatchGroup()
    writer.enter()
    Thread {
        defer { writer.leave() }
        var number = 0
        while !stop.value {
            do {
                let head = try store.append(to: "live\(number % 3)", samples(50)).head
                observedHeads.update { $0.append(head) }
            } catch {
                problems.update { $0.append("\(error)") }
                break
            }
            number += 1
            if number == 5 { started.signal() }
        }
        if number < 5 { started.signal() }
    }.start()
    started.wait()
    defer {
        stop.update { $0 = true }
        writer.wait()
    }
    let result = try body()
    stop.update { $0 = true }
    writer.wait()
    return (result, observedHeads.value, problems.value)
}

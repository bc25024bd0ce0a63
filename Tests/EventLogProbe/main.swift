import EventLog
import Foundation

// A child process for the event-log tests.
//
//   eventlog-probe append LEDGER WRITER BATCHES SIZE [GO]
//       appends BATCHES batches of SIZE events to stream WRITER; prints "done". With GO, opens
//       the ledger and builds the batches first, prints "ready", and starts appending only once
//       the file GO exists, so that several probes race from the same moment.
//   eventlog-probe append-pipelined LEDGER WRITER BATCHES SIZE [GO]
//       the same through EventLog.appendBatches, which encodes the next batch while the
//       current one commits.
//   eventlog-probe crash LEDGER BATCHES SIZE HUGE
//       commits BATCHES batches of SIZE events, prints "committed", then starts one batch of HUGE
//       events, printing "writing" first and "in transaction" once the write transaction that
//       stores it has begun; prints "finished" if that batch commits.
//   eventlog-probe hold-reader LEDGER
//       appends one event when the ledger is empty, then stops inside a read transaction
//       (a reader slot in lock.mdb) and prints "reading pid PID"; waits there until killed.
//   eventlog-probe hold-writer LEDGER
//       starts appending one event and stops inside the write transaction, holding LMDB's
//       writer lock; prints "holding pid PID"; waits there until killed.
//   eventlog-probe append-at LEDGER MILLIS
//       appends one event that occurred at MILLIS (milliseconds since the epoch); prints "appended".
//   eventlog-probe append-while-reading LEDGER
//       opens the ledger with the smallest map, appends one event, then, from inside the read
//       transaction of forEachEvent, appends a batch that needs a larger map; prints "done".
//
// Every event's payload is {"writer":WRITER,"batch":B,"index":I,"padding":"xx..."}.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("eventlog-probe: \(message)\n".utf8))
    exit(2)
}

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func batch(writer: String, number: Int, size: Int) -> [ProposedEvent] {
    (0..<size).map { index in
        ProposedEvent(
            type: "ProbeEvent", occurredAt: 1_700_000_000_000 + Int64(index),
            payload: Array(#"{"writer":"\#(writer)","batch":\#(number),"index":\#(index),"padding":"\#(String(repeating: "x", count: 200))"}"#.utf8))
    }
}

/// Waits, without end, for the signal that kills this process.
func waitToBeKilled() -> Never {
    while true { pause() }
}

/// A clock that runs a hook the first time it is read after being armed.
///
/// The log reads its clock inside the write transaction of each batch (to stamp `recordedAt`),
/// so an armed hook runs with the transaction open.
final class HookedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var hook: (@Sendable () -> Void)?

    func arm(_ hook: @escaping @Sendable () -> Void) {
        lock.withLock { self.hook = hook }
    }

    func now() -> Int64 {
        let pending = lock.withLock {
            defer { hook = nil }
            return hook
        }
        pending?()
        return Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}

func open(_ path: String, initialMapSize: Int = 1 << 30, clock: HookedClock = HookedClock()) throws -> EventLog {
    try EventLog(path: path, options: EventLogOptions(initialMapSize: initialMapSize, clock: { clock.now() }))
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fail("usage: eventlog-probe append|crash|hold-reader|hold-writer|append-at|append-while-reading ...") }
do {
    switch arguments[1] {
    case "append", "append-pipelined":
        guard arguments.count == 6 || arguments.count == 7, let batches = Int(arguments[4]), let size = Int(arguments[5]) else {
            fail("usage: \(arguments[1]) LEDGER WRITER BATCHES SIZE [GO]")
        }
        let writer = arguments[3]
        let log = try open(arguments[2], initialMapSize: 1 << 20)
        let prepared = (0..<batches).map { batch(writer: writer, number: $0, size: size) }
        if arguments.count == 7 {
            say("ready")
            while !FileManager.default.fileExists(atPath: arguments[6]) { usleep(1_000) }
        }
        if arguments[1] == "append-pipelined" {
            try log.appendBatches(prepared.map { [StreamAppend(stream: writer, expected: .any, events: $0)] })
        } else {
            for events in prepared {
                try log.append(to: writer, expecting: .any, events)
            }
        }
        say("done")
    case "crash":
        guard arguments.count == 6, let batches = Int(arguments[3]), let size = Int(arguments[4]), let huge = Int(arguments[5]) else {
            fail("usage: crash LEDGER BATCHES SIZE HUGE")
        }
        let clock = HookedClock()
        let log = try open(arguments[2], clock: clock)
        for number in 0..<batches {
            try log.append(to: "committed", batch(writer: "committed", number: number, size: size))
        }
        say("committed")
        let doomed = batch(writer: "doomed", number: 0, size: huge)
        clock.arm { say("in transaction") }
        say("writing")
        try log.append(to: "doomed", doomed)
        say("finished")
    case "hold-reader":
        guard arguments.count == 3 else { fail("usage: hold-reader LEDGER") }
        let log = try open(arguments[2])
        if try log.head().position == 0 {
            try log.append(to: "reader", batch(writer: "reader", number: 0, size: 1))
        }
        // The raw replay runs its callback inside the read transaction.
        try log.forEachStoredEvent { _ in
            say("reading pid \(getpid())")
            waitToBeKilled()
        }
        fail("the ledger had no event to read")
    case "hold-writer":
        guard arguments.count == 3 else { fail("usage: hold-writer LEDGER") }
        let clock = HookedClock()
        let log = try open(arguments[2], clock: clock)
        clock.arm {
            say("holding pid \(getpid())")
            waitToBeKilled()
        }
        try log.append(to: "held", batch(writer: "held", number: 0, size: 1))
        fail("the append finished although its transaction was held")
    case "append-at":
        guard arguments.count == 4, let millis = Int64(arguments[3]) else { fail("usage: append-at LEDGER MILLIS") }
        let log = try open(arguments[2])
        try log.append(to: "instants", [ProposedEvent(type: "ProbeEvent", occurredAt: millis, payload: Array(#"{"at":\#(millis)}"#.utf8))])
        say("appended")
    case "append-while-reading":
        guard arguments.count == 3 else { fail("usage: append-while-reading LEDGER") }
        let log = try open(arguments[2], initialMapSize: 1)
        try log.append(to: "trigger", batch(writer: "trigger", number: 0, size: 1))
        let mapBefore = log.mapSize
        try log.forEachEvent { _ in
            let reactions = batch(writer: "reaction", number: 0, size: 2_000)
            say("appending inside a read")
            try log.append(to: "reaction", reactions)
            return false
        }
        say(log.mapSize > mapBefore ? "done" : "done without growing the map")
    default:
        fail("unknown command \(arguments[1])")
    }
} catch {
    fail("\(error)")
}

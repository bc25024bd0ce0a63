import EventLog
import Foundation

// A child process for the event-log tests.
//
//   eventlog-probe append LEDGER WRITER BATCHES SIZE   appends BATCHES batches of SIZE events
//                                                      to stream WRITER; prints "done"
//   eventlog-probe crash LEDGER BATCHES SIZE HUGE      commits BATCHES batches of SIZE events,
//                                                      prints "committed", then starts one batch
//                                                      of HUGE events, printing "writing" first

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

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { fail("usage: eventlog-probe append|crash ...") }
do {
    switch arguments[1] {
    case "append":
        guard arguments.count == 6, let batches = Int(arguments[4]), let size = Int(arguments[5]) else { fail("usage: append LEDGER WRITER BATCHES SIZE") }
        let log = try EventLog(path: arguments[2], options: EventLogOptions(initialMapSize: 1 << 20))
        for number in 0..<batches {
            try log.append(to: arguments[3], expecting: .any, batch(writer: arguments[3], number: number, size: size))
        }
        say("done")
    case "crash":
        guard arguments.count == 6, let batches = Int(arguments[3]), let size = Int(arguments[4]), let huge = Int(arguments[5]) else {
            fail("usage: crash LEDGER BATCHES SIZE HUGE")
        }
        let log = try EventLog(path: arguments[2])
        for number in 0..<batches {
            try log.append(to: "committed", batch(writer: "committed", number: number, size: size))
        }
        say("committed")
        let doomed = batch(writer: "doomed", number: 0, size: huge)
        say("writing")
        try log.append(to: "doomed", doomed)
        say("finished")
    default:
        fail("unknown command \(arguments[1])")
    }
} catch {
    fail("\(error)")
}

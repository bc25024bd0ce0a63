import EventLog
import Foundation
import LedgerJSON

// The event log on the peer benchmark workload (shared/bench/peers/WORKLOAD.md).
//
//   ledger-bench <events.jsonl> <single.jsonl> <store_dir> [batch=1000]
//
// Goes through the public EventLog API with everything on: payload validation, the
// JSON envelope, the SHA-256 chain, the stream index with expected versions, and the
// durable id index. The pre-phase turns each line into a ProposedEvent (id, stream,
// type, occurredAt, payload bytes): the log holds typed events, not the raw lines,
// and builds its own stored body (binary envelope + the payload's JSON) inside the
// timed section. Replay decodes every stored body fully: the envelope's fields from
// its binary header and the payload as a complete LedgerJSON tree; then it folds.

let implementation = "swift_ledger"

/// glibc's `malloc_trim` (declared in malloc.h, which the Glibc module does not export).
@_silgen_name("malloc_trim")
func mallocTrim(_ pad: Int) -> Int32

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("FAIL: \(implementation): \(message)\n".utf8))
    exit(1)
}

func nanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return (Double(usage.ru_maxrss) / 1024 * 10).rounded() / 10
}

/// User plus system CPU seconds this process has used so far.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func percentileMicroseconds(_ latencies: [UInt64], _ p: Int) -> Double? {
    guard !latencies.isEmpty else { return nil }
    let sorted = latencies.sorted()
    let rank = (p * sorted.count + 99) / 100
    return (Double(sorted[min(sorted.count, max(1, rank)) - 1]) / 100).rounded() / 10
}

func directoryMegabytes(_ path: String) -> Double {
    var total = 0
    for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
        var info = stat()
        if stat(path + "/" + name, &info) == 0 { total += Int(info.st_blocks) * 512 }
    }
    return (Double(total) / 1_048_576 * 10).rounded() / 10
}

func emit(_ phase: String, events: Int, seconds: Double, latencies: [UInt64] = [], extra: [(String, String)] = []) {
    var fields: [(String, String)] = [
        ("impl", "\"\(implementation)\""), ("phase", "\"\(phase)\""), ("events", String(events)),
        ("seconds", String(format: "%.6f", seconds)),
        ("events_per_s", String(format: "%.1f", Double(events) / seconds)),
        ("p50_us", percentileMicroseconds(latencies, 50).map { String($0) } ?? "null"),
        ("p99_us", percentileMicroseconds(latencies, 99).map { String($0) } ?? "null"),
        ("peak_rss_mb", String(peakRSSMegabytes())),
    ]
    fields += extra
    let line = "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}\n"
    FileHandle.standardOutput.write(Data(line.utf8))
}

/// The input held compactly: one shared buffer of payload bytes and a small record per
/// event. A ProposedEvent is built from a record when its batch is appended.
struct Workload {
    struct Record {
        let id: UUID
        let stream: Int32
        let type: Int32
        let occurredAt: Int64
        let payloadStart: Int
        let payloadEnd: Int
    }

    var records: [Record] = []
    var payloads: [UInt8] = []
    var streams: [String] = []
    var types: [String] = []

    var count: Int { records.count }

    func stream(_ index: Int) -> String { streams[Int(records[index].stream)] }

    func event(_ index: Int) -> ProposedEvent {
        let record = records[index]
        return ProposedEvent(
            id: record.id, type: types[Int(record.type)], occurredAt: record.occurredAt,
            payload: Array(payloads[record.payloadStart..<record.payloadEnd]), source: "api")
    }
}

/// Untimed pre-phase: the input file, read line by line so it is never in memory whole.
func load(_ path: String) -> Workload {
    guard let file = fopen(path, "r") else { fail("cannot read \(path)") }
    defer { fclose(file) }
    var workload = Workload()
    var streamIndex: [String: Int32] = [:]
    var typeIndex: [String: Int32] = [:]
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    while true {
        let length = getline(&line, &capacity, file)
        guard length >= 0, let line else { break }
        var count = length
        if count > 0, line[count - 1] == 0x0a { count -= 1 }
        if count == 0 { continue }
        let bytes = UnsafeRawBufferPointer(start: line, count: count)
        guard let object = (try? JSONParser.parse(bytes))?.objectValue,
              let idText = object["id"]?.stringValue, let id = UUID(uuidString: idText),
              let stream = object["stream"]?.stringValue, let type = object["type"]?.stringValue,
              let occurredText = object["occurredAt"]?.stringValue, let occurredAt = LogTime.parse(occurredText),
              let payload = object["payload"]
        else { fail("\(path): line \(workload.count + 1) is not a workload event") }
        if streamIndex[stream] == nil {
            streamIndex[stream] = Int32(workload.streams.count)
            workload.streams.append(stream)
        }
        if typeIndex[type] == nil {
            typeIndex[type] = Int32(workload.types.count)
            workload.types.append(type)
        }
        let start = workload.payloads.count
        workload.payloads.append(contentsOf: payload.serialized())
        workload.records.append(Workload.Record(
            id: id, stream: streamIndex[stream]!, type: typeIndex[type]!, occurredAt: occurredAt,
            payloadStart: start, payloadEnd: workload.payloads.count))
    }
    free(line)
    if workload.count == 0 { fail("\(path): no events") }
    return workload
}

/// The workload's batches in file order, each cut into consecutive runs of one stream with
/// the writer's expected version. The log reads it on its encoding thread.
final class BatchSource: Sequence, IteratorProtocol {
    let workload: Workload
    let batchSize: Int
    private var offset = 0
    /// The writer's expected version of each stream, in memory.
    private(set) var versions: [String: UInt64] = [:]

    init(_ workload: Workload, batchSize: Int) {
        self.workload = workload
        self.batchSize = batchSize
    }

    func next() -> [StreamAppend]? {
        guard offset < workload.count else { return nil }
        var result: [StreamAppend] = []
        for index in offset..<Swift.min(offset + batchSize, workload.count) {
            let stream = workload.stream(index)
            if let last = result.last, last.stream == stream {
                result[result.count - 1].events.append(workload.event(index))
            } else {
                result.append(StreamAppend(stream: stream, expected: .exactly(versions[stream, default: 0]), events: [workload.event(index)]))
            }
            versions[stream, default: 0] += 1
        }
        offset += batchSize
        return result
    }
}

struct Fold {
    var count = 0
    var types: [String: Int] = [:]
    var streams: [String: (count: Int, last: Int64)] = [:]

    mutating func apply(type: String, stream: String, occurredAt: Int64) {
        count += 1
        types[type, default: 0] += 1
        if let existing = streams[stream] {
            streams[stream] = (existing.count + 1, occurredAt)
        } else {
            streams[stream] = (1, occurredAt)
        }
    }

    var digest: String {
        var text = "events \(count)\n"
        for (type, count) in types.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }) {
            text += "type \(type) \(count)\n"
        }
        for (stream, value) in streams.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }) {
            text += "stream \(stream) \(value.count) \(LogTime.format(value.last))\n"
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 4 || arguments.count == 5 else {
    fail("usage: ledger-bench <events.jsonl> <single.jsonl> <store_dir> [batch=1000]")
}
let batchSize = arguments.count == 5 ? Int(arguments[4]) ?? 0 : 1000
guard batchSize > 0 else { fail("batch must be a positive integer") }
let storePath = arguments[3]
if let contents = try? FileManager.default.contentsOfDirectory(atPath: storePath), !contents.isEmpty {
    fail("store_dir \(storePath) must be empty or missing")
}

var input = load(arguments[1])
let single = load(arguments[2])
let rssAfterLoad = peakRSSMegabytes()
let log: EventLog
do {
    log = try EventLog(path: storePath, options: EventLogOptions(recordedBy: "bench"))
} catch {
    fail("open: \(error)")
}
// Phase A: batched appends.
var latencies: [UInt64] = []
let appendStart = nanoseconds()
let appendCPUStart = cpuSeconds()
// Batches are cut from the input as they are appended, in file order; the log overlaps
// the encoding of batch k + 1 with the synced commit of batch k.
let batches = BatchSource(input, batchSize: batchSize)
do {
    try log.appendBatches(batches) { commit in
        latencies.append(UInt64(commit.transactionDuration.components.attoseconds / 1_000_000_000)
            + UInt64(commit.transactionDuration.components.seconds) * 1_000_000_000)
    }
} catch {
    fail("append: \(error)")
}
var versions = batches.versions
let appendSeconds = Double(nanoseconds() - appendStart) / 1e9
let appendCPU = cpuSeconds() - appendCPUStart
let eventCount = input.count
emit("append", events: eventCount, seconds: appendSeconds, latencies: latencies, extra: [
    ("batch", String(batchSize)), ("durability", "\"lmdb default: synced commit (data fdatasync + meta O_DSYNC)\""),
    ("store_mb", String(directoryMegabytes(storePath))), ("rss_after_load_mb", String(rssAfterLoad)),
    ("cpu_s", String(format: "%.3f", appendCPU)), ("typed_events", "true"), ("hash_chain", "\"sha256\""), ("id_index", "true"),
])
let firstStream = input.stream(0)
let otherStream = input.streams.first(where: { $0 != firstStream })
input = Workload()
// Give the input's memory back before the replay, so its peak counts what the replay holds.
_ = mallocTrim(0)

// Phase C: replay with a full JSON decode of every stored body.
var fold = Fold()
let replayStart = nanoseconds()
var expectedPosition: UInt64 = 1
do {
    try log.forEachStoredEvent { event in
        guard event.position == expectedPosition else { fail("replay expected position \(expectedPosition), read \(event.position)") }
        expectedPosition += 1
        // The envelope's fields come from the binary header; the payload is parsed in full.
        guard (try? JSONParser.parse(event.payload))?.objectValue != nil else { fail("position \(event.position): payload does not decode") }
        fold.apply(type: event.type, stream: event.stream, occurredAt: event.occurredAt)
    }
} catch {
    fail("replay: \(error)")
}
let digest = fold.digest
let replaySeconds = Double(nanoseconds() - replayStart) / 1e9
guard fold.count == eventCount else { fail("replayed \(fold.count) events, expected \(eventCount)") }
emit("replay", events: fold.count, seconds: replaySeconds, extra: [("fold_digest", "\"\(digest)\""), ("json_decode", "true")])

// Phase B: one event per durable commit.
latencies = []
let singleStart = nanoseconds()
for index in 0..<single.count {
    let stream = single.stream(index)
    let version = versions[stream, default: 0]
    let begin = nanoseconds()
    do {
        try log.append(to: stream, expecting: .exactly(version), [single.event(index)])
    } catch {
        fail("single append: \(error)")
    }
    latencies.append(nanoseconds() - begin)
    versions[stream] = version + 1
}
let singleSeconds = Double(nanoseconds() - singleStart) / 1e9
emit("single", events: single.count, seconds: singleSeconds, latencies: latencies)

// Concurrency probe: a valid next event for the first stream and a stale version-1 event
// for another stream, in one batch. The batch must be rejected whole.
guard let otherStream else { fail("the input has a single stream; the probe needs two") }
do {
    let before = try log.head().position
    let probe: [StreamAppend] = [
        StreamAppend(stream: firstStream, expected: .exactly(versions[firstStream, default: 0]),
                     events: [ProposedEvent(type: "Probe", occurredAt: 0, payload: Array("{}".utf8))]),
        StreamAppend(stream: otherStream, expected: .exactly(0),
                     events: [ProposedEvent(type: "Probe", occurredAt: 0, payload: Array("{}".utf8))]),
    ]
    do {
        try log.append(probe)
        fail("the concurrency probe's stale batch was accepted")
    } catch EventLogError.wrongExpectedVersion {
        guard try log.head().position == before else { fail("the rejected probe batch changed the event count") }
    }
} catch {
    fail("probe: \(error)")
}

import EventLog
import Foundation
import LedgerGenerator
import PartnerDomain
import PartnerProjections
import ProjectionStore

/// The command line: `projection-bench [--events N] [--partnerships P] [--ledger DIR] [--seed S] [--updates U] [--groups G] [--replay-only]`.
struct Arguments {
    var events = 1_000_000
    var partnerships = 500
    var ledger: String?
    var seed: UInt64 = 42
    var updates = 50
    /// How many groups the full replay, the rebuild and the comparison fold the partnerships in; `nil`: from the log's length.
    var groups: Int?
    /// Stop after the replays (for repeated measurements of them).
    var replayOnly = false

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            if flag == "--replay-only" {
                replayOnly = true
                continue
            }
            guard let value = rest.popFirst() else { Self.fail("\(flag) needs a value") }
            switch flag {
            case "--events": events = Self.number(value, flag)
            case "--partnerships": partnerships = Self.number(value, flag)
            case "--ledger": ledger = value
            case "--seed": seed = UInt64(Self.number(value, flag))
            case "--updates": updates = Self.number(value, flag)
            case "--groups": groups = max(1, Self.number(value, flag))
            default: Self.fail("unknown option \(flag); use --events N, --partnerships P, --ledger DIR, --seed S, --updates U, --groups G, --replay-only")
            }
        }
        if partnerships < 1 || events < partnerships * 4 {
            Self.fail("give at least one partnership and four events per partnership (--events \(events), --partnerships \(partnerships))")
        }
    }

    static func number(_ text: String, _ flag: String) -> Int {
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")), value >= 0 else { fail("\(flag) takes a whole number, not \"\(text)\"") }
        return value
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("projection-bench: \(message)\n".utf8))
        exit(2)
    }
}

/// Peak resident set size of the process so far, in MB (getrusage; Linux reports KB).
func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Anonymous resident memory now, in MB (`RssAnon` of /proc/self/status): the heap, without the ledger's mapped file pages.
func anonymousRSSMegabytes() -> Double {
    statusMegabytes("RssAnon:")
}

/// File-backed resident memory now, in MB (`RssFile` of /proc/self/status): mostly the ledger's mapped pages.
func fileRSSMegabytes() -> Double {
    statusMegabytes("RssFile:")
}

/// A `kB` line of /proc/self/status, in MB.
func statusMegabytes(_ field: String) -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
          let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kilobytes / 1024
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

/// Prints one JSON line on stdout and one table row on stderr.
func report(_ phase: String, ms: Double, _ fields: [(String, Double)] = []) {
    let rss = peakRSSMegabytes()
    let anonymous = anonymousRSSMegabytes()
    let file = fileRSSMegabytes()
    let all = [("ms", ms)] + fields + [("peak_rss_mb", rss), ("rss_anon_mb", anonymous), ("rss_file_mb", file)]
    let json = all.map { "\"\($0.0)\":\(($0.1 * 1000).rounded() / 1000)" }.joined(separator: ",")
    FileHandle.standardOutput.write(Data("{\"phase\":\"\(phase)\",\(json)}\n".utf8))
    let extras = fields.map { "\($0.0)=\(String(format: "%.1f", $0.1))" }.joined(separator: " ")
    let line = "\(phase.padding(toLength: 16, withPad: " ", startingAt: 0)) \(String(format: "%10.1f ms", ms))  rss \(String(format: "%6.1f", rss)) MB (now anon \(String(format: "%6.1f", anonymous)), file \(String(format: "%6.1f", file)))  \(extras)\n"
    FileHandle.standardError.write(Data(line.utf8))
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func percentile(_ values: [Double], _ fraction: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
}

func run() throws {
    let arguments = Arguments(Array(CommandLine.arguments.dropFirst()))
    let clock = ContinuousClock()
    let temporary: String?
    if arguments.ledger == nil {
        var template = Array("\(FileManager.default.temporaryDirectory.path)/projection-bench.XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else { Arguments.fail("cannot create a temporary directory") }
        temporary = String(cString: template)
    } else {
        temporary = nil
    }
    defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
    let path = arguments.ledger ?? temporary! + "/ledger"
    FileHandle.standardError.write(Data("projection-bench: \(arguments.events) events, \(arguments.partnerships) partnerships, seed \(arguments.seed), ledger \(path)\n".utf8))

    let opening = clock.now
    let log = try EventLog(path: path, options: EventLogOptions(recordedBy: "projection-bench"))
    report("open", ms: milliseconds(clock.now - opening))
    let views = ProjectionViews(log: log, model: .default)
    let asOf = LedgerGenerator.end

    if try log.head().position == 0 {
        let generator = LedgerGenerator(events: arguments.events, partnerships: arguments.partnerships, seed: arguments.seed)
        let started = clock.now
        // The pages the writes read into the map are released after every commit, as a long-running writer would.
        var commits = 0
        try log.appendBatches(generator.batches(of: 1_000)) { _ in
            commits += 1
            log.releaseMappedPages()
        }
        report("generate", ms: milliseconds(clock.now - started), [("events", Double(try log.head().position))])
    }
    let total = Double(try log.head().position)

    var started = clock.now
    var scanned = 0
    try log.forEachStoredEvent { stored in
        scanned &+= stored.payload.count &+ stored.typeBytes.count
    }
    let scan = milliseconds(clock.now - started)
    report("scan", ms: scan, [("events_per_s", total / scan * 1000)])

    if !arguments.replayOnly {
        started = clock.now
        try log.forEachStoredEvent { stored in
            _ = try PartnershipEvent.decode(type: stored.type, version: stored.typeVersion, payload: stored.payload)
        }
        let decode = milliseconds(clock.now - started)
        report("decode", ms: decode, [("events_per_s", total / decode * 1000)])
    }

    // The replay rebuilds every partnership's state from the log: each event decoded and folded
    // through every projection, in groups (`--groups G`, by default from the log's length) so
    // that only one group's states are held at once; each group's states are dropped complete.
    let groups = arguments.groups ?? ProjectionViews.replayGroupCount(forEvents: UInt64(total))
    do {
        let started = clock.now
        var partnerships = 0
        try views.replayInGroups(groups: groups) { replayed in partnerships += replayed.partnerships.count }
        let replay = milliseconds(clock.now - started)
        report("replay", ms: replay, [
            ("events_per_s", total / replay * 1000), ("groups", Double(groups)), ("partnerships", Double(partnerships)),
        ])
    }

    // The full replay also evaluates each group's partnerships into the portfolio before dropping them.
    do {
        let started = clock.now
        let table = try views.replayedPortfolio(asOf: asOf, knownAt: nil, groups: groups)
        let replay = milliseconds(clock.now - started)
        report("full-replay", ms: replay, [
            ("events_per_s", total / replay * 1000), ("groups", Double(groups)), ("partnerships", Double(table.count)),
        ])
        let red = table.filter { $0.band == .red }.count
        let green = table.filter { $0.band == .green }.count
        FileHandle.standardError.write(Data("  portfolio: \(red) red, \(green) green of \(table.count)\n".utf8))
    }

    if arguments.replayOnly { return }
    started = clock.now
    let rebuilt = try views.rebuild(groups: arguments.groups)
    let rebuildMilliseconds = milliseconds(clock.now - started)
    // The encoded states are the checkpoints the rebuild wrote, read a few at a time.
    var stateBytes = 0
    let slugs = try views.index().slugs
    for start in stride(from: 0, to: slugs.count, by: 32) {
        let consumers = slugs[start..<min(start + 32, slugs.count)].map(ProjectionViews.consumer(of:))
        for stored in try log.checkpoints(of: consumers) { stateBytes += stored?.state.count ?? 0 }
    }
    report("rebuild", ms: rebuildMilliseconds, [("checkpoints", Double(rebuilt.partnershipsSaved + 1)), ("state_kb", Double(stateBytes) / 1024)])

    started = clock.now
    let portfolio = try views.portfolio(asOf: asOf, knownAt: nil)
    report("portfolio", ms: milliseconds(clock.now - started), [("partnerships", Double(portfolio.count))])

    // Each update adds one event and refreshes. The first update of a partnership in this
    // process decodes its stored state ("update"); a later one finds the state it saved still
    // decoded ("update-warm"). Half the rounds touch a new partnership, half the same one again.
    var appends: [Double] = []
    var updates: [Double] = []
    var warmUpdates: [Double] = []
    for round in 0..<(2 * arguments.updates) {
        let isWarm = round.isMultiple(of: 2) == false
        let index = ((round / 2) * 7) % arguments.partnerships
        let event = PartnershipEvent.informationShared(InformationShared(
            from: "p\(index)-party-0", to: "p\(index)-party-1", category: .roadmap, depth: .summary))
        let proposed = ProposedEvent(
            type: event.eventType, typeVersion: event.eventVersion, occurredAt: asOf.millisecondsSinceEpoch,
            payload: Array(try event.encodedPayload()), source: "api")
        let appendStarted = clock.now
        _ = try log.append(to: "partnership-\(index)", [proposed])
        let refreshStarted = clock.now
        let summary = try views.refresh()
        let ended = clock.now
        guard summary.eventsApplied == 1 else { Arguments.fail("an update applied \(summary.eventsApplied) events, not 1") }
        appends.append(milliseconds(refreshStarted - appendStarted))
        if isWarm {
            warmUpdates.append(milliseconds(ended - refreshStarted))
        } else {
            updates.append(milliseconds(ended - refreshStarted))
        }
    }
    report("update", ms: median(updates), [
        ("p90_ms", percentile(updates, 0.9)), ("max_ms", updates.max() ?? 0),
        ("append_median_ms", median(appends)), ("updates", Double(updates.count)),
    ])
    report("update-warm", ms: median(warmUpdates), [
        ("p90_ms", percentile(warmUpdates, 0.9)), ("max_ms", warmUpdates.max() ?? 0), ("updates", Double(warmUpdates.count)),
    ])

    started = clock.now
    let comparison = try views.compareWithRebuild(groups: arguments.groups)
    report("compare", ms: milliseconds(clock.now - started), [
        ("identical", comparison.isIdentical ? 1 : 0), ("partnerships", Double(comparison.matching.count)),
    ])
    guard comparison.isIdentical else { Arguments.fail("checkpoints differ from a rebuild: \(comparison.differing.prefix(5))") }
}

do {
    try run()
} catch {
    Arguments.fail("\(error)")
}

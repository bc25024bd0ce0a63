import EventLog
import Foundation

/// How `pledger import` reads and writes a JSON Lines file.
public struct ImportOptions: Sendable, Equatable {
    /// What recorded time, writer and source imported events get.
    public enum RecordedTimes: String, Sendable, CaseIterable {
        /// Lines that carry `recordedAt` (an export) keep it, with their `recordedBy` and
        /// `source`, so that an export re-imports to identical hashes. Each run of lines with
        /// one recorded time is one transaction, because the log stamps one time per transaction.
        /// Lines without `recordedAt` are recorded now, from source `import`.
        case keep
        /// Every line is recorded now, by the current user, from source `import`; batches are
        /// limited only by ``ImportOptions/batchSize``.
        case now
    }

    /// Check every line without writing anything, and report every rejected line.
    public var dryRun: Bool
    /// At most this many events per transaction.
    public var batchSize: Int
    /// What recorded time imported events get.
    public var recordedTimes: RecordedTimes
    /// Lines longer than this many bytes are rejected: no event needs more.
    public var maximumLineBytes: Int

    /// Creates options; the defaults write 1000 events per transaction and keep recorded times.
    public init(dryRun: Bool = false, batchSize: Int = 1000, recordedTimes: RecordedTimes = .keep, maximumLineBytes: Int = 1 << 20) {
        self.dryRun = dryRun
        self.batchSize = max(1, batchSize)
        self.recordedTimes = recordedTimes
        self.maximumLineBytes = maximumLineBytes
    }
}

/// How far an import has read, for a progress bar.
public struct ImportProgress: Sendable, Equatable {
    /// Lines read so far.
    public let linesRead: Int
    /// Bytes read so far.
    public let bytesRead: Int
    /// The input's size, when it is a file.
    public let totalBytes: Int?
}

/// One line an import refused: where, which field, and why.
public struct ImportProblem: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The line number, from 1.
    public let line: Int
    /// The JSON path of the offending field, such as `payload.owner`; empty when the line as a whole is at fault.
    public let field: String
    /// A stable code, such as `unknown-party` or `malformed-json`.
    public let code: String
    /// The offending value, as written.
    public let value: String?
    /// What is wrong and what to do.
    public let message: String

    /// `line 7, field payload.owner: "globex" is not a party ...`
    public var description: String {
        field.isEmpty ? "line \(line): \(message)" : "line \(line), field \(field): \(message)"
    }

    init(line: Int, error: DomainError) {
        self.line = line
        field = error.field
        code = error.code.rawValue
        value = error.value
        message = error.message
    }
}

/// What an import did, or with ``ImportOptions/dryRun`` would do.
public struct ImportSummary: Sendable, Codable, Equatable {
    /// Whether nothing was written on purpose.
    public var dryRun: Bool
    /// Non-blank lines read.
    public var linesRead = 0
    /// Events appended (with a dry run: that would be appended).
    public var appended = 0
    /// Lines whose event id was stored already with the same content, or repeated in the file; skipped.
    public var alreadyPresent = 0
    /// Lines refused.
    public var rejected = 0
    /// Transactions written (with a dry run: that would be written).
    public var batches = 0
    /// Events whose kept recorded time was earlier than the log's latest, so the log recorded them later.
    public var recordedTimesMovedForward = 0
    /// The first refused lines, at most ``maximumProblemsKept``.
    public var problems: [ImportProblem] = []
    /// Where a real import stopped: the rejected line. Nothing of its batch was written.
    public var stoppedAtLine: Int?
    /// The first line of the batch that was not written because of the rejected line.
    public var unwrittenBatchFirstLine: Int?

    /// How many problems a summary keeps; the count in ``rejected`` goes on.
    public static let maximumProblemsKept = 100
}

extension Ledger {
    /// Imports JSON Lines of ``EventEnvelope``s from a file, or standard input for `-`.
    ///
    /// Each line is read strictly (unknown fields, wrong types and bad values are refused,
    /// naming the field) and checked against the partnership state, including the lines
    /// before it in the same file. Valid lines are appended in batches of
    /// ``ImportOptions/batchSize``, each batch one transaction, so a crash leaves whole
    /// batches. Import is idempotent by event id: a line whose id is stored already with the
    /// same content is skipped (counted as already present), so running the same import again
    /// after a crash finishes the job without duplicates; the same id with other content is refused.
    ///
    /// A real import stops at the first refused line: the batches before it stay written,
    /// nothing of its batch is written, and the summary names the line. A dry run writes
    /// nothing, goes on past refused lines and reports each of them.
    ///
    /// Why an export re-imports to the same hashes: an event's chain digest covers its
    /// position, the previous digest and its stored body, which holds the envelope (id,
    /// partnership, stream version, type, version, business time, recorded time, writer,
    /// source, causation, correlation) and the payload bytes. Imported into a new ledger in file
    /// order, every event gets the same position and stream version; with
    /// ``ImportOptions/RecordedTimes/keep`` it keeps its recorded time, writer and source; and
    /// payloads are stored in the canonical JSON the ledger always writes (keys sorted), which
    /// an export reproduces byte for byte. So every body, and therefore every digest, is equal.
    public func importEvents(
        from path: String, options: ImportOptions = ImportOptions(), progress: ((ImportProgress) -> Void)? = nil
    ) throws -> ImportSummary {
        var reader = try JSONLinesReader(path: path, maximumLineBytes: options.maximumLineBytes)
        defer { reader.closeInput() }
        let totalBytes = path == "-" ? nil : (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        var importer = try Importer(ledger: self, options: options)
        while let line = try reader.next() {
            let stop = try importer.handle(line)
            if importer.summary.linesRead % 500 == 0 || stop {
                progress?(ImportProgress(linesRead: importer.summary.linesRead, bytesRead: reader.bytesRead, totalBytes: totalBytes))
            }
            if stop { return importer.summary }
        }
        try importer.finish()
        progress?(ImportProgress(linesRead: importer.summary.linesRead, bytesRead: reader.bytesRead, totalBytes: totalBytes))
        return importer.summary
    }
}

/// The state of one import: the partnership state with the file's accepted lines applied,
/// and the batch not yet written.
private struct Importer {
    let ledger: Ledger
    let options: ImportOptions
    var summary: ImportSummary
    /// The ledger's state plus every accepted line not yet written.
    var working: PartnershipRegistry
    /// Accepted lines not yet written: this batch (and, in a dry run, every earlier one),
    /// by id, with a fingerprint of their content to recognise repeated lines.
    var unwritten: [UUID: (line: Int, fingerprint: Int)] = [:]
    var pending: [(line: Int, event: PreparedEvent)] = []
    /// The recorded time the pending batch keeps; `nil` when the log stamps the time of the append.
    var pendingRecordedAt: Timestamp?

    init(ledger: Ledger, options: ImportOptions) throws {
        self.ledger = ledger
        self.options = options
        summary = ImportSummary(dryRun: options.dryRun)
        try ledger.refresh()
        working = ledger.registry
    }

    /// Folds the partnerships a line's validation reads into the ledger's state and the
    /// working copy alike: each partnership the first time one of its lines comes, and only it.
    private mutating func foldPartnerships(checking event: PreparedEvent) throws {
        let ledger = self.ledger
        // A partnership folded once stays current: this import's own batches are folded back
        // after each write, and another writer's events are found when an append conflicts.
        if ledger.streamVersions[event.partnership] != nil, event.type != EventRetracted.eventType { return }
        try ledger.foldPartnerships(checking: event.event, in: event.partnership) { event, recorded in
            self.working.apply(event, partnership: recorded.stream, id: recorded.id, occurredAt: Timestamp(millisecondsSinceEpoch: recorded.occurredAt))
        }
    }

    /// Reads one line; returns whether the import must stop.
    mutating func handle(_ line: JSONLinesReader.Line) throws -> Bool {
        let number: Int
        switch line {
        case .text(let lineNumber, let bytes):
            number = lineNumber
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return false }
        case .oversized(let lineNumber, _, _):
            number = lineNumber
        }
        summary.linesRead += 1
        do {
            try accept(line, number: number)
            return false
        } catch let error as DomainError {
            return reject(ImportProblem(line: number, error: error))
        } catch let stop as BatchRefused {
            return reject(stop.problem)
        }
    }

    /// Writes the last batch.
    mutating func finish() throws {
        if let problem = try flush() { _ = reject(problem) }
    }

    private mutating func reject(_ problem: ImportProblem) -> Bool {
        summary.rejected += 1
        if summary.problems.count < ImportSummary.maximumProblemsKept { summary.problems.append(problem) }
        guard !options.dryRun else { return false }
        summary.stoppedAtLine = problem.line
        summary.unwrittenBatchFirstLine = pending.first?.line ?? problem.line
        return true
    }

    private mutating func accept(_ line: JSONLinesReader.Line, number: Int) throws {
        var prepared = try LineDecoding.prepare(line)
        if options.recordedTimes == .now || prepared.recordedAt == nil {
            prepared.recordedAt = nil
            prepared.recordedBy = nil
            prepared.source = .import
        }
        let fingerprint = Self.fingerprint(prepared)
        if let stored = try ledger.log.position(ofEventID: prepared.id).flatMap({ try ledger.log.event(at: $0) }) {
            guard prepared.matches(stored) else { throw Self.idConflict(prepared.id, where: "position \(stored.position) of the ledger") }
            summary.alreadyPresent += 1
            return
        }
        if let earlier = unwritten[prepared.id] {
            guard earlier.fingerprint == fingerprint else { throw Self.idConflict(prepared.id, where: "line \(earlier.line) of this file") }
            summary.alreadyPresent += 1
            return
        }
        if !pending.isEmpty, options.recordedTimes == .keep, prepared.recordedAt != pendingRecordedAt {
            if let problem = try flush() { throw BatchRefused(problem: problem) }
        }
        try foldPartnerships(checking: prepared)
        try working.validate(prepared.event, partnership: prepared.partnership)
        working.apply(prepared.event, partnership: prepared.partnership, id: prepared.id, occurredAt: prepared.occurredAt)
        if pending.isEmpty { pendingRecordedAt = prepared.recordedAt }
        pending.append((number, prepared))
        unwritten[prepared.id] = (number, fingerprint)
        if options.dryRun { summary.appended += 1 }
        if pending.count >= options.batchSize, let problem = try flush() { throw BatchRefused(problem: problem) }
    }

    /// Writes the pending batch in one transaction; returns the problem of a line that no
    /// longer passes after another writer changed its partnership (nothing is written then).
    private mutating func flush() throws -> ImportProblem? {
        guard !pending.isEmpty else { return nil }
        summary.batches += 1
        if options.dryRun {
            pending.removeAll(keepingCapacity: true)
            return nil
        }
        for _ in 1...Ledger.maximumAttempts {
            guard let result = try appendPending() else {
                if let problem = try recheckPending() { return problem }
                continue
            }
            if let kept = pendingRecordedAt, result.head.recordedAt != kept.millisecondsSinceEpoch {
                summary.recordedTimesMovedForward += pending.count
            }
            summary.appended += pending.count
            ledger.registry = working
            try ledger.refresh()
            working = ledger.registry
            pending.removeAll(keepingCapacity: true)
            unwritten.removeAll(keepingCapacity: true)
            return nil
        }
        throw LedgerError.concurrencyConflict(partnership: pending[0].event.partnership, attempts: Ledger.maximumAttempts)
    }

    /// Appends the pending batch at its kept recorded time; `nil` when another writer changed one of its partnerships first.
    private func appendPending() throws -> AppendResult? {
        ledger.recordedTime.current = pendingRecordedAt
        defer { ledger.recordedTime.current = nil }
        do {
            return try ledger.log.append(groups(after: ledger.streamVersions))
        } catch EventLogError.wrongExpectedVersion {
            return nil
        }
    }

    /// Reads what other writers appended and checks the pending batch again against it.
    private mutating func recheckPending() throws -> ImportProblem? {
        try ledger.refresh()
        working = ledger.registry
        var stillPending: [(line: Int, event: PreparedEvent)] = []
        for item in pending {
            if working.containsEvent(item.event.id) {
                summary.alreadyPresent += 1
                continue
            }
            try foldPartnerships(checking: item.event)
            do {
                try working.validate(item.event.event, partnership: item.event.partnership)
            } catch {
                pending = Array(pending.prefix { $0.line < item.line })
                return ImportProblem(line: item.line, error: error)
            }
            working.apply(item.event.event, partnership: item.event.partnership, id: item.event.id, occurredAt: item.event.occurredAt)
            stillPending.append(item)
        }
        pending = stillPending
        return nil
    }

    /// The pending events as consecutive runs per partnership, each with its exact expected version.
    private func groups(after versions: [String: UInt64]) -> [StreamAppend] {
        var versions = versions
        var groups: [StreamAppend] = []
        for item in pending {
            let stream = item.event.partnership
            if let last = groups.indices.last, groups[last].stream == stream {
                groups[last].events.append(item.event.proposed)
            } else {
                groups.append(StreamAppend(stream: stream, expected: .exactly(versions[stream] ?? 0), events: [item.event.proposed]))
            }
            versions[stream, default: 0] += 1
        }
        return groups
    }

    private static func fingerprint(_ event: PreparedEvent) -> Int {
        var hasher = Hasher()
        hasher.combine(event.partnership)
        hasher.combine(event.type)
        hasher.combine(event.version)
        hasher.combine(event.occurredAt)
        hasher.combine(event.payload)
        hasher.combine(event.causationID)
        hasher.combine(event.correlationID)
        return hasher.finalize()
    }

    private static func idConflict(_ id: UUID, where place: String) -> DomainError {
        let text = "\"\(id.uuidString.lowercased())\""
        return DomainError(
            code: .duplicateEventID, field: "id", value: text,
            message: "event id \(text) is already used at \(place) by an event with other content. Give this event a new id; the same id means the same event.")
    }
}

/// A line of the pending batch no longer passes after another writer changed its partnership.
private struct BatchRefused: Error {
    let problem: ImportProblem
}

extension DomainError.Code {
    /// An event id is used already by an event with other content.
    public static let duplicateEventID = Self(rawValue: "duplicate-event-id")
    /// A line is not valid UTF-8.
    public static let invalidUTF8 = Self(rawValue: "invalid-utf8")
    /// A line nests objects and arrays deeper than ``JSONSyntax/maximumDepth``.
    public static let nestedTooDeep = Self(rawValue: "nested-too-deep")
    /// A line is longer than an event may be.
    public static let lineTooLong = Self(rawValue: "line-too-long")
}

/// Turns one input line into a prepared event, or a ``DomainError`` naming the field.
enum LineDecoding {
    static func prepare(_ line: JSONLinesReader.Line) throws -> PreparedEvent {
        let bytes: [UInt8]
        switch line {
        case .oversized(_, let length, let retained):
            throw tooLong(length: length, bytes: retained)
        case .text(_, let text):
            bytes = text
        }
        if let offset = firstInvalidUTF8(bytes) {
            throw DomainError(
                code: .invalidUTF8, field: fieldHoldingReplacement(bytes), value: nil,
                message: "the line is not valid UTF-8 (byte 0x\(String(bytes[offset], radix: 16)) at column \(offset + 1)). Save the file as UTF-8.")
        }
        if let deep = JSONSyntax.nestingFailure(in: bytes) { throw tooDeep(deep, subject: "the line") }
        let envelope: EventEnvelope
        do {
            envelope = try EventEnvelope.decodeLine(Data(bytes))
        } catch {
            throw located(error, in: bytes, subject: "the line")
        }
        let payload = try envelope.payload.encoded()
        let event = try PartnershipEvent.decode(type: envelope.type, version: envelope.version, payload: payload)
        return try PreparedEvent(envelope: envelope, event: event, canonicalPayload: payload)
    }

    /// A line or event nested too deep, refused before any parser reads it.
    static func tooDeep(_ failure: JSONSyntax.Failure, subject: String) -> DomainError {
        DomainError(
            code: .nestedTooDeep, field: "", value: nil,
            message: "\(subject) \(failure.reason) (at column \(failure.offset + 1)); an event nests a few levels. Flatten the value.")
    }

    /// A `malformed-json` error made precise: the column, the field being read and what was
    /// expected there. Other errors come back unchanged.
    static func located(_ error: DomainError, in bytes: [UInt8], subject: String) -> DomainError {
        guard error.code == .malformedJSON, let failure = JSONSyntax.firstError(in: bytes) else { return error }
        return DomainError(
            code: .malformedJSON, field: failure.path, value: nil,
            message: "\(subject) is not valid JSON at column \(failure.offset + 1): \(failure.reason). Check its quotes, commas and brackets.")
    }

    private static func tooLong(length: Int, bytes: [UInt8]?) -> DomainError {
        var field = ""
        var largest = ""
        if let bytes, let document = try? JSONValue(parsing: Data(bytes)) {
            let found = largestLeaf(document, path: "")
            field = found.path
            largest = found.path.isEmpty ? "" : " The largest value is this field, \(found.size) bytes."
        }
        return DomainError(
            code: .lineTooLong, field: field, value: nil,
            message: "the line is \(length) bytes long, more than the \(1 << 20) bytes one event may take.\(largest) Shorten it, and keep large documents outside the ledger, recording a reference to them.")
    }

    /// The path and size of the largest leaf of a document, following the largest member down.
    private static func largestLeaf(_ value: JSONValue, path: String) -> (path: String, size: Int) {
        switch value {
        case .object(let members):
            guard let (key, member) = members.max(by: { size($0.value) < size($1.value) }) else { return (path, 2) }
            return largestLeaf(member, path: path.isEmpty ? key : "\(path).\(key)")
        case .array(let elements):
            guard let (index, element) = elements.enumerated().max(by: { size($0.element) < size($1.element) }) else { return (path, 2) }
            return largestLeaf(element, path: "\(path)[\(index)]")
        default:
            return (path, size(value))
        }
    }

    private static func size(_ value: JSONValue) -> Int {
        switch value {
        case .string(let text): return text.utf8.count + 2
        case .object(let members): return members.reduce(2) { $0 + $1.key.utf8.count + 3 + size($1.value) }
        case .array(let elements): return elements.reduce(2) { $0 + size($1) + 1 }
        default: return 8
        }
    }

    /// The offset of the first byte that is not part of valid UTF-8, or `nil`.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The path of the first key or string that holds an invalid byte, read with replacement characters.
    private static func fieldHoldingReplacement(_ bytes: [UInt8]) -> String {
        let repaired = Data(String(decoding: bytes, as: UTF8.self).utf8)
        guard let document = try? JSONValue(parsing: repaired) else { return "" }
        return pathOfReplacement(document, path: "") ?? ""
    }

    private static func pathOfReplacement(_ value: JSONValue, path: String) -> String? {
        switch value {
        case .string(let text):
            return text.contains("\u{FFFD}") ? path : nil
        case .object(let members):
            for key in members.keys.sorted() {
                let child = path.isEmpty ? key : "\(path).\(key)"
                if key.contains("\u{FFFD}") { return child }
                if let found = pathOfReplacement(members[key]!, path: child) { return found }
            }
            return nil
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let found = pathOfReplacement(element, path: "\(path)[\(index)]") { return found }
            }
            return nil
        default:
            return nil
        }
    }
}

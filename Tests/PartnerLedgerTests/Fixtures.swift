import Foundation
@testable import PartnerLedger
import TestSupport

/// A ledger in its own temporary directory, with a clock the test moves and repeatable ids.
final class TestLedger {
    let directory = TemporaryDirectory(prefix: "partnerledger-test")
    let clock = SettableInstant()
    let ledger: Ledger

    /// 2025-01-01T00:00:00Z.
    static let start = Timestamp(millisecondsSinceEpoch: 1_735_689_600_000)

    var path: String { directory.appending("ledger") }

    init(seed: UInt64 = 1, organization: String = "acme") throws {
        clock.current = Self.start
        let clock = clock
        ledger = try Ledger.create(
            at: directory.appending("ledger"), organization: .init(id: organization, name: "Acme Corp"),
            environment: .seeded(seed, userName: "tester") { clock.current ?? TestLedger.start }).ledger
    }

    /// Moves the clock to `day` days and `hour` hours after 2025-01-01.
    func at(day: Int, hour: Int = 0) -> Timestamp {
        TestLedger.start.adding(milliseconds: Int64(day) * 86_400_000 + Int64(hour) * 3_600_000)
    }

    /// Sets the recorded time of the next appends.
    func setClock(day: Int, hour: Int = 0) {
        clock.current = at(day: day, hour: hour)
    }

    /// Opens `acme-iot` between acme and initech.
    @discardableResult
    func openAcmeIoT() throws -> Receipt {
        try ledger.record(in: "acme-iot", occurredAt: at(day: 0)) { _ in
            .partnershipOpened(PartnershipOpened(
                name: "Acme x Initech", parties: [.init(id: "acme", name: "Acme Corp"), .init(id: "initech", name: "Initech")],
                declaredType: .partnership, callCadenceDays: 14))
        }
    }

    /// Makes a commitment of initech to acme, due on `due`.
    @discardableResult
    func makeCommitment(id: String? = nil, due: String = "2025-06-30", day: Int = 1) throws -> Receipt {
        try ledger.record(in: "acme-iot", occurredAt: at(day: day)) { ids in
            .commitmentMade(CommitmentMade(
                commitmentId: ids.id(id, .commitment), owner: "initech", beneficiary: "acme", kind: .integration,
                description: "Certified connector", dueDate: try CalendarDate(parsing: due)))
        }
    }

    var headPosition: UInt64 {
        get throws { try ledger.head().position }
    }
}

/// Writes `lines` as a JSON Lines file in `directory` and returns its path.
func writeLines(_ lines: [String], named name: String = "input.jsonl", in directory: TemporaryDirectory) throws -> String {
    let path = directory.appending(name)
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
    return path
}

/// One import line: an envelope without recorded fields.
func line(_ id: Int, _ type: String, _ payload: String, partnership: String = "acme-iot", day: Int = 1, version: Int? = nil) -> String {
    let version = version ?? EventCatalog.currentVersion(of: type) ?? 1
    let digits = String(id)
    let uuid = "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits
    let occurred = TestLedger.start.adding(milliseconds: Int64(day) * 86_400_000)
    return #"{"id":"\#(uuid)","occurredAt":"\#(occurred)","partnership":"\#(partnership)","payload":\#(payload),"source":"api","type":"\#(type)","version":\#(version)}"#
}

/// The opening of `acme-iot`, as an import line.
let openingLine = line(1, "PartnershipOpened", #"{"declaredType":"partnership","name":"Acme x Initech","parties":[{"id":"acme","name":"Acme Corp"},{"id":"initech","name":"Initech"}]}"#, day: 0)

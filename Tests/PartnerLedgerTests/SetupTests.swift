import EventLog
import Foundation
@testable import PartnerLedger
import TestSupport
import Testing

@Suite("Creating, locating, backing up and restoring ledgers")
struct SetupTests {
    @Test func createStoresTheOrganisationInTheSettingsFile() throws {
        let directory = TemporaryDirectory()
        let path = directory.appending("ledger")
        let (ledger, isNew) = try Ledger.create(at: path, organization: .init(id: "acme", name: "Acme Corp"))
        #expect(isNew)
        #expect(ledger.organizationID == "acme")
        #expect(try LedgerSettings.load(fromLedger: path)?.organization.name == "Acme Corp")
        #expect(try ledger.head().position == 0)
    }

    @Test func createRefusesAnotherOrganisationOrAForeignDirectory() throws {
        let directory = TemporaryDirectory()
        let path = directory.appending("ledger")
        do {
            _ = try Ledger.create(at: path, organization: .init(id: "acme", name: "Acme"))
        }
        #expect(throws: LedgerError.alreadyInitialized(path: path, organization: "acme")) {
            try Ledger.create(at: path, organization: .init(id: "globex", name: "Globex"))
        }
        let again = try Ledger.create(at: path, organization: .init(id: "acme", name: "Acme"))
        #expect(!again.isNew)
        let foreign = directory.appending("notes")
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: foreign + "/todo.txt"))
        #expect(throws: LedgerError.notEmptyDirectory(path: foreign)) {
            try Ledger.create(at: foreign, organization: .init(id: "acme", name: "Acme"))
        }
        let badID = #expect(throws: DomainError.self) {
            try Ledger.create(at: directory.appending("third"), organization: .init(id: "Acme Corp", name: "Acme"))
        }
        #expect(badID?.field == "--organization")
    }

    @Test func openingAMissingLedgerCreatesNothing() throws {
        let directory = TemporaryDirectory()
        let path = directory.appending("typo")
        #expect(throws: LedgerError.noLedger(path: path)) { try Ledger(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(FailureKind(classifying: LedgerError.noLedger(path: path)) == .usage)
    }

    @Test func locationPrefersTheOptionThenTheEnvironmentThenXDGThenHome() {
        let environment = ["PLEDGER_LEDGER": "/srv/from-env", "XDG_DATA_HOME": "/xdg", "HOME": "/home/ann"]
        #expect(LedgerLocation.resolve(option: "/srv/option", environment: environment) == "/srv/option")
        #expect(LedgerLocation.resolve(option: nil, environment: environment) == "/srv/from-env")
        #expect(LedgerLocation.resolve(option: nil, environment: ["XDG_DATA_HOME": "/xdg", "HOME": "/home/ann"]) == "/xdg/pledger/ledger")
        #expect(LedgerLocation.resolve(option: nil, environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/ann"]) == "/home/ann/.local/share/pledger/ledger")
        #expect(LedgerLocation.resolve(option: nil, environment: ["HOME": "/home/ann"]) == "/home/ann/.local/share/pledger/ledger")
    }

    @Test func backupAndRestoreCarryTheEventsAndTheSettings() throws {
        let test = try TestLedger()
        try test.openAcmeIoT()
        try test.makeCommitment()
        let backup = test.directory.appending("backup")
        let copy = try test.ledger.backup(to: backup)
        #expect(copy.isIntact)
        #expect(copy.eventCount == 2)
        #expect(try LedgerSettings.load(fromLedger: backup)?.organization.id == "acme")
        let restoredPath = test.directory.appending("restored")
        let restored = try Ledger.restore(from: backup, to: restoredPath)
        #expect(restored.headDigest == (try test.ledger.head()).digest)
        #expect(try LedgerSettings.load(fromLedger: restoredPath)?.organization.id == "acme")
        #expect(throws: EventLogError.self) { try test.ledger.backup(to: backup) }
        #expect(FailureKind(classifying: EventLogError.destinationNotEmpty(path: backup)) == .usage)
    }

    @Test func failureKindsCoverTheDomainTheLedgerAndTheLog() {
        #expect(FailureKind(classifying: DomainError(code: .unknownParty, field: "", value: nil, message: "")) == .invalidInput)
        #expect(FailureKind(classifying: LedgerError.concurrencyConflict(partnership: "a", attempts: 5)) == .conflict)
        #expect(FailureKind(classifying: EventLogError.wrongExpectedVersion(stream: "a", expected: .exactly(1), actual: 2)) == .conflict)
        #expect(FailureKind(classifying: EventLogError.fileSystem(path: "/", reason: "full")) == .storage)
        #expect(FailureKind(classifying: CocoaError(.fileNoSuchFile)) == nil)
    }
}

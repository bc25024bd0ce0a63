import ArgumentParser
import Foundation
import PartnerLedger

/// Where the ledger is, and how to print: shared by every command.
struct LedgerOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The ledger directory. Default: $PLEDGER_LEDGER, else $XDG_DATA_HOME/pledger/ledger, else ~/.local/share/pledger/ledger.",
            valueName: "path"),
        completion: .directory)
    var ledger: String?

    @Flag(name: .long, help: "Print JSON for scripts instead of text.")
    var json = false

    /// The ledger directory: `--ledger`, then `PLEDGER_LEDGER`, then the per-user default.
    var path: String { LedgerLocation.resolve(option: ledger) }

    /// Opens the ledger, which must exist.
    func open(readOnly: Bool = false) throws -> Ledger {
        try Ledger(path: path, readOnly: readOnly)
    }
}

/// The partnership a recording command writes to.
struct PartnershipOption: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("The partnership's slug, such as acme-iot.", valueName: "slug"))
    var partnership: String
}

/// When an event happened, and its id.
struct WhenOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("When it happened: YYYY-MM-DD or an ISO-8601 date-time with a zone. Default: now.", valueName: "time"))
    var at: String?

    @Option(
        name: .customLong("event-id"),
        help: ArgumentHelp("The event's id (a UUID), so that running the same command again records nothing new. Default: a new id.", valueName: "uuid"))
    var eventID: String?

    /// The business time, or `nil` for now.
    func occurredAt() throws(DomainError) -> Timestamp? {
        try at.map { text throws(DomainError) in try TimeText.instant(text, field: "--at") }
    }

    /// The event id, or `nil` for a new one.
    func eventUUID() throws(DomainError) -> UUID? {
        guard let eventID else { return nil }
        guard let uuid = UUID(uuidString: eventID) else {
            throw DomainError(
                code: .invalidUUID, field: "--event-id", value: "\"\(eventID)\"",
                message: "\"\(eventID)\" is not a UUID. Write 32 hexadecimal digits in the 8-4-4-4-12 form, or leave --event-id out.")
        }
        return uuid
    }
}

/// Records one event and prints what was recorded: the shared path of every recording command.
struct Recorder {
    let options: LedgerOptions
    let when: WhenOptions
    /// Payload field names that the command's options spell differently, such as `dueDate` → `--due`.
    var optionNames: [String: String] = [:]
    /// How the command names the partnership: `--partnership`, or `<slug>` for a positional slug.
    var partnershipName = "--partnership"
    /// Fields the command left to a default the user did not choose, said after the receipt so
    /// that nothing is recorded on the user's behalf unnoticed, such as an organiser left unknown.
    var defaulted: [String] = []

    /// Checks and records the event `build` makes in `partnership`, then prints the receipt.
    ///
    /// Domain errors come back as ``Refused`` with the field renamed to the option the user typed.
    func record(in partnership: String, _ build: (inout ShortIDs, Ledger) throws -> PartnershipEvent) throws {
        try record(on: options.open(), in: partnership, build)
    }

    /// Checks and records the event `build` makes, on a ledger the command opened already.
    func record(on ledger: Ledger, in partnership: String, _ build: (inout ShortIDs, Ledger) throws -> PartnershipEvent) throws {
        do {
            let occurredAt = try when.occurredAt()
            let eventID = try when.eventUUID()
            let receipt = try ledger.record(in: partnership, occurredAt: occurredAt, eventID: eventID) { ids in
                try build(&ids, ledger)
            }
            try Recorder.print(receipt, json: options.json)
            if !options.json, !receipt.wasAlreadyStored, !defaulted.isEmpty {
                Terminal.printLine("Filled in by default: \(defaulted.joined(separator: "; ")).")
            }
        } catch let error as DomainError {
            throw Refused(error: error.at(field: optionField(error.field)))
        }
    }

    /// The option a payload field path was given by: `payload.owner` → `--owner`.
    func optionField(_ field: String) -> String {
        guard field.hasPrefix("payload.") else {
            switch field {
            case "partnership": return partnershipName
            case "occurredAt": return "--at"
            default: return field
            }
        }
        let path = field.dropFirst("payload.".count)
        let key = String(path.prefix { $0 != "." && $0 != "[" })
        let option = optionNames[key] ?? "--" + Recorder.kebab(key)
        return path.count == key.count ? option : "\(option) (\(field))"
    }

    static func kebab(_ name: String) -> String {
        name.reduce(into: "") { text, character in
            if character.isUppercase {
                text += "-" + character.lowercased()
            } else {
                text.append(character)
            }
        }
    }

    /// Prints a receipt: a sentence, or JSON.
    static func print(_ receipt: Receipt, json: Bool) throws {
        if json {
            try Terminal.printJSON(receipt)
            return
        }
        let subject = receipt.subject.map { subject in
            receipt.type == EventRetracted.eventType ? " of event \(subject)" : " " + Terminal.style(subject, .bold)
        } ?? ""
        if receipt.wasAlreadyStored {
            Terminal.printLine("Already recorded: \(receipt.type)\(subject) in \(receipt.partnership) at position \(receipt.position); nothing was written.")
        } else {
            Terminal.printLine("Recorded \(receipt.type)\(subject) in \(receipt.partnership) at position \(receipt.position).")
        }
        let others = receipt.introducedIDs.filter { $0 != receipt.subject }
        if !others.isEmpty {
            Terminal.printLine("Action items: \(others.joined(separator: ", ")).")
        }
    }
}

/// Turns option text into domain values, with errors that name the option.
enum Value {
    /// A word of a closed vocabulary, such as a commitment kind.
    static func word<Word: ClosedVocabulary>(_ text: String, option: String) throws(DomainError) -> Word {
        do throws(DomainError) {
            return try Word(word: text)
        } catch {
            throw error.at(field: option)
        }
    }

    /// A calendar date `YYYY-MM-DD`.
    static func date(_ text: String, option: String) throws(DomainError) -> CalendarDate {
        try TimeText.date(text, field: option)
    }

    /// An instant: a date (midnight UTC, or the day's end with `endOfDay`) or a date-time with a zone.
    static func instant(_ text: String, option: String, endOfDay: Bool = false) throws(DomainError) -> Timestamp {
        try TimeText.instant(text, endOfDay: endOfDay, field: option)
    }

    /// An amount of money, exact in decimal, such as `1500.50`.
    static func amount(_ text: String, option: String) throws(DomainError) -> MoneyAmount {
        let allowed = Set("0123456789.-")
        guard !text.isEmpty, text.allSatisfy(allowed.contains), let amount = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw DomainError(
                code: .wrongType, field: option, value: "\"\(text)\"",
                message: "\"\(text)\" is not an amount. Write digits with an optional decimal point, such as 1500.50.")
        }
        return amount
    }

    /// A whole number.
    static func integer(_ text: String, option: String) throws(DomainError) -> Int {
        guard let number = Int(text) else {
            throw DomainError(
                code: .wrongType, field: option, value: "\"\(text)\"", message: "\"\(text)\" is not a whole number. Write digits, such as 14.")
        }
        return number
    }

    /// An ISO 4217 currency code.
    static func currency(_ text: String, option: String) throws(DomainError) -> CurrencyCode {
        do throws(DomainError) {
            return try CurrencyCode(text)
        } catch {
            throw error.at(field: option)
        }
    }

    /// `party:seniority[:name]`, such as `acme:exec:Ada Lind`.
    static func attendee(_ text: String, option: String) throws(DomainError) -> MeetingHeld.Attendee {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else {
            throw DomainError(
                code: .invalidValue, field: option, value: "\"\(text)\"",
                message: "\"\(text)\" is not an attendee. Write party:seniority or party:seniority:name, such as acme:exec:Ada Lind; seniority is one of \(Seniority.allowedWords.joined(separator: ", ")).")
        }
        let seniority: Seniority = try word(parts[1], option: option)
        return MeetingHeld.Attendee(party: parts[0], seniority: seniority, name: parts.count == 3 ? parts[2] : nil)
    }

    /// `owner:YYYY-MM-DD:text`, such as `initech:2025-03-31:Send the plan`, with a generated id.
    static func actionItem(_ text: String, option: String, ids: inout ShortIDs) throws(DomainError) -> MeetingHeld.ActionItem {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            throw DomainError(
                code: .invalidValue, field: option, value: "\"\(text)\"",
                message: "\"\(text)\" is not an action item. Write owner:YYYY-MM-DD:what, such as initech:2025-03-31:Send the plan.")
        }
        return MeetingHeld.ActionItem(actionId: ids.next(.actionItem), owner: parts[0], due: try date(parts[1], option: option), text: parts[2])
    }

    /// `id=Name` or `id`, such as `initech=Initech Inc`.
    static func party(_ text: String) -> PartnershipOpened.Party {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        return PartnershipOpened.Party(id: parts.first ?? text, name: parts.count == 2 ? parts[1] : (parts.first ?? text))
    }

    /// The ledger's organisation, for options that default to it.
    static func organization(of ledger: Ledger, option: String) throws -> String {
        guard let id = ledger.organizationID else { throw LedgerError.noOrganization(option: option) }
        return id
    }

    /// "One of: a, b, c." for help texts.
    static func choices<Word: ClosedVocabulary>(_ type: Word.Type) -> String {
        "One of: \(Word.allowedWords.joined(separator: ", "))."
    }
}

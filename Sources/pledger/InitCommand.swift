import ArgumentParser
import Foundation
import PartnerLedger

extension Pledger {
    /// `pledger init`: creates the ledger and names the organisation that keeps it.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the ledger and name the organisation that keeps it.",
            discussion: """
                The organisation's party id is stored in pledger-settings.json inside the ledger \
                directory, not as an event: it says whose copy of the ledger this is. `partnership open` \
                adds the organisation as a party, and meetings default to it as organiser. \
                Running init again with the same id changes nothing.
                """)

        @OptionGroup var options: LedgerOptions

        @Option(name: .long, help: ArgumentHelp("Your organisation's party id, such as acme: lower-case letters, digits and hyphens.", valueName: "party-id"))
        var organization: String

        @Option(name: .long, help: ArgumentHelp("Your organisation's display name. Default: the party id.", valueName: "name"))
        var name: String?

        func run() throws {
            let party = PartnershipOpened.Party(id: organization, name: name ?? organization)
            let (ledger, isNew) = try Ledger.create(at: options.path, organization: party)
            if options.json {
                try Terminal.printJSON(InitResult(ledger: ledger.path, organization: party, created: isNew))
            } else if isNew {
                print("Created the ledger at \(ledger.path) for \(party.name) (\(party.id)).")
                print("Next: pledger partnership open <slug> --name \"...\" --party <their-id>=\"Their Name\"")
            } else {
                print("The ledger at \(ledger.path) already belongs to \(party.id); nothing was changed.")
            }
        }
    }
}

/// What `init --json` prints.
private struct InitResult: Encodable {
    let ledger: String
    let organization: PartnershipOpened.Party
    let created: Bool
}

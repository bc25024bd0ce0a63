import ArgumentParser
import Foundation
import PartnerLedger

extension Pledger {
    /// `pledger action`: close action items agreed at meetings.
    struct Action: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close an action item agreed at a meeting.", subcommands: [Close.self])

        /// `pledger action close`.
        struct Close: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Record that an action item is done.")

            @OptionGroup var options: LedgerOptions
            @OptionGroup var target: PartnershipOption
            @OptionGroup var when: WhenOptions

            @Argument(help: ArgumentHelp("The action item's id, such as a-7f3a2.", valueName: "action"))
            var action: String

            func run() throws {
                try Recorder(options: options, when: when, optionNames: ["actionId": "<action>"]).record(in: target.partnership) { _, _ in
                    .actionItemClosed(ActionItemClosed(actionId: action))
                }
            }
        }
    }

    /// `pledger opportunity`: business passed between parties, and its fate.
    struct Opportunity: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Share an opportunity, then accept, decline, win or lose it.",
            subcommands: [Share.self, Accept.self, Decline.self, Win.self, Lose.self])
    }

    /// `pledger commitment`: promises between parties, and whether they were kept.
    struct Commitment: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a commitment, then fulfil, miss, renegotiate or withdraw it.",
            subcommands: [Make.self, Fulfil.self, Miss.self, Renegotiate.self, Withdraw.self])
    }
}

/// The positional id and the common options of the commands that act on an existing entity.
struct EntityArguments: ParsableArguments {
    @OptionGroup var options: LedgerOptions
    @OptionGroup var target: PartnershipOption
    @OptionGroup var when: WhenOptions

    @Argument(help: ArgumentHelp("The id, such as c-7f3a2 or o-7f3a2.", valueName: "id"))
    var id: String

    /// Checks and records the event `build` makes about the entity `<id>` names, then prints the
    /// receipt; `idField` is the payload field that holds the id, shown to the user as `<id>`.
    func record(idField: String, optionNames: [String: String] = [:], _ build: () throws -> PartnershipEvent) throws {
        var names = optionNames
        names[idField] = "<id>"
        try Recorder(options: options, when: when, optionNames: names).record(in: target.partnership) { _, _ in try build() }
    }
}

extension Pledger.Opportunity {
    /// `pledger opportunity share`.
    struct Share: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that one party passes business to another.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var target: PartnershipOption
        @OptionGroup var when: WhenOptions

        @Option(name: .long, help: ArgumentHelp("The giving party.", valueName: "party")) var from: String
        @Option(name: .long, help: ArgumentHelp("The receiving party.", valueName: "party")) var to: String
        @Option(name: .long, help: ArgumentHelp("How it is passed. \(Value.choices(OpportunityKind.self))", valueName: "kind"),
                completion: .list(OpportunityKind.allowedWords))
        var kind: String
        @Option(name: .long, help: ArgumentHelp("What it may be worth, such as 50000 (needs --currency).", valueName: "amount")) var value: String?
        @Option(name: .long, help: ArgumentHelp("The currency, such as EUR.", valueName: "code")) var currency: String?
        @Option(name: .long, help: ArgumentHelp("The customer account concerned.", valueName: "name")) var account: String?
        @Option(name: .long, help: ArgumentHelp("The opportunity's id. Default: a generated id such as o-7f3a2.", valueName: "id")) var id: String?

        func run() throws {
            let recorder = Recorder(options: options, when: when, optionNames: ["estimatedValue": "--value", "opportunityId": "--id"])
            try recorder.record(in: target.partnership) { ids, _ in
                .opportunityShared(OpportunityShared(
                    opportunityId: ids.id(id, .opportunity), from: from, to: to, kind: try Value.word(kind, option: "--kind"),
                    estimatedValue: try value.map { text throws(DomainError) in try Value.amount(text, option: "--value") },
                    currency: try currency.map { text throws(DomainError) in try Value.currency(text, option: "--currency") },
                    account: account))
            }
        }
    }

    /// `pledger opportunity accept`.
    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that the receiving party takes up an opportunity.")
        @OptionGroup var entity: EntityArguments
        @Option(name: .long, help: "Why.") var reason: String?

        func run() throws {
            try entity.record(idField: "opportunityId") {
                .opportunityAccepted(OpportunityAccepted(opportunityId: entity.id, reason: reason))
            }
        }
    }

    /// `pledger opportunity decline`.
    struct Decline: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that the receiving party turns an opportunity down.")
        @OptionGroup var entity: EntityArguments
        @Option(name: .long, help: "Why.") var reason: String?

        func run() throws {
            try entity.record(idField: "opportunityId") {
                .opportunityDeclined(OpportunityDeclined(opportunityId: entity.id, reason: reason))
            }
        }
    }

    /// `pledger opportunity win`.
    struct Win: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that an accepted opportunity turned into business.")
        @OptionGroup var entity: EntityArguments
        @Option(name: .long, help: ArgumentHelp("What was won.", valueName: "amount")) var value: String?
        @Option(name: .long, help: "What made it work.") var reason: String?

        func run() throws {
            try entity.record(idField: "opportunityId") {
                .opportunityWon(OpportunityWon(
                    opportunityId: entity.id, value: try value.map { text throws(DomainError) in try Value.amount(text, option: "--value") }, reason: reason))
            }
        }
    }

    /// `pledger opportunity lose`.
    struct Lose: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that an accepted opportunity came to nothing.")
        @OptionGroup var entity: EntityArguments
        @Option(name: .long, help: ArgumentHelp("What was at stake.", valueName: "amount")) var value: String?
        @Option(name: .long, help: "Why it was lost.") var reason: String?

        func run() throws {
            try entity.record(idField: "opportunityId") {
                .opportunityLost(OpportunityLost(
                    opportunityId: entity.id, value: try value.map { text throws(DomainError) in try Value.amount(text, option: "--value") }, reason: reason))
            }
        }
    }
}

extension Pledger.Commitment {
    /// `pledger commitment make`.
    struct Make: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a party promises another something by a day.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var target: PartnershipOption
        @OptionGroup var when: WhenOptions

        @Option(name: .long, help: ArgumentHelp("The promising party.", valueName: "party")) var owner: String
        @Option(name: .long, help: ArgumentHelp("The party that benefits.", valueName: "party")) var beneficiary: String
        @Option(name: .long, help: ArgumentHelp("What kind of thing is promised. \(Value.choices(CommitmentKind.self))", valueName: "kind"),
                completion: .list(CommitmentKind.allowedWords))
        var kind: String
        @Option(name: .long, help: ArgumentHelp("What is promised, in words.", valueName: "text")) var description: String
        @Option(name: .long, help: ArgumentHelp("The day it is due, YYYY-MM-DD.", valueName: "date")) var due: String
        @Option(name: .long, help: ArgumentHelp("What it is worth to the beneficiary.", valueName: "amount")) var value: String?
        @Option(name: .long, help: ArgumentHelp("The commitment's id. Default: a generated id such as c-7f3a2.", valueName: "id")) var id: String?

        func run() throws {
            let recorder = Recorder(options: options, when: when, optionNames: ["dueDate": "--due", "commitmentId": "--id"])
            try recorder.record(in: target.partnership) { ids, _ in
                .commitmentMade(CommitmentMade(
                    commitmentId: ids.id(id, .commitment), owner: owner, beneficiary: beneficiary,
                    kind: try Value.word(kind, option: "--kind"), description: description,
                    dueDate: try Value.date(due, option: "--due"),
                    value: try value.map { text throws(DomainError) in try Value.amount(text, option: "--value") }))
            }
        }
    }

    /// `pledger commitment fulfil`.
    struct Fulfil: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a commitment was delivered.")
        @OptionGroup var entity: EntityArguments
        @Option(name: .long, help: ArgumentHelp("The beneficiary's rating of the delivery, 1 (poor) to 5 (excellent).", valueName: "1-5")) var quality: Int?

        func run() throws {
            try entity.record(idField: "commitmentId") {
                .commitmentFulfilled(CommitmentFulfilled(commitmentId: entity.id, quality: quality))
            }
        }
    }

    /// `pledger commitment miss`.
    struct Miss: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a commitment was not delivered.")
        @OptionGroup var entity: EntityArguments
        @Option(name: .long, help: "Why it was missed.") var reason: String?

        func run() throws {
            try entity.record(idField: "commitmentId") {
                .commitmentMissed(CommitmentMissed(commitmentId: entity.id, reason: reason))
            }
        }
    }

    /// `pledger commitment renegotiate`.
    struct Renegotiate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a new due date for an open commitment.")
        @OptionGroup var entity: EntityArguments
        @Option(name: .long, help: ArgumentHelp("The new due date, YYYY-MM-DD.", valueName: "date")) var due: String
        @Option(name: .long, help: ArgumentHelp("The party that asked for the change.", valueName: "party")) var requestedBy: String
        @Option(name: .long, help: "Why.") var reason: String?

        func run() throws {
            try entity.record(idField: "commitmentId", optionNames: ["newDueDate": "--due"]) {
                .commitmentRenegotiated(CommitmentRenegotiated(
                    commitmentId: entity.id, newDueDate: try Value.date(due, option: "--due"), requestedBy: requestedBy, reason: reason))
            }
        }
    }

    /// `pledger commitment withdraw`.
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a party takes a commitment back.")
        @OptionGroup var entity: EntityArguments
        @Option(name: .long, help: ArgumentHelp("The party that withdrew it.", valueName: "party")) var by: String
        @Option(name: .long, help: "Why.") var reason: String?

        func run() throws {
            try entity.record(idField: "commitmentId") {
                .commitmentWithdrawn(CommitmentWithdrawn(commitmentId: entity.id, by: by, reason: reason))
            }
        }
    }
}

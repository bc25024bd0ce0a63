import ArgumentParser
import Foundation
import PartnerLedger

extension Pledger {
    /// `pledger invest`.
    struct Invest: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a party puts money, hours or other resources into the partnership.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var target: PartnershipOption
        @OptionGroup var when: WhenOptions

        @Option(name: .long, help: ArgumentHelp("The investing party.", valueName: "party")) var party: String
        @Option(name: .long, help: ArgumentHelp("How much: money in --currency, or hours for --kind hours.", valueName: "amount")) var amount: String
        @Option(name: .long, help: ArgumentHelp("The currency, such as EUR (for hours: the currency of the hourly rate).", valueName: "code")) var currency: String
        @Option(name: .long, help: ArgumentHelp("What form it takes. \(Value.choices(InvestmentKind.self))", valueName: "kind"),
                completion: .list(InvestmentKind.allowedWords))
        var kind: String
        @Flag(name: .long, help: "It is made up front, before any return.") var upfront = false
        @Option(name: .long, help: ArgumentHelp("The day by which the party expects a return, YYYY-MM-DD.", valueName: "date")) var expectedReturnBy: String?

        func run() throws {
            try Recorder(options: options, when: when).record(in: target.partnership) { _, _ in
                .investmentMade(InvestmentMade(
                    party: party, amount: try Value.amount(amount, option: "--amount"),
                    currency: try Value.currency(currency, option: "--currency"), kind: try Value.word(kind, option: "--kind"),
                    upfront: upfront,
                    expectedReturnBy: try expectedReturnBy.map { text throws(DomainError) in try Value.date(text, option: "--expected-return-by") }))
            }
        }
    }

    /// `pledger objective`.
    struct Objective: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record what a party wants from the partnership.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var target: PartnershipOption
        @OptionGroup var when: WhenOptions

        @Option(name: .long, help: ArgumentHelp("The party whose objective it is.", valueName: "party")) var party: String
        @Option(name: .long, help: ArgumentHelp("The objective in the party's words.", valueName: "text")) var statement: String
        @Option(name: .long, help: ArgumentHelp("What kind of value. \(Value.choices(ObjectiveKind.self))", valueName: "kind"),
                completion: .list(ObjectiveKind.allowedWords))
        var kind: String
        @Option(name: .long, help: ArgumentHelp("When it should pay off. \(Value.choices(Horizon.self))", valueName: "horizon"),
                completion: .list(Horizon.allowedWords))
        var horizon: String
        @Option(name: .long, help: ArgumentHelp("The objective's id. Default: a generated id such as obj-7f3a2.", valueName: "id")) var id: String?

        func run() throws {
            try Recorder(options: options, when: when, optionNames: ["objectiveId": "--id"]).record(in: target.partnership) { ids, _ in
                .objectiveDeclared(ObjectiveDeclared(
                    objectiveId: ids.id(id, .objective), party: party, statement: statement,
                    kind: try Value.word(kind, option: "--kind"), horizon: try Value.word(horizon, option: "--horizon")))
            }
        }
    }

    /// `pledger charter`.
    struct Charter: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the charter the parties agree: why, on which joint objectives, signed by whom.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var target: PartnershipOption
        @OptionGroup var when: WhenOptions

        @Option(name: .long, help: ArgumentHelp("Why the parties work together.", valueName: "text")) var why: String
        @Option(name: .long, help: ArgumentHelp("A declared objective made joint (repeat).", valueName: "objective-id")) var objective: [String] = []
        @Option(name: .long, help: ArgumentHelp("A party that signed (repeat).", valueName: "party")) var signedBy: [String] = []
        @Option(name: .long, help: ArgumentHelp("Agreed days between regular calls.", valueName: "days")) var callCadenceDays: Int?
        @Option(name: .long, help: ArgumentHelp("Agreed days between QBRs.", valueName: "days")) var qbrCadenceDays: Int?
        @Option(name: .long, help: ArgumentHelp("An information category the parties will share (repeat). \(Value.choices(InformationCategory.self))", valueName: "category"),
                completion: .list(InformationCategory.allowedWords))
        var infoCategory: [String] = []
        @Option(name: .long, help: ArgumentHelp("How the parties will know it works (repeat).", valueName: "text")) var successMeasure: [String] = []
        @Option(name: .long, help: ArgumentHelp("The charter's id. Default: a generated id such as ch-7f3a2.", valueName: "id")) var id: String?

        func validate() throws {
            if signedBy.isEmpty { throw ValidationError("Name at least one signing party with --signed-by <party>.") }
        }

        func run() throws {
            let recorder = Recorder(options: options, when: when, optionNames: [
                "charterId": "--id", "jointObjectiveIds": "--objective", "signedBy": "--signed-by",
                "infoCategories": "--info-category", "successMeasures": "--success-measure",
            ])
            try recorder.record(in: target.partnership) { ids, _ in
                let categories = try infoCategory.map { text throws(DomainError) -> InformationCategory in try Value.word(text, option: "--info-category") }
                return .charterAgreed(CharterAgreed(
                    charterId: ids.id(id, .charter), why: why, jointObjectiveIds: objective, signedBy: signedBy,
                    callCadenceDays: callCadenceDays, qbrCadenceDays: qbrCadenceDays,
                    infoCategories: categories.isEmpty ? nil : categories, successMeasures: successMeasure.isEmpty ? nil : successMeasure))
            }
        }
    }

    /// `pledger assess`.
    struct Assess: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a party's rating of itself on a failure mode: know your weak spot.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var target: PartnershipOption
        @OptionGroup var when: WhenOptions

        @Option(name: .long, help: ArgumentHelp("The party assessing itself.", valueName: "party")) var party: String
        @Option(name: .long, help: ArgumentHelp("The failure mode rated. \(Value.choices(WeakSpotArea.self))", valueName: "area"),
                completion: .list(WeakSpotArea.allowedWords))
        var area: String
        @Option(name: .long, help: ArgumentHelp("1 (this is our weak spot) to 5 (a strength).", valueName: "1-5")) var rating: Int
        @Option(name: .long, help: ArgumentHelp("What the party does about it.", valueName: "text")) var mitigation: String?

        func run() throws {
            try Recorder(options: options, when: when).record(in: target.partnership) { _, _ in
                .weakSpotAssessed(WeakSpotAssessed(party: party, area: try Value.word(area, option: "--area"), rating: rating, mitigation: mitigation))
            }
        }
    }

    /// `pledger survey`.
    struct Survey: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a party's health survey answer on one dimension.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var target: PartnershipOption
        @OptionGroup var when: WhenOptions

        @Option(name: .long, help: ArgumentHelp("The party that answered.", valueName: "party")) var party: String
        @Option(name: .long, help: ArgumentHelp("The dimension scored. \(Value.choices(SurveyDimension.self))", valueName: "dimension"),
                completion: .list(SurveyDimension.allowedWords))
        var dimension: String
        @Option(name: .long, help: ArgumentHelp("1 (poor) to 5 (healthy).", valueName: "1-5")) var score: Int
        @Option(name: .long, help: "The respondent's comment.") var comment: String?

        func run() throws {
            try Recorder(options: options, when: when, optionNames: ["respondentParty": "--party"]).record(in: target.partnership) { _, _ in
                .healthSurveyed(HealthSurveyed(respondentParty: party, dimension: try Value.word(dimension, option: "--dimension"), score: score, comment: comment))
            }
        }
    }

    /// `pledger info`: transparency between the parties.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Share information, or request it and record the answer or the refusal.",
            subcommands: [Share.self, Request.self, Answer.self, Decline.self])
    }

    /// `pledger disclose`.
    struct Disclose: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a party disclosed something that matters to the partnership.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var target: PartnershipOption
        @OptionGroup var when: WhenOptions

        @Option(name: .long, help: ArgumentHelp("The party disclosing.", valueName: "party")) var party: String
        @Option(name: .long, help: ArgumentHelp("What was disclosed.", valueName: "text")) var topic: String
        @Flag(name: .long, inversion: .prefixedNo, help: "Whether the party disclosed it before anyone asked (--proactive) or only when asked (--no-proactive).")
        var proactive: Bool

        func run() throws {
            try Recorder(options: options, when: when).record(in: target.partnership) { _, _ in
                .disclosureMade(DisclosureMade(party: party, topic: topic, proactive: proactive))
            }
        }
    }

    /// `pledger surprise`.
    struct Surprise: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a party learned something about another that it should have been told.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var target: PartnershipOption
        @OptionGroup var when: WhenOptions

        @Option(name: .long, help: ArgumentHelp("The party that was surprised.", valueName: "party")) var affected: String
        @Option(name: .long, help: ArgumentHelp("The party that kept it back.", valueName: "party")) var about: String
        @Option(name: .long, help: ArgumentHelp("What the surprise was.", valueName: "text")) var topic: String

        func run() throws {
            try Recorder(options: options, when: when, optionNames: ["affectedParty": "--affected", "aboutParty": "--about"]).record(in: target.partnership) { _, _ in
                .surpriseDiscovered(SurpriseDiscovered(affectedParty: affected, aboutParty: about, topic: topic))
            }
        }
    }
}

extension Pledger.Info {
    /// `pledger info share`.
    struct Share: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a party shared a category of information with another.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var target: PartnershipOption
        @OptionGroup var when: WhenOptions

        @Option(name: .long, help: ArgumentHelp("The sharing party.", valueName: "party")) var from: String
        @Option(name: .long, help: ArgumentHelp("The receiving party.", valueName: "party")) var to: String
        @Option(name: .long, help: ArgumentHelp("What kind of information. \(Value.choices(InformationCategory.self))", valueName: "category"),
                completion: .list(InformationCategory.allowedWords))
        var category: String
        @Option(name: .long, help: ArgumentHelp("How much of it. \(Value.choices(DisclosureDepth.self))", valueName: "depth"),
                completion: .list(DisclosureDepth.allowedWords))
        var depth: String

        func run() throws {
            try Recorder(options: options, when: when).record(in: target.partnership) { _, _ in
                .informationShared(InformationShared(
                    from: from, to: to, category: try Value.word(category, option: "--category"), depth: try Value.word(depth, option: "--depth")))
            }
        }
    }

    /// `pledger info request`.
    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a party asked another for a category of information.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var target: PartnershipOption
        @OptionGroup var when: WhenOptions

        @Option(name: .long, help: ArgumentHelp("The asking party.", valueName: "party")) var by: String
        @Option(name: .long, help: ArgumentHelp("The party asked.", valueName: "party")) var to: String
        @Option(name: .long, help: ArgumentHelp("What kind of information. \(Value.choices(InformationCategory.self))", valueName: "category"),
                completion: .list(InformationCategory.allowedWords))
        var category: String
        @Option(name: .long, help: ArgumentHelp("The request's id. Default: a generated id such as r-7f3a2.", valueName: "id")) var id: String?

        func run() throws {
            try Recorder(options: options, when: when, optionNames: ["requestId": "--id"]).record(in: target.partnership) { ids, _ in
                .informationRequested(InformationRequested(
                    requestId: ids.id(id, .request), by: by, to: to, category: try Value.word(category, option: "--category")))
            }
        }
    }

    /// `pledger info answer`.
    struct Answer: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that an information request was answered.")
        @OptionGroup var entity: EntityArguments
        @Option(name: .long, help: "A note on the answer.") var note: String?

        func run() throws {
            try entity.record(idField: "requestId", optionNames: ["reason": "--note"]) {
                .informationRequestAnswered(InformationRequestAnswered(requestId: entity.id, reason: note))
            }
        }
    }

    /// `pledger info decline`.
    struct Decline: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that an information request was refused.")
        @OptionGroup var entity: EntityArguments
        @Option(name: .long, help: "Why it was refused.") var reason: String?

        func run() throws {
            try entity.record(idField: "requestId") {
                .informationRequestDeclined(InformationRequestDeclined(requestId: entity.id, reason: reason))
            }
        }
    }
}

extension Pledger {
    /// `pledger retract`.
    struct Retract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Declare an earlier event wrong. Events are never edited: retract, then record the right event.",
            discussion: "EVENT is the event's id or its position in `pledger history`. The retraction is recorded in the event's partnership.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var when: WhenOptions

        @Argument(help: ArgumentHelp("The event's id (a UUID) or its position.", valueName: "event"))
        var event: String

        @Option(name: .long, help: "Why it is wrong.")
        var reason: String

        func run() throws {
            let ledger = try options.open()
            let target: (id: UUID, partnership: String, type: String, position: UInt64)
            do {
                target = try ledger.storedEvent(event)
            } catch let error as DomainError {
                throw Refused(error: error)
            }
            let recorder = Recorder(options: options, when: when, optionNames: ["targetEventId": "<event>"])
            try recorder.record(on: ledger, in: target.partnership) { _, _ in
                .eventRetracted(EventRetracted(targetEventId: target.id, reason: reason))
            }
        }
    }

    /// `pledger reclassify`.
    struct Reclassify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a new label for what the relationship really is: call it what it is.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var target: PartnershipOption
        @OptionGroup var when: WhenOptions

        @Option(name: .long, help: ArgumentHelp("The new label. \(Value.choices(RelationshipType.self))", valueName: "type"),
                completion: .list(RelationshipType.allowedWords))
        var label: String
        @Option(name: .long, help: ArgumentHelp("Why the label fits, citing the evidence.", valueName: "text")) var rationale: String

        func run() throws {
            try Recorder(options: options, when: when).record(in: target.partnership) { _, _ in
                .relationshipReclassified(RelationshipReclassified(label: try Value.word(label, option: "--label"), rationale: rationale))
            }
        }
    }
}

import ArgumentParser
import Foundation
import PartnerLedger

extension Pledger {
    /// `pledger partnership`: open, list, show and close partnerships.
    struct Partnership: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open, list, show and close partnerships.",
            subcommands: [Open.self, List.self, Show.self, Close.self])
    }
}

extension Pledger.Partnership {
    /// `pledger partnership open`.
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a partnership between your organisation and one or more parties.",
            discussion: "Your organisation (from init) is added as the first party unless --party names it.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var when: WhenOptions

        @Argument(help: ArgumentHelp("The new partnership's slug, such as acme-iot.", valueName: "slug"))
        var slug: String

        @Option(name: .long, help: "The partnership's display name.")
        var name: String

        @Option(name: .long, help: ArgumentHelp("A party as id=Name (repeat for each party), such as initech=\"Initech Inc\".", valueName: "id=name"))
        var party: [String] = []

        @Option(name: .long, help: ArgumentHelp("What it is declared to be. \(Value.choices(RelationshipType.self)) Default: partnership.", valueName: "type"),
                completion: .list(RelationshipType.allowedWords))
        var type = RelationshipType.partnership.rawValue

        @Option(name: .long, help: ArgumentHelp("Agreed days between regular calls.", valueName: "days"))
        var callCadenceDays: Int?

        @Option(name: .long, help: ArgumentHelp("Agreed days between quarterly business reviews.", valueName: "days"))
        var qbrCadenceDays: Int?

        func validate() throws {
            if party.isEmpty { throw ValidationError("Name at least one other party with --party id=Name.") }
        }

        func run() throws {
            let recorder = Recorder(options: options, when: when, optionNames: ["parties": "--party", "declaredType": "--type"], partnershipName: "<slug>")
            try recorder.record(in: slug) { _, ledger in
                var parties = party.map(Value.party)
                if let organization = ledger.settings?.organization, !parties.contains(where: { $0.id == organization.id }) {
                    parties.insert(organization, at: 0)
                }
                return .partnershipOpened(PartnershipOpened(
                    name: name, parties: parties, declaredType: try Value.word(type, option: "--type"),
                    callCadenceDays: callCadenceDays, qbrCadenceDays: qbrCadenceDays))
            }
        }
    }

    /// `pledger partnership list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every partnership with its status and open items.")

        @OptionGroup var options: LedgerOptions

        /// How many partnerships must need folding for the listing to say so on standard error.
        static let noticeThreshold = 20

        func run() throws {
            let ledger = try Ledger.openForReading(path: options.path)
            let today = Timestamp(Date()).calendarDate
            let bar = Terminal.isErrorTerminal && !options.json ? ProgressBar(label: "building the list") : nil
            var announced = false
            let entries = try ledger.partnershipList(today: today) { progress in
                if !announced, progress.toFold >= Self.noticeThreshold {
                    announced = true
                    Terminal.printNotice("building the list: \(progress.toFold) partnerships changed since their entries were saved; folding them once")
                }
                bar?.show(fraction: Double(progress.folded) / Double(progress.toFold), detail: "\(progress.folded) of \(progress.toFold) partnerships")
            }
            bar?.clear()
            if options.json {
                try Terminal.printJSON(entries.map { ListRow($0, today: today) })
                return
            }
            for line in PartnershipListing.lines(entries, today: today) { print(line) }
        }
    }

    /// `pledger partnership show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one partnership: parties, commitments, opportunities, meetings, requests and more.")

        @OptionGroup var options: LedgerOptions

        @Argument(help: ArgumentHelp("The partnership's slug.", valueName: "slug"))
        var slug: String

        func run() throws {
            let ledger = try options.open(readOnly: true)
            let overview = try ledger.partnership(slug, today: Timestamp(Date()).calendarDate)
            if options.json {
                try Terminal.printJSON(overview)
                return
            }
            for line in PartnershipListing.details(overview) { print(line) }
        }
    }

    /// `pledger partnership close`.
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a partnership; afterwards only retractions may be recorded on it.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var when: WhenOptions

        @Argument(help: ArgumentHelp("The partnership's slug.", valueName: "slug"))
        var slug: String

        @Option(name: .long, help: "Why it ends.")
        var reason: String

        func run() throws {
            try Recorder(options: options, when: when, partnershipName: "<slug>").record(in: slug) { _, _ in
                .partnershipClosed(PartnershipClosed(reason: reason))
            }
        }
    }
}

/// One line of `partnership list --json`.
private struct ListRow: Encodable {
    let slug: String
    let name: String
    let label: String
    let status: String
    let parties: [String]
    let eventCount: Int
    let lastEventAt: Timestamp
    let openCommitments: Int
    let overdueCommitments: Int
    let openOpportunities: Int

    init(_ entry: PartnershipListEntry, today: CalendarDate) {
        slug = entry.slug
        name = entry.name
        label = entry.label
        status = entry.status
        parties = entry.parties.map(\.id)
        eventCount = entry.eventCount
        lastEventAt = entry.lastEventAt
        openCommitments = entry.openCommitmentCount
        overdueCommitments = entry.overdueCommitmentCount(today: today)
        openOpportunities = entry.openOpportunityCount
    }
}

/// The text forms of partnership overviews.
enum PartnershipListing {
    /// The table `partnership list` prints.
    static func lines(_ entries: [PartnershipListEntry], today: CalendarDate) -> [String] {
        guard !entries.isEmpty else { return ["No partnerships yet. Open one with `pledger partnership open`."] }
        let rows = entries.map { entry in
            let overdue = entry.overdueCommitmentCount(today: today)
            return [
                entry.slug, entry.status, entry.label, entry.parties.map(\.id).joined(separator: ", "),
                String(entry.eventCount), String(entry.openCommitmentCount) + (overdue > 0 ? " (\(overdue) overdue)" : ""),
                String(entry.openOpportunityCount), String(entry.lastEventAt.description.prefix(10)), entry.name,
            ]
        }
        return Terminal.table(rows, header: ["SLUG", "STATUS", "LABEL", "PARTIES", "EVENTS", "OPEN COMMITMENTS", "OPEN OPPS", "LAST EVENT", "NAME"])
    }

    /// `60000 EUR`, or `-` without an amount.
    static func money(_ amount: Decimal?, _ currency: String?) -> String {
        guard let amount else { return "-" }
        return currency.map { "\(amount) \($0)" } ?? "\(amount)"
    }

    /// The sections `partnership show` prints.
    static func details(_ overview: PartnershipOverview) -> [String] {
        var lines: [String] = []
        lines.append(Terminal.style("\(overview.name) (\(overview.slug))", .bold))
        let relabelled = overview.label == overview.declaredType ? overview.label : "\(overview.label) (declared \(overview.declaredType))"
        lines.append("  status     \(overview.status), \(relabelled)")
        lines.append("  parties    \(overview.parties.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))")
        lines.append("  opened     \(overview.openedAt.description.prefix(10)); last event \(overview.lastEventAt.description.prefix(10))")
        lines.append("  events     \(overview.eventCount)\(overview.retractedCount > 0 ? ", \(overview.retractedCount) retracted" : "")")
        func section(_ title: String, _ header: [String], _ rows: [[String]]) {
            guard !rows.isEmpty else { return }
            lines.append("")
            lines.append(Terminal.style(title, .bold))
            lines.append(contentsOf: Terminal.table(rows, header: header).map { "  " + $0 })
        }
        section("Commitments", ["ID", "OWNER", "TO", "KIND", "DUE", "STATUS", "WHAT"], overview.commitments.map {
            [$0.id, $0.owner, $0.beneficiary, $0.kind, $0.dueDate.description, $0.isOverdue ? "open, overdue" : $0.status, $0.description]
        })
        section("Opportunities", ["ID", "FROM", "TO", "KIND", "STATUS", "ESTIMATED", "WON", "ACCOUNT"], overview.opportunities.map {
            [$0.id, $0.from, $0.to, $0.kind, $0.status, money($0.estimatedValue, $0.currency), money($0.wonValue, $0.currency), $0.account ?? "-"]
        })
        section("Meetings", ["ID", "KIND", "ORGANIZER", "STATUS", "WHEN", "ABSENT"], overview.meetings.suffix(12).map {
            [$0.id, $0.kind, $0.organizer ?? "unknown", $0.status, ($0.heldAt ?? $0.scheduledFor).map(Terminal.minute) ?? "-", $0.absentParties.joined(separator: ", ")]
        })
        section("Open action items", ["ID", "MEETING", "OWNER", "DUE", "WHAT"], overview.actionItems.filter(\.isOpen).map {
            [$0.id, $0.meeting, $0.owner, $0.due.description, $0.text]
        })
        section("Information requests", ["ID", "BY", "TO", "CATEGORY", "STATUS"], overview.requests.map {
            [$0.id, $0.by, $0.to, $0.category, $0.status]
        })
        section("Objectives", ["ID", "PARTY", "KIND", "HORIZON", "STATEMENT"], overview.objectives.map {
            [$0.id, $0.party, $0.kind, $0.horizon, $0.statement]
        })
        section("Charters", ["ID", "SIGNED BY", "JOINT OBJECTIVES", "WHY"], overview.charters.map {
            [$0.id, $0.signedBy.joined(separator: ", "), $0.jointObjectiveIds.joined(separator: ", "), $0.why]
        })
        section("Investments", ["PARTY", "AMOUNT", "KIND", "UPFRONT", "DATE"], overview.investments.map {
            [$0.party, "\($0.amount) \($0.kind == "hours" ? "hours" : $0.currency)", $0.kind, $0.upfront ? "yes" : "no", String($0.occurredAt.description.prefix(10))]
        })
        if overview.meetings.count > 12 {
            lines.append("")
            lines.append("  (the last 12 of \(overview.meetings.count) meetings; --json lists them all)")
        }
        return lines
    }
}

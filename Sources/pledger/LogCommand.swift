import ArgumentParser
import Foundation
import PartnerLedger

extension Pledger {
    /// `pledger log`: record calls, QBRs and other meetings: held, scheduled, cancelled or missed.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a call, a QBR or another meeting: held, scheduled, cancelled or missed.",
            discussion: """
                pledger log call -p acme-iot --attendee acme:manager --attendee initech:director:"Ann Lee"
                pledger log qbr scheduled -p acme-iot --for 2025-04-01T14:00:00Z
                pledger log qbr cancelled -p acme-iot --meeting m-1a2b3 --by initech --notice-hours 2
                pledger log call missed -p acme-iot --meeting m-1a2b3 --absent initech
                """,
            subcommands: [Call.self, QBR.self, Meeting.self])
    }
}

extension Pledger.Log {
    /// `pledger log call`.
    struct Call: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a regular call.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var target: PartnershipOption
        @OptionGroup var when: WhenOptions
        @OptionGroup var meeting: MeetingOptions

        func validate() throws { try meeting.check() }

        func run() throws { try meeting.record(kind: .call, in: target.partnership, options: options, when: when) }
    }

    /// `pledger log qbr`.
    struct QBR: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "qbr", abstract: "Record a quarterly business review.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var target: PartnershipOption
        @OptionGroup var when: WhenOptions
        @OptionGroup var meeting: MeetingOptions

        func validate() throws { try meeting.check() }

        func run() throws { try meeting.record(kind: .qbr, in: target.partnership, options: options, when: when) }
    }

    /// `pledger log meeting`.
    struct Meeting: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a meeting of any kind: call, qbr, exec or workshop.")

        @OptionGroup var options: LedgerOptions
        @OptionGroup var target: PartnershipOption
        @OptionGroup var when: WhenOptions
        @OptionGroup var meeting: MeetingOptions

        @Option(name: .long, help: ArgumentHelp("The kind of meeting. \(Value.choices(MeetingKind.self))", valueName: "kind"),
                completion: .list(MeetingKind.allowedWords))
        var kind: String

        func validate() throws { try meeting.check() }

        func run() throws {
            let meetingKind: MeetingKind
            do {
                meetingKind = try Value.word(kind, option: "--kind")
            } catch {
                throw Refused(error: error)
            }
            try meeting.record(kind: meetingKind, in: target.partnership, options: options, when: when)
        }
    }
}

/// What happened to the meeting.
enum MeetingOutcome: String, ExpressibleByArgument, CaseIterable {
    case held, scheduled, cancelled, missed
}

/// The options of `log call`, `log qbr` and `log meeting`.
struct MeetingOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("held (the default), scheduled, cancelled or missed.", valueName: "outcome"))
    var outcome: MeetingOutcome = .held

    @Option(name: .long, help: ArgumentHelp("The meeting's id: a scheduled meeting being held, cancelled or missed. Default for a new meeting: a generated id such as m-7f3a2.", valueName: "id"))
    var meeting: String?

    @Option(name: .long, help: ArgumentHelp("The organising party. Default: not recorded (unknown, it counts for no party); a held meeting that was scheduled keeps the schedule's organiser.", valueName: "party"))
    var organizer: String?

    @Option(name: .long, help: ArgumentHelp("An attendee as party:seniority[:name] (repeat). Seniority: \(Seniority.allowedWords.joined(separator: ", ")).", valueName: "attendee"))
    var attendee: [String] = []

    @Option(name: .long, help: ArgumentHelp("How long it lasted, in minutes.", valueName: "minutes"))
    var duration: Int?

    @Option(name: .long, help: "Notes.")
    var notes: String?

    @Option(name: .long, help: ArgumentHelp("A decision taken (repeat).", valueName: "text"))
    var decision: [String] = []

    @Option(name: .long, help: ArgumentHelp("An action item as owner:YYYY-MM-DD:what (repeat); each gets an id such as a-7f3a2.", valueName: "item"))
    var action: [String] = []

    @Flag(name: .long, help: "The action items of earlier meetings were reviewed.")
    var priorActionsReviewed = false

    @Flag(name: .long, help: "The partnership scorecard was reviewed.")
    var scorecardReviewed = false

    @Option(name: .customLong("for"), help: ArgumentHelp("scheduled: when it is to start (an ISO-8601 date-time with a zone).", valueName: "time"))
    var scheduledFor: String?

    @Option(name: .long, help: ArgumentHelp("cancelled: the party that called it off.", valueName: "party"))
    var by: String?

    @Option(name: .long, help: ArgumentHelp("cancelled: hours of notice given.", valueName: "hours"))
    var noticeHours: Int?

    @Option(name: .long, help: "cancelled: why.")
    var reason: String?

    @Option(name: .long, help: ArgumentHelp("missed: the party that did not show up.", valueName: "party"))
    var absent: String?

    /// Checks that the options fit the outcome.
    func check() throws {
        func refuse(_ options: [(String, Bool)]) throws {
            if let (name, _) = options.first(where: \.1) {
                throw ValidationError("\(name) does not apply to a \(outcome.rawValue) meeting.")
            }
        }
        let heldOnly: [(String, Bool)] = [
            ("--attendee", !attendee.isEmpty), ("--duration", duration != nil), ("--notes", notes != nil),
            ("--decision", !decision.isEmpty), ("--action", !action.isEmpty),
            ("--prior-actions-reviewed", priorActionsReviewed), ("--scorecard-reviewed", scorecardReviewed),
        ]
        let cancelledOnly: [(String, Bool)] = [("--by", by != nil), ("--notice-hours", noticeHours != nil), ("--reason", reason != nil)]
        switch outcome {
        case .held:
            if attendee.isEmpty { throw ValidationError("Name at least one attendee with --attendee party:seniority[:name].") }
            try refuse(cancelledOnly + [("--for", scheduledFor != nil), ("--absent", absent != nil)])
        case .scheduled:
            if scheduledFor == nil { throw ValidationError("Say when the meeting is to start with --for <time>.") }
            try refuse(heldOnly + cancelledOnly + [("--absent", absent != nil)])
        case .cancelled:
            if meeting == nil { throw ValidationError("Name the cancelled meeting with --meeting <id>.") }
            if by == nil { throw ValidationError("Name the party that cancelled with --by <party>.") }
            try refuse(heldOnly + [("--for", scheduledFor != nil), ("--absent", absent != nil), ("--organizer", organizer != nil)])
        case .missed:
            if meeting == nil { throw ValidationError("Name the missed meeting with --meeting <id>.") }
            if absent == nil { throw ValidationError("Name the party that did not show up with --absent <party>.") }
            try refuse(heldOnly + cancelledOnly + [("--for", scheduledFor != nil), ("--organizer", organizer != nil)])
        }
    }

    /// Records the event of the outcome.
    func record(kind: MeetingKind, in partnership: String, options: LedgerOptions, when: WhenOptions) throws {
        var recorder = Recorder(options: options, when: when, optionNames: [
            "meetingId": "--meeting", "attendees": "--attendee", "durationMinutes": "--duration", "decisions": "--decision",
            "actionItems": "--action", "scheduledFor": "--for", "absentParty": "--absent",
        ])
        if organizer == nil, outcome == .held || outcome == .scheduled {
            recorder.defaulted.append(
                outcome == .held && meeting != nil
                    ? "organiser not given: the schedule's, if it recorded one, else unknown (give --organizer PARTY)"
                    : "organiser not recorded: unknown, it counts for no party (give --organizer PARTY)")
        }
        try recorder.record(in: partnership) { ids, ledger in
            switch outcome {
            case .held:
                let attendees = try attendee.map { text throws(DomainError) in try Value.attendee(text, option: "--attendee") }
                let meetingID = ids.id(meeting, .meeting)
                let items = try action.map { text throws(DomainError) in try Value.actionItem(text, option: "--action", ids: &ids) }
                return .meetingHeld(MeetingHeld(
                    meetingId: meetingID, kind: kind, organizer: organizer, attendees: attendees, durationMinutes: duration,
                    notes: notes, decisions: decision.isEmpty ? nil : decision, actionItems: items.isEmpty ? nil : items,
                    priorActionsReviewed: priorActionsReviewed ? true : nil, scorecardReviewed: scorecardReviewed ? true : nil))
            case .scheduled:
                let start = try Value.instant(scheduledFor ?? "", option: "--for")
                return .meetingScheduled(MeetingScheduled(meetingId: ids.id(meeting, .meeting), kind: kind, scheduledFor: start, organizer: organizer))
            case .cancelled:
                return .meetingCancelled(MeetingCancelled(meetingId: meeting ?? "", by: by ?? "", noticeHours: noticeHours, reason: reason))
            case .missed:
                return .meetingMissed(MeetingMissed(meetingId: meeting ?? "", absentParty: absent ?? ""))
            }
        }
    }
}

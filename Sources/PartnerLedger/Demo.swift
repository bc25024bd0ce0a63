import Foundation

/// A realistic sample ledger: four partnerships of Northwind Analytics over two years, each
/// telling a different story, recorded through ``Ledger/record(in:occurredAt:eventID:causationID:correlationID:_:)``
/// exactly as the commands record them.
///
/// - `helix`: a true partnership. Both parties declare long-term objectives and sign a
///   charter with success measures; calls alternate organisers, executives of both sides
///   attend every QBR; commitments are kept both ways, opportunities flow both ways;
///   information is shared fully both ways. One mistyped win is retracted and recorded again,
///   and one workshop is entered twelve days late, so `--as-of` and `--known-at` differ.
/// - `quarry`: a supplier/customer relationship recorded as a partnership. Quarry pays fees
///   and buys; opportunities flow one way; the charter is signed by Northwind alone; Quarry's
///   attendance decays from managers to individuals to no-shows and late cancellations,
///   and its commitments are missed.
/// - `orbital`: an upfront investment. Orbital invests 250,000 EUR up front and asks for
///   executive access at once; after the first months its engagement falls: missed calls,
///   late cancellations, no executive at QBRs, a declined information request and a surprise.
/// - `lumen`: an emerging partnership opened seven weeks ago, with only a few events.
///
/// Ids and times are repeatable: event ids and short ids come from a seed, business times
/// are counted back from `today`, and each event is recorded 90 minutes after it happened
/// (the late workshop excepted).
public enum Demo {
    /// The organisation that keeps the demo ledger.
    public static let organization = PartnershipOpened.Party(id: "northwind", name: "Northwind Analytics")

    /// Creates the demo ledger in `path` (missing or empty) and records the four stories,
    /// ending the day before `today`.
    public static func create(at path: String, today: CalendarDate, seed: UInt64 = 2024) throws -> Ledger {
        let clock = SettableInstant()
        let start = today.adding(days: -730).startOfDay
        clock.current = start
        let environment = LedgerEnvironment.seeded(seed, userName: "demo") { clock.current ?? start }
        let (ledger, _) = try Ledger.create(at: path, organization: organization, environment: environment)
        var script = Script(start: start)
        script.helix()
        script.quarry(today: today)
        script.orbital()
        script.lumen(today: today)
        try script.run(on: ledger, clock: clock)
        return ledger
    }
}

/// The demo's events, each with its business time, its recorded time and how to build it.
private struct Script {
    struct Step {
        let order: Int
        let partnership: String
        let occurredAt: Timestamp
        let recordedAt: Timestamp
        let label: String?
        let build: (inout ShortIDs, Labels) throws -> PartnershipEvent
    }

    /// What earlier steps produced, by label: their subject ids, introduced ids and event ids.
    final class Labels {
        var subjects: [String: String] = [:]
        var introduced: [String: [String]] = [:]
        var events: [String: UUID] = [:]

        subscript(label: String) -> String { subjects[label] ?? label }
    }

    let start: Timestamp
    var steps: [Step] = []

    init(start: Timestamp) {
        self.start = start
    }

    func at(_ day: Int, hour: Int = 10) -> Timestamp {
        start.adding(milliseconds: Int64(day) * 86_400_000 + Int64(hour) * 3_600_000)
    }

    /// ``at(_:hour:)`` as a value that event-building closures can capture.
    var timeline: (Int, Int) -> Timestamp {
        let start = start
        return { day, hour in start.adding(milliseconds: Int64(day) * 86_400_000 + Int64(hour) * 3_600_000) }
    }

    mutating func add(
        _ partnership: String, day: Int, hour: Int = 10, recordedDay: Int? = nil, label: String? = nil,
        _ build: @escaping (inout ShortIDs, Labels) throws -> PartnershipEvent
    ) {
        let occurredAt = at(day, hour: hour)
        let recordedAt = recordedDay.map { at($0, hour: 17) } ?? occurredAt.adding(milliseconds: 90 * 60_000)
        steps.append(Step(order: steps.count, partnership: partnership, occurredAt: occurredAt, recordedAt: recordedAt, label: label, build: build))
    }

    func run(on ledger: Ledger, clock: SettableInstant) throws {
        let labels = Labels()
        for step in steps.sorted(by: { ($0.recordedAt, $0.order) < ($1.recordedAt, $1.order) }) {
            clock.current = step.recordedAt
            let receipt = try ledger.record(in: step.partnership, occurredAt: step.occurredAt) { ids in
                try step.build(&ids, labels)
            }
            if let label = step.label {
                labels.subjects[label] = receipt.subject
                labels.introduced[label] = receipt.introducedIDs
                labels.events[label] = UUID(uuidString: receipt.id)
            }
        }
    }

    static func date(_ timestamp: Timestamp, plusDays days: Int) -> CalendarDate {
        timestamp.calendarDate.adding(days: days)
    }

    static func eur(_ amount: Int) -> MoneyAmount { Decimal(amount) }

    static let euro = try! CurrencyCode("EUR")

    // MARK: A true partnership

    mutating func helix() {
        let time = timeline
        let p = "helix"
        add(p, day: 0) { _, _ in
            .partnershipOpened(PartnershipOpened(
                name: "Northwind x Helix Systems",
                parties: [Demo.organization, .init(id: "helix", name: "Helix Systems")],
                declaredType: .partnership, callCadenceDays: 14, qbrCadenceDays: 90))
        }
        add(p, day: 3, label: "helix-obj-nw") { ids, _ in
            .objectiveDeclared(ObjectiveDeclared(
                objectiveId: ids.next(.objective), party: "northwind",
                statement: "Co-develop a predictive maintenance product for utilities", kind: .innovation, horizon: .long))
        }
        add(p, day: 4, label: "helix-obj-hx") { ids, _ in
            .objectiveDeclared(ObjectiveDeclared(
                objectiveId: ids.next(.objective), party: "helix",
                statement: "Reach mid-market utilities through Northwind's analytics", kind: .market, horizon: .long))
        }
        add(p, day: 10) { ids, labels in
            .charterAgreed(CharterAgreed(
                charterId: ids.next(.charter), why: "Utilities need maintenance predictions they can act on; we build and sell them together",
                jointObjectiveIds: [labels["helix-obj-nw"], labels["helix-obj-hx"]], signedBy: ["northwind", "helix"],
                callCadenceDays: 14, qbrCadenceDays: 90, infoCategories: [.pipeline, .roadmap, .customerOverlap, .technical],
                successMeasures: ["Two joint customers live in the first year", "Joint roadmap reviewed at every QBR"]))
        }
        add(p, day: 12) { _, _ in
            .weakSpotAssessed(WeakSpotAssessed(party: "northwind", area: .operationalEngagement, rating: 2, mitigation: "A named partner manager attends every call"))
        }
        add(p, day: 12, hour: 11) { _, _ in
            .weakSpotAssessed(WeakSpotAssessed(party: "helix", area: .transparency, rating: 4))
        }
        for call in 0..<52 {
            let day = 14 + call * 14
            guard day < 728 else { break }
            let organizer = call.isMultiple(of: 2) ? "northwind" : "helix"
            let label = "helix-call-\(call)"
            let withAction = call % 3 == 0
            add(p, day: day, label: label) { ids, _ in
                .meetingHeld(MeetingHeld(
                    meetingId: ids.next(.meeting), kind: .call, organizer: organizer,
                    attendees: [.init(party: "northwind", seniority: .manager, name: "Maya Ortiz"),
                                .init(party: "helix", seniority: .manager, name: "Jonas Berg"),
                                .init(party: "helix", seniority: .individual)],
                    durationMinutes: 30,
                    actionItems: withAction
                        ? [.init(actionId: ids.next(.actionItem), owner: organizer == "northwind" ? "helix" : "northwind",
                                 due: Script.date(time(day, 10), plusDays: 10), text: "Send the updated pilot metrics")]
                        : nil,
                    priorActionsReviewed: true))
            }
            if withAction {
                add(p, day: day + 7) { _, labels in
                    .actionItemClosed(ActionItemClosed(actionId: labels.introduced[label]?.last ?? ""))
                }
            }
        }
        for quarter in 0..<8 {
            let day = 80 + quarter * 90
            add(p, day: day, hour: 14) { ids, _ in
                .meetingHeld(MeetingHeld(
                    meetingId: ids.next(.meeting), kind: .qbr, organizer: quarter.isMultiple(of: 2) ? "helix" : "northwind",
                    attendees: [.init(party: "northwind", seniority: .exec, name: "Ada Lind"),
                                .init(party: "northwind", seniority: .manager, name: "Maya Ortiz"),
                                .init(party: "helix", seniority: .exec, name: "Ravi Menon"),
                                .init(party: "helix", seniority: .director)],
                    durationMinutes: 90, decisions: ["Keep the joint roadmap as agreed"],
                    priorActionsReviewed: true, scorecardReviewed: true))
            }
            add(p, day: day + 2) { _, _ in
                .healthSurveyed(HealthSurveyed(respondentParty: "northwind", dimension: .strategic, score: 4))
            }
            add(p, day: day + 2, hour: 12) { _, _ in
                .healthSurveyed(HealthSurveyed(respondentParty: "helix", dimension: .strategic, score: quarter == 3 ? 3 : 4))
            }
        }
        let promises: [(owner: String, kind: CommitmentKind, text: String, value: Int?)] = [
            ("helix", .integration, "Certified connector between Helix PLCs and Northwind", nil),
            ("northwind", .deliverable, "Failure-prediction model v1", nil),
            ("northwind", .funding, "Co-marketing fund for the launch", 40_000),
            ("helix", .resource, "Test rig with live sensor data", nil),
            ("helix", .people, "Field engineer for the second customer", nil),
            // Both parties keep committing people in the last year: the mark of a true partnership.
            ("northwind", .people, "Two data scientists for the second utility", nil),
            ("helix", .integration, "Connector certified for the second utility", nil),
        ]
        for (index, promise) in promises.enumerated() {
            let day = 30 + index * 100
            let label = "helix-commitment-\(index)"
            add(p, day: day, label: label) { ids, _ in
                .commitmentMade(CommitmentMade(
                    commitmentId: ids.next(.commitment), owner: promise.owner,
                    beneficiary: promise.owner == "helix" ? "northwind" : "helix", kind: promise.kind,
                    description: promise.text, dueDate: Script.date(time(day, 10), plusDays: 60), value: promise.value.map(Script.eur)))
            }
            if index == 3 {
                add(p, day: day + 40) { _, labels in
                    .commitmentRenegotiated(CommitmentRenegotiated(
                        commitmentId: labels[label], newDueDate: Script.date(time(day, 10), plusDays: 80), requestedBy: "helix",
                        reason: "Sensor supplier delayed the rig by three weeks"))
                }
            }
            add(p, day: day + (index == 3 ? 75 : 55)) { _, labels in
                .commitmentFulfilled(CommitmentFulfilled(commitmentId: labels[label], quality: index == 3 ? 4 : 5))
            }
        }
        for index in 0..<12 {
            let day = 40 + index * 55
            let from = index.isMultiple(of: 2) ? "helix" : "northwind"
            let label = "helix-opportunity-\(index)"
            add(p, day: day, label: label) { ids, _ in
                .opportunityShared(OpportunityShared(
                    opportunityId: ids.next(.opportunity), from: from, to: from == "helix" ? "northwind" : "helix",
                    kind: index % 3 == 0 ? .coSell : .referral, estimatedValue: Script.eur(60_000 + index * 15_000),
                    currency: Script.euro, account: ["Baltic Grid", "Nordvatten", "Elmstad Energi", "Kraftwerk Ost", "Solvik"][index % 5]))
            }
            add(p, day: day + 5) { _, labels in .opportunityAccepted(OpportunityAccepted(opportunityId: labels[label])) }
            if index == 8 { continue }
            if index == 4 {
                add(p, day: day + 60, label: "helix-wrong-win") { _, labels in
                    .opportunityWon(OpportunityWon(opportunityId: labels[label], value: Script.eur(1_200_000)))
                }
                add(p, day: day + 60, hour: 16) { _, labels in
                    .eventRetracted(EventRetracted(targetEventId: labels.events["helix-wrong-win"]!, reason: "Value mistyped: the deal is 120,000 EUR"))
                }
                add(p, day: day + 60, hour: 17) { _, labels in
                    .opportunityWon(OpportunityWon(opportunityId: labels[label], value: Script.eur(120_000)))
                }
            } else if index % 4 == 1 {
                add(p, day: day + 70) { _, labels in
                    .opportunityLost(OpportunityLost(opportunityId: labels[label], reason: "Customer froze its budget"))
                }
            } else {
                add(p, day: day + 60) { _, labels in
                    .opportunityWon(OpportunityWon(opportunityId: labels[label], value: Script.eur(55_000 + index * 14_000)))
                }
            }
        }
        // Both sides share every category of the charter, in turn, every six weeks.
        let charterCategories: [InformationCategory] = [.pipeline, .roadmap, .customerOverlap, .technical]
        for index in 0..<17 {
            let day = 20 + index * 42
            add(p, day: day) { _, _ in
                .informationShared(InformationShared(
                    from: "northwind", to: "helix", category: charterCategories[index % 4], depth: .full))
            }
            add(p, day: day + 1) { _, _ in
                .informationShared(InformationShared(
                    from: "helix", to: "northwind", category: charterCategories[(index + 2) % 4], depth: index < 2 ? .summary : .full))
            }
        }
        add(p, day: 200, label: "helix-request") { ids, _ in
            .informationRequested(InformationRequested(requestId: ids.next(.request), by: "helix", to: "northwind", category: .technical))
        }
        add(p, day: 204) { _, labels in .informationRequestAnswered(InformationRequestAnswered(requestId: labels["helix-request"])) }
        add(p, day: 330) { _, _ in
            .disclosureMade(DisclosureMade(party: "helix", topic: "Helix will reorganise its utilities division next quarter", proactive: true))
        }
        add(p, day: 15) { _, _ in
            .investmentMade(InvestmentMade(party: "northwind", amount: Script.eur(40_000), currency: Script.euro, kind: .cash, upfront: false))
        }
        add(p, day: 16) { _, _ in
            .investmentMade(InvestmentMade(party: "helix", amount: Script.eur(600), currency: Script.euro, kind: .hours, upfront: false))
        }
        add(p, day: 400, hour: 9, recordedDay: 412) { ids, _ in
            .meetingHeld(MeetingHeld(
                meetingId: ids.next(.meeting), kind: .workshop, organizer: "helix",
                attendees: [.init(party: "northwind", seniority: .director), .init(party: "helix", seniority: .director)],
                durationMinutes: 240, notes: "Design workshop for the second utility; entered late from the paper notes",
                decisions: ["Start the second pilot in Q3"]))
        }
    }

    // MARK: A supplier/customer relationship recorded as a partnership

    mutating func quarry(today: CalendarDate) {
        let time = timeline
        let p = "quarry"
        add(p, day: 20) { _, _ in
            .partnershipOpened(PartnershipOpened(
                name: "Northwind x Quarry Retail",
                parties: [Demo.organization, .init(id: "quarry", name: "Quarry Retail")],
                declaredType: .partnership, callCadenceDays: 7, qbrCadenceDays: 90))
        }
        add(p, day: 22, label: "quarry-obj-nw") { ids, _ in
            .objectiveDeclared(ObjectiveDeclared(
                objectiveId: ids.next(.objective), party: "northwind", statement: "Grow retail analytics revenue", kind: .revenue, horizon: .short))
        }
        add(p, day: 23) { ids, _ in
            .objectiveDeclared(ObjectiveDeclared(
                objectiveId: ids.next(.objective), party: "quarry", statement: "Cut the cost of demand forecasting", kind: .other, horizon: .short))
        }
        add(p, day: 30) { ids, labels in
            .charterAgreed(CharterAgreed(
                charterId: ids.next(.charter), why: "Forecast demand for Quarry's stores", jointObjectiveIds: [labels["quarry-obj-nw"]],
                signedBy: ["northwind"]))
        }
        // Weekly calls: managers for the first seven months, then individuals (every fifth call
        // cancelled late). For the last eight calendar months Northwind holds a call every five
        // days (the 2nd, 7th, ... 27th) and Quarry joins one fewer each month, six to none, so
        // that its engagement falls month after month whatever day the demo runs.
        let first = start.calendarDate
        func firstOfMonth(_ date: CalendarDate) -> CalendarDate { date.adding(days: 1 - date.day) }
        var declineStart = firstOfMonth(today)
        for _ in 0..<7 { declineStart = firstOfMonth(declineStart.adding(days: -1)) }
        var calls: [(day: Int, joins: Bool)] = []
        for week in 0... {
            let day = 35 + week * 7
            guard first.adding(days: day) < declineStart else { break }
            calls.append((day, week < 30 || week % 5 != 4))
        }
        var month = declineStart
        for joined in stride(from: 6, through: -1, by: -1) {
            for (index, dayOfMonth) in [2, 7, 12, 17, 22, 27].enumerated() {
                let date = month.adding(days: dayOfMonth - 1)
                guard date < today else { break }
                calls.append((first.days(until: date), index < joined))
            }
            month = firstOfMonth(month.adding(days: 31))
        }
        for (call, (day, joins)) in calls.enumerated() {
            let label = "quarry-call-\(call)"
            if joins {
                add(p, day: day) { ids, _ in
                    .meetingHeld(MeetingHeld(
                        meetingId: ids.next(.meeting), kind: .call, organizer: "northwind",
                        attendees: [.init(party: "northwind", seniority: .manager), .init(party: "quarry", seniority: call < 30 ? .manager : .individual)],
                        durationMinutes: call < 30 ? 45 : 20))
                }
            } else if call % 2 == 0 {
                add(p, day: day - 3, label: label) { ids, _ in
                    .meetingScheduled(MeetingScheduled(meetingId: ids.next(.meeting), kind: .call, scheduledFor: time(day, 10), organizer: "northwind"))
                }
                add(p, day: day, hour: 8) { _, labels in
                    .meetingCancelled(MeetingCancelled(meetingId: labels[label], by: "quarry", noticeHours: 2, reason: "Conflicting store visit"))
                }
            } else {
                add(p, day: day, label: label) { ids, _ in
                    .meetingHeld(MeetingHeld(
                        meetingId: ids.next(.meeting), kind: .call, organizer: "northwind",
                        attendees: [.init(party: "northwind", seniority: .manager)], durationMinutes: 10,
                        notes: "Quarry did not join"))
                }
                add(p, day: day, hour: 11) { _, labels in .meetingMissed(MeetingMissed(meetingId: labels[label], absentParty: "quarry")) }
            }
        }
        for quarter in 0..<7 {
            let day = 100 + quarter * 90
            let label = "quarry-qbr-\(quarter)"
            if quarter < 6 {
                add(p, day: day, hour: 15) { ids, _ in
                    .meetingHeld(MeetingHeld(
                        meetingId: ids.next(.meeting), kind: .qbr, organizer: "northwind",
                        attendees: [.init(party: "northwind", seniority: .exec),
                                    .init(party: "quarry", seniority: quarter < 2 ? .exec : (quarter < 4 ? .manager : .individual))],
                        durationMinutes: 60, scorecardReviewed: quarter < 3))
                }
            } else {
                add(p, day: day - 14, label: label) { ids, _ in
                    .meetingScheduled(MeetingScheduled(meetingId: ids.next(.meeting), kind: .qbr, scheduledFor: time(day, 15), organizer: "northwind"))
                }
                add(p, day: day, hour: 9) { _, labels in
                    .meetingCancelled(MeetingCancelled(meetingId: labels[label], by: "quarry", noticeHours: 6))
                }
            }
            add(p, day: day + 3) { _, _ in
                .investmentMade(InvestmentMade(party: "quarry", amount: Script.eur(30_000), currency: Script.euro, kind: quarter == 0 ? .fee : .purchase, upfront: false))
            }
        }
        for index in 0..<6 {
            let day = 60 + index * 100
            let label = "quarry-opportunity-\(index)"
            add(p, day: day, label: label) { ids, _ in
                .opportunityShared(OpportunityShared(
                    opportunityId: ids.next(.opportunity), from: "northwind", to: "quarry", kind: .lead,
                    estimatedValue: Script.eur(10_000), currency: Script.euro))
            }
            if index < 2 {
                add(p, day: day + 10) { _, labels in .opportunityAccepted(OpportunityAccepted(opportunityId: labels[label])) }
            } else {
                add(p, day: day + 20) { _, labels in .opportunityDeclined(OpportunityDeclined(opportunityId: labels[label], reason: "No capacity")) }
            }
        }
        for index in 0..<5 {
            let day = 45 + index * 120
            let label = "quarry-report-\(index)"
            add(p, day: day, label: label) { ids, _ in
                .commitmentMade(CommitmentMade(
                    commitmentId: ids.next(.commitment), owner: "northwind", beneficiary: "quarry", kind: .deliverable,
                    description: "Quarterly demand forecast for all stores", dueDate: Script.date(time(day, 10), plusDays: 30)))
            }
            add(p, day: day + 28) { _, labels in .commitmentFulfilled(CommitmentFulfilled(commitmentId: labels[label], quality: 4)) }
        }
        for index in 0..<3 {
            let day = 90 + index * 180
            let label = "quarry-data-\(index)"
            add(p, day: day, label: label) { ids, _ in
                .commitmentMade(CommitmentMade(
                    commitmentId: ids.next(.commitment), owner: "quarry", beneficiary: "northwind", kind: .data,
                    description: "Point-of-sale data feed for the forecast", dueDate: Script.date(time(day, 10), plusDays: 45)))
            }
            add(p, day: day + 50) { _, labels in
                .commitmentMissed(CommitmentMissed(commitmentId: labels[label], reason: "Quarry's IT team had no time"))
            }
        }
        add(p, day: 50) { _, _ in
            .informationShared(InformationShared(from: "northwind", to: "quarry", category: .roadmap, depth: .full))
        }
        add(p, day: 300, label: "quarry-request") { ids, _ in
            .informationRequested(InformationRequested(requestId: ids.next(.request), by: "northwind", to: "quarry", category: .forecast))
        }
        add(p, day: 320) { _, labels in
            .informationRequestDeclined(InformationRequestDeclined(requestId: labels["quarry-request"], reason: "Internal only"))
        }
        add(p, day: 500) { _, _ in
            .healthSurveyed(HealthSurveyed(respondentParty: "northwind", dimension: .relationship, score: 2, comment: "We are a vendor to them"))
        }
        add(p, day: 501) { _, _ in
            .healthSurveyed(HealthSurveyed(respondentParty: "quarry", dimension: .relationship, score: 4))
        }
    }

    // MARK: An upfront investment that sours

    mutating func orbital() {
        let time = timeline
        let p = "orbital"
        add(p, day: 60) { _, _ in
            .partnershipOpened(PartnershipOpened(
                name: "Northwind x Orbital Logistics",
                parties: [Demo.organization, .init(id: "orbital", name: "Orbital Logistics")],
                declaredType: .partnership, callCadenceDays: 14, qbrCadenceDays: 90))
        }
        add(p, day: 62) { ids, _ in
            .objectiveDeclared(ObjectiveDeclared(
                objectiveId: ids.next(.objective), party: "orbital", statement: "Leads in cold-chain logistics", kind: .leads, horizon: .short))
        }
        add(p, day: 63) { ids, _ in
            .objectiveDeclared(ObjectiveDeclared(
                objectiveId: ids.next(.objective), party: "northwind", statement: "A route-risk product with a logistics leader", kind: .innovation, horizon: .long))
        }
        add(p, day: 65) { _, _ in
            .investmentMade(InvestmentMade(
                party: "orbital", amount: Script.eur(250_000), currency: Script.euro, kind: .cash, upfront: true,
                expectedReturnBy: Script.date(time(65, 10), plusDays: 365)))
        }
        add(p, day: 70) { _, _ in .execAccessRequested(ExecAccessRequested(by: "orbital", granted: true)) }
        for call in 0..<45 {
            let day = 75 + call * 14
            guard day < 728 else { break }
            let label = "orbital-call-\(call)"
            if call < 12 {
                add(p, day: day) { ids, _ in
                    .meetingHeld(MeetingHeld(
                        meetingId: ids.next(.meeting), kind: .call, organizer: "orbital",
                        attendees: [.init(party: "northwind", seniority: .manager), .init(party: "orbital", seniority: call < 6 ? .director : .manager)],
                        durationMinutes: 45))
                }
            } else if call % 3 == 0 {
                add(p, day: day - 5, label: label) { ids, _ in
                    .meetingScheduled(MeetingScheduled(meetingId: ids.next(.meeting), kind: .call, scheduledFor: time(day, 10), organizer: "northwind"))
                }
                add(p, day: day, hour: 7) { _, labels in
                    .meetingCancelled(MeetingCancelled(meetingId: labels[label], by: "orbital", noticeHours: 3))
                }
            } else if call % 3 == 1 {
                add(p, day: day, label: label) { ids, _ in
                    .meetingHeld(MeetingHeld(
                        meetingId: ids.next(.meeting), kind: .call, organizer: "northwind",
                        attendees: [.init(party: "northwind", seniority: .manager)], durationMinutes: 15))
                }
                add(p, day: day, hour: 11) { _, labels in .meetingMissed(MeetingMissed(meetingId: labels[label], absentParty: "orbital")) }
            } else {
                add(p, day: day) { ids, _ in
                    .meetingHeld(MeetingHeld(
                        meetingId: ids.next(.meeting), kind: .call, organizer: "northwind",
                        attendees: [.init(party: "northwind", seniority: .manager), .init(party: "orbital", seniority: .individual)], durationMinutes: 20))
                }
            }
        }
        for quarter in 0..<7 {
            let day = 150 + quarter * 90
            add(p, day: day, hour: 14) { ids, _ in
                .meetingHeld(MeetingHeld(
                    meetingId: ids.next(.meeting), kind: .qbr, organizer: "northwind",
                    attendees: [.init(party: "northwind", seniority: .exec),
                                .init(party: "orbital", seniority: quarter < 2 ? .exec : .manager)],
                    durationMinutes: 60, priorActionsReviewed: true))
            }
        }
        for index in 0..<3 {
            let day = 80 + index * 30
            let label = "orbital-lead-\(index)"
            add(p, day: day, label: label) { ids, _ in
                .opportunityShared(OpportunityShared(
                    opportunityId: ids.next(.opportunity), from: "orbital", to: "northwind", kind: .lead,
                    estimatedValue: Script.eur(25_000), currency: Script.euro))
            }
            add(p, day: day + 7) { _, labels in .opportunityAccepted(OpportunityAccepted(opportunityId: labels[label])) }
        }
        for index in 0..<4 {
            let day = 90 + index * 100
            let label = "orbital-integration-\(index)"
            add(p, day: day, label: label) { ids, _ in
                .commitmentMade(CommitmentMade(
                    commitmentId: ids.next(.commitment), owner: "northwind", beneficiary: "orbital", kind: .integration,
                    description: "Route-risk feed integrated into Orbital's dispatch", dueDate: Script.date(time(day, 10), plusDays: 60)))
            }
            add(p, day: day + 55) { _, labels in .commitmentFulfilled(CommitmentFulfilled(commitmentId: labels[label], quality: 4)) }
        }
        add(p, day: 200, label: "orbital-intro") { ids, _ in
            .commitmentMade(CommitmentMade(
                commitmentId: ids.next(.commitment), owner: "orbital", beneficiary: "northwind", kind: .intro,
                description: "Introduction to two cold-chain customers", dueDate: Script.date(time(200, 10), plusDays: 90)))
        }
        add(p, day: 300) { _, labels in .commitmentMissed(CommitmentMissed(commitmentId: labels["orbital-intro"])) }
        add(p, day: 380, label: "orbital-request") { ids, _ in
            .informationRequested(InformationRequested(requestId: ids.next(.request), by: "northwind", to: "orbital", category: .pipeline))
        }
        add(p, day: 395) { _, labels in .informationRequestDeclined(InformationRequestDeclined(requestId: labels["orbital-request"])) }
        add(p, day: 520) { _, _ in
            .surpriseDiscovered(SurpriseDiscovered(affectedParty: "northwind", aboutParty: "orbital", topic: "Orbital signed a route-risk deal with a competitor"))
        }
        add(p, day: 10 + 520) { _, _ in
            .healthSurveyed(HealthSurveyed(respondentParty: "northwind", dimension: .relationship, score: 2))
        }
    }

    // MARK: An emerging partnership

    mutating func lumen(today: CalendarDate) {
        let p = "lumen"
        add(p, day: 680) { _, _ in
            .partnershipOpened(PartnershipOpened(
                name: "Northwind x Lumen Labs",
                parties: [Demo.organization, .init(id: "lumen", name: "Lumen Labs")],
                declaredType: .technologySharing, callCadenceDays: 14))
        }
        add(p, day: 684) { ids, _ in
            .meetingHeld(MeetingHeld(
                meetingId: ids.next(.meeting), kind: .call, organizer: "lumen",
                attendees: [.init(party: "northwind", seniority: .director), .init(party: "lumen", seniority: .exec)],
                durationMinutes: 60, notes: "Kick-off", decisions: ["Explore a joint edge-inference prototype"]))
        }
        add(p, day: 690) { ids, _ in
            .objectiveDeclared(ObjectiveDeclared(
                objectiveId: ids.next(.objective), party: "lumen", statement: "Run our inference chips on Northwind's models", kind: .learning, horizon: .long))
        }
        add(p, day: 700) { ids, _ in
            .informationRequested(InformationRequested(requestId: ids.next(.request), by: "lumen", to: "northwind", category: .technical))
        }
        add(p, day: 712) { ids, _ in
            .commitmentMade(CommitmentMade(
                commitmentId: ids.next(.commitment), owner: "northwind", beneficiary: "lumen", kind: .data,
                description: "Anonymised sensor dataset for benchmarking", dueDate: today.adding(days: 21)))
        }
        add(p, day: 726) { ids, _ in
            .meetingScheduled(MeetingScheduled(meetingId: ids.next(.meeting), kind: .call, scheduledFor: today.adding(days: 5).startOfDay.adding(milliseconds: 36_000_000), organizer: "northwind"))
        }
    }
}

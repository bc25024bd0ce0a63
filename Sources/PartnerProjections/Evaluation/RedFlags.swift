import Foundation
import PartnerDomain

/// What the red-flag detectors read at one point of time: the resolved partnership and the views computed from it.
struct FlagInputs {
    let context: EvaluationContext
    let transparency: TransparencyReport
    /// Each party's engagement over the health window.
    let engagementWindow: [String: EngagementBreakdown]
    /// Each party's monthly series; a month's values do not depend on later events, so a series computed at a later time serves.
    let monthly: [String: [SeriesPoint]]

    private var model: ScoringModel { context.model }
    private var resolved: ResolvedPartnership { context.resolved }
    private var settings: ScoringModel.Flags { context.model.flags }
    private var views: ComputedViews {
        ComputedViews(engagementWindow: engagementWindow, transparency: transparency, monthly: monthly)
    }

    /// Every standing flag, in detector order, then by party.
    func detect() -> [RedFlag] {
        detectWithPending().flags
    }

    /// Every standing flag, and every rule that had too little evidence to speak, both in detector order, then by party.
    ///
    /// A rule below the evidence the model's `sufficiency.flags` states for it
    /// is not evaluated: it raises nothing and is listed as pending with its
    /// counts.
    func detectWithPending() -> (flags: [RedFlag], pending: [PendingRule]) {
        var flags: [RedFlag] = []
        var pending: [PendingRule] = []
        for party in context.parties {
            flags += [
                shortTermGain(party, &pending), upfrontInvestment(party, &pending), noAppetite(party, &pending),
                littleTransparency(party, &pending), poorEngagement(party, &pending),
            ].compactMap { $0 }
        }
        flags += [misalignedObjectives(&pending)].compactMap { $0 }
        flags += blindSpots(among: flags)
        let kindOrder = Dictionary(uniqueKeysWithValues: RedFlagKind.allCases.enumerated().map { ($1, $0) })
        let ruleOrder = Dictionary(uniqueKeysWithValues: ScoringModel.Sufficiency.flagRules.flatMap(\.rules).enumerated().map { ($1, $0) })
        let partyIndex = Dictionary(uniqueKeysWithValues: context.parties.enumerated().map { ($1, $0) })
        pending.sort { lhs, rhs in
            if lhs.kind != rhs.kind { return kindOrder[lhs.kind, default: 0] < kindOrder[rhs.kind, default: 0] }
            if lhs.party != rhs.party { return (lhs.party.flatMap { partyIndex[$0] } ?? -1) < (rhs.party.flatMap { partyIndex[$0] } ?? -1) }
            return ruleOrder[lhs.rule, default: 0] < ruleOrder[rhs.rule, default: 0]
        }
        return (sorted(flags), pending)
    }

    /// Whether a rule has the evidence its need states, for `party` (nil: the partnership); when not, it is added to `pending`.
    private func hasEvidence(_ rule: String, kind: RedFlagKind, party: String?, _ pending: inout [PendingRule]) -> Bool {
        let counts = context.check(model.sufficiency.need(ofRule: rule), party: party, views: views)
        if let shortfall = counts.shortfallSentence {
            pending.append(PendingRule(kind: kind, rule: rule, party: party, evidenceCounts: counts, explanation: shortfall))
            return false
        }
        return true
    }

    private func sorted(_ flags: [RedFlag]) -> [RedFlag] {
        let order = Dictionary(uniqueKeysWithValues: RedFlagKind.allCases.enumerated().map { ($1, $0) })
        let partyOrder = Dictionary(uniqueKeysWithValues: context.parties.enumerated().map { ($1, $0) })
        return flags.sorted { lhs, rhs in
            if lhs.kind != rhs.kind { return order[lhs.kind, default: 0] < order[rhs.kind, default: 0] }
            return (lhs.party.flatMap { partyOrder[$0] } ?? -1) < (rhs.party.flatMap { partyOrder[$0] } ?? -1)
        }
    }

    /// The monthly direction of a party's engagement over the months complete by `cutoff`.
    func trend(of party: String, by cutoff: Timestamp) -> PartyTrend {
        context.trend(of: monthly[party] ?? [], party: party, lastComplete: model.windows.trendMonths, by: cutoff)
    }

    /// CUSUM shifts of a party over the months complete by "as of".
    func shifts(of party: String) -> [DetectedShift] {
        context.shifts(of: monthly[party] ?? [], party: party, by: context.asOf)
    }

    // MARK: - 1. Short-term gain, no commitment

    /// Within the first 180 days the party received at least 3 opportunities or asked for executive access within 60 days, while the value of the commitments it fulfilled is under 25% of what it received; or all its objectives are short-horizon revenue, leads or access.
    ///
    /// What it received counts the opportunities shared with it and the
    /// commitments fulfilled for it in those days. Values are compared when
    /// every item has one; otherwise counts, where an executive-access
    /// request counts as one thing received.
    private func shortTermGain(_ party: String, _ pending: inout [PendingRule]) -> RedFlag? {
        var rules: [FlagRule] = []
        if let opened = context.openedAt, hasEvidence("took-without-commitment", kind: .shortTermGain, party: party, &pending) {
            let early = TimeRange(start: opened, end: opened.adding(days: model.windows.shortTermGainDays).adding(milliseconds: 1))
            let access = TimeRange(start: opened, end: opened.adding(days: model.windows.execAccessDays).adding(milliseconds: 1))
            let received = resolved.opportunities.filter { $0.terms.to == party && early.contains($0.shared.occurredAt) }
            let requests = resolved.execAccessRequests.filter { $0.by == party && access.contains($0.stamp.occurredAt) }
            if received.count >= settings.shortTermOpportunities || !requests.isEmpty {
                let fulfilled = resolved.commitments.filter { commitment in
                    commitment.fulfilled.map { early.contains($0.occurredAt) } ?? false
                }
                let given = fulfilled.filter { $0.terms.owner == party }
                let benefited = fulfilled.filter { $0.terms.beneficiary == party }
                let byValue = requests.isEmpty && received.allSatisfy { $0.terms.estimatedValue != nil }
                    && fulfilled.allSatisfy { $0.terms.value != nil }
                let receivedAmount = byValue
                    ? received.reduce(0) { $0 + ($1.terms.estimatedValue?.doubleValue ?? 0) } + benefited.reduce(0) { $0 + ($1.terms.value?.doubleValue ?? 0) }
                    : Double(received.count + benefited.count + requests.count)
                let givenAmount = byValue ? given.reduce(0) { $0 + ($1.terms.value?.doubleValue ?? 0) } : Double(given.count)
                if receivedAmount > 0, givenAmount < settings.shortTermGivenShare * receivedAmount {
                    let unit = byValue ? "worth" : "counted"
                    rules.append(FlagRule(
                        rule: "took-without-commitment",
                        explanation: "in its first \(model.windows.shortTermGainDays) days \(party) received \(received.count) opportunities"
                            + (requests.isEmpty ? "" : " and asked for executive access") + ", and fulfilled commitments \(unit) "
                            + "\(Self.number(givenAmount)) against \(Self.number(receivedAmount)) received (under \(Self.percent(settings.shortTermGivenShare)))",
                        evidence: Self.ids(received.map(\.shared) + requests.map(\.stamp) + given.compactMap(\.fulfilled) + benefited.compactMap(\.fulfilled))))
                }
            }
        }
        let objectives = resolved.objectives.filter { $0.value.party == party }
        let shortTermKinds: Set<ObjectiveKind> = [.revenue, .leads, .access]
        if hasEvidence("only-short-term-objectives", kind: .shortTermGain, party: party, &pending),
           !objectives.isEmpty, objectives.allSatisfy({ $0.value.horizon == .short && shortTermKinds.contains($0.value.kind) }) {
            rules.append(FlagRule(
                rule: "only-short-term-objectives",
                explanation: "all \(objectives.count) objectives of \(party) are short-horizon revenue, leads or access",
                evidence: Self.ids(objectives.map(\.stamp))))
        }
        return makeFlag(.shortTermGain, party: party, rules: rules)
    }

    // MARK: - 2. Upfront investment souring

    /// An upfront investment leaves the party with at least 75% of all investment; critical when, within 120 days of it, the party's engagement shifts down (CUSUM) or trends down, or its return stays under 0.2x the investment after `expectedReturnBy`.
    ///
    /// The first downward shift in a month that overlaps the 120 days is
    /// named; later months of the same slump are not repeated.
    ///
    /// Every kind of investment counts toward the shares, hours at the
    /// model's rate. The return is the value won on opportunities the party
    /// received and the value of commitments fulfilled for it, after the
    /// investment.
    private func upfrontInvestment(_ party: String, _ pending: inout [PendingRule]) -> RedFlag? {
        // 1 each when the investments can only be counted
        let measure = context.investmentMeasure(among: resolved.investments.map(\.value))
        func amount(_ investment: MoneyFact.Investment) -> Double { measure(investment) ?? 1 }
        let total = resolved.investments.reduce(0) { $0 + amount($1.value) }
        let own = resolved.investments.filter { $0.value.party == party }
        let upfront = own.filter(\.value.upfront)
        let share = total > 0 ? own.reduce(0) { $0 + amount($1.value) } / total : 0
        guard !upfront.isEmpty, hasEvidence("upfront-investment-dominates", kind: .upfrontInvestment, party: party, &pending),
              share >= settings.upfrontShare else { return nil }
        let canShift = hasEvidence("engagement-shifted-after-investment", kind: .upfrontInvestment, party: party, &pending)
        let canFall = hasEvidence("engagement-falling-after-investment", kind: .upfrontInvestment, party: party, &pending)
        let canReturn = hasEvidence("return-below-expectation", kind: .upfrontInvestment, party: party, &pending)
        var rules = [FlagRule(
            rule: "upfront-investment-dominates",
            explanation: "\(party) invested up front and carries \(Self.percent(share)) of all investment (at least \(Self.percent(settings.upfrontShare)))",
            evidence: Self.ids(upfront.map(\.stamp)))]
        let followUpDays = model.windows.upfrontFollowUpDays
        for investment in upfront {
            let start = investment.stamp.occurredAt
            let end = start.adding(days: followUpDays)
            if canShift, let shift = shifts(of: party).first(where: { shift in
                shift.alert.direction == .down && shift.period.range.end > start && shift.period.range.start <= end
            }) {
                rules.append(FlagRule(
                    rule: "engagement-shifted-after-investment",
                    explanation: "within \(followUpDays) days of investing, the engagement of \(party) shifted down in \(shift.period.name)",
                    evidence: Self.ids([investment.stamp]) + shift.alert.events))
            }
            let trend = trend(of: party, by: min(end, context.asOf))
            if canFall, trend.direction == .falling {
                rules.append(FlagRule(
                    rule: "engagement-falling-after-investment",
                    explanation: "within \(followUpDays) days of investing, the engagement of \(party) is falling over \(trend.periods.joined(separator: ", "))",
                    evidence: Self.ids([investment.stamp])))
            }
            if canReturn, let expected = investment.value.expectedReturnBy, context.asOf >= expected.adding(days: 1).startOfDay {
                // What came back, at the values recorded: a win's won value (never its estimate), a commitment's value.
                let won = resolved.opportunities.compactMap { opportunity -> (EventStamp, Double?)? in
                    guard opportunity.terms.to == party, let win = opportunity.won, win.stamp.occurredAt >= start else { return nil }
                    return (win.stamp, win.value?.doubleValue)
                }
                let delivered = resolved.commitments.compactMap { commitment -> (EventStamp, Double?)? in
                    guard commitment.terms.beneficiary == party, let fulfilled = commitment.fulfilled, fulfilled.occurredAt >= start else { return nil }
                    return (fulfilled, commitment.terms.value?.doubleValue)
                }
                let returned = (won + delivered).compactMap(\.1).reduce(0, +)
                // Something came back whose value nobody recorded: the return is unknown, not low.
                let unvalued = (won + delivered).contains { $0.1 == nil }
                // A return in money is compared with money only: hours without a rate have no money value.
                let invested = investment.value.kind == .hours
                    ? model.reciprocity.hourlyRate.map { investment.value.amount.doubleValue * $0 }
                    : investment.value.amount.doubleValue
                if let invested, !unvalued, returned < settings.upfrontReturnMultiple * invested {
                    rules.append(FlagRule(
                        rule: "return-below-expectation",
                        explanation: "by \(expected) \(party) expected a return on \(Self.number(invested)); it got \(Self.number(returned)) (under \(Self.number(settings.upfrontReturnMultiple))x)",
                        evidence: Self.ids([investment.stamp] + (won + delivered).map(\.0))))
                }
            }
        }
        return makeFlag(.upfrontInvestment, party: party, rules: rules)
    }

    // MARK: - 3. No appetite for collaboration

    /// Of at least 5 opportunities the party received it accepted under 30%; or it organised under 20% of the meetings held in the health window (of at least 3); or it declined at least 2 information requests.
    private func noAppetite(_ party: String, _ pending: inout [PendingRule]) -> RedFlag? {
        var rules: [FlagRule] = []
        let opportunityWindow = context.window(days: model.windows.appetiteOpportunityDays)
        let received = resolved.opportunities.filter { $0.terms.to == party && opportunityWindow.contains($0.shared.occurredAt) }
        let accepted = received.filter(\.isAccepted).count
        if hasEvidence("few-opportunities-accepted", kind: .noCollaborationAppetite, party: party, &pending),
           Double(accepted) < settings.appetiteAcceptShare * Double(received.count) {
            rules.append(FlagRule(
                rule: "few-opportunities-accepted",
                explanation: "\(party) accepted \(accepted) of \(received.count) opportunities it received (under \(Self.percent(settings.appetiteAcceptShare)))",
                evidence: Self.ids(received.map(\.shared) + received.compactMap(\.declined))))
        }
        let meetingWindow = context.window(days: model.windows.healthDays)
        // A meeting whose organiser was not recorded counts for nobody: it is left out of the share.
        let held = resolved.meetings.compactMap(\.held).filter { meetingWindow.contains($0.stamp.occurredAt) && $0.value.organizer != nil }
        let organised = held.filter { $0.value.organizer == party }.count
        if hasEvidence("rarely-organises-meetings", kind: .noCollaborationAppetite, party: party, &pending),
           Double(organised) < settings.appetiteOrganiseShare * Double(held.count) {
            rules.append(FlagRule(
                rule: "rarely-organises-meetings",
                explanation: "\(party) organised \(organised) of the \(held.count) meetings held in \(model.windows.healthDays) days (under \(Self.percent(settings.appetiteOrganiseShare)))",
                evidence: Self.ids(held.map(\.stamp))))
        }
        let requestWindow = context.window(days: model.windows.appetiteRequestDays)
        let declined = resolved.requests.compactMap { request in
            request.to == party ? request.declined.flatMap { requestWindow.contains($0.occurredAt) ? $0 : nil } : nil
        }
        if hasEvidence("declined-information-requests", kind: .noCollaborationAppetite, party: party, &pending),
           declined.count >= settings.appetiteDeclinedRequests {
            rules.append(FlagRule(
                rule: "declined-information-requests",
                explanation: "\(party) declined \(declined.count) information requests in \(model.windows.appetiteRequestDays) days",
                evidence: Self.ids(declined)))
        }
        return makeFlag(.noCollaborationAppetite, party: party, rules: rules)
    }

    // MARK: - 4. Poorly aligned objectives

    /// No charter, or one not signed by every party; objective coverage under 50%; one party's objectives all short-horizon while another's are all long-horizon; or a strategic survey gap of at least 1.5.
    private func misalignedObjectives(_ pending: inout [PendingRule]) -> RedFlag? {
        guard !context.parties.isEmpty else { return nil }
        var rules: [FlagRule] = []
        if let charter = resolved.charter {
            let missing = context.parties.filter { !charter.value.signedBy.contains($0) }
            if !missing.isEmpty, hasEvidence("charter-not-signed-by-all", kind: .misalignedObjectives, party: nil, &pending) {
                rules.append(FlagRule(
                    rule: "charter-not-signed-by-all",
                    explanation: "charter \(charter.value.charterId) is not signed by \(missing.joined(separator: ", "))",
                    evidence: Self.ids([charter.stamp])))
            }
        } else if let opening = resolved.opening, hasEvidence("no-charter", kind: .misalignedObjectives, party: nil, &pending) {
            rules.append(FlagRule(
                rule: "no-charter",
                explanation: "the parties have agreed no charter in the \(Int(context.evidenceCount(.daysOpen, party: nil))) days since the partnership opened",
                evidence: Self.ids([opening.stamp])))
        }
        if hasEvidence("low-objective-coverage", kind: .misalignedObjectives, party: nil, &pending),
           let coverage = context.objectiveCoverage(), coverage < settings.objectiveCoverage {
            let joint = Set(resolved.charter?.value.jointObjectiveIds ?? [])
            rules.append(FlagRule(
                rule: "low-objective-coverage",
                explanation: "\(Self.percent(coverage)) of the declared objectives are joint (under \(Self.percent(settings.objectiveCoverage)))",
                evidence: Self.ids(resolved.objectives.filter { !joint.contains($0.value.objectiveId) }.map(\.stamp))))
        }
        let byParty = Dictionary(grouping: resolved.objectives, by: \.value.party)
        let allShort = context.parties.filter { byParty[$0].map { !$0.isEmpty && $0.allSatisfy { $0.value.horizon == .short } } ?? false }
        let allLong = context.parties.filter { byParty[$0].map { !$0.isEmpty && $0.allSatisfy { $0.value.horizon == .long } } ?? false }
        if hasEvidence("horizons-diverge", kind: .misalignedObjectives, party: nil, &pending),
           let short = allShort.first, let long = allLong.first {
            rules.append(FlagRule(
                rule: "horizons-diverge",
                explanation: "every objective of \(short) is short-horizon and every objective of \(long) is long-horizon",
                evidence: Self.ids((allShort + allLong).flatMap { byParty[$0] ?? [] }.map(\.stamp))))
        }
        if hasEvidence("strategic-survey-gap", kind: .misalignedObjectives, party: nil, &pending),
           let gap = context.surveyGap(on: .strategic), gap >= settings.strategicSurveyGap {
            rules.append(FlagRule(
                rule: "strategic-survey-gap",
                explanation: "the parties' strategic survey scores differ by \(Self.number(gap)) (at least \(Self.number(settings.strategicSurveyGap)))",
                evidence: Self.ids(resolved.surveys.filter { $0.value.dimension == .strategic }.map(\.stamp))))
        }
        return makeFlag(.misalignedObjectives, party: nil, rules: rules)
    }

    // MARK: - 5. Little or no transparency

    /// Transparency under 50; a surprise about the party in 90 days; at least 2 requests to it unanswered after 14 days; or it is the less transparent side of an asymmetry of at least 30.
    private func littleTransparency(_ party: String, _ pending: inout [PendingRule]) -> RedFlag? {
        var rules: [FlagRule] = []
        if hasEvidence("low-transparency", kind: .littleTransparency, party: party, &pending),
           let own = transparency.party(party), own.score < settings.transparencyScore {
            rules.append(FlagRule(
                rule: "low-transparency",
                explanation: "the transparency of \(party) is \(Self.number(own.score)) (under \(Self.number(settings.transparencyScore)))"
                    + (own.evidence.isEmpty ? ": nothing it shared, answered or disclosed in \(model.windows.transparencyDays) days" : ""),
                evidence: own.evidence.isEmpty ? silenceEvidence(of: party) : own.evidence.eventIds))
        }
        let surpriseWindow = context.window(days: model.windows.surpriseDays)
        let surprises = resolved.surprises.filter { $0.about == party && surpriseWindow.contains($0.stamp.occurredAt) }
        if hasEvidence("surprise", kind: .littleTransparency, party: party, &pending), !surprises.isEmpty {
            rules.append(FlagRule(
                rule: "surprise",
                explanation: "\(surprises.count) surprise\(surprises.count == 1 ? "" : "s") about \(party) in \(model.windows.surpriseDays) days",
                evidence: Self.ids(surprises.map(\.stamp))))
        }
        let requestWindow = context.window(days: model.windows.transparencyDays)
        let overdue = Int64(model.windows.requestOverdueDays) * millisecondsPerDay
        let unanswered = resolved.requests.filter { request in
            guard request.to == party, request.declined == nil, requestWindow.contains(request.stamp.occurredAt) else { return false }
            let deadline = request.stamp.occurredAt.adding(milliseconds: overdue)
            return request.answered.map { $0.occurredAt > deadline } ?? (context.asOf > deadline)
        }
        if hasEvidence("requests-unanswered", kind: .littleTransparency, party: party, &pending),
           unanswered.count >= settings.unansweredRequests {
            rules.append(FlagRule(
                rule: "requests-unanswered",
                explanation: "\(unanswered.count) requests to \(party) went unanswered for more than \(model.windows.requestOverdueDays) days",
                evidence: Self.ids(unanswered.map(\.stamp))))
        }
        if hasEvidence("transparency-asymmetry", kind: .littleTransparency, party: party, &pending),
           let asymmetry = transparency.asymmetry, asymmetry >= settings.transparencyAsymmetry,
           transparency.leastTransparentParty == party {
            rules.append(FlagRule(
                rule: "transparency-asymmetry",
                explanation: "\(party) is \(Self.number(asymmetry)) points less transparent than its partner (at least \(Self.number(settings.transparencyAsymmetry)))",
                evidence: transparency.party(party)?.evidence.eventIds ?? []))
        }
        return makeFlag(.littleTransparency, party: party, rules: rules)
    }

    /// What a silent party's low transparency cites: its last transparency event before the window, else the opening that dates the silence.
    private func silenceEvidence(of party: String) -> [UUID] {
        let before = context.window(days: model.windows.transparencyDays).start
        let earlier: [EventStamp] = resolved.informationShared.filter { $0.from == party }.map(\.stamp)
            + resolved.requests.filter { $0.to == party }.compactMap { $0.answered ?? $0.declined }
            + resolved.disclosures.filter { $0.party == party }.map(\.stamp)
        if let last = earlier.filter({ $0.occurredAt < before }).max(by: { $0.precedes($1) }) {
            return [last.id]
        }
        return Self.ids(resolved.opening.map { [$0.stamp] } ?? [])
    }

    // MARK: - 6. Poor operational engagement

    /// Over the health window: cadence under 60%; no-shows and late cancellations above 25%; no executive of the party at either of the last two QBRs; action items closed on time under 50% (of at least 2 due); or a falling monthly trend.
    private func poorEngagement(_ party: String, _ pending: inout [PendingRule]) -> RedFlag? {
        var rules: [FlagRule] = []
        let breakdown = engagementWindow[party] ?? EngagementBreakdown()
        if hasEvidence("cadence-below-agreed", kind: .poorOperationalEngagement, party: party, &pending),
           let cadence = breakdown.cadence, cadence < settings.cadenceShare {
            rules.append(FlagRule(
                rule: "cadence-below-agreed",
                explanation: "\(party) kept \(breakdown.callsKept) calls where \(Self.number(breakdown.expectedCalls ?? 0)) were due: cadence \(Self.percent(cadence)) (under \(Self.percent(settings.cadenceShare)))",
                evidence: Self.ids(context.cadenceAgreement(at: context.asOf).map { [$0] } ?? [])
                    + breakdown.evidence.filter { ["attended", "no-show", "late-cancellation"].contains($0.aspect) }.eventIds))
        }
        if hasEvidence("misses-meetings", kind: .poorOperationalEngagement, party: party, &pending),
           let rate = breakdown.missRate, rate > settings.missRate {
            rules.append(FlagRule(
                rule: "misses-meetings",
                explanation: "\(party) missed or cancelled late \(breakdown.misses) of \(breakdown.tracked) meetings (\(Self.percent(rate)), above \(Self.percent(settings.missRate)))",
                evidence: breakdown.evidence.filter { ["no-show", "late-cancellation"].contains($0.aspect) }.eventIds))
        }
        let qbrs = resolved.meetings.compactMap(\.held).filter { $0.value.kind == .qbr }
            .sorted { $0.stamp.precedes($1.stamp) }
            .suffix(2)
        if hasEvidence("no-exec-at-qbrs", kind: .poorOperationalEngagement, party: party, &pending),
           qbrs.count == 2, qbrs.allSatisfy({ !$0.value.attendees.contains { $0.party == party && $0.seniority == .exec } }) {
            rules.append(FlagRule(
                rule: "no-exec-at-qbrs",
                explanation: "no executive of \(party) attended either of the last two QBRs",
                evidence: Self.ids(qbrs.map(\.stamp))))
        }
        if hasEvidence("action-items-late", kind: .poorOperationalEngagement, party: party, &pending),
           let share = breakdown.actionsOnTimeShare, share < settings.actionsOnTimeShare {
            rules.append(FlagRule(
                rule: "action-items-late",
                explanation: "\(party) closed \(breakdown.counts.actionItemsClosedOnTime) of \(breakdown.counts.actionItemsDue) action items by their due date (under \(Self.percent(settings.actionsOnTimeShare)))",
                evidence: breakdown.evidence.filter { $0.aspect == "action-not-closed-on-time" }.eventIds))
        }
        let trend = trend(of: party, by: context.asOf)
        if hasEvidence("engagement-falling", kind: .poorOperationalEngagement, party: party, &pending), trend.direction == .falling {
            let months = Set(trend.periods)
            let events = (monthly[party] ?? []).filter { months.contains($0.period.name) }.flatMap(\.breakdown.evidence)
            let misses = events.filter { $0.credit == 0 }
            let cited = misses.isEmpty ? events.eventIds : misses.eventIds
            rules.append(FlagRule(
                rule: "engagement-falling",
                explanation: "the engagement of \(party) is falling by \(Self.number(-(trend.estimate?.slope ?? 0))) points a month over \(trend.periods.joined(separator: ", "))",
                evidence: cited.isEmpty ? Self.ids(context.cadenceAgreement(at: context.asOf).map { [$0] } ?? []) : cited))
        }
        return makeFlag(.poorOperationalEngagement, party: party, rules: rules)
    }

    // MARK: - 7. Blind spot

    /// A flag stands in an area where the same party rated itself 4 or 5 in its latest `WeakSpotAssessed`; one blind-spot flag per party, critical when an underlying flag is.
    private func blindSpots(among flags: [RedFlag]) -> [RedFlag] {
        var byParty: [String: (rules: [FlagRule], critical: Bool)] = [:]
        for flag in flags {
            guard let area = flag.kind.area else { continue }
            for party in flag.party.map({ [$0] }) ?? context.parties {
                guard let assessment = resolved.weakSpots.first(where: { $0.value.party == party && $0.value.area == area }),
                      assessment.value.rating >= settings.blindSpotRating
                else { continue }
                var entry = byParty[party] ?? ([], false)
                entry.rules.append(FlagRule(
                    rule: "rated-strong-on-\(area.rawValue)",
                    explanation: "\(party) rated itself \(assessment.value.rating) on \(area.rawValue), where the \(flag.kind.rawValue) flag stands",
                    evidence: Self.ids([assessment.stamp]) + flag.evidence))
                entry.critical = entry.critical || flag.severity == .critical
                byParty[party] = entry
            }
        }
        return context.parties.compactMap { party in
            byParty[party].flatMap { makeFlag(.blindSpot, party: party, rules: $0.rules, critical: $0.critical) }
        }
    }

    // MARK: - Helpers

    private func makeFlag(_ kind: RedFlagKind, party: String?, rules: [FlagRule], critical: Bool = false) -> RedFlag? {
        guard !rules.isEmpty else { return nil }
        var seen: Set<UUID> = []
        let evidence = rules.flatMap(\.evidence).filter { seen.insert($0).inserted }
        return RedFlag(
            kind: kind, party: party,
            severity: critical || rules.count >= settings.criticalRuleCount ? .critical : .warning,
            rules: rules, evidence: evidence, firstRaised: nil, modelVersion: model.version)
    }

    /// The ids of events in time order, without repeats.
    static func ids(_ stamps: [EventStamp]) -> [UUID] {
        var seen: Set<UUID> = []
        return stamps.sorted { $0.precedes($1) }
            .compactMap { seen.insert($0.id).inserted ? $0.id : nil }
    }

    static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }
}

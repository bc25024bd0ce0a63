import Foundation
import PartnerDomain

extension EvaluationContext {
    /// "What is this relationship, really?" over the classifier window (12 months): rules in
    /// order, the first whose predicates all hold wins (DOMAIN.md; no rule is waived by a
    /// majority of its predicates).
    ///
    /// With fewer events than the model's minimum (20) in the window, or no rule holding, the
    /// verdict is emerging, and the rule that came closest is named with what it misses. The
    /// confidence is the strength of the evidence, as ``Classification/confidence`` defines it.
    ///
    /// "Few" and "scarce" mean fewer than the model's `fewCount` (3) in the window. Commitments
    /// count by when they were made, withdrawn ones left out; investments by when they were
    /// made, hours at the model's rate.
    func classification(reciprocity: ReciprocityReport) -> Classification {
        let settings = model.classifier
        let windowDays = model.windows.classifierDays
        let window = window(days: windowDays)
        let eventCount = resolved.eventTimes.filter { window.contains($0.occurredAt) }.count
        let rules: [(RelationshipVerdict, [ClassifierPredicate])] = [
            (.truePartnership, truePartnershipPredicates(window, reciprocity: reciprocity)),
            (.supplierCustomer, supplierCustomerPredicates(window)),
            (.commercialAgreement, commercialPredicates(window, eventCount: eventCount)),
            (.marketingStrategy, marketingPredicates(window, reciprocity: reciprocity, eventCount: eventCount)),
            (.technologySharing, technologyPredicates(window, eventCount: eventCount)),
        ]
        let evaluations = rules.map { verdict, predicates in
            let share = Double(predicates.filter(\.holds).count) / Double(predicates.count)
            return RuleEvaluation(verdict: verdict, share: share, matches: predicates.allSatisfy(\.holds), predicates: predicates)
        }
        let recordedAs = resolved.reclassification?.value ?? resolved.opening?.value.declaredType ?? .partnership
        let holding = evaluations.first(where: \.matches)
        let enoughEvents = eventCount >= settings.minimumEvents
        let winner = enoughEvents ? holding : nil
        let verdict = winner?.verdict ?? .emerging
        // The closest rule: the largest share holding, the first in order among equals.
        let closest = winner == nil
            ? evaluations.reduce(nil as RuleEvaluation?) { best, rule in (best.map { rule.share > $0.share } ?? true) ? rule : best }
            : nil
        let confidence: Double
        let reason: String
        if let winner {
            confidence = winner.predicates.map(\.strength).min() ?? 0
            reason = "every predicate of \(Self.evidencePhrase(winner.verdict)) holds."
        } else if !enoughEvents {
            confidence = Classification.tooFewEventsConfidence(events: eventCount, minimum: settings.minimumEvents)
            let held = holding.map { "; \(Self.evidencePhrase($0.verdict)) would hold" } ?? ""
            reason = "\(eventCount) events in the \(windowDays) days are fewer than the \(settings.minimumEvents) a verdict needs\(held)."
        } else {
            let share = closest?.share ?? 0
            confidence = Classification.noRuleConfidence(closestShare: share, events: eventCount)
            let missing = closest?.predicates.filter { !$0.holds }.map { "\($0.predicate) (\($0.explanation))" } ?? []
            reason = "no rule holds; closest: \(closest.map { Self.evidencePhrase($0.verdict) } ?? "none"), missing: \(missing.joined(separator: "; "))."
        }
        var statement: String?
        if let type = verdict.relationshipType, type != recordedAs {
            statement = "recorded as \(Self.recordedPhrase(recordedAs)); the evidence says \(Self.evidencePhrase(verdict)). Call it what it is."
        }
        return Classification(
            modelVersion: model.version, windowDays: windowDays, eventCount: eventCount, verdict: verdict,
            confidence: confidence, predicates: winner?.predicates ?? [], closest: closest, reason: reason,
            rules: evaluations, recordedAs: recordedAs, statement: statement)
    }

    /// How far `value` clears "at least `threshold`" toward `top`, 0 to 1; 0 when it does not.
    private static func clearance(_ value: Double?, atLeast threshold: Double, top: Double) -> Double {
        guard let value, value >= threshold else { return 0 }
        return top > threshold ? min(1, (value - threshold) / (top - threshold)) : 1
    }

    /// How far `count` clears "fewer than `limit`", 0 to 1: all the way at none.
    private static func clearance(_ count: Int, fewerThan limit: Int) -> Double {
        guard count < limit, limit > 0 else { return 0 }
        return Double(limit - count) / Double(limit)
    }

    private func truePartnershipPredicates(_ window: TimeRange, reciprocity: ReciprocityReport) -> [ClassifierPredicate] {
        let settings = model.classifier
        let (level, charterEvents) = charterLevel()
        let resourceKinds: Set<CommitmentKind> = [.resource, .people, .funding]
        let resourcing = resolved.commitments.filter { commitment in
            resourceKinds.contains(commitment.terms.kind) && (commitment.fulfilled.map { window.contains($0.occurredAt) } ?? false)
        }
        let resourcingParties = parties.filter { party in resourcing.contains { $0.terms.owner == party } }
        let balanced = reciprocity.pairs.map { pair in
            pair.flows.filter { flow in flow.balance.map { abs($0) < settings.balancedFlowLimit } ?? false }
        }
        let fewestBalanced = balanced.map(\.count).min() ?? 0
        let cadences = parties.map { engagement(of: $0, over: window) }
        let cadence = cadences.compactMap(\.cadence).min()
        return [
            predicate(
                "charter-signed-by-all", "the charter level is \(FlagInputs.number(level)) (at least \(FlagInputs.number(settings.charterLevel)))",
                holds: level >= settings.charterLevel, value: level,
                clearance: Self.clearance(level, atLeast: settings.charterLevel, top: 100), charterEvents),
            predicate(
                "every-party-committed-resources",
                "\(resourcingParties.count) of \(parties.count) parties fulfilled resource, people or funding commitments ("
                    + parties.map { party in "\(party) \(resourcing.filter { $0.terms.owner == party }.count)" }.joined(separator: ", ") + ")",
                holds: !parties.isEmpty && resourcingParties.count == parties.count, value: Double(resourcingParties.count),
                clearance: 1, resourcing.compactMap(\.fulfilled)),
            predicate(
                "reciprocal", "reciprocity R is \(reciprocity.score.map(FlagInputs.number) ?? "unknown") (at least \(FlagInputs.number(settings.reciprocity)))",
                holds: (reciprocity.score ?? 0) >= settings.reciprocity, value: reciprocity.score,
                clearance: Self.clearance(reciprocity.score, atLeast: settings.reciprocity, top: 100),
                ids: reciprocity.pairs.flatMap(\.flows).flatMap(\.evidence).eventIds),
            predicate(
                "flows-balanced",
                "\(fewestBalanced) flows have |b_f| under \(FlagInputs.number(settings.balancedFlowLimit)) (at least \(settings.balancedFlows))",
                holds: !balanced.isEmpty && fewestBalanced >= settings.balancedFlows, value: Double(fewestBalanced),
                clearance: Self.clearance(Double(fewestBalanced), atLeast: Double(settings.balancedFlows), top: Double(ReciprocityFlow.allCases.count)),
                ids: balanced.flatMap { $0 }.flatMap(\.evidence).eventIds),
            predicate(
                "cadence-kept", "the lowest party cadence is \(cadence.map(FlagInputs.percent) ?? "unknown") (at least \(FlagInputs.percent(settings.cadenceShare)))",
                holds: (cadence ?? 0) >= settings.cadenceShare, value: cadence,
                clearance: Self.clearance(cadence, atLeast: settings.cadenceShare, top: 1),
                ids: cadences.flatMap(\.evidence).filter { $0.aspect == "attended" }.eventIds),
        ]
    }

    private func supplierCustomerPredicates(_ window: TimeRange) -> [ClassifierPredicate] {
        let settings = model.classifier
        let investments = resolved.investments.filter { window.contains($0.stamp.occurredAt) }
        // 1 each when the investments can only be counted
        let measure = investmentMeasure(among: investments.map(\.value))
        func amount(_ investment: MoneyFact.Investment) -> Double { measure(investment) ?? 1 }
        let total = investments.reduce(0) { $0 + amount($1.value) }
        let payments = parties.map { party in
            investments.filter { $0.value.party == party && [.fee, .purchase].contains($0.value.kind) }
        }
        let topPayments = payments.max { lhs, rhs in lhs.reduce(0) { $0 + amount($1.value) } < rhs.reduce(0) { $0 + amount($1.value) } } ?? []
        let paymentShare = total > 0 ? topPayments.reduce(0) { $0 + amount($1.value) } / total : 0
        let deliverables = resolved.commitments.filter { $0.terms.kind == .deliverable && !$0.isWithdrawn && window.contains($0.made.occurredAt) }
        let byOwner = Dictionary(grouping: deliverables, by: \.terms.owner)
        let topOwner = ordered(byOwner.keys).compactMap { byOwner[$0] }.max { $0.count < $1.count } ?? []
        let deliverableShare = deliverables.isEmpty ? 0 : Double(topOwner.count) / Double(deliverables.count)
        return [
            predicate(
                "payments-one-way",
                "\(FlagInputs.percent(paymentShare)) of investment value is fees or purchases by one party (at least \(FlagInputs.percent(settings.paymentShare)))",
                holds: total > 0 && paymentShare >= settings.paymentShare, value: paymentShare,
                clearance: Self.clearance(paymentShare, atLeast: settings.paymentShare, top: 1), topPayments.map(\.stamp)),
            predicate(
                "deliverables-one-owner",
                "\(FlagInputs.percent(deliverableShare)) of \(deliverables.count) deliverable commitments are owned by \(topOwner.first?.terms.owner ?? "nobody") (at least \(FlagInputs.percent(settings.deliverableShare)))",
                holds: !deliverables.isEmpty && deliverableShare >= settings.deliverableShare, value: deliverableShare,
                clearance: Self.clearance(deliverableShare, atLeast: settings.deliverableShare, top: 1), topOwner.map(\.made)),
        ]
    }

    private func commercialPredicates(_ window: TimeRange, eventCount: Int) -> [ClassifierPredicate] {
        let settings = model.classifier
        let opportunityEvents = resolved.eventTimes.filter { $0.isOpportunity && window.contains($0.occurredAt) }.count
        let share = eventCount > 0 ? Double(opportunityEvents) / Double(eventCount) : 0
        let objectives = jointOrDeclaredObjectives()
        let revenueOrLeads = !objectives.isEmpty && objectives.allSatisfy { [.revenue, .leads].contains($0.value.kind) }
        let resourcing = commitmentsMade(in: window).filter { [.resource, .people, .funding].contains($0.terms.kind) }
        return [
            predicate(
                "mostly-opportunity-events",
                "\(opportunityEvents) of \(eventCount) events (\(FlagInputs.percent(share))) are opportunity events (at least \(FlagInputs.percent(settings.opportunityEventShare)))",
                holds: share >= settings.opportunityEventShare, value: share,
                clearance: Self.clearance(share, atLeast: settings.opportunityEventShare, top: 1),
                resolved.opportunities.filter { window.contains($0.shared.occurredAt) }.map(\.shared)),
            predicate(
                "joint-objectives-revenue-or-leads",
                "\(objectives.count) joint objectives, \(revenueOrLeads ? "all" : "not all") revenue or leads",
                holds: revenueOrLeads, value: nil, clearance: 1, objectives.map(\.stamp)),
            predicate(
                "few-resource-commitments",
                "\(resourcing.count) resource, people or funding commitments (fewer than \(settings.fewCount))",
                holds: resourcing.count < settings.fewCount, value: Double(resourcing.count),
                clearance: Self.clearance(resourcing.count, fewerThan: settings.fewCount), observations: eventCount, resourcing.map(\.made)),
        ]
    }

    private func marketingPredicates(_ window: TimeRange, reciprocity: ReciprocityReport, eventCount: Int) -> [ClassifierPredicate] {
        let settings = model.classifier
        let objectives = resolved.objectives
        let marketing = objectives.filter { [.leads, .market].contains($0.value.kind) }
        let share = objectives.isEmpty ? 0 : Double(marketing.count) / Double(objectives.count)
        let flows = reciprocity.pairs.compactMap { $0.flow(.opportunities) }
        let oneWay = flows.max { abs($0.balance ?? 0) < abs($1.balance ?? 0) }
        let imbalance = abs(oneWay?.balance ?? 0)
        let beyond = commitmentsMade(in: window).filter { $0.terms.kind != .intro }
        return [
            predicate(
                "objectives-leads-or-market",
                "\(marketing.count) of \(objectives.count) objectives are leads or market (more than \(FlagInputs.percent(settings.marketingObjectiveShare)))",
                holds: share > settings.marketingObjectiveShare, value: share,
                clearance: Self.clearance(share, atLeast: settings.marketingObjectiveShare, top: 1), marketing.map(\.stamp)),
            predicate(
                "opportunities-one-way",
                "|b_opportunities| is \(FlagInputs.number(imbalance)) (above \(FlagInputs.number(settings.oneWayFlow)))",
                holds: imbalance > settings.oneWayFlow, value: imbalance,
                clearance: Self.clearance(imbalance, atLeast: settings.oneWayFlow, top: 1), ids: oneWay?.evidence.eventIds ?? []),
            predicate(
                "few-commitments-beyond-co-marketing",
                "\(beyond.count) commitments beyond introductions (fewer than \(settings.fewCount))",
                holds: beyond.count < settings.fewCount, value: Double(beyond.count),
                clearance: Self.clearance(beyond.count, fewerThan: settings.fewCount), observations: eventCount, beyond.map(\.made)),
        ]
    }

    private func technologyPredicates(_ window: TimeRange, eventCount: Int) -> [ClassifierPredicate] {
        let settings = model.classifier
        let commitments = commitmentsMade(in: window)
        let technicalCommitments = commitments.filter { [.integration, .data].contains($0.terms.kind) }
        let shared = resolved.informationShared.filter { window.contains($0.stamp.occurredAt) }
        let technicalShared = shared.filter { $0.category == .technical }
        let total = commitments.count + shared.count
        let share = total > 0 ? Double(technicalCommitments.count + technicalShared.count) / Double(total) : 0
        let opportunities = resolved.opportunities.filter { window.contains($0.shared.occurredAt) }
        return [
            predicate(
                "mostly-technical",
                "\(FlagInputs.percent(share)) of commitments and shared information is integration, data or technical (at least \(FlagInputs.percent(settings.technicalShare)))",
                holds: total > 0 && share >= settings.technicalShare, value: share,
                clearance: Self.clearance(share, atLeast: settings.technicalShare, top: 1),
                technicalCommitments.map(\.made) + technicalShared.map(\.stamp)),
            predicate(
                "few-opportunities",
                "\(opportunities.count) opportunities shared (fewer than \(settings.fewCount))",
                holds: opportunities.count < settings.fewCount, value: Double(opportunities.count),
                clearance: Self.clearance(opportunities.count, fewerThan: settings.fewCount), observations: eventCount,
                opportunities.map(\.shared)),
        ]
    }

    /// The charter's joint objectives, or every declared objective when the charter names none.
    private func jointOrDeclaredObjectives() -> [Fact<SetupFact.Objective>] {
        let joint = Set(resolved.charter?.value.jointObjectiveIds ?? [])
        let linked = resolved.objectives.filter { joint.contains($0.value.objectiveId) }
        return linked.isEmpty ? resolved.objectives : linked
    }

    private func commitmentsMade(in window: TimeRange) -> [ResolvedCommitment] {
        resolved.commitments.filter { !$0.isWithdrawn && window.contains($0.made.occurredAt) }
    }

    /// A predicate whose strength rests on its evidence events, or on `observations` when
    /// given (an absence, "fewer than three", rests on every event of the window).
    private func predicate(
        _ name: String, _ explanation: String, holds: Bool, value: Double?, clearance: Double, observations: Int? = nil,
        _ stamps: [EventStamp]
    ) -> ClassifierPredicate {
        predicate(name, explanation, holds: holds, value: value, clearance: clearance, observations: observations, ids: FlagInputs.ids(stamps))
    }

    private func predicate(
        _ name: String, _ explanation: String, holds: Bool, value: Double?, clearance: Double, observations: Int? = nil,
        ids: [UUID]
    ) -> ClassifierPredicate {
        ClassifierPredicate(
            predicate: name, explanation: explanation, holds: holds, value: value, evidence: ids,
            strength: ClassifierPredicate.strength(holds: holds, observations: observations ?? Set(ids).count, clearance: clearance))
    }

    static func recordedPhrase(_ type: RelationshipType) -> String {
        switch type {
        case .partnership: "a partnership"
        case .supplierCustomer: "a supplier/customer relationship"
        case .commercialAgreement: "a commercial/strategic agreement"
        case .marketing: "a marketing strategy"
        case .technologySharing: "technology sharing"
        }
    }

    static func evidencePhrase(_ verdict: RelationshipVerdict) -> String {
        switch verdict {
        case .truePartnership: "a true partnership"
        case .supplierCustomer: "supplier/customer"
        case .commercialAgreement: "a commercial/strategic agreement"
        case .marketingStrategy: "a marketing strategy"
        case .technologySharing: "technology sharing"
        case .emerging: "not enough yet"
        }
    }
}

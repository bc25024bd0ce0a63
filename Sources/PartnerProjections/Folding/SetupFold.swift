import Foundation
import PartnerDomain

/// What the setup events state: parties, objectives, charters, self-assessments, surveys and labels.
enum SetupFact: FactValue {
    /// `PartnershipOpened`.
    case opened(Opening)
    /// `PartnershipClosed`.
    case closed
    /// `ObjectiveDeclared`.
    case objective(Objective)
    /// `CharterAgreed`.
    case charter(Charter)
    /// `WeakSpotAssessed`.
    case weakSpot(WeakSpot)
    /// `HealthSurveyed`.
    case survey(Survey)
    /// `RelationshipReclassified`: the new label.
    case reclassified(RelationshipType)

    /// The opening of a partnership.
    struct Opening: Sendable, Equatable {
        var name: String
        var parties: [PartnershipOpened.Party]
        var declaredType: RelationshipType
        var callCadenceDays: Int?
    }

    /// A party's declared objective.
    struct Objective: Sendable, Equatable {
        var objectiveId: String
        var party: String
        var kind: ObjectiveKind
        var horizon: Horizon
    }

    /// An agreed charter, without its free text.
    struct Charter: Sendable, Equatable {
        var charterId: String
        var jointObjectiveIds: [String]
        var signedBy: [String]
        var callCadenceDays: Int?
        var infoCategories: [InformationCategory]?
        var hasSuccessMeasures: Bool
    }

    /// A party's rating of itself on one failure mode.
    struct WeakSpot: Sendable, Equatable {
        var party: String
        var area: WeakSpotArea
        var rating: Int
    }

    /// One survey answer.
    struct Survey: Sendable, Equatable {
        var party: String
        var dimension: SurveyDimension
        var score: Int
    }
}

/// Folds the setup events of one partnership into facts, in log order.
///
/// Free text (names of objectives, charter wording, comments) is left out:
/// no score reads it, and the log keeps it.
struct SetupFold: Codable, Sendable, Equatable {
    private(set) var facts: [Fact<SetupFact>] = []

    mutating func apply(_ event: ProjectionEvent) {
        let fact: SetupFact
        switch event.event {
        case .partnershipOpened(let opened):
            fact = .opened(.init(
                name: opened.name, parties: opened.parties, declaredType: opened.declaredType,
                callCadenceDays: opened.callCadenceDays))
        case .partnershipClosed:
            fact = .closed
        case .objectiveDeclared(let objective):
            fact = .objective(.init(
                objectiveId: objective.objectiveId, party: objective.party, kind: objective.kind, horizon: objective.horizon))
        case .charterAgreed(let charter):
            fact = .charter(.init(
                charterId: charter.charterId, jointObjectiveIds: charter.jointObjectiveIds, signedBy: charter.signedBy,
                callCadenceDays: charter.callCadenceDays, infoCategories: charter.infoCategories,
                hasSuccessMeasures: !(charter.successMeasures ?? []).isEmpty))
        case .weakSpotAssessed(let assessment):
            fact = .weakSpot(.init(party: assessment.party, area: assessment.area, rating: assessment.rating))
        case .healthSurveyed(let answer):
            fact = .survey(.init(party: answer.respondentParty, dimension: answer.dimension, score: answer.score))
        case .relationshipReclassified(let reclassification):
            fact = .reclassified(reclassification.label)
        default:
            return
        }
        facts.append(Fact(stamp: event.stamp, value: fact))
    }
}

import Foundation
import PartnerDomain
import PartnerProjections
import ProjectionStories
import Testing

@Suite("The scoring model: defaults, overrides, validation, version")
struct ScoringModelTests {
    @Test func defaultsAreThoseOfTheDomain() {
        let model = ScoringModel.default
        #expect(model.version == "2026.3-default")
        #expect(model.decayHalfLifeDays == 90)
        #expect([model.windows.healthDays, model.windows.transparencyDays, model.windows.reciprocityDays] == [90, 180, 365] as [Int])
        let weights = model.health.weights
        #expect([weights.commitmentReliability, weights.operationalEngagement, weights.transparency,
                 weights.reciprocity, weights.jointValue, weights.alignment] == [25, 20, 15, 15, 15, 10] as [Double])
        #expect(model.health.minimumEvidenceShare == 0.6)
        #expect([model.cusum.k, model.cusum.h] == [0.5, 4] as [Double])
        #expect(model.trend.confidenceLevel == 0.9)
        #expect(model.transparency.expectedCategories == [.pipeline, .forecast, .roadmap, .customerOverlap, .orgChange])
        #expect(throws: Never.self) { try model.validate() }
    }

    @Test func overridesChangeOnlyTheFieldsGiven() throws {
        let json = #"{"version": "2026.1-acme", "health": {"weights": {"alignment": 20}}, "windows": {"healthDays": 60}}"#
        let model = try ScoringModel(overrides: Data(json.utf8))
        var expected = ScoringModel.default
        expected.version = "2026.1-acme"
        expected.health.weights.alignment = 20
        expected.windows.healthDays = 60
        #expect(model == expected)
    }

    @Test func fileWithOnlyANewVersionKeepsEveryDefault() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scoring-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("model.json")
        try Data(#"{"version": "2026.2-review"}"#.utf8).write(to: file)
        let model = try ScoringModel.load(contentsOf: file)
        #expect(model.version == "2026.2-review")
        #expect(model.health == ScoringModel.default.health)
        #expect(model.flags == ScoringModel.default.flags)
    }

    @Test(arguments: [
        (json: #"{"version": "x", "health": {"weights": {"alignmnt": 5}}}"#, code: "unknown-field", field: "health.weights.alignmnt"),
        (json: #"{"version": "x", "health": {"weights": {"alignment": -5}}}"#, code: "out-of-range", field: "health.weights.alignment"),
        (json: #"{"version": "x", "windows": {"healthDays": 0}}"#, code: "out-of-range", field: "windows.healthDays"),
        (json: #"{"version": "x", "decayHalfLifeDays": "ninety"}"#, code: "wrong-type", field: "decayHalfLifeDays"),
        (json: #"{"version": "x", "health": 5}"#, code: "wrong-type", field: "health"),
        (json: #"{"version": "x", "transparency": {"expectedCategories": ["pipeline", "gossip"]}}"#, code: "invalid-value", field: "transparency.expectedCategories[1]"),
        (json: #"{"version": "x", "trend": {"confidenceLevel": 1}}"#, code: "out-of-range", field: "trend.confidenceLevel"),
        (json: #"{"version": "x", "health": {"greenFrom": 40}}"#, code: "out-of-range", field: "health.greenFrom"),
        (json: #"{"health": {"weights": {"alignment": 20}}}"#, code: "version-unchanged", field: "version"),
        (json: #"{"version": ""}"#, code: "out-of-range", field: "version"),
        (json: #"[1, 2]"#, code: "malformed-json", field: ""),
        (json: #"{"version": "x""#, code: "malformed-json", field: ""),
    ])
    func invalidOverridesAreRejectedNamingTheField(json: String, code: String, field: String) {
        do {
            _ = try ScoringModel(overrides: Data(json.utf8))
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.code.rawValue == code)
            #expect(error.field == field)
            #expect(error.description.hasPrefix(field.isEmpty ? "" : "\(field): "))
        }
    }

    @Test func validationInCodeNamesTheField() {
        var model = ScoringModel.default
        model.windows.trendMonths = 0
        #expect(throws: ScoringModelError(
            code: .outOfRange, field: "windows.trendMonths",
            message: "0 is out of range. A window is above 0, such as 90 days.")) { try model.validate() }
        model = .default
        model.cusum.minimumStandardDeviation = .nan
        #expect(throws: ScoringModelError.self) { try model.validate() }
    }

    @Test func everyResultNamesTheModelVersion() throws {
        let json = #"{"version": "2026.1-joint-value-only", "health": {"weights": {"commitmentReliability": 0, "operationalEngagement": 0, "transparency": 0, "reciprocity": 0, "alignment": 0}, "minimumEvidenceShare": 0}}"#
        let model = try ScoringModel(overrides: Data(json.utf8))
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        story.opportunity("o-1", from: "acme", to: "globex", day: 100)
        story.accept("o-1", day: 101)
        story.win("o-1", day: 120)
        story.opportunity("o-2", from: "globex", to: "acme", day: 110)
        story.decline("o-2", day: 111)
        let report = story.report(asOf: 180, model: model)
        // only joint value weighs: 100 * (0.4 * c(2/4) + 0.3 * L(1, 2) + 0.3 * L(1, 1)) = 100 * (0.2 + 0.15 + 0.2) = 55
        #expect(close(report.health.score, 55))
        for version in [report.modelVersion, report.health.modelVersion, report.transparency.modelVersion,
                        report.reciprocity.modelVersion, report.engagement.modelVersion, report.classification.modelVersion]
            + report.flags.map(\.modelVersion) {
            #expect(version == "2026.1-joint-value-only")
        }
    }
}

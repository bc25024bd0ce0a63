import Foundation
import PartnerDomain

/// A scoring model file or value that cannot be used, explained as a sentence naming the field.
///
/// ```
/// health.weights.alignment: -5 is out of range. A weight is 0 or more.
/// ```
public struct ScoringModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, kebab-case identifier of what went wrong.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The kebab-case text, such as `unknown-field`.
        public let rawValue: String

        /// Wraps a code text; prefer the named constants.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The code text.
        public var description: String { rawValue }

        /// The file could not be read.
        public static let unreadableFile = Self(rawValue: "unreadable-file")
        /// The text is not JSON, or not a JSON object.
        public static let malformedJSON = Self(rawValue: "malformed-json")
        /// A field the model does not have, usually a typo.
        public static let unknownField = Self(rawValue: "unknown-field")
        /// A field of the wrong JSON type.
        public static let wrongType = Self(rawValue: "wrong-type")
        /// A value the field does not accept, such as an unknown information category.
        public static let invalidValue = Self(rawValue: "invalid-value")
        /// A number outside the field's range.
        public static let outOfRange = Self(rawValue: "out-of-range")
        /// Numbers changed while the version stayed the default's.
        public static let versionUnchanged = Self(rawValue: "version-unchanged")
    }

    /// What went wrong.
    public let code: Code
    /// The dotted path of the field, such as `health.weights.alignment`; empty when the error is about the whole file.
    public let field: String
    /// What is wrong and what to do.
    public let message: String

    /// Creates an error.
    public init(code: Code, field: String, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    /// The field, then the message.
    public var description: String {
        field.isEmpty ? message : "\(field): \(message)"
    }
}

extension ScoringModel {
    /// The defaults with the fields of a JSON object of overrides applied, checked with ``validate()``.
    ///
    /// Objects merge field by field, so `{"health": {"weights": {"alignment": 20}}}`
    /// changes one weight; lists are replaced whole. A field the model does
    /// not have is rejected by name, as is a changed model that keeps the
    /// default's version: every report names the version, so different
    /// numbers need a different name.
    public init(overrides data: Data) throws(ScoringModelError) {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: data)
        } catch {
            throw ScoringModelError(
                code: .malformedJSON, field: "",
                message: "the scoring model is not valid JSON. Check its quotes, commas and brackets.")
        }
        guard case .object = document else {
            throw ScoringModelError(
                code: .malformedJSON, field: "",
                message: "the scoring model must be a JSON object of fields to override, such as {\"version\": \"2026.1-acme\"}.")
        }
        let merged = try Self.merge(ScoringModel.default.jsonTree(), with: document, at: "")
        let model: ScoringModel
        do {
            model = try JSONDecoder().decode(ScoringModel.self, from: merged.encoded())
        } catch let DecodingError.dataCorrupted(context) {
            throw ScoringModelError(
                code: .invalidValue, field: Self.path(context.codingPath),
                message: "\(context.debugDescription)")
        } catch {
            throw ScoringModelError(
                code: .wrongType, field: "", message: "the scoring model could not be read (\(error)).")
        }
        if model != .default, model.version == ScoringModel.default.version {
            throw ScoringModelError(
                code: .versionUnchanged, field: "version",
                message: "\"\(model.version)\" is the default model's version, but the file changes its numbers. Give the model its own version, such as \"2026.1-custom\", so that reports say which numbers produced them.")
        }
        try model.validate()
        self = model
    }

    /// Reads a JSON file of overrides; see ``init(overrides:)``.
    public static func load(contentsOf url: URL) throws(ScoringModelError) -> ScoringModel {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ScoringModelError(
                code: .unreadableFile, field: "",
                message: "the scoring model file \(url.path) could not be read (\(error.localizedDescription)). Check the path and its permissions.")
        }
        return try ScoringModel(overrides: data)
    }

    /// Checks every number: none negative or infinite, windows above 0, shares and levels in their ranges.
    ///
    /// The error names the first offending field by its dotted path.
    public func validate() throws(ScoringModelError) {
        guard !version.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ScoringModelError(code: .outOfRange, field: "version", message: "is empty. Name the model, such as \"2026.3-default\".")
        }
        try Self.checkNumbers(in: jsonTree(), at: "")
        try sufficiency.validate()
        let positives: [(String, Double)] = [
            ("decayHalfLifeDays", decayHalfLifeDays),
            ("health.weights", health.weights.total),
            ("engagement.defaultCallCadenceDays", Double(engagement.defaultCallCadenceDays)),
            ("engagement", engagement.cadenceWeight + engagement.attendanceWeight + engagement.seniorityWeight + engagement.actionsWeight),
            ("transparency", transparency.breadthWeight + transparency.respondWeight + transparency.candourWeight),
            ("reciprocity.flowWeights", reciprocity.flowWeights.total),
            ("jointValue", jointValue.volumeWeight + jointValue.acceptanceWeight + jointValue.winWeight),
            ("jointValue.expectedOpportunities", jointValue.expectedOpportunities),
            ("alignment", alignment.charterWeight + alignment.coverageWeight + alignment.surveyWeight),
            ("alignment.surveySpan", alignment.surveySpan),
            ("cusum.h", cusum.h),
            ("cusum.minimumStandardDeviation", cusum.minimumStandardDeviation),
        ]
        for (field, value) in positives where !(value > 0) {
            throw ScoringModelError(
                code: .outOfRange, field: field,
                message: "\(Self.text(value)) is out of range. It must be above 0 (for a group, the sum of its weights).")
        }
        if transparency.expectedCategories.isEmpty {
            throw ScoringModelError(
                code: .outOfRange, field: "transparency.expectedCategories",
                message: "is empty. Name at least one category, such as [\"pipeline\"].")
        }
        let unitShares: [(String, Double, ClosedRange<Double>)] = [
            ("health.minimumEvidenceShare", health.minimumEvidenceShare, 0...1),
            ("reciprocity.tolerance", reciprocity.tolerance, 0...0.999_999),
            ("trend.confidenceLevel", trend.confidenceLevel, 0.000_001...0.999_999),
        ]
        for (field, value, range) in unitShares where !range.contains(value) {
            throw ScoringModelError(
                code: .outOfRange, field: field,
                message: "\(Self.text(value)) is out of range. Give a share between 0 and 1\(range.upperBound < 1 ? ", below 1" : "").")
        }
        if health.greenFrom < health.yellowFrom {
            throw ScoringModelError(
                code: .outOfRange, field: "health.greenFrom",
                message: "\(Self.text(health.greenFrom)) is below health.yellowFrom (\(Self.text(health.yellowFrom))). Green must start at or above yellow.")
        }
    }

    /// The model as a JSON tree, keys as the encoder writes them.
    func jsonTree() throws(ScoringModelError) -> JSONValue {
        do {
            return try JSONValue(parsing: JSONEncoder().encode(self))
        } catch let EncodingError.invalidValue(value, context) {
            throw ScoringModelError(
                code: .outOfRange, field: Self.path(context.codingPath),
                message: "\(value) is not a finite number. Give a number such as 0.5.")
        } catch {
            throw ScoringModelError(code: .outOfRange, field: "", message: "the model could not be encoded (\(error)).")
        }
    }

    private static func merge(_ base: JSONValue, with override: JSONValue, at path: String) throws(ScoringModelError) -> JSONValue {
        guard case .object(var members) = base else {
            // A field without a default (null) takes a value of its own type; decoding checks it.
            guard base.typeName == override.typeName || base == .null else {
                throw ScoringModelError(
                    code: .wrongType, field: path,
                    message: "is a \(override.typeName), but the field takes a \(base.typeName), like the default \(rendered(base)).")
            }
            return override
        }
        guard case .object(let changes) = override else {
            throw ScoringModelError(
                code: .wrongType, field: path,
                message: "is a \(override.typeName), but the field is an object of fields: \(members.keys.sorted().joined(separator: ", ")).")
        }
        for key in changes.keys.sorted() {
            let field = path.isEmpty ? key : "\(path).\(key)"
            guard let current = members[key], let change = changes[key] else {
                if let successor = retiredFields[field] {
                    throw ScoringModelError(
                        code: .unknownField, field: field,
                        message: "was retired in model 2026.3; the same minimum is now \(successor).")
                }
                throw ScoringModelError(
                    code: .unknownField, field: field,
                    message: "is not a field of the scoring model. Use one of: \(members.keys.sorted().joined(separator: ", ")).")
            }
            members[key] = try merge(current, with: change, at: field)
        }
        return .object(members)
    }

    /// Fields of earlier models whose numbers moved, and where they went.
    private static let retiredFields: [String: String] = [
        "flags.appetiteMinimumOpportunities": "sufficiency.flags.few-opportunities-accepted.opportunitiesReceived",
        "flags.appetiteMinimumMeetings": "sufficiency.flags.rarely-organises-meetings.meetingsWithOrganizer",
        "flags.minimumActionItems": "sufficiency.flags.action-items-late.actionItemsDue",
    ]

    private static func checkNumbers(in value: JSONValue, at path: String) throws(ScoringModelError) {
        switch value {
        case .object(let members):
            for key in members.keys.sorted() {
                if let member = members[key] {
                    try checkNumbers(in: member, at: path.isEmpty ? key : "\(path).\(key)")
                }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                try checkNumbers(in: element, at: "\(path)[\(index)]")
            }
        case .number(let number):
            if number < 0 {
                throw ScoringModelError(
                    code: .outOfRange, field: path, message: "\(number) is out of range. Weights, shares and thresholds are 0 or more.")
            }
            if path.hasPrefix("windows."), number <= 0 {
                throw ScoringModelError(
                    code: .outOfRange, field: path, message: "\(number) is out of range. A window is above 0, such as 90 days.")
            }
        case .null, .bool, .string:
            return
        }
    }

    private static func rendered(_ value: JSONValue) -> String {
        (try? value.encoded()).map { String(decoding: $0, as: UTF8.self) } ?? value.typeName
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    private static func text(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension ScoringModel.Health.Weights {
    /// The sum of every component's weight.
    var total: Double {
        commitmentReliability + operationalEngagement + transparency + reciprocity + jointValue + alignment
    }
}

extension ScoringModel.Reciprocity.FlowWeights {
    /// The sum of every flow's weight.
    var total: Double {
        opportunities + commitments + investment + initiative + information
    }
}

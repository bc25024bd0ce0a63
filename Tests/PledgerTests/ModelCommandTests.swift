import Foundation
import Testing

@Suite("pledger model show")
struct ModelCommandTests {
    /// Every leaf of a JSON object, by dotted path, as `model show` prints it.
    static func leaves(_ value: Any, path: String = "") -> [String: String] {
        switch value {
        case let object as [String: Any]:
            return object.reduce(into: [:]) { result, member in
                result.merge(leaves(member.value, path: path.isEmpty ? member.key : "\(path).\(member.key)")) { $1 }
            }
        case let array as [Any]:
            return [path: array.map { "\($0)" }.joined(separator: ", ")]
        case let number as NSNumber:
            return [path: number.stringValue]
        case is NSNull:
            return [path: "none"] // a setting without a default, such as reciprocity.hourlyRate
        default:
            return [path: "\(value)"]
        }
    }

    /// The SETTING → VALUE rows of the text output.
    static func rows(_ text: String) -> [String: String] {
        text.split(separator: "\n").dropFirst(2).reduce(into: [:]) { rows, line in
            let fields = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard fields.count == 2 else { return }
            rows[String(fields[0])] = fields[1].trimmingCharacters(in: .whitespaces)
        }
    }

    @Test func everySettingOfTheModelIsPrintedWithItsValue() throws {
        let sandbox = try Sandbox()
        let json = try #require(try sandbox.succeed(["model", "show", "--json"]).json() as? [String: Any])
        let text = try sandbox.succeed(["model", "show"]).output
        let expected = Self.leaves(json)
        #expect(expected.count > 100)
        #expect(Self.rows(text) == expected)
        #expect(text.hasPrefix("Scoring model \(json["version"] as? String ?? "?") (built in)"))
        #expect(expected["windows.healthDays"] == "90")
        #expect(expected["health.weights.commitmentReliability"] == "25")
        #expect(expected["reciprocity.hourlyRate"] == "none")
    }

    @Test func aModelFileShowsItsOverridesAndItsVersion() throws {
        let sandbox = try Sandbox()
        let file = sandbox.directory.appending("model.json")
        try Data(#"{"version":"acme-2","windows":{"healthDays":60},"health":{"weights":{"alignment":5}}}"#.utf8)
            .write(to: URL(fileURLWithPath: file))
        let rows = Self.rows(try sandbox.succeed(["model", "show", "--model", file]).output)
        #expect(rows["version"] == "acme-2")
        #expect(rows["windows.healthDays"] == "60")
        #expect(rows["health.weights.alignment"] == "5")
        #expect(rows["windows.transparencyDays"] == "180")
        let refused = try sandbox.pledger(["model", "show", "--model", sandbox.directory.appending("missing.json")])
        #expect(refused.status == 74)
        let unknown = sandbox.directory.appending("unknown.json")
        try Data(#"{"version":"x","classifier":{"matchShare":0.5}}"#.utf8).write(to: URL(fileURLWithPath: unknown))
        let typo = try sandbox.pledger(["model", "show", "--model", unknown, "--ledger", sandbox.ledger])
        #expect(typo.status == 65)
        #expect(typo.error.contains("classifier.matchShare"))
    }
}

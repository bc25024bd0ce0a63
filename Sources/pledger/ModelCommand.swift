import ArgumentParser
import Foundation
import PartnerLedger
import PartnerProjections

extension Pledger {
    /// `pledger model`: the scoring model every score, flag and verdict is computed under.
    struct Model: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the scoring model in use.",
            subcommands: [Show.self])

        /// `pledger model show`.
        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Print the scoring model in use: every threshold, window and weight, by the name a --model file gives it.",
                discussion: """
                    Each line is one setting: its dotted name (the key a --model override file uses, \
                    such as health.weights.alignment) and its value. With --model FILE, the defaults with \
                    the file's overrides applied, and the file's version. --json prints the model as one \
                    JSON object in the shape of a --model file.
                    """)

            /// Taken like every command's; the model does not depend on the ledger.
            @OptionGroup var options: LedgerOptions
            @OptionGroup var model: ModelOption

            func run() throws {
                let model = try model.load()
                if options.json {
                    try Terminal.printJSON(model)
                    return
                }
                for line in try ModelText.lines(model, source: self.model.file) { print(line) }
            }
        }
    }
}

/// The scoring model as text: one line per setting, by its dotted name.
enum ModelText {
    static func lines(_ model: ScoringModel, source file: String?) throws -> [String] {
        let tree = try JSONValue(parsing: JSONEncoder().encode(model))
        var rows: [[String]] = []
        flatten(tree, path: "", into: &rows)
        let origin = file.map { "from \($0), the defaults with its overrides" } ?? "built in"
        return [Terminal.style("Scoring model \(model.version) (\(origin))", .bold)]
            + Terminal.table(rows, header: ["SETTING", "VALUE"]).map { "  " + $0 }
    }

    /// Appends one row per leaf of a JSON value, keys in sorted order within each object.
    private static func flatten(_ value: JSONValue, path: String, into rows: inout [[String]]) {
        switch value {
        case .object(let members):
            for key in members.keys.sorted() {
                flatten(members[key]!, path: path.isEmpty ? key : "\(path).\(key)", into: &rows)
            }
        case .array(let elements):
            rows.append([path, elements.map(text).joined(separator: ", ")])
        default:
            rows.append([path, text(value)])
        }
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: "none"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): "\(number)"
        case .string(let text): text
        case .array, .object: "…"
        }
    }
}

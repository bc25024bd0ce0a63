import ArgumentParser
import Foundation
import PartnerLedger

/// `pledger`: record, replay and verify the history of business partnerships.
@main
struct Pledger: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pledger",
        abstract: "Record, replay and verify the history of business partnerships.",
        discussion: """
            The ledger is the directory named by --ledger, else by $PLEDGER_LEDGER, else \
            $XDG_DATA_HOME/pledger/ledger, else ~/.local/share/pledger/ledger. Create it with \
            `pledger init --organization <your-party-id>`.

            Times accept YYYY-MM-DD (midnight UTC) or an ISO-8601 date-time with a zone, such as \
            2025-03-01T09:30:00Z; business time defaults to now.

            Exit codes: 0 success; 64 usage error (a malformed command line, no ledger at the path); \
            65 refused input (a value or rule broke, the error names the field; nothing was written); \
            74 storage or file failure; 75 concurrency conflict (others kept changing the partnership; \
            run the command again); 1 verification failure (the hash chain is broken).
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, Partnership.self, Log.self, Action.self, Opportunity.self, Commitment.self,
            Invest.self, Objective.self, Charter.self, Assess.self, Survey.self, Info.self, Disclose.self,
            Surprise.self, Retract.self, Reclassify.self, Append.self, Import.self, Export.self, History.self,
            Verify.self, Digest.self, Backup.self, Restore.self, Views.self, Health.self, Flags.self, Classify.self,
            Explain.self, Report.self, Model.self, Demo.self,
        ])

    /// Parses the command line, runs the command, and exits with the documented status.
    static func main() {
        do {
            try CommandLineText.checkUTF8()
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(reporting: error)
        }
    }

    /// Prints `error` as a sentence on standard error (as one JSON object when the command line
    /// asks for `--json`) and exits with its status.
    static func exit(reporting error: any Error) -> Never {
        let wantsJSON = CommandLine.arguments.dropFirst().contains("--json")
        if let status = ExitStatus(for: error) {
            if wantsJSON {
                Terminal.writeError(ErrorDocument(error, status: status.rawValue, message: String(describing: error)).line)
            } else {
                Terminal.printError(String(describing: error))
            }
            Foundation.exit(status.rawValue)
        }
        let code = exitCode(for: error)
        if code == .success {
            print(fullMessage(for: error))
            Foundation.exit(0)
        }
        var text = fullMessage(for: error)
        if text.hasPrefix("Error: ") { text = String(text.dropFirst("Error: ".count)) }
        if wantsJSON {
            // A command that has already reported its failure (an import's problems, in its JSON
            // document) exits with a bare code: there is nothing more to say.
            if !(error is ExitCode) || !text.isEmpty {
                Terminal.writeError(ErrorDocument(error, status: code.rawValue, message: text).line)
            }
        } else if !text.isEmpty {
            Terminal.printError(text)
        }
        Foundation.exit(code.rawValue)
    }
}

/// What `--json` prints on standard error when a command fails: one line,
/// `{"error":{"status":65,"code":"unknown-partnership","field":…,"value":…,"message":"…"}}`.
///
/// `code` is stable: the domain's code for refused values and rules (`unknown-party`,
/// `invalid-timestamp`…), otherwise the kind of failure in kebab case (`unknown-partnership`,
/// `no-ledger`, `storage`, `usage`…); `field` and `value` are there when the domain names them.
struct ErrorDocument: Encodable {
    struct Body: Encodable {
        let status: Int32
        let code: String
        let field: String?
        let value: String?
        let message: String
    }

    let error: Body

    init(_ error: any Error, status: Int32, message: String) {
        let domain = (error as? DomainError) ?? (error as? Refused)?.error
        let code = domain?.code.rawValue ?? Self.kind(of: error, status: status)
        let field = domain.flatMap { $0.field.isEmpty ? nil : $0.field }
        self.error = Body(status: status, code: code, field: field, value: domain?.value, message: message)
    }

    /// The line to print: the document and a newline.
    var line: String {
        ((try? Terminal.jsonEncoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
    }

    /// An error's kind in kebab case: the name of its enum case (`unknownPartnership` gives
    /// `unknown-partnership`), `usage` for the command line's own errors, else `error`.
    private static func kind(of error: any Error, status: Int32) -> String {
        if status == ExitStatus.usage.rawValue, ExitStatus(for: error) == nil { return "usage" }
        let mirror = Mirror(reflecting: error)
        let name = mirror.displayStyle == .enum
            ? (mirror.children.first?.label ?? String(describing: error))
            : String(describing: type(of: error))
        return name.reduce(into: "") { kebab, character in
            if character.isUppercase {
                if !kebab.isEmpty { kebab.append("-") }
                kebab.append(Character(character.lowercased()))
            } else {
                kebab.append(character)
            }
        }
    }
}

/// The exit statuses `pledger` documents.
enum ExitStatus: Int32 {
    /// The command did what it was asked.
    case success = 0
    /// The hash chain does not verify.
    case verificationFailure = 1
    /// The command line is malformed, or names no ledger.
    case usage = 64
    /// A value, an input line or a rule was refused; nothing was written.
    case invalidInput = 65
    /// The storage or the file system failed.
    case storage = 74
    /// Other writers kept changing the same partnership; nothing was written.
    case conflict = 75

    /// The status for an error of the ledger, the domain or this program; `nil` for the
    /// argument parser's own errors, which keep its statuses (64 for usage, 0 for help).
    init?(for error: any Error) {
        if error is Refused {
            self = .invalidInput
        } else if let error = error as? ModelFileRefused {
            self = error.isUnreadable ? .storage : .invalidInput
        } else if error is OutputRefused {
            self = .usage
        } else if error is ChainBroken {
            self = .verificationFailure
        } else if let kind = FailureKind(classifying: error) {
            switch kind {
            case .usage: self = .usage
            case .invalidInput: self = .invalidInput
            case .conflict: self = .conflict
            case .storage: self = .storage
            case .verification: self = .verificationFailure
            }
        } else if error is ExitCode || error is ValidationError || error is CleanExit
                    || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            return nil
        } else {
            self = .storage
        }
    }
}

/// A command refused because a value or a rule broke; nothing was written.
struct Refused: Error, CustomStringConvertible {
    /// The domain's explanation, its field renamed to the option the user typed.
    let error: DomainError

    var description: String { "\(error.description) Nothing was written." }
}

/// The hash chain does not verify.
struct ChainBroken: Error, CustomStringConvertible {
    let verification: Verification

    var description: String { "\(verification)." }
}

/// A file the command writes cannot be written.
struct OutputFailure: Error, CustomStringConvertible {
    let path: String
    let reason: String

    var description: String { "cannot write \(path): \(reason)." }
}

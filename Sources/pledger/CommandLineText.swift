import Foundation
import PartnerDomain
import PartnerLedger

/// The command line's text, checked as strictly as standard input, `--file` and `import` are.
enum CommandLineText {
    /// Refuses an argument that is not valid UTF-8, naming its place, before anything is parsed.
    ///
    /// `CommandLine.arguments` replaces invalid bytes with U+FFFD, which would store a changed
    /// text without a word; the raw bytes are checked instead.
    static func checkUTF8() throws(DomainError) {
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
            guard String(validating: bytes, as: UTF8.self) == nil else { continue }
            let shown = String(decoding: bytes, as: UTF8.self)
            throw DomainError(
                code: .invalidUTF8, field: "argument \(index)", value: "\"\(shown)\"",
                message: "\"\(shown)\" is not valid UTF-8 (\u{FFFD} marks the invalid bytes). Write the text in UTF-8.")
        }
    }
}

import LedgerJSON
import Testing

@Suite("validate agrees with parse")
struct ValidateAgreementTests {
    private static var corpus: [[UInt8]] {
        acceptedInputs.map { Array($0.utf8) } + rejectedInputs.map(\.bytes) + truncations(of: sampleEventLine)
    }

    /// Every prefix of `text`, each of which but the whole is invalid.
    private static func truncations(of text: String) -> [[UInt8]] {
        let bytes = Array(text.utf8)
        return (0..<bytes.count).map { Array(bytes[..<$0]) }
    }

    private static func outcome(_ body: () throws(JSONError) -> Void) -> JSONError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    @Test("accepted inputs pass validation", arguments: acceptedInputs)
    func acceptedInputsValidate(_ text: String) {
        #expect(throws: Never.self) { try JSONParser.validate(text) }
    }

    @Test("rejected inputs fail validation with the same error as parsing", arguments: rejectedInputs)
    func rejectedInputsFailAlike(_ input: RejectedInput) throws {
        let parseError = try #require(throws: JSONError.self) { try JSONParser.parse(input.bytes) }
        let validateError = try #require(throws: JSONError.self) { try JSONParser.validate(input.bytes) }
        #expect(parseError == validateError)
    }

    @Test("parse and validate give the same outcome on every input of the corpus")
    func sameOutcomeOnCorpus() {
        for bytes in Self.corpus {
            let parsed = Self.outcome { () throws(JSONError) in _ = try JSONParser.parse(bytes) }
            let validated = Self.outcome { () throws(JSONError) in try JSONParser.validate(bytes) }
            #expect(parsed == validated, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    @Test("parse and validate agree on mutated event lines, and accepted ones round-trip")
    func sameOutcomeOnMutations() throws {
        let original = Array(sampleEventLine.utf8)
        let replacements = Array(#"{}[]",:\/ute0-9.eE+"#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xED, 0xF4, 0xFF]
        var generator = DeterministicGenerator(seed: 0xF022)
        var acceptedCount = 0
        for _ in 0..<5_000 {
            var bytes = original
            for _ in 0...generator.next(below: 3) {
                let position = generator.next(below: bytes.count)
                let replacement = replacements[generator.next(below: replacements.count)]
                switch generator.next(below: 3) {
                case 0: bytes[position] = replacement
                case 1: bytes.insert(replacement, at: position)
                default: bytes.remove(at: position)
                }
            }
            let parsed = Self.outcome { () throws(JSONError) in _ = try JSONParser.parse(bytes) }
            let validated = Self.outcome { () throws(JSONError) in try JSONParser.validate(bytes) }
            #expect(parsed == validated, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            if parsed == nil {
                acceptedCount += 1
                let value = try JSONParser.parse(bytes)
                #expect(try JSONParser.parse(value.serialized()) == value)
            }
        }
        #expect(acceptedCount > 0)
    }

    @Test("every truncation of an event line is rejected at its end")
    func truncatedEventLines() {
        for prefix in Self.truncations(of: sampleEventLine) {
            let error = Self.outcome { () throws(JSONError) in try JSONParser.validate(prefix) }
            #expect(error?.offset == prefix.count, "\(String(decoding: prefix, as: UTF8.self))")
        }
    }
}

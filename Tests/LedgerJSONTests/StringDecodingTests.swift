import LedgerJSON
import Testing

@Suite("String decoding")
struct StringDecodingTests {
    @Test("each escape decodes to its character", arguments: [
        (#""\"""#, "\""),
        (#""\\""#, "\\"),
        (#""\/""#, "/"),
        (#""\b""#, "\u{08}"),
        (#""\f""#, "\u{0C}"),
        (#""\n""#, "\n"),
        (#""\r""#, "\r"),
        (#""\t""#, "\t"),
        (#""\u0000""#, "\u{0}"),
        (#""\u001f""#, "\u{1F}"),
        (#""\u0041""#, "A"),
        (#""\u00e9""#, "\u{E9}"),
        (#""\u00E9""#, "\u{E9}"),
        (#""\u07FF""#, "\u{7FF}"),
        (#""\u0800""#, "\u{800}"),
        (#""\u20ac""#, "\u{20AC}"),
        (#""\uFFFF""#, "\u{FFFF}"),
    ])
    func escapeDecodes(_ text: String, _ expected: String) throws {
        #expect(try JSONParser.parse(text) == .string(expected))
    }

    @Test("surrogate pairs decode to the supplementary character", arguments: [
        (#""\uD83D\uDE00""#, "\u{1F600}"),
        (#""\ud83d\ude00""#, "\u{1F600}"),
        (#""\uD800\uDC00""#, "\u{10000}"),
        (#""\uDBFF\uDFFF""#, "\u{10FFFF}"),
        (#""a\uD834\uDD1Eb""#, "a\u{1D11E}b"),
    ])
    func surrogatePairDecodes(_ text: String, _ expected: String) throws {
        let decoded = try #require(try JSONParser.parse(text).stringValue)
        #expect(Array(decoded.unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test("UTF-8 of every length passes through unchanged", arguments: [
        "caf\u{E9}", "\u{20AC}100", "\u{1F600}", "\u{10FFFF}", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}",
        "mixed ascii then \u{E9}\u{E8} and \u{1F600} after more than eight bytes",
    ])
    func utf8PassesThrough(_ expected: String) throws {
        #expect(try JSONParser.parse("\"\(expected)\"") == .string(expected))
    }

    @Test("escapes mixed with plain runs decode in order")
    func mixedRuns() throws {
        let text = #""line one\nline two\ttab \"quoted\" back\\slash \u00e9\uD83D\uDE00 end""#
        #expect(try JSONParser.parse(text) == .string("line one\nline two\ttab \"quoted\" back\\slash \u{E9}\u{1F600} end"))
    }

    @Test("strings of every length around the eight-byte scanning step are read whole", arguments: 0..<40)
    func lengthsAroundWordBoundaries(length: Int) throws {
        let plain = String(repeating: "x", count: length)
        #expect(try JSONParser.parse("\"\(plain)\"") == .string(plain))
        let withEscapeAtEnd = plain + "\n"
        #expect(try JSONParser.parse("\"\(plain)\\n\"") == .string(withEscapeAtEnd))
    }

    @Test("escaped keys are unescaped")
    func escapedKeys() throws {
        let value = try JSONParser.parse(#"{"a\"b":1,"\u00e9":2,"tab\there":3}"#)
        #expect(value.objectValue?.keys == ["a\"b", "\u{E9}", "tab\there"])
    }

    @Test("the String and byte-array overloads read the same text")
    func overloadsAgree() throws {
        let fromString = try JSONParser.parse(sampleEventLine)
        let fromBytes = try JSONParser.parse(Array(sampleEventLine.utf8))
        let fromBuffer = try Array(sampleEventLine.utf8).withUnsafeBytes { try JSONParser.parse($0) }
        #expect(fromString == fromBytes)
        #expect(fromString == fromBuffer)
    }
}

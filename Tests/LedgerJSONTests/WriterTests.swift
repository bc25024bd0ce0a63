import LedgerJSON
import Testing

@Suite("JSONWriter")
struct WriterTests {
    private static func written(_ body: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        body(&writer)
        return String(decoding: writer.finish(), as: UTF8.self)
    }

    @Test("strings are escaped exactly where JSON requires", arguments: [
        ("plain", #""plain""#),
        ("", #""""#),
        ("a\"b", #""a\"b""#),
        ("a\\b", #""a\\b""#),
        ("\n\r\t", #""\n\r\t""#),
        ("\u{08}\u{0C}", #""\b\f""#),
        ("\u{0}", #""\u0000""#),
        ("\u{1}\u{1F}", #""\u0001\u001f""#),
        ("\u{0B}", #""\u000b""#),
        ("/", #""/""#),
        ("\u{7F}", "\"\u{7F}\""),
        ("caf\u{E9} \u{20AC} \u{1F600}", "\"caf\u{E9} \u{20AC} \u{1F600}\""),
        ("\u{2028}", "\"\u{2028}\""),
    ])
    func stringEscaping(_ input: String, _ expected: String) {
        #expect(Self.written { $0.string(input) } == expected)
    }

    @Test("escaped strings read back as the original", arguments: [
        "quote \" backslash \\ slash /", "\u{0}\u{1}\u{1F} controls", "\t\n\r\u{08}\u{0C}",
        "caf\u{E9} \u{1F600}", String(repeating: "long run ", count: 20) + "\n",
    ])
    func escapedStringsRoundTrip(_ input: String) throws {
        let bytes = JSONValue.string(input).serialized()
        #expect(try JSONParser.parse(bytes) == .string(input))
    }

    @Test("commas and colons are inserted between members and elements")
    func separators() {
        let text = Self.written { writer in
            writer.beginObject()
            writer.key("a")
            writer.integer(1)
            writer.key("b")
            writer.beginArray()
            writer.integer(1)
            writer.beginObject()
            writer.endObject()
            writer.beginArray()
            writer.endArray()
            writer.string("x")
            writer.endArray()
            writer.key("c")
            writer.beginObject()
            writer.key("d")
            writer.null()
            writer.key("e")
            writer.bool(true)
            writer.endObject()
            writer.key("f")
            writer.bool(false)
            writer.endObject()
        }
        #expect(text == #"{"a":1,"b":[1,{},[],"x"],"c":{"d":null,"e":true},"f":false}"#)
    }

    @Test("signed and unsigned integers are written in full", arguments: [
        (Int64.min, "-9223372036854775808"),
        (Int64.max, "9223372036854775807"),
        (0, "0"),
        (-1, "-1"),
        (10, "10"),
        (1_234_567_890, "1234567890"),
    ])
    func integers(_ value: Int64, _ expected: String) {
        #expect(Self.written { $0.integer(value) } == expected)
    }

    @Test("unsigned integers are written in full", arguments: [
        (UInt64.max, "18446744073709551615"),
        (0, "0"),
        (UInt64(Int64.max) + 1, "9223372036854775808"),
    ])
    func unsignedIntegers(_ value: UInt64, _ expected: String) {
        #expect(Self.written { $0.unsigned(value) } == expected)
    }

    @Test("doubles are written as their shortest round-trip text", arguments: [
        (1234.5, "1234.5"),
        (1.0, "1.0"),
        (-0.0, "-0.0"),
        (0.1, "0.1"),
        (1.0 / 3.0, "0.3333333333333333"),
        (1e-7, "1e-07"),
        (1e21, "1e+21"),
        (.leastNonzeroMagnitude, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
    ])
    func doubles(_ value: Double, _ expected: String) {
        #expect(Self.written { $0.double(value) } == expected)
    }

    @Test("written doubles read back bit for bit")
    func doublesRoundTrip() throws {
        var generator = DeterministicGenerator(seed: 0xD0B1E)
        for _ in 0..<2_000 {
            let value = Double(bitPattern: generator.next() << 11 | generator.next() & 0x7FF)
            guard value.isFinite else { continue }
            let parsed = try JSONParser.parse(JSONValue.double(value).serialized())
            #expect(parsed.doubleValue?.bitPattern == value.bitPattern, "\(value)")
        }
    }

    @Test("raw bytes are spliced verbatim as one value")
    func rawSplicing() {
        let payload = Array(#"{"x":[1,2]}"#.utf8)
        let text = Self.written { writer in
            writer.beginArray()
            writer.raw(payload)
            payload.withUnsafeBytes { writer.raw($0) }
            writer.integer(3)
            writer.endArray()
        }
        #expect(text == #"[{"x":[1,2]},{"x":[1,2]},3]"#)
    }

    @Test("a raw value can be an object member")
    func rawMember() {
        let text = Self.written { writer in
            writer.beginObject()
            writer.key("type")
            writer.string("E")
            writer.key("payload")
            writer.raw(Array(#"{"a":1}"#.utf8))
            writer.endObject()
        }
        #expect(text == #"{"type":"E","payload":{"a":1}}"#)
    }

    @Test("writing appends after the bytes the writer started with")
    func appendsToExistingBuffer() {
        var writer = JSONWriter(appendingTo: Array("prefix:".utf8))
        writer.beginArray()
        writer.integer(1)
        writer.endArray()
        #expect(String(decoding: writer.finish(), as: UTF8.self) == "prefix:[1]")
    }

    @Test("isComplete turns true only once the top-level value is closed")
    func completion() {
        var writer = JSONWriter()
        #expect(!writer.isComplete)
        writer.beginObject()
        writer.key("a")
        #expect(!writer.isComplete)
        writer.integer(1)
        #expect(!writer.isComplete)
        writer.endObject()
        #expect(writer.isComplete)
    }

    @Test("nesting deeper than 64 levels closes in the right order")
    func deepNesting() {
        let depth = 100
        let text = Self.written { writer in
            for level in 0..<depth {
                if level.isMultiple(of: 2) {
                    writer.beginArray()
                } else {
                    writer.beginObject()
                    writer.key("k")
                }
            }
            writer.integer(0)
            for level in (0..<depth).reversed() {
                if level.isMultiple(of: 2) { writer.endArray() } else { writer.endObject() }
            }
        }
        let expected = String(repeating: #"[{"k":"#, count: depth / 2) + "0" + String(repeating: "}]", count: depth / 2)
        #expect(text == expected)
    }

    @Test("a non-finite double stops the program")
    func nonFiniteDoubleIsRejected() async {
        await #expect(processExitsWith: .failure) {
            var writer = JSONWriter()
            writer.double(.infinity)
        }
    }

    @Test("a value in an object without a key stops the program")
    func valueWithoutKeyIsRejected() async {
        await #expect(processExitsWith: .failure) {
            var writer = JSONWriter()
            writer.beginObject()
            writer.integer(1)
        }
    }

    @Test("a second top-level value stops the program")
    func secondTopLevelValueIsRejected() async {
        await #expect(processExitsWith: .failure) {
            var writer = JSONWriter()
            writer.integer(1)
            writer.integer(2)
        }
    }
}

import LedgerJSON
import Testing

@Suite("Rejected inputs")
struct RejectionTests {
    @Test("parse reports the broken rule and its byte, line and column", arguments: rejectedInputs)
    func parseReportsRuleAndPosition(_ input: RejectedInput) throws {
        let error = try #require(throws: JSONError.self) { try JSONParser.parse(input.bytes) }
        #expect(error.reason == input.reason)
        #expect(error.offset == input.offset)
        #expect(error.line == input.line)
        #expect(error.column == input.column)
    }

    @Test("the description names line, column, byte and rule")
    func descriptionIsASentence() throws {
        let error = try #require(throws: JSONError.self) {
            try JSONParser.parse(#"{"id":"event-01"]"#)
        }
        #expect(error.description == "invalid JSON at line 1, column 17 (byte 16): expected ',' or '}' after an object member")
    }

    @Test("the position is that of the offending byte, after skipped whitespace")
    func positionFollowsWhitespace() throws {
        let error = try #require(throws: JSONError.self) {
            try JSONParser.parse(#"{"id":"ev-1","n" 2}"#)
        }
        #expect(error.description == "invalid JSON at line 1, column 18 (byte 17): expected ':' after an object key")
    }

    @Test("a duplicate key is named in the description")
    func duplicateKeyDescription() throws {
        let error = try #require(throws: JSONError.self) {
            try JSONParser.parse("{\"amount\":1,\n\"amount\":2}")
        }
        #expect(error.description == #"invalid JSON at line 2, column 1 (byte 13): duplicate key "amount" in object"#)
    }

    @Test("a repeated key is found in objects large enough to be hashed", arguments: [17, 40, 500])
    func duplicateInLargeObject(memberCount: Int) throws {
        let members = (0..<memberCount).map { #""key\#($0)":\#($0)"# }
        let repeatedKey = #""key3":0"#
        let text = "{" + (members + [repeatedKey]).joined(separator: ",") + "}"
        let error = try #require(throws: JSONError.self) { try JSONParser.parse(text) }
        #expect(error.reason == .duplicateKey("key3"))
        #expect(error.offset == text.utf8.count - repeatedKey.utf8.count - 1)
    }

    @Test("large objects with distinct keys are accepted", arguments: [16, 17, 500])
    func largeObjectWithDistinctKeys(memberCount: Int) throws {
        let text = "{" + (0..<memberCount).map { #""key\#($0)":\#($0)"# }.joined(separator: ",") + "}"
        let object = try #require(try JSONParser.parse(text).objectValue)
        #expect(object.count == memberCount)
        #expect(object["key\(memberCount - 1)"] == .integer(Int64(memberCount - 1)))
    }

    @Test("keys are checked per object, not across siblings or nesting levels")
    func keysAreScopedToTheirObject() throws {
        let text = #"{"a":{"a":{"a":1},"b":[{"a":2},{"a":3}]},"b":{"a":4}}"#
        let value = try JSONParser.parse(text)
        #expect(value["a"]?["a"]?["a"] == .integer(1))
        #expect(value["b"]?["a"] == .integer(4))
    }
}

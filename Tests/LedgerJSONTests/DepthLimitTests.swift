import LedgerJSON
import Testing

@Suite("Nesting depth limit")
struct DepthLimitTests {
    private static func nestedArrays(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    @Test("the default limit admits 64 levels and rejects the 65th at its bracket")
    func defaultLimit() throws {
        let deepest = try JSONParser.parse(Self.nestedArrays(64))
        #expect(deepest.arrayValue?.count == 1)

        let error = try #require(throws: JSONError.self) { try JSONParser.parse(Self.nestedArrays(65)) }
        #expect(error.reason == .depthLimitExceeded(maxDepth: 64))
        #expect(error.offset == 64)
    }

    @Test("a limit of zero admits only scalars", arguments: ["1", #""s""#, "null"])
    func zeroAdmitsScalars(_ text: String) throws {
        #expect(throws: Never.self) { try JSONParser.parse(text, maxDepth: 0) }
    }

    @Test("a limit of zero rejects any container", arguments: ["[]", "{}"])
    func zeroRejectsContainers(_ text: String) throws {
        let error = try #require(throws: JSONError.self) { try JSONParser.parse(text, maxDepth: 0) }
        #expect(error.reason == .depthLimitExceeded(maxDepth: 0))
        #expect(error.offset == 0)
    }

    @Test("objects and arrays count alike toward the limit")
    func mixedContainers() throws {
        let text = #"{"a":[{"b":[1]}]}"#
        #expect(throws: Never.self) { try JSONParser.parse(text, maxDepth: 4) }
        let error = try #require(throws: JSONError.self) { try JSONParser.parse(text, maxDepth: 3) }
        #expect(error.reason == .depthLimitExceeded(maxDepth: 3))
        #expect(error.offset == 11)
    }

    @Test("closing a container frees its level for a sibling")
    func siblingsDoNotAccumulate() throws {
        #expect(throws: Never.self) { try JSONParser.parse("[[1],[2],[[3]]]", maxDepth: 3) }
    }

    @Test("very deep nesting within a raised limit is read without recursion")
    func veryDeepNesting() throws {
        let depth = 20_000
        var value = try JSONParser.parse(Self.nestedArrays(depth), maxDepth: depth)
        var levels = 0
        while case .array(let elements) = value {
            levels += 1
            value = elements.first ?? .null
        }
        #expect(levels == depth)
        #expect(throws: Never.self) { try JSONParser.validate(Self.nestedArrays(depth), maxDepth: depth) }
    }
}

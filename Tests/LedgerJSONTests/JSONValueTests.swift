import LedgerJSON
import Testing

@Suite("JSONValue and JSONObject")
struct JSONValueTests {
    @Test("each accessor returns its own case and nil for every other")
    func accessors() throws {
        let object = JSONObject([(key: "k", value: .integer(1))])
        let values: [JSONValue] = [.null, .bool(true), .integer(7), .double(2.5), .string("s"), .array([.null]), .object(object)]
        #expect(values.map(\.isNull) == [true, false, false, false, false, false, false])
        #expect(values.map(\.boolValue) == [nil, true, nil, nil, nil, nil, nil])
        #expect(values.map(\.int64Value) == [nil, nil, 7, nil, nil, nil, nil])
        #expect(values.map(\.doubleValue) == [nil, nil, 7.0, 2.5, nil, nil, nil])
        #expect(values.map(\.stringValue) == [nil, nil, nil, nil, "s", nil, nil])
        #expect(values.map(\.arrayValue) == [nil, nil, nil, nil, nil, [.null], nil])
        #expect(values.map(\.objectValue) == [nil, nil, nil, nil, nil, nil, object])
    }

    @Test("a whole double is not an integer")
    func wholeDoubleIsNotInteger() {
        #expect(JSONValue.double(3).int64Value == nil)
    }

    @Test("the key subscript reads object members and is nil elsewhere")
    func keySubscript() throws {
        let value = try JSONParser.parse(sampleEventLine)
        #expect(value["type"] == .string("IntroductionMade"))
        #expect(value["payload"]?["amount"] == .double(1234.5))
        #expect(value["payload"]?["ok"]?.boolValue == true)
        #expect(value["missing"] == nil)
        #expect(JSONValue.array([]).self["type"] == nil)
        #expect(try JSONParser.parse(#"{"n":null}"#)["n"] == .null)
    }

    @Test("objects keep members in document order")
    func documentOrder() throws {
        let object = try #require(try JSONParser.parse(#"{"z":1,"a":2,"m":3}"#).objectValue)
        #expect(object.keys == ["z", "a", "m"])
        #expect(object.count == 3)
        #expect(object.map(\.value) == [1, 2, 3])
        #expect(object.first?.key == "z")
    }

    @Test("setting through the subscript replaces, appends and removes")
    func subscriptMutation() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = 10
        object["c"] = 3
        object["b"] = nil
        object["absent"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object["a"] == 10)
        #expect(object["c"] == 3)
    }

    @Test("lookups find the first of repeated keys in a hand-built object")
    func firstMatchWins() {
        let object = JSONObject([(key: "a", value: 1), (key: "a", value: 2)])
        #expect(object["a"] == 1)
        #expect(object.count == 2)
    }

    @Test("object equality depends on member order")
    func equalityIsOrdered() {
        let forward: JSONValue = ["a": 1, "b": 2]
        let backward: JSONValue = ["b": 2, "a": 1]
        #expect(forward != backward)
        #expect(forward == ["a": 1, "b": 2])
    }

    @Test("integers and doubles with the same magnitude are different values")
    func integerIsNotDouble() {
        #expect(JSONValue.integer(1) != JSONValue.double(1))
    }

    @Test("literals build the matching cases")
    func literals() {
        let value: JSONValue = ["s": "x", "i": 1, "d": 1.5, "b": true, "a": [1, "2"], "n": .null]
        #expect(value == .object(JSONObject([
            (key: "s", value: .string("x")),
            (key: "i", value: .integer(1)),
            (key: "d", value: .double(1.5)),
            (key: "b", value: .bool(true)),
            (key: "a", value: .array([.integer(1), .string("2")])),
            (key: "n", value: .null),
        ])))
    }
}

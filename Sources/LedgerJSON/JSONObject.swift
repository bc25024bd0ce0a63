/// A JSON object: its members in document order.
///
/// Members live in an array rather than a dictionary, which is cheaper for the
/// small objects of an event and keeps the order for serialization. Lookups by
/// key are linear. Keys compare with `String` equality (canonical
/// equivalence), as the parser does when it rejects duplicate keys.
///
/// The parser never produces two members with the same key. A hand-built
/// object may; lookups then find the first, and `JSONValue.serialized()` writes
/// them all, producing text the parser rejects.
public struct JSONObject: Sendable, Equatable {
    /// One member: a key and its value.
    public typealias Member = (key: String, value: JSONValue)

    /// The members in document order.
    public var members: [Member]

    /// Creates an object with the given members, in that order.
    public init(_ members: [Member] = []) {
        self.members = members
    }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The keys in document order.
    public var keys: [String] { members.map(\.key) }

    /// The value of the first member named `key`, or `nil` if there is none.
    ///
    /// Setting a value replaces the first member named `key` in place, or
    /// appends a member if there is none; setting `nil` removes the first
    /// member named `key`.
    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where member.key == key {
                return member.value
            }
            return nil
        }
        set {
            let index = members.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append((key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// Whether both objects have equal keys with equal values in the same order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for (left, right) in zip(lhs.members, rhs.members) {
            guard left.key == right.key, left.value == right.value else { return false }
        }
        return true
    }
}

extension JSONObject: RandomAccessCollection {
    /// The position of the first member.
    public var startIndex: Int { members.startIndex }

    /// The position one past the last member.
    public var endIndex: Int { members.endIndex }

    /// The member at `position`, in document order.
    public subscript(position: Int) -> Member { members[position] }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Creates an object from a dictionary literal, keeping the written order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }
}

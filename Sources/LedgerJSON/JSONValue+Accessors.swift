extension JSONValue {
    /// The string if this is `.string`, otherwise `nil`.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer if this is `.integer`, otherwise `nil`.
    ///
    /// A `.double` is never converted, even when it holds a whole number:
    /// `1.0` in the text stays a double.
    public var int64Value: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The number as a `Double` if this is `.double` or `.integer`, otherwise `nil`.
    ///
    /// Integers beyond ±2^53 are rounded to the nearest `Double`.
    public var doubleValue: Double? {
        switch self {
        case .double(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    /// The Boolean if this is `.bool`, otherwise `nil`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The object if this is `.object`, otherwise `nil`.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The elements if this is `.array`, otherwise `nil`.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// Whether this is the literal `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value of the first member named `key` if this is an object, otherwise `nil`.
    ///
    /// Returns `nil` both for a missing member and for a non-object; a member
    /// whose value is `null` is returned as `.null`.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }
}

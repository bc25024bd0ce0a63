extension JSONWriter {
    /// Appends a whole value tree.
    ///
    /// A tree is well-formed by construction, so this writes separators by
    /// position instead of going through the per-call checks of the public
    /// methods.
    mutating func appendTree(_ value: borrowing JSONValue) {
        switch value {
        case .null:
            appendLiteral("null")
        case .bool(let flag):
            appendLiteral(flag ? "true" : "false")
        case .integer(let number):
            appendInteger(number)
        case .double(let number):
            appendDouble(number)
        case .string(let text):
            appendQuoted(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            elements.withUnsafeBufferPointer { elements in
                for index in elements.indices {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    appendTree(elements[index])
                }
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            object.members.withUnsafeBufferPointer { members in
                for index in members.indices {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    appendQuoted(members[index].key)
                    bytes.append(UInt8(ascii: ":"))
                    appendTree(members[index].value)
                }
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }
}

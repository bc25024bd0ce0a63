import Foundation

/// Turns decoding failures into ``DomainError``s that name the JSON path, and finds fields a type does not define.
enum PayloadDecoding {
    /// The JSON path of a coding path under `prefix`: `payload.attendees[1].party`.
    static func path(_ codingPath: [any CodingKey], prefix: String) -> String {
        codingPath.reduce(into: prefix) { path, key in
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
    }

    /// The ``DomainError`` for an error thrown while decoding `data`, with fields named under `fieldPrefix`.
    static func domainError(for error: any Error, in document: JSONValue?, fieldPrefix: String) -> DomainError {
        if let domainError = error as? DomainError { return domainError }
        guard let decodingError = error as? DecodingError else {
            return DomainError(
                code: .malformedJSON, field: fieldPrefix, value: nil,
                message: "could not be read (\(error)). Check that it is a JSON object.")
        }
        switch decodingError {
        case .keyNotFound(let key, let context):
            return DomainError(
                code: .missingField, field: path(context.codingPath + [key], prefix: fieldPrefix), value: nil,
                message: "this required field is missing. Add it.")
        case .valueNotFound(let expected, let context):
            return DomainError(
                code: .nullValue, field: path(context.codingPath, prefix: fieldPrefix), value: "null",
                message: "null is not allowed for this required field. Give \(jsonTypeName(of: expected)).")
        case .typeMismatch(let expected, let context):
            let found = document?.value(at: context.codingPath)
            return DomainError(
                code: .wrongType, field: path(context.codingPath, prefix: fieldPrefix),
                value: found.map(JSONText.rendered),
                message: "expected \(jsonTypeName(of: expected)), found \(describe(found)). Write \(jsonTypeName(of: expected)) here.")
        case .dataCorrupted(let context):
            let field = path(context.codingPath, prefix: fieldPrefix)
            if let domainError = context.underlyingError as? DomainError {
                return domainError.at(field: field)
            }
            let found = document?.value(at: context.codingPath)
            if context.codingPath.isEmpty || found == nil {
                return DomainError(
                    code: .malformedJSON, field: fieldPrefix, value: nil,
                    message: "could not be read (\(context.debugDescription)). Check that every number fits its field and the JSON is well formed.")
            }
            return DomainError(
                code: .invalidValue, field: field, value: found.map(JSONText.rendered),
                message: "\(describe(found)) is not accepted here (\(context.debugDescription)). Correct the value.")
        @unknown default:
            return DomainError(
                code: .malformedJSON, field: fieldPrefix, value: nil,
                message: "could not be read (\(decodingError)). Check it against the event's schema.")
        }
    }

    /// The first field of `input` that `known` (the same payload decoded and re-encoded) lacks: a field the type does not define, or a `null`.
    static func firstUnexpectedField(input: JSONValue, known: JSONValue, path: String, schemaName: String) -> DomainError? {
        switch (input, known) {
        case (.object(let inputMembers), .object(let knownMembers)):
            for key in inputMembers.keys.sorted() {
                let field = path.isEmpty ? key : "\(path).\(key)"
                guard let inputValue = inputMembers[key] else { continue }
                guard let knownValue = knownMembers[key] else {
                    if inputValue == .null {
                        return DomainError(
                            code: .nullValue, field: field, value: "null",
                            message: "null is not a value. Leave an optional field out instead of writing null.")
                    }
                    return DomainError(
                        code: .unknownField, field: field, value: JSONText.rendered(inputValue),
                        message: "\(schemaName) has no field \(JSONText.quoted(key)) here. Remove it, or check its spelling against Schemas/events/\(schemaName).schema.json.")
                }
                if let error = firstUnexpectedField(input: inputValue, known: knownValue, path: field, schemaName: schemaName) {
                    return error
                }
            }
            return nil
        case (.array(let inputElements), .array(let knownElements)):
            for (index, pair) in zip(inputElements, knownElements).enumerated() {
                if let error = firstUnexpectedField(input: pair.0, known: pair.1, path: "\(path)[\(index)]", schemaName: schemaName) {
                    return error
                }
            }
            return nil
        default:
            return nil
        }
    }

    /// "a string", "an integer", ... for the Swift type a decoder expected.
    static func jsonTypeName(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is UInt64.Type, is Int32.Type: "an integer"
        case is Decimal.Type, is Double.Type: "a number"
        case is [String: JSONValue].Type: "an object"
        default: type is any Collection.Type ? "an array" : "an object"
        }
    }

    private static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "nothing" }
        return "\(JSONText.rendered(value)) (\(value.typeName))"
    }
}

extension JSONValue {
    /// The value at a decoder's coding path, or nil when the path leads nowhere.
    func value(at codingPath: [any CodingKey]) -> JSONValue? {
        var current = self
        for key in codingPath {
            switch current {
            case .array(let elements):
                guard let index = key.intValue, elements.indices.contains(index) else { return nil }
                current = elements[index]
            case .object(let members):
                guard let member = members[key.stringValue] else { return nil }
                current = member
            default:
                return nil
            }
        }
        return current
    }

    /// This value if it is an object; otherwise `wrong-type` at `field`.
    func requiringObject(at field: String) throws(DomainError) -> JSONValue {
        guard case .object = self else {
            throw DomainError(
                code: .wrongType, field: field, value: JSONText.rendered(self),
                message: "expected an object, found \(typeName). Write the fields as a JSON object { ... }.")
        }
        return self
    }
}

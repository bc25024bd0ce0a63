import Foundation
import PartnerDomain

/// The repository's `Schemas` folder, found from this file's path: three levels up, then `Schemas`.
enum SchemaFolder {
    static func url(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath)
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Schemas")
    }

    static func schemaURL(for entry: EventCatalog.Entry) -> URL {
        url().appendingPathComponent("events/\(entry).schema.json")
    }

    static func fixtureURL(for entry: EventCatalog.Entry) -> URL {
        url().appendingPathComponent("fixtures/\(entry).json")
    }

    /// `Type.vN` stems of the files in a subfolder with a given suffix.
    static func stems(in subfolder: String, suffix: String) throws -> Set<String> {
        let names = try FileManager.default.contentsOfDirectory(atPath: url().appendingPathComponent(subfolder).path)
        return Set(names.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) })
    }

    static func fixture(for entry: EventCatalog.Entry) throws -> Data {
        try Data(contentsOf: fixtureURL(for: entry))
    }

    static func schema(for entry: EventCatalog.Entry) throws -> JSONValue {
        try JSONValue(parsing: Data(contentsOf: schemaURL(for: entry)))
    }
}

/// One step of a path into a JSON document.
enum JSONStep: Sendable {
    case key(String)
    case index(Int)
}

extension JSONValue {
    /// The member `key` of an object, or nil.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    /// The keys of an object, or none.
    var keys: Set<String> {
        guard case .object(let members) = self else { return [] }
        return Set(members.keys)
    }

    /// The strings of an array of strings, or none.
    var strings: [String] {
        guard case .array(let elements) = self else { return [] }
        return elements.compactMap { element in
            if case .string(let text) = element { return text }
            return nil
        }
    }

    /// A copy with the value at `path` replaced, or removed when `newValue` is nil.
    func replacing(at path: [JSONStep], with newValue: JSONValue?) -> JSONValue {
        guard let step = path.first else { return newValue ?? .null }
        let rest = Array(path.dropFirst())
        switch (self, step) {
        case (.object(var members), .key(let key)):
            if rest.isEmpty {
                members[key] = newValue
            } else if let member = members[key] {
                members[key] = member.replacing(at: rest, with: newValue)
            }
            return .object(members)
        case (.array(var elements), .index(let index)) where elements.indices.contains(index):
            if rest.isEmpty {
                if let newValue { elements[index] = newValue } else { elements.remove(at: index) }
            } else {
                elements[index] = elements[index].replacing(at: rest, with: newValue)
            }
            return .array(elements)
        default:
            return self
        }
    }

    func data() throws -> Data {
        try encoded()
    }
}

extension [JSONStep] {
    /// The JSON path the domain errors use: `payload.attendees[0].name`.
    var jsonPath: String {
        reduce(into: "payload") { path, step in
            switch step {
            case .key(let key): path += ".\(key)"
            case .index(let index): path += "[\(index)]"
            }
        }
    }
}

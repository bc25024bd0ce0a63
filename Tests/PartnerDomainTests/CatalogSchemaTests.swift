import Foundation
import PartnerDomain
import Testing

@Suite("Catalogue, schemas and fixtures agree")
struct CatalogSchemaTests {
    @Test func everyCatalogEntryHasASchemaAndAFixture() throws {
        let schemaStems = try SchemaFolder.stems(in: "events", suffix: ".schema.json")
        let fixtureStems = try SchemaFolder.stems(in: "fixtures", suffix: ".json")
        for entry in EventCatalog.entries {
            #expect(schemaStems.contains(entry.description), "no schema for \(entry)")
            #expect(fixtureStems.contains(entry.description), "no fixture for \(entry)")
        }
    }

    @Test func everySchemaFileHasACatalogEntry() throws {
        let catalogStems = Set(EventCatalog.entries.map(\.description))
        let schemaStems = try SchemaFolder.stems(in: "events", suffix: ".schema.json")
        let fixtureStems = try SchemaFolder.stems(in: "fixtures", suffix: ".json")
        #expect(schemaStems.subtracting(catalogStems).isEmpty, "schemas without an entry: \(schemaStems.subtracting(catalogStems).sorted())")
        #expect(fixtureStems.subtracting(catalogStems).isEmpty, "fixtures without an entry: \(fixtureStems.subtracting(catalogStems).sorted())")
    }

    @Test func catalogCoversEveryEventTypeOfTheDomainWithTheMeetingsAtTheirLatestVersions() {
        #expect(EventCatalog.eventTypes.count == 31)
        #expect(EventCatalog.entries.count == 34)
        #expect(EventCatalog.currentVersion(of: "MeetingHeld") == 3)
        #expect(EventCatalog.currentVersion(of: "MeetingScheduled") == 2)
        #expect(EventCatalog.contains(type: "MeetingHeld", version: 1))
        #expect(EventCatalog.entries.filter { !$0.isCurrent }.map(\.description) == ["MeetingScheduled.v1", "MeetingHeld.v1", "MeetingHeld.v2"])
        #expect(EventCatalog.currentVersion(of: "MeetingHold") == nil)
    }

    @Test func schemaIdsAndTitlesNameTheirEntry() throws {
        for entry in EventCatalog.entries {
            let schema = try SchemaFolder.schema(for: entry)
            #expect(schema["$id"] == .string("urn:partnerledger:event:\(entry.type):v\(entry.version)"))
            #expect(schema["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
            #expect(schema["additionalProperties"] == .bool(false))
        }
    }

    @Test(arguments: EventCatalog.entries.filter(\.isCurrent))
    func fixtureDecodesIntoItsTypeAndReencodesToTheSameJSON(entry: EventCatalog.Entry) throws {
        let fixture = try SchemaFolder.fixture(for: entry)
        let event = try PartnershipEvent.decodeInput(type: entry.type, version: entry.version, payload: fixture)
        #expect(event.eventType == entry.type)
        #expect(event.eventVersion == entry.version)
        #expect(try JSONValue(parsing: event.encodedPayload()) == JSONValue(parsing: fixture))
        #expect(try PartnershipEvent.decode(type: entry.type, version: entry.version, payload: fixture) == event)
    }

    @Test(arguments: EventCatalog.entries)
    func fixtureHasEveryFieldItsSchemaDefines(entry: EventCatalog.Entry) throws {
        let schema = try SchemaFolder.schema(for: entry)
        let fixture = try JSONValue(parsing: SchemaFolder.fixture(for: entry))
        for (objectSchema, path) in ObjectSchemas.collect(in: schema, fixture: fixture) {
            let defined = objectSchema["properties"]?.keys ?? []
            let present = ObjectSchemas.value(in: fixture, at: path)?.keys ?? []
            #expect(defined == present, "\(path.jsonPath): schema fields \(defined.sorted()), fixture fields \(present.sorted())")
        }
    }

    @Test(arguments: EventCatalog.entries)
    func swiftRequiresExactlyTheFieldsTheSchemaRequires(entry: EventCatalog.Entry) throws {
        let schema = try SchemaFolder.schema(for: entry)
        let fixture = try JSONValue(parsing: SchemaFolder.fixture(for: entry))
        for (objectSchema, path) in ObjectSchemas.collect(in: schema, fixture: fixture) {
            let required = Set(objectSchema["required"]?.strings ?? [])
            for field in objectSchema["properties"]?.keys ?? [] {
                let fieldPath = path + [.key(field)]
                let without = try fixture.replacing(at: fieldPath, with: nil).data()
                if required.contains(field) {
                    let error = #expect(throws: DomainError.self) {
                        try PartnershipEvent.decodeInput(type: entry.type, version: entry.version, payload: without)
                    }
                    #expect(error?.code == .missingField)
                    #expect(error?.field == fieldPath.jsonPath)
                } else {
                    #expect(throws: Never.self, "\(fieldPath.jsonPath) is optional") {
                        try PartnershipEvent.decodeInput(type: entry.type, version: entry.version, payload: without)
                    }
                }
            }
        }
    }

    @Test(arguments: EventCatalog.entries)
    func swiftAcceptsExactlyTheEnumValuesTheSchemaLists(entry: EventCatalog.Entry) throws {
        let schema = try SchemaFolder.schema(for: entry)
        let fixture = try JSONValue(parsing: SchemaFolder.fixture(for: entry))
        for (objectSchema, path) in ObjectSchemas.collect(in: schema, fixture: fixture) {
            guard case .object(let properties) = objectSchema["properties"] else { continue }
            for (field, property) in properties {
                let listed = property["enum"]?.strings ?? property["items"]?["enum"]?.strings ?? []
                guard !listed.isEmpty else { continue }
                let isArray = property["type"] == .string("array")
                let fieldPath = path + [.key(field)] + (isArray ? [.index(0)] : [])
                for word in listed {
                    let variant = try fixture.replacing(at: fieldPath, with: .string(word)).data()
                    #expect(throws: Never.self, "\(fieldPath.jsonPath) = \(word)") {
                        try PartnershipEvent.decodeInput(type: entry.type, version: entry.version, payload: variant)
                    }
                }
                let unlisted = try fixture.replacing(at: fieldPath, with: .string("not-a-listed-value")).data()
                let error = #expect(throws: DomainError.self) {
                    try PartnershipEvent.decodeInput(type: entry.type, version: entry.version, payload: unlisted)
                }
                #expect(error?.code == .invalidValue)
                #expect(error?.field == fieldPath.jsonPath)
                #expect(error?.message.contains(listed.joined(separator: ", ")) == true)
            }
        }
    }

    @Test(arguments: EventCatalog.entries)
    func swiftRejectsAFieldTheSchemaDoesNotDefine(entry: EventCatalog.Entry) throws {
        let fixture = try JSONValue(parsing: SchemaFolder.fixture(for: entry))
        let extra = try fixture.replacing(at: [.key("unexpectedField")], with: .string("x")).data()
        let error = #expect(throws: DomainError.self) {
            try PartnershipEvent.decodeInput(type: entry.type, version: entry.version, payload: extra)
        }
        #expect(error?.code == .unknownField)
        #expect(error?.field == "payload.unexpectedField")
        #expect(error?.description == "payload.unexpectedField: \(entry) has no field \"unexpectedField\" here. Remove it, or check its spelling against Schemas/events/\(entry).schema.json.")
    }
}

/// The object schemas of a payload schema that its fixture exercises: the root, and the first element of each array of objects.
enum ObjectSchemas {
    static func collect(in schema: JSONValue, fixture: JSONValue, path: [JSONStep] = []) -> [(JSONValue, [JSONStep])] {
        var found = [(schema, path)]
        guard case .object(let properties) = schema["properties"] else { return found }
        for (field, property) in properties.sorted(by: { $0.key < $1.key }) {
            guard property["type"] == .string("array"), let items = property["items"], items["type"] == .string("object"),
                  case .array(let elements)? = value(in: fixture, at: path + [.key(field)]), !elements.isEmpty
            else { continue }
            found += collect(in: items, fixture: fixture, path: path + [.key(field), .index(0)])
        }
        return found
    }

    static func value(in document: JSONValue, at path: [JSONStep]) -> JSONValue? {
        path.reduce(Optional(document)) { current, step in
            switch (current, step) {
            case (.object(let members)?, .key(let key)): members[key]
            case (.array(let elements)?, .index(let index)) where elements.indices.contains(index): elements[index]
            default: nil
            }
        }
    }
}

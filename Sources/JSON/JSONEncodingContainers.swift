/// An object under construction. A class so that the containers handed out for it (which are
/// value types) all write into the same storage.
final class JSONObjectBuilder {
    var object: JSONObject
    /// Members whose value comes from a nested container or super encoder, collected at `finish`.
    /// A placeholder is stored under the key meanwhile so the key keeps its position.
    var deferred: [(key: String, encoder: JSONTreeEncoder)] = []

    init(_ object: JSONObject) {
        self.object = object
    }

    func finish() -> JSON {
        for (key, encoder) in deferred {
            object[key] = encoder.finish() ?? .object(JSONObject())
        }
        deferred = []
        return .object(object)
    }
}

/// An array under construction; see `JSONObjectBuilder`.
final class JSONArrayBuilder {
    var elements: [JSON]
    var deferred: [(index: Int, encoder: JSONTreeEncoder)] = []

    init(_ elements: [JSON]) {
        self.elements = elements
    }

    func finish() -> JSON {
        for (index, encoder) in deferred {
            elements[index] = encoder.finish() ?? .object(JSONObject())
        }
        deferred = []
        return .array(elements)
    }
}

struct JSONKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONTreeEncoder
    let builder: JSONObjectBuilder

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws { builder.object[key.stringValue] = .null }
    mutating func encode(_ value: Bool, forKey key: Key) throws { builder.object[key.stringValue] = .bool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { builder.object[key.stringValue] = .string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        builder.object[key.stringValue] = try encoder.checked(value, tail: .key(key))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        builder.object[key.stringValue] = try encoder.checked(value, tail: .key(key))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { builder.object[key.stringValue] = .int(Int64(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { builder.object[key.stringValue] = .int(Int64(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { builder.object[key.stringValue] = .int(Int64(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { builder.object[key.stringValue] = .int(Int64(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { builder.object[key.stringValue] = .int(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        builder.object[key.stringValue] = try encoder.checked(value, tail: .key(key))
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { builder.object[key.stringValue] = .int(Int64(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { builder.object[key.stringValue] = .int(Int64(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { builder.object[key.stringValue] = .int(Int64(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        builder.object[key.stringValue] = try encoder.checked(value, tail: .key(key))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        builder.object[key.stringValue] = try encoder.encodeChild(value, tail: .key(key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        deferredEncoder(forKey: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        deferredEncoder(forKey: key).unkeyedContainer()
    }

    /// Under the key "super", as Foundation's JSONEncoder does.
    mutating func superEncoder() -> any Encoder {
        deferredEncoder(forKey: JSONCodingKey(string: "super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        deferredEncoder(forKey: key)
    }

    private func deferredEncoder(forKey key: any CodingKey) -> JSONTreeEncoder {
        let child = encoder.deferredChild(tail: .key(key))
        builder.object[key.stringValue] = .null
        builder.deferred.append((key.stringValue, child))
        return child
    }
}

struct JSONUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let encoder: JSONTreeEncoder
    let builder: JSONArrayBuilder

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { builder.elements.count }

    mutating func encodeNil() throws { builder.elements.append(.null) }
    mutating func encode(_ value: Bool) throws { builder.elements.append(.bool(value)) }
    mutating func encode(_ value: String) throws { builder.elements.append(.string(value)) }
    mutating func encode(_ value: Double) throws {
        builder.elements.append(try encoder.checked(value, tail: .index(count)))
    }
    mutating func encode(_ value: Float) throws {
        builder.elements.append(try encoder.checked(value, tail: .index(count)))
    }
    mutating func encode(_ value: Int) throws { builder.elements.append(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { builder.elements.append(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { builder.elements.append(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { builder.elements.append(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { builder.elements.append(.int(value)) }
    mutating func encode(_ value: UInt) throws {
        builder.elements.append(try encoder.checked(value, tail: .index(count)))
    }
    mutating func encode(_ value: UInt8) throws { builder.elements.append(.int(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { builder.elements.append(.int(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { builder.elements.append(.int(Int64(value))) }
    mutating func encode(_ value: UInt64) throws {
        builder.elements.append(try encoder.checked(value, tail: .index(count)))
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        builder.elements.append(try encoder.encodeChild(value, tail: .index(count)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        deferredEncoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        deferredEncoder().unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        deferredEncoder()
    }

    private func deferredEncoder() -> JSONTreeEncoder {
        let index = builder.elements.count
        let child = encoder.deferredChild(tail: .index(index))
        builder.elements.append(.null)
        builder.deferred.append((index, child))
        return child
    }
}

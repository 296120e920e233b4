/// The `Encoder` behind `JSONValueEncoder`: one instance per encoded non-scalar value.
///
/// A class, as in Foundation's JSONEncoder, so that containers handed out to `encode(to:)` write
/// into shared storage. The coding path is not stored: each encoder knows its parent and the
/// one key or index below it, and the full path is only assembled when asked for (errors, or
/// an `encode(to:)` that reads it), which keeps encoding free of per-key array allocations.
final class JSONTreeEncoder: Encoder {
    /// The last component of the coding path, relative to the parent.
    enum PathTail {
        case none
        case key(any CodingKey)
        case index(Int)
    }

    /// What has been encoded so far.
    enum Storage {
        case empty
        case value(JSON)
        case object(JSONObjectBuilder)
        case array(JSONArrayBuilder)
    }

    let userInfo: [CodingUserInfoKey: Any]
    private let parent: JSONTreeEncoder?
    /// The path above `tail` for encoders that do not keep a parent (see `deferredChild`).
    private let basePath: [any CodingKey]
    private let tail: PathTail
    private(set) var storage: Storage = .empty

    init(userInfo: [CodingUserInfoKey: Any], parent: JSONTreeEncoder?, tail: PathTail, basePath: [any CodingKey] = []) {
        self.userInfo = userInfo
        self.parent = parent
        self.tail = tail
        self.basePath = basePath
    }

    var codingPath: [any CodingKey] {
        var path = parent?.codingPath ?? basePath
        switch tail {
        case .none: break
        case .key(let key): path.append(key)
        case .index(let index): path.append(JSONCodingKey(index: index))
        }
        return path
    }

    /// The encoded value; nil when nothing was encoded at all.
    func finish() -> JSON? {
        switch storage {
        case .empty: return nil
        case .value(let value): return value
        case .object(let builder): return builder.finish()
        case .array(let builder): return builder.finish()
        }
    }

    /// Encodes a value found below this encoder (under `tail`), skipping the child encoder for
    /// scalars and for JSON values, which are most of what resources hold.
    func encodeChild<T: Encodable>(_ value: T, tail: PathTail) throws -> JSON {
        if let scalar = try scalar(value, tail: tail) { return scalar }
        let child = JSONTreeEncoder(userInfo: userInfo, parent: self, tail: tail)
        try value.encode(to: child)
        // Foundation renders a value that encoded nothing as an empty object; so does this.
        return child.finish() ?? .object(JSONObject())
    }

    /// An encoder whose value is collected only when its parent finishes: nested containers and
    /// super encoders. Its path is copied now rather than pointing at the parent, because the
    /// parent's storage holds it and a back reference would be a retain cycle.
    func deferredChild(tail: PathTail) -> JSONTreeEncoder {
        JSONTreeEncoder(userInfo: userInfo, parent: nil, tail: tail, basePath: codingPath)
    }

    /// The JSON for values that need no encoder of their own, or nil for everything else.
    /// The metatype comparisons are cheap; the casts only run once a comparison matched.
    func scalar<T: Encodable>(_ value: T, tail: PathTail) throws -> JSON? {
        if T.self == JSON.self, let json = value as? JSON { return json }
        if T.self == JSONObject.self, let object = value as? JSONObject { return .object(object) }
        if T.self == String.self, let string = value as? String { return .string(string) }
        if T.self == Int.self, let int = value as? Int { return .int(Int64(int)) }
        if T.self == Bool.self, let bool = value as? Bool { return .bool(bool) }
        if T.self == Int64.self, let int = value as? Int64 { return .int(int) }
        if T.self == Double.self, let double = value as? Double { return try checked(double, tail: tail) }
        return nil
    }

    // MARK: Scalar conversions shared by the containers

    func checked(_ value: Double, tail: PathTail) throws -> JSON {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(
                    codingPath: path(appending: tail), debugDescription: "\(value) is not representable in JSON"))
        }
        return .double(value)
    }

    /// Via the shortest decimal text, so `Float(0.1)` becomes 0.1 rather than 0.10000000149011612.
    func checked(_ value: Float, tail: PathTail) throws -> JSON {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(
                    codingPath: path(appending: tail), debugDescription: "\(value) is not representable in JSON"))
        }
        return .double(Double(value.description) ?? Double(value))
    }

    func checked<I: FixedWidthInteger>(_ value: I, tail: PathTail) throws -> JSON {
        guard let exact = Int64(exactly: value) else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(
                    codingPath: path(appending: tail), debugDescription: "\(value) does not fit a JSON integer (Int64)"))
        }
        return .int(exact)
    }

    func path(appending tail: PathTail) -> [any CodingKey] {
        var path = codingPath
        switch tail {
        case .none: break
        case .key(let key): path.append(key)
        case .index(let index): path.append(JSONCodingKey(index: index))
        }
        return path
    }

    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(JSONKeyedEncodingContainer<Key>(encoder: self, builder: objectBuilder()))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONUnkeyedEncodingContainer(encoder: self, builder: arrayBuilder())
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        self
    }

    /// Asking for the keyed container twice returns the same storage, as Foundation does.
    private func objectBuilder() -> JSONObjectBuilder {
        switch storage {
        case .object(let builder):
            return builder
        case .value(.object(let object)):
            // A JSONObject written through the single-value container, now extended by keys.
            let builder = JSONObjectBuilder(object)
            storage = .object(builder)
            return builder
        case .empty:
            let builder = JSONObjectBuilder(JSONObject())
            storage = .object(builder)
            return builder
        case .value, .array:
            assertionFailure("keyed container requested after encoding another kind of value at \(codingPath)")
            let builder = JSONObjectBuilder(JSONObject())
            storage = .object(builder)
            return builder
        }
    }

    private func arrayBuilder() -> JSONArrayBuilder {
        switch storage {
        case .array(let builder):
            return builder
        case .value(.array(let elements)):
            let builder = JSONArrayBuilder(elements)
            storage = .array(builder)
            return builder
        case .empty:
            let builder = JSONArrayBuilder([])
            storage = .array(builder)
            return builder
        case .value, .object:
            assertionFailure("unkeyed container requested after encoding another kind of value at \(codingPath)")
            let builder = JSONArrayBuilder([])
            storage = .array(builder)
            return builder
        }
    }

    fileprivate func setSingleValue(_ value: JSON) {
        if case .empty = storage {} else {
            assertionFailure("single value encoded twice at \(codingPath)")
        }
        storage = .value(value)
    }
}

extension JSONTreeEncoder: SingleValueEncodingContainer {
    func encodeNil() throws { setSingleValue(.null) }
    func encode(_ value: Bool) throws { setSingleValue(.bool(value)) }
    func encode(_ value: String) throws { setSingleValue(.string(value)) }
    func encode(_ value: Double) throws { setSingleValue(try checked(value, tail: .none)) }
    func encode(_ value: Float) throws { setSingleValue(try checked(value, tail: .none)) }
    func encode(_ value: Int) throws { setSingleValue(.int(Int64(value))) }
    func encode(_ value: Int8) throws { setSingleValue(.int(Int64(value))) }
    func encode(_ value: Int16) throws { setSingleValue(.int(Int64(value))) }
    func encode(_ value: Int32) throws { setSingleValue(.int(Int64(value))) }
    func encode(_ value: Int64) throws { setSingleValue(.int(value)) }
    func encode(_ value: UInt) throws { setSingleValue(try checked(value, tail: .none)) }
    func encode(_ value: UInt8) throws { setSingleValue(.int(Int64(value))) }
    func encode(_ value: UInt16) throws { setSingleValue(.int(Int64(value))) }
    func encode(_ value: UInt32) throws { setSingleValue(.int(Int64(value))) }
    func encode(_ value: UInt64) throws { setSingleValue(try checked(value, tail: .none)) }

    func encode<T: Encodable>(_ value: T) throws {
        if let scalar = try scalar(value, tail: .none) {
            setSingleValue(scalar)
            return
        }
        // A single value shares this encoder's path, so it encodes straight into this storage
        // (no child encoder), as Foundation does.
        try value.encode(to: self)
    }
}

/// Typed views used by request decoding: each returns nil when the value has another type,
/// which handlers turn into a 400 naming the field.
extension JSON {
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// Also accepts an integral `.double` (e.g. `5.0` or `1e3`) that fits `Int64`.
    public var intValue: Int64? {
        switch self {
        case .int(let value):
            return value
        case .double(let value):
            // Hand-rolled rather than `Int64(exactly:)`, which pulls in libm's rounding
            // functions and so would make this module's clients link libm explicitly.
            guard value >= -0x1p63, value < 0x1p63 else { return nil }
            let truncated = Int64(value)
            return Double(truncated) == value ? truncated : nil
        default:
            return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .double(let value): return value
        case .int(let value): return Double(value)
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Object member, matched case-insensitively because request property names are
    /// (an exact match wins when both spellings exist).
    public subscript(key: String) -> JSON? {
        guard case .object(let object) = self else { return nil }
        return object.value(forCaseInsensitiveKey: key)
    }

    /// Array element, or nil when out of bounds or not an array.
    public subscript(index: Int) -> JSON? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}

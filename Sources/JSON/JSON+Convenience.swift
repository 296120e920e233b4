/// Optional-taking initialisers: an absent domain value renders as `null`, which is how the
/// real service shows unset properties.
extension JSON {
    public init(_ value: String?) {
        self = value.map(JSON.string) ?? .null
    }

    public init(_ value: Int?) {
        self = value.map { .int(Int64($0)) } ?? .null
    }

    public init(_ value: Int64?) {
        self = value.map(JSON.int) ?? .null
    }

    public init(_ value: Double?) {
        self = value.map(JSON.double) ?? .null
    }

    public init(_ value: Bool?) {
        self = value.map(JSON.bool) ?? .null
    }

    public init(_ elements: [JSON]) {
        self = .array(elements)
    }

    public init(_ object: JSONObject) {
        self = .object(object)
    }
}

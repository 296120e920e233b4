/// Use on resource properties that the wire contract renders as `null` rather than omitting.
///
/// Synthesized `Encodable` skips nil optionals (`encodeIfPresent`), so `var x: String?` leaves
/// the key out. `@Nullable var x: String?` always writes the key: `"x": null` when nil.
/// Decoding accepts `null` or an absent key as nil.
///
/// There is deliberately no `init()`: with one, Swift would make the synthesized memberwise
/// initializer take a `Nullable<T>` instead of a `T?`. Write `@Nullable var x: String? = nil`
/// for a memberwise parameter that defaults to nil.
@propertyWrapper
public struct Nullable<Wrapped> {
    public var wrappedValue: Wrapped?

    public init(wrappedValue: Wrapped?) {
        self.wrappedValue = wrappedValue
    }
}

extension Nullable: Sendable where Wrapped: Sendable {}
extension Nullable: Equatable where Wrapped: Equatable {}
extension Nullable: Hashable where Wrapped: Hashable {}

extension Nullable: Encodable where Wrapped: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue {
            try container.encode(wrappedValue)
        } else {
            try container.encodeNil()
        }
    }
}

extension Nullable: Decodable where Wrapped: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Wrapped.self)
    }
}

extension KeyedEncodingContainer {
    /// Picked by synthesized `encode(to:)` over the generic overload: writes the member directly
    /// instead of going through `Nullable.encode(to:)` and an encoder of its own.
    public mutating func encode<Wrapped: Encodable>(_ value: Nullable<Wrapped>, forKey key: Key) throws {
        if let wrapped = value.wrappedValue {
            try encode(wrapped, forKey: key)
        } else {
            try encodeNil(forKey: key)
        }
    }
}

extension KeyedDecodingContainer {
    /// Picked by synthesized `init(from:)`: an absent key means nil, where the generic `decode`
    /// would throw `keyNotFound`.
    public func decode<Wrapped: Decodable>(_ type: Nullable<Wrapped>.Type, forKey key: Key) throws -> Nullable<Wrapped> {
        try decodeIfPresent(type, forKey: key) ?? Nullable(wrappedValue: nil)
    }
}

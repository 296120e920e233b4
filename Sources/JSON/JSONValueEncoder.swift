/// Encodes `Encodable` values straight into a `JSON` tree, without rendering bytes in between,
/// so resources can be built as Swift types and still be adjusted or serialized as `JSON`.
///
/// Keyed containers become `JSONObject`s whose keys follow the order of the encode calls
/// (declaration order for synthesized conformances). `encodeIfPresent(nil)` omits the key,
/// `encodeNil(forKey:)` writes `null`. A `JSON` or `JSONObject` met at any depth is inserted as is.
/// Integers that do not fit `Int64` and non-finite floating-point values throw `EncodingError`.
public struct JSONValueEncoder: Sendable {
    /// Handed to every `Encodable.encode(to:)` call as `Encoder.userInfo`.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    public init() {
        userInfo = [:]
    }

    public init(userInfo: [CodingUserInfoKey: any Sendable]) {
        self.userInfo = userInfo
    }

    public func encode<T: Encodable>(_ value: T) throws -> JSON {
        let root = JSONTreeEncoder(userInfo: userInfo, parent: nil, tail: .none)
        if let scalar = try root.scalar(value, tail: .none) { return scalar }
        try value.encode(to: root)
        guard let result = root.finish() else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "\(T.self) did not encode any values"))
        }
        return result
    }
}

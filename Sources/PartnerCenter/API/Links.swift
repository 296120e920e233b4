import JSON

/// Resource `links` and `attributes` as the real service renders them: link URIs omit the
/// `/v1` prefix, and every resource names its objectType and an etag.
enum Links {
    static func link(_ uri: String, method: String = "GET", headers: [(String, String)] = []) -> JSON {
        .object([
            "uri": .string(uri),
            "method": .string(method),
            "headers": .array(headers.map { .object(["key": .string($0.0), "value": .string($0.1)]) }),
        ])
    }

    /// Adds `attributes` (objectType and an etag derived from the content) and, when given,
    /// `links.self` to a resource object.
    static func resource(_ object: JSONObject, objectType: String, selfURI: String? = nil) -> JSON {
        var result = object
        if let selfURI { result["links"] = .object(["self": link(selfURI)]) }
        result["attributes"] = .object(["objectType": .string(objectType), "etag": .string(etag(of: object))])
        return .object(result)
    }

    /// FNV-1a over the serialized content: changes whenever the resource does.
    static func etag(of object: JSONObject) -> String { ETag.of(object) }
}

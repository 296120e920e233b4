/// One entry of a resource's `links`, as the real service renders it: URIs omit the `/v1`
/// prefix; headers are `{key, value}` pairs (the `next` link's continuation token).
struct Link: Encodable, Sendable, Equatable {
    struct Header: Encodable, Sendable, Equatable {
        let key: String
        let value: String
    }

    let uri: String
    let method: String
    let headers: [Header]

    init(_ uri: String, method: String = "GET", headers: [(String, String)] = []) {
        self.uri = uri
        self.method = method
        self.headers = headers.map { Header(key: $0.0, value: $0.1) }
    }
}

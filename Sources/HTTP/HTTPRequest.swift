/// A fully received request: head, decoded path and query, body, and router captures.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The request-target exactly as sent on the request line.
    public var target: String
    /// Percent-decoded path without the query, for display and logs. Never route on it:
    /// `%2F` decodes to `/` here. The router splits `rawPath` and decodes each segment.
    public var path: String
    /// The path exactly as sent (still percent-encoded), without the query.
    public var rawPath: String
    /// First value per name, percent-decoded ('+' is a space), names as sent.
    public var query: [String: String]
    public var queryItems: [(name: String, value: String)]
    public var version: HTTPVersion
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Filled by the router from `{name}` segments of the matched pattern.
    public var pathParameters: [String: String]
    public var remoteAddress: String
    /// What `Responder.resolve(_:)` matched, for `respond(to:)` to reuse.
    var resolution: Resolution?

    /// A class, so that the request (copied from parser to lane to handler and on) carries one
    /// reference for it rather than a handful.
    final class Resolution: Sendable {
        /// The responder that matched, and the method and path it matched: `respond(to:)` uses
        /// the match only when all three are still the request's.
        let owner: ObjectIdentifier
        let method: HTTPMethod
        let rawPath: String
        let match: Responder.Match

        init(owner: ObjectIdentifier, method: HTTPMethod, rawPath: String, match: Responder.Match) {
            self.owner = owner
            self.method = method
            self.rawPath = rawPath
            self.match = match
        }
    }

    public init(
        method: HTTPMethod,
        target: String,
        version: HTTPVersion = .http1_1,
        headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [],
        remoteAddress: String = ""
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.pathParameters = [:]
        let parts = RequestTarget.split(target)
        // The usual origin-form target is its own path: share its storage instead of copying.
        let rawPath = parts.path.utf8.count == target.utf8.count ? target : String(parts.path)
        self.rawPath = rawPath
        self.path = PercentDecoding.needsDecoding(parts.path, plusAsSpace: false)
            ? PercentDecoding.decode(parts.path, plusAsSpace: false) : rawPath
        if parts.query.isEmpty {
            self.queryItems = []
            self.query = [:]
        } else {
            let items = RequestTarget.queryItems(parts.query)
            self.queryItems = items
            var query: [String: String] = [:]
            for item in items where query[item.name] == nil {
                query[item.name] = item.value
            }
            self.query = query
        }
    }

    /// The first query value for `name`, compared exactly or, for an application whose
    /// parameter names are case-insensitive, ignoring ASCII case.
    public func queryValue(_ name: String, caseInsensitive: Bool = false) -> String? {
        if !caseInsensitive {
            return query[name]
        }
        for item in queryItems where ASCII.equalsIgnoringCase(item.name, name) {
            return item.value
        }
        return nil
    }
}

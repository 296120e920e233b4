/// Immutable routing table: matches a path against a trie and dispatches to the handler.
public struct Responder: Sendable {
    public enum Match: Sendable {
        case found(HTTPHandler, [String: String])
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    private let root: RouteNode
    /// The routes made of literal segments only, by their path as `staticKey` spells a request's
    /// (segments joined by `/`, lowercased when case-insensitive): most requests of an API hit
    /// one, and this finds it with one hash instead of decoding and walking segments.
    private let staticRoutes: [Substring: RouteNode]
    private let table: [(method: HTTPMethod, pattern: String)]
    private let caseInsensitive: Bool
    /// Tells this responder's resolutions from another's.
    private let identity = Identity()

    private final class Identity: Sendable {}

    init(root: RouteNode, routes: [(method: HTTPMethod, pattern: String)], caseInsensitive: Bool) {
        self.root = root
        self.table = routes
        self.caseInsensitive = caseInsensitive
        var staticRoutes: [Substring: RouteNode] = [:]
        Responder.collectStaticRoutes(root, path: nil, into: &staticRoutes)
        self.staticRoutes = staticRoutes
    }

    public var routes: [(method: HTTPMethod, pattern: String)] { table }

    /// Matches a raw (still percent-encoded) path, as in `HTTPRequest.rawPath`.
    /// HEAD is served by a GET route; a 405's allowed list includes HEAD whenever GET exists.
    public func match(method: HTTPMethod, path: String) -> Match {
        lookUp(method: method, path: path).match
    }

    /// Matches `request` and records the outcome in it, so that `respond(to:)` (of this
    /// responder) uses it instead of matching again: a server's lane classifier can route on
    /// the match at no extra cost. The answer names the route that matched.
    @discardableResult
    public func resolve(_ request: inout HTTPRequest) -> ResolvedRoute {
        let (match, pattern, routeMethod) = lookUp(method: request.method, path: request.rawPath)
        let route = ResolvedRoute(pattern: pattern, method: routeMethod)
        request.resolution = HTTPRequest.Resolution(
            owner: ObjectIdentifier(identity), method: request.method, rawPath: request.rawPath, match: match)
        return route
    }

    /// The match, with the pattern and method of the route that matched (nil, nil for 404 and 405).
    private func lookUp(method: HTTPMethod, path: String) -> (match: Match, pattern: String?, method: HTTPMethod?) {
        let node: RouteNode
        var captures: [String] = []
        if let key = Responder.staticKey(path, caseInsensitive: caseInsensitive), let found = staticRoutes[key] {
            // The trie would find the same node: its depth-first walk tries literals first, and
            // every segment of this path is one of them.
            node = found
        } else {
            guard let segments = PathSegments.decode(path),
                  let found = root.find(segments, 0, caseInsensitive: caseInsensitive, captures: &captures) else {
                return (.notFound, nil, nil)
            }
            node = found
        }
        // HEAD is served by the GET route when the path has no HEAD route of its own.
        let routeMethod = node.endpoints[method] == nil && method == .head ? HTTPMethod.get : method
        if let endpoint = node.endpoints[routeMethod] {
            var parameters: [String: String] = [:]
            if !endpoint.parameterNames.isEmpty {
                parameters.reserveCapacity(endpoint.parameterNames.count)
                for (name, value) in zip(endpoint.parameterNames, captures) {
                    parameters[name] = value
                }
            }
            return (.found(endpoint.handler, parameters), endpoint.pattern, routeMethod)
        }
        var allowed = Set(node.endpoints.keys)
        if allowed.contains(.get) {
            allowed.insert(.head)
        }
        return (.methodNotAllowed(allowed: Responder.ordered(allowed)), nil, nil)
    }

    /// A raw path as a key of `staticRoutes`, or nil when only the trie can match it: with a
    /// percent escape (its segments must be decoded first) or a non-ASCII byte (the trie folds
    /// case with Unicode rules). One leading and one trailing slash are dropped, as
    /// `PathSegments.decode` drops them. A path already in lowercase (or a case-sensitive
    /// router) is keyed by a slice of itself, with no copy.
    static func staticKey(_ path: String, caseInsensitive: Bool) -> Substring? {
        let utf8 = path.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        if start != end && utf8[start] == UInt8(ascii: "/") { start = utf8.index(after: start) }
        if start != end && utf8[utf8.index(before: end)] == UInt8(ascii: "/") { end = utf8.index(before: end) }
        var needsLowering = false
        var index = start
        while index < end {
            let byte = utf8[index]
            if byte >= 0x80 || byte == UInt8(ascii: "%") { return nil }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { needsLowering = true }
            utf8.formIndex(after: &index)
        }
        let key = path[start..<end]
        guard caseInsensitive && needsLowering else { return key }
        let count = key.utf8.count
        return Substring(String(unsafeUninitializedCapacity: count) { buffer in
            var offset = 0
            for byte in key.utf8 {
                buffer[offset] = ASCII.lower(byte)
                offset += 1
            }
            return count
        })
    }

    /// Every node reached from `node` through literal segments only and ending a route.
    private static func collectStaticRoutes(_ node: RouteNode, path: String?, into table: inout [Substring: RouteNode]) {
        if !node.endpoints.isEmpty {
            table[Substring(path ?? "")] = node
        }
        for (segment, child) in node.literals {
            // A literal holding `%` or a non-ASCII character is reached only by paths that
            // `staticKey` leaves to the trie.
            guard segment.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "%") }) else { continue }
            collectStaticRoutes(child, path: path.map { "\($0)/\(segment)" } ?? segment, into: &table)
        }
    }

    /// Routes the request; 404 and 405 (with `Allow`) are rendered by `errorResponse`
    /// so the application controls the error body format.
    public func respond(
        to request: HTTPRequest,
        errorResponse: (HTTPStatus, String, HTTPHeaders) -> HTTPResponse
    ) -> HTTPResponse {
        let match: Match
        if let resolution = request.resolution, resolution.owner == ObjectIdentifier(identity),
           resolution.method == request.method, resolution.rawPath == request.rawPath {
            match = resolution.match
        } else {
            match = self.match(method: request.method, path: request.rawPath)
        }
        switch match {
        case .found(let handler, let parameters):
            var request = request
            request.pathParameters = parameters
            return handler(request)
        case .notFound:
            return errorResponse(.notFound, "No resource matches \(request.rawPath)", HTTPHeaders())
        case .methodNotAllowed(let allowed):
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            var response = errorResponse(
                .methodNotAllowed,
                "\(request.method) is not allowed on \(request.path)",
                HTTPHeaders([("Allow", allow)])
            )
            if !response.headers.contains("Allow") {
                response.headers["Allow"] = allow
            }
            return response
        }
    }

    private static let conventionalOrder: [HTTPMethod] = [.get, .head, .post, .put, .patch, .delete, .options]

    /// A stable, conventional order so `Allow` values are deterministic.
    private static func ordered(_ methods: Set<HTTPMethod>) -> [HTTPMethod] {
        let known = conventionalOrder.filter { methods.contains($0) }
        let others = methods.subtracting(conventionalOrder).sorted { $0.rawValue < $1.rawValue }
        return known + others
    }
}

/// Immutable routing table: matches a path against a trie and dispatches to the handler.
public struct Responder: Sendable {
    public enum Match {
        case found(HTTPHandler, [String: String])
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    private let root: RouteNode
    private let table: [(method: HTTPMethod, pattern: String)]
    private let caseInsensitive: Bool

    init(root: RouteNode, routes: [(method: HTTPMethod, pattern: String)], caseInsensitive: Bool) {
        self.root = root
        self.table = routes
        self.caseInsensitive = caseInsensitive
    }

    public var routes: [(method: HTTPMethod, pattern: String)] { table }

    /// Matches a raw (still percent-encoded) path, as in `HTTPRequest.rawPath`.
    /// HEAD is served by a GET route; a 405's allowed list includes HEAD whenever GET exists.
    public func match(method: HTTPMethod, path: String) -> Match {
        guard let segments = PathSegments.decode(path) else {
            return .notFound
        }
        var captures: [String] = []
        guard let node = root.find(segments, 0, caseInsensitive: caseInsensitive, captures: &captures) else {
            return .notFound
        }
        if let endpoint = node.endpoints[method] ?? (method == .head ? node.endpoints[.get] : nil) {
            var parameters: [String: String] = [:]
            if !endpoint.parameterNames.isEmpty {
                parameters.reserveCapacity(endpoint.parameterNames.count)
                for (name, value) in zip(endpoint.parameterNames, captures) {
                    parameters[name] = value
                }
            }
            return .found(endpoint.handler, parameters)
        }
        var allowed = Set(node.endpoints.keys)
        if allowed.contains(.get) {
            allowed.insert(.head)
        }
        return .methodNotAllowed(allowed: Responder.ordered(allowed))
    }

    /// Routes the request; 404 and 405 (with `Allow`) are rendered by `errorResponse`
    /// so the application controls the error body format.
    public func respond(
        to request: HTTPRequest,
        errorResponse: (HTTPStatus, String, HTTPHeaders) -> HTTPResponse
    ) -> HTTPResponse {
        switch match(method: request.method, path: request.rawPath) {
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

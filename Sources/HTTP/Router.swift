/// Mutable route table builder; `freeze()` turns it into an immutable, shareable `Responder`.
public struct Router {
    private var root = RouteNode()
    private var table: [(method: HTTPMethod, pattern: String)] = []
    public let options: RouterOptions

    public init(options: RouterOptions = []) {
        self.options = options
    }

    /// Adds a route such as `/v1/customers/{customerId}`. Literal segments match exactly, or
    /// whatever their case with `.caseInsensitive`.
    /// Registering the same method and shape twice is a programming error.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping HTTPHandler) {
        let segments = RouteNode.segments(of: pattern, caseInsensitive: options.contains(.caseInsensitive))
        let names = segments.compactMap { segment -> String? in
            if case .parameter(let name) = segment { return name }
            return nil
        }
        let endpoint = RouteNode.Endpoint(handler: handler, parameterNames: names, pattern: pattern)
        root.insert(segments[...], method: method, endpoint: endpoint)
        table.append((method: method, pattern: pattern))
    }

    /// Registered routes in registration order, for consistency checks against the OpenAPI document.
    public var routes: [(method: HTTPMethod, pattern: String)] { table }

    public func freeze() -> Responder {
        Responder(root: root, routes: table, caseInsensitive: options.contains(.caseInsensitive))
    }
}

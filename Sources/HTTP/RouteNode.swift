/// One level of the routing trie: literal children by lowercased segment, at most one
/// parameter child, and the endpoints of routes that end here.
struct RouteNode: Sendable {
    struct Endpoint: Sendable {
        let handler: HTTPHandler
        /// Parameter names in path order; names live on the endpoint, not on the trie edge,
        /// so `/a/{id}` and `/a/{customerId}/b` can share the same parameter child.
        let parameterNames: [String]
        let pattern: String
    }

    var literals: [String: RouteNode] = [:]
    /// Zero or one element: an array because a struct cannot store itself inline.
    var parameter: [RouteNode] = []
    var endpoints: [HTTPMethod: Endpoint] = [:]

    enum Segment {
        case literal(String)
        case parameter(String)
    }

    static func segments(of pattern: String) -> [Segment] {
        pattern.split(separator: "/", omittingEmptySubsequences: true).map { part in
            if part.count >= 3, part.first == "{", part.last == "}" {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(part.lowercased())
        }
    }

    mutating func insert(_ segments: ArraySlice<Segment>, method: HTTPMethod, endpoint: Endpoint) {
        guard let first = segments.first else {
            if let existing = endpoints[method] {
                preconditionFailure("Duplicate route \(method) \(endpoint.pattern) conflicts with \(existing.pattern)")
            }
            endpoints[method] = endpoint
            return
        }
        let rest = segments.dropFirst()
        switch first {
        case .literal(let text):
            literals[text, default: RouteNode()].insert(rest, method: method, endpoint: endpoint)
        case .parameter:
            if parameter.isEmpty {
                parameter.append(RouteNode())
            }
            parameter[0].insert(rest, method: method, endpoint: endpoint)
        }
    }

    /// Depth-first with literal-before-parameter precedence and backtracking. Returns the first
    /// endpoint serving `method`; otherwise accumulates the methods of every matching node.
    func find(
        _ segments: [String],
        _ index: Int,
        method: HTTPMethod,
        captures: inout [String],
        allowed: inout Set<HTTPMethod>
    ) -> Endpoint? {
        if index == segments.count {
            if let endpoint = endpoints[method] {
                return endpoint
            }
            if method == .head, let endpoint = endpoints[.get] {
                return endpoint
            }
            allowed.formUnion(endpoints.keys)
            return nil
        }
        let segment = segments[index]
        if !literals.isEmpty, let child = literals[segment.lowercased()] {
            if let found = child.find(segments, index + 1, method: method, captures: &captures, allowed: &allowed) {
                return found
            }
        }
        if let child = parameter.first {
            captures.append(segment)
            if let found = child.find(segments, index + 1, method: method, captures: &captures, allowed: &allowed) {
                return found
            }
            captures.removeLast()
        }
        return nil
    }
}

/// One level of the routing trie: literal children by segment (lowercased when the router is
/// case-insensitive), at most one
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

    static func segments(of pattern: String, caseInsensitive: Bool) -> [Segment] {
        pattern.split(separator: "/", omittingEmptySubsequences: true).map { part in
            if part.count >= 3, part.first == "{", part.last == "}" {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(caseInsensitive ? part.lowercased() : String(part))
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

    /// The node that owns `segments`: depth-first, literal before parameter, backtracking only
    /// out of branches where no route ends for this path. The method is not consulted: a path
    /// owned by a literal route (`/v1/customers/relationshiprequests`) answers 405 for a method
    /// only a parameter route has (`PATCH /v1/customers/{customerId}`), instead of being taken
    /// as that parameter's value.
    /// Captures keep the request's spelling; only literal lookups fold case.
    func find(_ segments: [String], _ index: Int, caseInsensitive: Bool, captures: inout [String]) -> RouteNode? {
        if index == segments.count {
            return endpoints.isEmpty ? nil : self
        }
        let segment = segments[index]
        if !literals.isEmpty, let child = literals[caseInsensitive ? segment.lowercased() : segment],
           let found = child.find(segments, index + 1, caseInsensitive: caseInsensitive, captures: &captures) {
            return found
        }
        if let child = parameter.first {
            captures.append(segment)
            if let found = child.find(segments, index + 1, caseInsensitive: caseInsensitive, captures: &captures) {
                return found
            }
            captures.removeLast()
        }
        return nil
    }
}

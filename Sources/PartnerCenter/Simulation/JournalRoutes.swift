import JSON

/// The request journal's control plane (issue 15, WireMock's `/__admin/requests`): what the
/// simulator was sent, for tests to assert on. In memory (Services.journal), so no handler
/// touches the database.
enum JournalRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/_sim/requests", .controlPlane, summary: "Requests received (the journal), newest first",
                 .direct(list)),
        Endpoint(.post, "/_sim/requests/count", .controlPlane, summary: "How many journaled requests match a filter",
                 .direct(count)),
        Endpoint(.delete, "/_sim/requests", .controlPlane, summary: "Empty the journal",
                 .direct(clear)),
    ]

    static let defaultLimit = 100
    static let maximumLimit = 1000

    /// GET /_sim/requests?method=&pathPrefix=&status=&tenantId=&correlationId=&since=&until=&limit=
    static func list(_ request: RequestContext) throws -> APIResponse {
        let filter = try JournalFilter(query: request.request.queryItems, also: ["limit"])
        let limit = try self.limit(request.query("limit"))
        let journal = request.services.journal
        let found = journal.entries(matching: filter, limit: limit)
        return .ok([
            "totalCount": .int(Int64(found.total)),
            "capacity": .int(Int64(journal.capacity)),
            "items": .array(found.items.map { $0.entry.json(sequence: $0.sequence) }),
        ])
    }

    /// POST /_sim/requests/count with the filters as JSON members: "was it called N times".
    static func count(_ request: RequestContext) throws -> APIResponse {
        let filter = try JournalFilter(body: try request.body().object)
        return .ok(["count": .int(Int64(request.services.journal.count(matching: filter)))])
    }

    /// DELETE /_sim/requests: the only way entries leave the journal besides its bounds.
    static func clear(_ request: RequestContext) throws -> APIResponse {
        .ok(["cleared": .int(Int64(request.services.journal.clear()))])
    }

    private static func limit(_ text: String?) throws(APIError) -> Int {
        guard let text else { return defaultLimit }
        guard let value = Int(text), (1...maximumLimit).contains(value) else {
            throw APIError.invalidField("limit", "must be a whole number from 1 to \(maximumLimit)")
        }
        return value
    }
}

import HTTP
import SQLite

enum AuditRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/v1/auditrecords", .roles(Role.partnerRoles), summary: "The caller's audit records",
                 .read(list)),
    ]

    /// GET /v1/auditrecords?startDate=&endDate=: the last 30 days unless a window is given.
    static func list(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        _ = try request.caller
        let start = try request.dateQuery("startDate") ?? request.now.addingTimeInterval(-30 * 86_400)
        let end = try request.dateQuery("endDate") ?? request.now.addingTimeInterval(1)
        guard start <= end else { throw APIError.invalidField("startDate", "must not be after endDate") }
        let page = try Page(request)
        let found = try AuditRecords.list(from: start, to: end, page: page, request.operation, db)
        return .ok(try page.collection(found.items.map(AuditRecord.init), totalCount: found.totalCount, selfURI: "/auditrecords"))
    }
}

import HTTP
import SQLite

/// GET /v1/relationships (PartnerRelationships).
enum RelationshipRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/v1/relationships", .roles(Role.partnerRoles),
                 summary: "Indirect resellers of a distributor, or indirect providers of a reseller", .read(list)),
    ]

    static func list(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let type = request.query("relationship_type") ?? ""
        let found = try PartnerRelationships.list(.init(relationshipType: type, filter: request.query("filter")),
                                                  page: try Page(request), request.operation, db)
        // The request's own query (relationship_type as sent, filter, size) is repeated in the links.
        return .ok(try Page(request).collection(found.items, totalCount: found.totalCount, selfURI: "/relationships"))
    }
}

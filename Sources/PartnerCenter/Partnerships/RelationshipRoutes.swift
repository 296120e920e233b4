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
        return .ok(try Page(request).collection(found.items, totalCount: found.totalCount,
                                                selfURI: "/relationships?relationship_type=\(type)"))
    }
}

import HTTP
import SQLite

/// The portal's partnership routes (PSH-1 to PSH-6).
enum PartnershipRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/portal/partnerships", .roles([.adminAgent, .salesAgent]),
                 summary: "Request a partnership with an indirect reseller (PSH-1)", .write(request)),
        Endpoint(.get, "/portal/partnerships", .roles(Role.partnerRoles), summary: "The caller's partnerships",
                 .read(list)),
        Endpoint(.get, "/portal/partnerships/{partnershipId}", .roles(Role.partnerRoles), summary: "One partnership",
                 .read(get)),
        Endpoint(.delete, "/portal/partnerships/{partnershipId}", .roles([.adminAgent, .salesAgent]),
                 summary: "Remove a partnership (PSH-5)", .write(remove)),
        Endpoint(.delete, "/portal/partnerships/{partnershipId}/admin-access", .roles([.globalAdmin]),
                 summary: "The reseller removes the distributor's admin access (PSH-6)", .write(removeAdminAccess)),
    ]

    static func request(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let partnership = try Partnerships.request(resellerReference(try request.body()), request.operation, db)
        return try .created(Partnership(partnership, request.operation))
    }

    /// `resellerTenantId`, else `mpnId` (or `plaId`).
    private static func resellerReference(_ body: Body) throws(APIError) -> ResellerReference {
        if let tenantId = try body.optionalString("resellerTenantId") { return .tenantId(tenantId) }
        if let mpnId = try body.optionalString("mpnId") { return .mpnId(mpnId) }
        if let plaId = try body.optionalString("plaId") { return .mpnId(plaId) }
        throw body.missing("resellerTenantId", " (or mpnId)")
    }

    static func list(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let found = try Partnerships.list(page: Page(request), request.operation, db)
        return .ok(try Page(request).collection(found.items.map { Partnership($0, request.operation) }, totalCount: found.totalCount,
                                       selfURI: "/portal/partnerships"))
    }

    static func get(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(Partnership(Partnerships.get(request.pathParameter("partnershipId"), request.operation, db), request.operation))
    }

    static func remove(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try Partnerships.remove(request.pathParameter("partnershipId"), request.operation, db)
        return .noContent
    }

    static func removeAdminAccess(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try Partnerships.removeAdminAccess(request.pathParameter("partnershipId"), request.operation, db)
        return .noContent
    }
}

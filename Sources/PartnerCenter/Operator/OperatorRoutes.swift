import HTTP
import SQLite

/// Routes of the Microsoft operator acting on partner accounts.
enum OperatorRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.patch, "/portal/partners/{tenantId}", .roles([.microsoftSupport]),
                 summary: "Suspend, reinstate or delete a partner; record revenue or MAICPP membership (Microsoft operator)",
                 .write(updatePartner)),
    ]

    static func updatePartner(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let change = try PartnerChange(try request.body())
        return try .ok(PartnerAccount(try PartnerAdministration.update(request.pathParameter("tenantId"), change, request.operation, db)))
    }
}

import HTTP
import SQLite

/// Routes of the Microsoft operator acting on partner accounts.
enum OperatorRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.patch, "/portal/partners/{tenantId}", .roles([.microsoftSupport]),
                 summary: "Suspend, reinstate or delete a partner; record revenue or MAICPP membership (Microsoft operator)",
                 .write(updatePartner)),
    ]

    /// The body is parsed when the operation reaches it (an autoclosure): an unknown partner
    /// is 404 whatever was sent.
    static func updatePartner(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(PartnerAccount(try PartnerAdministration.update(request.pathParameter("tenantId"), try PartnerChange(try request.body()),
                                                                request.operation, db)))
    }
}

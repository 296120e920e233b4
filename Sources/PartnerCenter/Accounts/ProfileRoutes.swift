import HTTP
import SQLite

/// Routes of the MPN profile.
enum ProfileRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/v1/profiles/mpn", .roles(Role.partnerRoles), summary: "MpnProfile of a PLA id, or the caller's own",
                 .read(mpnProfile)),
    ]

    static func mpnProfile(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(MpnProfiles.find(mpnId: request.query("mpnId"), request.operation, db))
    }
}

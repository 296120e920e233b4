/// One row of `app_registrations`: a client of the token endpoints (migration 0016).
struct AppRegistration: Codable, Sendable, Equatable {
    var clientId: String
    var tenantId: String
    var displayName: String
    var secret: String
    /// Role names, comma-separated: what its app-only tokens carry.
    var roles: String
    /// The service principal's object id: the `oid` and `sub` of its app-only tokens.
    var objectId: String
    /// Entra's "Allow public client flows": the password and refresh grants need no secret.
    var publicClient: Bool
    var createdAt: String

    var roleList: [Role] {
        roles.split(separator: ",").compactMap { Role(rawValue: String($0)) }
    }
}

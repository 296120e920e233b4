/// One row of `refresh_tokens`: what a refresh token is bound to, by the SHA-256 of its text.
struct RefreshTokenRow: Codable, Sendable {
    var tokenHash: String
    var clientId: String
    var tenantId: String
    var userName: String
    /// Wall-clock seconds since 1970.
    var issuedAt: Int64
    var expiresAt: Int64
}

/// The `grant_type`s the token endpoints answer (RFC 6749 §4.4, §4.3, §6).
enum Grant: String, Sendable {
    case clientCredentials = "client_credentials"
    case password
    case refreshToken = "refresh_token"

    /// Grants that sign a user in and so carry refresh tokens, ID tokens and client info.
    var isUserFlow: Bool { self != .clientCredentials }
}

/// The answer of POST /_sim/tokens.
struct MintedToken: Encodable, Sendable {
    let accessToken: String
    let tokenType = "Bearer"
    let expiresIn: Int
}

/// What an Entra-shaped access token from the token endpoints says about its caller: the
/// claims of a real Partner Center token (Auth/EntraClaims builds them).
public struct AccessTokenGrant: Sendable, Equatable {
    /// The token format: v1 (`/oauth2/token`: `appid`, `unique_name`, issuer `<base>/<tid>/`)
    /// or v2 (`/oauth2/v2.0/token`: `azp`, `preferred_username`, issuer `<base>/<tid>/v2.0`).
    public enum Version: String, Sendable { case v1 = "1.0", v2 = "2.0" }

    public var version: Version
    public var tenantId: String
    /// `oid` and `sub`: the user's object id, or the app's service principal id.
    public var objectId: String
    /// `appid` (v1) or `azp` (v2): the client the token was issued to.
    public var clientId: String
    public var roles: [Role]
    /// `scp`, space-joined in the token (user tokens); empty for app-only tokens.
    public var scopes: [String]
    public var identityType: Principal.IdentityType
    /// `upn` and `unique_name` (v1) or `preferred_username` (v2), for users.
    public var userName: String?
    /// `name`, for users.
    public var displayName: String?
    /// `appidacr`/`azpacr`: "1" when the client authenticated with its secret, "0" for a
    /// public client (no client authentication).
    public var clientAuthenticated: Bool
    /// Scheme and authority the issuer is written under (`Services.publicBaseURL`).
    public var issuerBase: String

    public init(version: Version, tenantId: String, objectId: String, clientId: String, roles: [Role],
                scopes: [String], identityType: Principal.IdentityType, userName: String? = nil,
                displayName: String? = nil, clientAuthenticated: Bool = true, issuerBase: String) {
        self.version = version
        self.tenantId = tenantId
        self.objectId = objectId
        self.clientId = clientId
        self.roles = roles
        self.scopes = scopes
        self.identityType = identityType
        self.userName = userName
        self.displayName = displayName
        self.clientAuthenticated = clientAuthenticated
        self.issuerBase = issuerBase
    }
}

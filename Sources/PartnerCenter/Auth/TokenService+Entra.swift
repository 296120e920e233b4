import Cryptography
import Foundation
import JSON

/// RS256 tokens shaped as Entra ID issues them for Partner Center (the token endpoints of
/// Sources/PartnerCenter/Identity mint them; `principal(fromAuthorization:)` verifies them
/// like the HS256 tokens of `/_sim/tokens`).
extension TokenService {
    /// v1: `<base>/<tid>/`, v2: `<base>/<tid>/v2.0` — the forms of Entra's issuers
    /// (`https://sts.windows.net/<tid>/`, `https://login.microsoftonline.com/<tid>/v2.0`)
    /// under pcsim's own address, so the discovery documents and the tokens agree.
    public static func issuer(_ version: AccessTokenGrant.Version, tenantId: String, base: String) -> String {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        switch version {
        case .v1: return "\(trimmed)/\(tenantId)/"
        case .v2: return "\(trimmed)/\(tenantId)/v2.0"
        }
    }

    /// An RS256 access token with the claims of a real Partner Center token.
    public func mintAccessToken(_ grant: AccessTokenGrant, expiresIn: TimeInterval = 3600,
                                now: Date = Date()) throws(CryptographyError) -> String {
        let issuedAt = Self.wholeSeconds(now.timeIntervalSince1970, in: 0...Self.latestInstant)
        let lifetime = Self.wholeSeconds(expiresIn, in: 0...Int64(Self.maximumLifetime))
        let tokenId = Base64URL.encode(SecureRandom.bytes(16))
        return try signRS256(EntraClaims.accessToken(grant, issuedAt: issuedAt, expiresAt: issuedAt + lifetime,
                                                     tokenId: tokenId))
    }

    /// Any claims, RS256-signed with the instance's key and `kid` (id tokens).
    public func signRS256(_ claims: JSONObject) throws(CryptographyError) -> String {
        let key = try keyring.signingKey()
        return try JWT.signRS256(claims: claims, key: key)
    }

    /// The JSON Web Key Set the discovery documents name: the instance's one signing key
    /// (made now if there is none yet, so a client that fetches the keys first sees the key
    /// its tokens will carry).
    public func jsonWebKeySet() throws(CryptographyError) -> JSON {
        let key = try keyring.signingKey()
        return ["keys": [[
            "kty": "RSA", "use": "sig", "alg": "RS256",
            "kid": .string(key.keyId), "n": .string(key.modulus), "e": .string(key.exponent),
        ]]]
    }
}

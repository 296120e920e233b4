import Foundation
import JSON

/// The claims of an Entra ID access token for Partner Center, v1 or v2 format, as the access
/// token claims reference lists them (docs/decisions.md, "Entra ID tokens"). Opaque internal
/// claims of Entra (`aio`, `rh`) are left out: no client reads them.
enum EntraClaims {
    static func accessToken(_ grant: AccessTokenGrant, issuedAt: Int64, expiresAt: Int64, tokenId: String) -> JSONObject {
        var claims: JSONObject = [
            "aud": .string(JWT.audience),
            "iss": .string(TokenService.issuer(grant.version, tenantId: grant.tenantId, base: grant.issuerBase)),
            "iat": .int(issuedAt),
            "nbf": .int(issuedAt),
            "exp": .int(expiresAt),
            "tid": .string(grant.tenantId),
            "oid": .string(grant.objectId),
            "sub": .string(grant.objectId),
            "idtyp": .string(grant.identityType.rawValue),
            "ver": .string(grant.version.rawValue),
            "uti": .string(tokenId),
        ]
        // Entra omits `roles` when none are assigned; pcsim's verifier reads a missing claim as none.
        if !grant.roles.isEmpty { claims["roles"] = .array(grant.roles.map { .string($0.rawValue) }) }
        if !grant.scopes.isEmpty { claims["scp"] = .string(grant.scopes.joined(separator: " ")) }
        if let name = grant.displayName { claims["name"] = .string(name) }
        switch grant.version {
        case .v1:
            claims["appid"] = .string(grant.clientId)
            claims["appidacr"] = grant.clientAuthenticated ? "1" : "0"
            if grant.identityType == .app {
                claims["idp"] = claims["iss"]
            }
            if let user = grant.userName {
                claims["upn"] = .string(user)
                claims["unique_name"] = .string(user)
            }
        case .v2:
            claims["azp"] = .string(grant.clientId)
            claims["azpacr"] = grant.clientAuthenticated ? "1" : "0"
            if let user = grant.userName { claims["preferred_username"] = .string(user) }
        }
        if grant.identityType == .user { claims["amr"] = ["pwd"] }
        return claims
    }
}

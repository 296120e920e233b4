import Foundation
import JSON
import Synchronization

/// Mints and verifies the instance's access tokens. Verified tokens are cached by their
/// text: HMAC and JSON work would otherwise be paid on every request of a hot client.
public final class TokenService: Sendable {
    private let key: [UInt8]
    private let cache = Mutex<[String: (principal: Principal, expiresAt: Double)]>([:])
    private static let cacheLimit = 10_000

    public init(signingKey: [UInt8]) {
        self.key = signingKey
    }

    public func mint(tenantId: String, objectId: String, roles: [Role], identityType: Principal.IdentityType,
                     expiresIn: TimeInterval = 3600, now: Date = Date()) -> String {
        let issuedAt = Int64(now.timeIntervalSince1970)
        let claims: JSONObject = [
            "aud": .string(JWT.audience),
            "iss": .string(JWT.issuer + tenantId + "/"),
            "iat": .int(issuedAt),
            "nbf": .int(issuedAt),
            "exp": .int(issuedAt + Int64(expiresIn)),
            "tid": .string(tenantId),
            "oid": .string(objectId),
            "idtyp": .string(identityType.rawValue),
            "roles": .array(roles.map { .string($0.rawValue) }),
        ]
        return JWT.sign(claims: claims, key: key)
    }

    public enum VerificationError: Error, Equatable {
        case missing, malformed(String), invalid(String)
    }

    /// Checks an `Authorization` header value and returns the caller.
    public func principal(fromAuthorization header: String?, now: Date = Date()) throws(VerificationError) -> Principal {
        guard let header, !header.isEmpty else { throw .missing }
        guard header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw .malformed("the Authorization header must be 'Bearer <token>'")
        }
        // Byte-level trim: Foundation's character-set trimming showed up as a quarter of the
        // CPU of a one-id POR validation.
        let token = String(Substring(header.utf8.dropFirst(7).drop { $0 == 32 || $0 == 9 }))
        let seconds = now.timeIntervalSince1970
        if let hit = cache.withLock({ $0[token] }) {
            guard hit.expiresAt > seconds else { throw .invalid("the token has expired") }
            return hit.principal
        }
        let claims: JSONObject
        do {
            claims = try JWT.verify(token, key: key, now: now)
        } catch {
            switch error {
            case .malformed(let why): throw .malformed(why)
            case .unsupportedAlgorithm: throw .invalid("only HS256-signed tokens are accepted")
            case .badSignature: throw .invalid("the token signature is invalid")
            case .expired: throw .invalid("the token has expired")
            case .notYetValid: throw .invalid("the token is not valid yet")
            case .missingClaim(let claim): throw .invalid("the token has no '\(claim)' claim")
            }
        }
        guard let tenantId = claims["tid"]?.stringValue, !tenantId.isEmpty else { throw .invalid("the token has no 'tid' claim") }
        guard let objectId = claims["oid"]?.stringValue, !objectId.isEmpty else { throw .invalid("the token has no 'oid' claim") }
        guard claims["aud"]?.stringValue == JWT.audience else { throw .invalid("the token audience is not Partner Center") }
        let roleNames = claims["roles"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let roles = Set(roleNames.compactMap(Role.init(name:)))
        let identityType: Principal.IdentityType = claims["idtyp"]?.stringValue == "app" ? .app : .user
        let principal = Principal(tenantId: tenantId.lowercased(), objectId: objectId, roles: roles, identityType: identityType)
        let expiresAt = claims["exp"]?.doubleValue ?? 0
        cache.withLock { cache in
            if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[token] = (principal, expiresAt)
        }
        return principal
    }
}

import Cryptography
import Foundation
import JSON
import Synchronization

/// Mints and verifies the instance's access tokens. Verified tokens are cached by their
/// text: HMAC and JSON work would otherwise be paid on every request of a hot client.
public final class TokenService: Sendable {
    private let key: [UInt8]
    /// The RS256 key of the Entra-shaped tokens (TokenService+Entra).
    let keyring: RS256Keyring
    /// Read by every request, written once per new token: a shared read finds it.
    private let cache: ReadWriteLock<TokenCache>

    /// The longest lifetime a token can be minted with (one year, docs/decisions.md):
    /// `POST /_sim/tokens` and `pcsim token --expires-in` refuse more, `mint` clamps to it.
    public static let maximumLifetime: TimeInterval = 365 * 24 * 3600
    /// Authorization header values longer than this are refused before any verification work
    /// (real Entra tokens are 1-3 KB; 16 KB leaves room for many roles).
    public static let maximumAuthorizationBytes = 16 * 1024
    /// Bytes the verification cache may hold: token text, the principal's strings and a fixed
    /// charge per entry.
    static let cacheByteLimit = 8 * 1024 * 1024

    /// - Parameters:
    ///   - rsaKey: the stored RS256 key, if any; without one, one is made on first use and
    ///     handed to `persistRSAKey` (on another thread) to be stored.
    public convenience init(signingKey: [UInt8], rsaKey: RSASigningKey? = nil,
                            persistRSAKey: @escaping @Sendable (RSASigningKey) -> Void = { _ in }) {
        self.init(signingKey: signingKey, keyring: RS256Keyring(stored: rsaKey, persist: persistRSAKey),
                  cacheByteLimit: Self.cacheByteLimit)
    }

    /// With another cache size (tests).
    init(signingKey: [UInt8], keyring: RS256Keyring = RS256Keyring(stored: nil, persist: { _ in }), cacheByteLimit: Int) {
        self.key = signingKey
        self.keyring = keyring
        self.cache = ReadWriteLock(TokenCache(byteLimit: cacheByteLimit))
    }

    /// Never traps: a non-finite or out-of-range `now` or `expiresIn` is clamped (a NaN
    /// lifetime mints an already expired token). Callers validate user input before.
    public func mint(tenantId: String, objectId: String, roles: [Role], identityType: Principal.IdentityType,
                     expiresIn: TimeInterval = 3600, now: Date = Date()) -> String {
        let issuedAt = Self.wholeSeconds(now.timeIntervalSince1970, in: 0...Self.latestInstant)
        let lifetime = Self.wholeSeconds(expiresIn, in: 0...Int64(Self.maximumLifetime))
        let claims: JSONObject = [
            "aud": .string(JWT.audience),
            "iss": .string(JWT.issuer(forTenant: tenantId)),
            "iat": .int(issuedAt),
            "nbf": .int(issuedAt),
            "exp": .int(issuedAt + lifetime),
            "tid": .string(tenantId),
            "oid": .string(objectId),
            "idtyp": .string(identityType.rawValue),
            "roles": .array(roles.map { .string($0.rawValue) }),
        ]
        return JWT.sign(claims: claims, key: key)
    }

    /// Year 9999: far beyond any real clock, far below Int64 overflow when a lifetime is added.
    static let latestInstant: Int64 = 253_402_300_799

    /// `value` truncated to whole seconds inside `range`; NaN is the range's lower bound.
    static func wholeSeconds(_ value: Double, in range: ClosedRange<Int64>) -> Int64 {
        guard !value.isNaN else { return range.lowerBound }
        if value <= Double(range.lowerBound) { return range.lowerBound }
        if value >= Double(range.upperBound) { return range.upperBound }
        return Int64(value)   // strictly inside a range of Int64 values: cannot trap
    }

    public enum VerificationError: Error, Equatable {
        case missing, malformed(String), invalid(String)
    }

    /// Checks an `Authorization` header value and returns the caller.
    public func principal(fromAuthorization header: String?, now: Date = Date()) throws(VerificationError) -> Principal {
        guard let header, !header.isEmpty else { throw .missing }
        // Before anything else: an oversized value costs neither HMAC, JSON nor cache memory.
        guard header.utf8.count <= Self.maximumAuthorizationBytes else {
            throw .invalid("the token is longer than \(Self.maximumAuthorizationBytes / 1024) KB")
        }
        guard Self.hasBearerScheme(header) else {
            throw .malformed("the Authorization header must be 'Bearer <token>'")
        }
        // Byte-level trim: Foundation's character-set trimming showed up as a quarter of the
        // CPU of a one-id POR validation. A slice of the header: a cache hit copies nothing.
        let text = Substring(header.utf8.dropFirst(7).drop { $0 == 32 || $0 == 9 })
        let seconds = now.timeIntervalSince1970
        if let hit = cache.read({ $0.entry(text) }) {
            guard hit.expiresAt > seconds else { throw .invalid("the token has expired") }
            return hit.principal
        }
        let token = String(text)
        let claims: JSONObject
        let algorithm: JWT.Algorithm
        do {
            (claims, algorithm) = try JWT.verify(token, key: key, rsa: keyring.current, now: now)
        } catch {
            switch error {
            case .malformed(let why): throw .malformed(why)
            case .unsupportedAlgorithm: throw .invalid("only HS256- and RS256-signed tokens are accepted")
            case .badSignature: throw .invalid("the token signature is invalid")
            case .expired: throw .invalid("the token has expired")
            case .notYetValid: throw .invalid("the token is not valid yet")
            case .missingClaim(let claim): throw .invalid("the token has no '\(claim)' claim")
            case .badClaim(let claim, let why): throw .invalid("the token's '\(claim)' claim \(why)")
            }
        }
        let verified: TokenClaims
        do {
            verified = try TokenClaims(claims, algorithm: algorithm)
        } catch {
            switch error {
            case .missingClaim(let claim): throw .invalid("the token has no '\(claim)' claim")
            case .badClaim(let claim, let why): throw .invalid("the token's '\(claim)' claim \(why)")
            default: throw .invalid("the token's claims are not valid")
            }
        }
        let principal = Principal(tenantId: verified.tenantId.lowercased(), objectId: verified.objectId,
                                  roles: verified.roles, identityType: verified.identityType)
        cache.write { $0.insert(token, TokenCache.Entry(principal: principal, expiresAt: verified.expiresAt)) }
        return principal
    }

    /// Whether `header` starts with the scheme `Bearer ` (any case) and has more after it:
    /// `header.count > 7 && header.prefix(7).lowercased() == "bearer "`, decided on bytes.
    /// Counting the header's characters walked all of its grapheme clusters, two thirds of a
    /// cache hit. When the byte after the space is ASCII the seven bytes are exactly the first
    /// seven characters; otherwise it might extend the space into one character (a combining
    /// mark), and the character-level test decides as before.
    static func hasBearerScheme(_ header: String) -> Bool {
        let utf8 = header.utf8
        var index = utf8.startIndex
        for expected in "bearer ".utf8 {
            guard index != utf8.endIndex else { return false }
            let byte = utf8[index]
            // ASCII letters fold with 0x20; the space must be a space.
            guard byte == expected || (expected != 32 && byte | 0x20 == expected) else { return false }
            index = utf8.index(after: index)
        }
        guard index != utf8.endIndex else { return false }
        if utf8[index] < 0x80 { return true }
        return header.count > 7 && header.prefix(7).lowercased() == "bearer "
    }

    /// The verification cache's byte limit (tests).
    var cacheLimit: Int { cache.read { $0.byteLimit } }
    /// Bytes the verification cache charges for its entries now (tests).
    var cachedBytes: Int { cache.read { $0.bytes } }
    /// Entries in the verification cache now (tests).
    var cachedCount: Int { cache.read { $0.count } }
}

/// The claims of spec/api.md (HS256) or of an Entra access token (RS256), each checked for
/// presence and type after the signature and times were (JWT.verify). Anything off is a 401:
/// a token this instance did not mint the way it mints tokens is not a token of this instance.
struct TokenClaims {
    let tenantId: String
    let objectId: String
    let roles: Set<Role>
    let identityType: Principal.IdentityType
    let expiresAt: Double

    init(_ claims: JSONObject, algorithm: JWT.Algorithm) throws(JWT.Failure) {
        guard let audience = claims["aud"] else { throw .missingClaim("aud") }
        guard audience.stringValue == JWT.audience else { throw .badClaim("aud", "is not Partner Center") }

        guard let tid = claims["tid"] else { throw .missingClaim("tid") }
        guard let tenantId = tid.stringValue, UUID(uuidString: tenantId) != nil else { throw .badClaim("tid", "is not a GUID") }

        // The issuer is one this instance writes for that tenant: TokenService.mint's for HS256;
        // for RS256 a v1 or v2 Entra issuer under any base (the signature already proves the
        // token is this instance's, and its address may have changed since: `--port 0`).
        guard let issuer = claims["iss"] else { throw .missingClaim("iss") }
        let issuerMatches: Bool = switch algorithm {
        case .hs256: issuer.stringValue == JWT.issuer(forTenant: tenantId)
        case .rs256: issuer.stringValue.map { Self.isEntraIssuer($0, tenantId: tenantId) } ?? false
        }
        guard issuerMatches else { throw .badClaim("iss", "is not this instance's issuer for the token's tenant") }

        guard let oid = claims["oid"] else { throw .missingClaim("oid") }
        guard let objectId = oid.stringValue, !objectId.isEmpty else { throw .badClaim("oid", "must be a non-empty string") }
        // What minting accepts (POST /_sim/tokens `user`): at most 256 code points, not blank,
        // no control characters; anything else could only come from a token minted elsewhere.
        guard objectId.unicodeScalars.count <= 256,
              !objectId.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }),
              !objectId.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .badClaim("oid", "must be at most 256 characters, not blank, without control characters")
        }

        guard let expiresAt = claims["exp"]?.doubleValue else { throw .missingClaim("exp") }

        switch claims["idtyp"] {
        case nil, .string("user")?: identityType = .user
        case .string("app")?: identityType = .app
        default: throw .badClaim("idtyp", "must be \"app\" or \"user\"")
        }

        // Entra leaves `roles` out when none are assigned; pcsim's own HS256 tokens always carry it.
        let presentRoles: JSON? = claims["roles"]
        let defaultRoles: JSON? = algorithm == .rs256 ? .array([]) : Optional.none
        guard let rolesClaim = presentRoles ?? defaultRoles else { throw .missingClaim("roles") }
        guard let list = rolesClaim.arrayValue else { throw .badClaim("roles", "must be an array of strings") }
        var names: [String] = []
        for item in list {
            guard let name = item.stringValue else { throw .badClaim("roles", "must be an array of strings") }
            names.append(name)
        }
        // Role names pcsim does not know are ignored, as the real service ignores roles it
        // does not use; an empty list is a valid token that no role-protected route accepts.
        self.roles = Set(names.compactMap(Role.init(name:)))
        self.tenantId = tenantId
        self.objectId = objectId
        self.expiresAt = expiresAt
    }

    /// `http(s)://<authority>/<tid>/` or `.../<tid>/v2.0` (TokenService.issuer).
    static func isEntraIssuer(_ issuer: String, tenantId: String) -> Bool {
        guard issuer.hasPrefix("https://") || issuer.hasPrefix("http://") else { return false }
        let lowered = issuer.lowercased(), tid = tenantId.lowercased()
        return lowered.hasSuffix("/\(tid)/") || lowered.hasSuffix("/\(tid)/v2.0")
    }
}

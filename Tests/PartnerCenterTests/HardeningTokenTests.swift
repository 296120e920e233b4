import Cryptography
import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Testing

/// Issue 10, items 1 (token part), 12 and 13: minting never traps, every claim is checked for
/// presence and type (401, never 403 or success), oversized tokens are refused before they are
/// verified, and the verification cache is bounded by bytes.
@Suite("Hardening: tokens")
struct HardeningTokenTests {
    typealias Demo = TestWorld.Demo

    // MARK: Item 1: expiresIn

    @Test("Hardening: expiresIn beyond Int64 is 400 800002, not a crash", arguments: [
        "9223372036854775807", "9223372036854775806", "31536001", "0", "-1", "-9223372036854775808", "1e300", "3.5", "\"3600\"",
    ])
    func expiresInOutOfRange(_ value: String) throws {
        let world = try TestWorld()
        let body = Array(#"{"tenantId":"\#(Demo.fabrikam)","roles":["AdminAgent"],"expiresIn":\#(value)}"#.utf8)
        let response = try world.request(.post, "/_sim/tokens", rawBody: body)
        #expect(response.status == 400, "\(value): \(response.text)")
        #expect(response.code == 800002)
        #expect(response["description"]?.stringValue?.hasPrefix("expiresIn") == true, "\(response.text)")
    }

    // (An empty or blank user reads as absent, like every optional string, and gets the default.)
    @Test("Hardening: POST /_sim/tokens refuses a user no token could carry (over 256 bytes)", arguments: [257, 20_000])
    func tokenUserBounded(_ length: Int) throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/_sim/tokens", body: ["tenantId": .string(Demo.fabrikam), "roles": ["AdminAgent"],
                                                                       "user": .string(String(repeating: "u", count: length))])
        #expect(response.status == 400, "\(response.text)")
        #expect(response.code == 800002)
        #expect(response["data"]?.arrayValue == ["user"])
        let fits = try world.request(.post, "/_sim/tokens", body: ["tenantId": .string(Demo.fabrikam), "roles": ["AdminAgent"],
                                                                   "user": .string(String(repeating: "u", count: 256))])
        let token = try #require(fits["accessToken"]?.stringValue)
        #expect(try world.request(.get, "/portal/partnerships", token: token).status == 200)
    }

    @Test("Hardening: expiresIn up to one year mints a token that lives that long")
    func expiresInOneYear() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/_sim/tokens",
                                         body: ["tenantId": .string(Demo.fabrikam), "roles": ["AdminAgent"], "expiresIn": 31_536_000])
        #expect(response.status == 201, "\(response.text)")
        let token = try #require(response["accessToken"]?.stringValue)
        let payload = try #require(Base64URL.decode(String(token.split(separator: ".")[1])))
        let claims = try JSON.parse(payload)
        let iat = try #require(claims["iat"]?.intValue)
        #expect(claims["exp"]?.intValue == iat + 31_536_000)
        #expect(try world.request(.get, "/portal/partnerships", token: token).status == 200)
    }

    @Test("Hardening: TokenService.mint cannot trap for any lifetime or instant")
    func mintNeverTraps() throws {
        let service = TokenService(signingKey: Array("key".utf8))
        let lifetimes: [Double] = [.nan, .infinity, -.infinity, Double(Int64.max), -Double(Int64.max), 1e300, -1, 0, 0.5, 3600]
        let instants: [Date] = [Date(), Date(timeIntervalSince1970: .infinity), Date(timeIntervalSince1970: -.infinity),
                                Date(timeIntervalSince1970: .nan), Date(timeIntervalSince1970: 1e300), Date(timeIntervalSince1970: -1e300),
                                .distantFuture, .distantPast]
        for lifetime in lifetimes {
            for instant in instants {
                let token = service.mint(tenantId: Demo.fabrikam, objectId: "x", roles: [.adminAgent], identityType: .user,
                                         expiresIn: lifetime, now: instant)
                let payload = try #require(Base64URL.decode(String(token.split(separator: ".")[1])))
                let claims = try JSON.parse(payload)
                let iat = try #require(claims["iat"]?.intValue)
                let exp = try #require(claims["exp"]?.intValue)
                #expect(exp >= iat && exp - iat <= Int64(TokenService.maximumLifetime), "\(lifetime) at \(instant)")
            }
        }
        // A huge lifetime is clamped to a year: valid now, for no longer than that.
        let clamped = service.mint(tenantId: Demo.fabrikam, objectId: "x", roles: [.adminAgent], identityType: .user,
                                   expiresIn: Double(Int64.max))
        #expect(throws: Never.self) { try service.principal(fromAuthorization: "Bearer \(clamped)") }
        #expect(throws: TokenService.VerificationError.self) {
            try service.principal(fromAuthorization: "Bearer \(clamped)", now: Date().addingTimeInterval(TokenService.maximumLifetime + 60))
        }
    }

    // MARK: Item 12: claims

    /// Claims edits that must each make a validly signed token a 401.
    enum BadClaim: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case missingIss, wrongIss, issOfAnotherTenant, issNotString
        case tidNotGUID, tidNumber
        case oidEmpty, oidNumber, oidNUL, oidBlank, oidTooLong
        case missingAud, audArray
        case expString, expInfinite
        case nbfString, nbfNull, nbfObject
        case iatString
        case idtypOther, idtypNumber
        case missingRoles, rolesString, rolesObject, rolesWithNumber, rolesNull

        var testDescription: String { rawValue }

        func claims() -> JSONObject {
            let tenant = TestWorld.Demo.fabrikam
            var claims = AppTestSupport.claims(tenant: tenant)
            switch self {
            case .missingIss: _ = claims.removeValue(forKey: "iss")
            case .wrongIss: claims["iss"] = .string("https://sts.windows.net/\(tenant)/")
            case .issOfAnotherTenant: claims["iss"] = .string(JWT.issuer(forTenant: TestWorld.Demo.contoso))
            case .issNotString: claims["iss"] = 42
            case .tidNotGUID:
                claims["tid"] = "not-a-guid"
                claims["iss"] = .string(JWT.issuer(forTenant: "not-a-guid"))
            case .tidNumber: claims["tid"] = 7
            case .oidEmpty: claims["oid"] = ""
            case .oidNumber: claims["oid"] = 12
            case .oidNUL: claims["oid"] = "\u{0}"
            case .oidBlank: claims["oid"] = "   "
            case .oidTooLong: claims["oid"] = .string(String(repeating: "o", count: 257))
            case .missingAud: _ = claims.removeValue(forKey: "aud")
            case .audArray: claims["aud"] = .array([.string(JWT.audience)])
            case .expString: claims["exp"] = .string(String(Int64(Date().timeIntervalSince1970) + 3600))
            case .expInfinite: claims["exp"] = .double(.infinity)
            case .nbfString: claims["nbf"] = "yesterday"
            case .nbfNull: claims["nbf"] = .null
            case .nbfObject: claims["nbf"] = ["at": 0]
            case .iatString: claims["iat"] = "now"
            case .idtypOther: claims["idtyp"] = "device"
            case .idtypNumber: claims["idtyp"] = 1
            case .missingRoles: _ = claims.removeValue(forKey: "roles")
            case .rolesString: claims["roles"] = "AdminAgent"
            case .rolesObject: claims["roles"] = ["AdminAgent": true]
            case .rolesWithNumber: claims["roles"] = ["AdminAgent", 1]
            case .rolesNull: claims["roles"] = .null
            }
            return claims
        }
    }

    @Test("Hardening: a signed token with a missing or ill-typed claim is 401, not accepted or 403", arguments: BadClaim.allCases)
    func badClaims(_ bad: BadClaim) throws {
        let world = try AppTestSupport.keyedWorld()
        let before = try world.snapshot()
        let token = AppTestSupport.sign(bad.claims())
        for (method, path, body) in [(HTTPMethod.get, "/portal/partnerships", nil),
                                     (.post, "/portal/partnerships", ["resellerTenantId": .string(Demo.northwind)] as JSON?)] {
            let response = try world.request(method, path, token: token, body: body)
            AuthTests.expectUnauthorized(response)
        }
        #expect(try world.snapshot() == before)
    }

    @Test("Hardening: a validly signed token whose header names critical extensions ('crit') is 401 (RFC 7515 4.1.11)")
    func criticalHeaderRefused() throws {
        let world = try AppTestSupport.keyedWorld()
        let header: JSON = ["alg": "HS256", "typ": "JWT", "crit": ["exp"]]
        let input = Base64URL.encode(header.serialized()) + "." + Base64URL.encode(JSON.object(AppTestSupport.claims(tenant: Demo.fabrikam)).serialized())
        let signature = HMACSHA256.authenticationCode(key: Array(AppTestSupport.signingKey.utf8), message: Array(input.utf8))
        let response = try world.request(.get, "/portal/partnerships", token: input + "." + Base64URL.encode(signature))
        AuthTests.expectUnauthorized(response)
    }

    @Test("Hardening: the claims pcsim writes, and optional ones left out, still verify")
    func goodClaimsVariants() throws {
        let world = try AppTestSupport.keyedWorld()
        var withoutOptional = AppTestSupport.claims(tenant: Demo.fabrikam)
        for name in ["nbf", "iat", "idtyp"] { _ = withoutOptional.removeValue(forKey: name) }
        var appToken = AppTestSupport.claims(tenant: Demo.fabrikam)
        appToken["idtyp"] = "app"
        var unknownRole = AppTestSupport.claims(tenant: Demo.fabrikam, roles: ["AdminAgent", "SomeFutureRole"])
        unknownRole["nbf"] = .double(Date().timeIntervalSince1970 - 10.5)
        for claims in [AppTestSupport.claims(tenant: Demo.fabrikam), withoutOptional, appToken, unknownRole] {
            let response = try world.request(.get, "/portal/partnerships", token: AppTestSupport.sign(claims))
            #expect(response.status == 200, "\(claims): \(response.text)")
        }
        // An empty roles array is a valid token that no role-protected route accepts: 403.
        let noRoles = try world.request(.get, "/portal/partnerships", token: AppTestSupport.sign(AppTestSupport.claims(tenant: Demo.fabrikam, roles: [])))
        #expect(noRoles.status == 403)
    }

    // MARK: Item 13: size and cache

    @Test("Hardening: a token over 16 KB is 401 before verification and is not cached")
    func oversizedToken() throws {
        let world = try AppTestSupport.keyedWorld()
        // Validly signed, so only the size can refuse it.
        var claims = AppTestSupport.claims(tenant: Demo.fabrikam)
        claims["padding"] = .string(String(repeating: "x", count: 17 * 1024))
        let big = AppTestSupport.sign(claims)
        let cached = world.services.tokens.cachedCount
        let response = try world.request(.get, "/portal/partnerships", token: big)
        AuthTests.expectUnauthorized(response)
        #expect(response["description"]?.stringValue?.contains("16 KB") == true, "\(response.text)")
        #expect(world.services.tokens.cachedCount == cached)
        // Just under the limit is fine.
        claims["padding"] = .string(String(repeating: "x", count: 10 * 1024))
        #expect(try world.request(.get, "/portal/partnerships", token: AppTestSupport.sign(claims)).status == 200)
    }

    @Test("Hardening: the token cache stays under its byte cap after many distinct large tokens, evicting the oldest")
    func cacheBoundedByBytes() throws {
        #expect(TokenService(signingKey: [1]).cacheLimit == 8 * 1024 * 1024, "the production cap")
        // A smaller cap, so a debug build hashes little: 300 tokens of about 1.5 KB are seven
        // times the 64 KB cap.
        let limit = 64 * 1024
        let service = TokenService(signingKey: Array("cache-test-key".utf8), cacheByteLimit: limit)
        func token(_ index: Int) -> String {
            var claims = AppTestSupport.claims(tenant: Demo.fabrikam)
            claims["oid"] = .string("user-\(index)")
            claims["padding"] = .string(String(repeating: "o", count: 800))
            return AppTestSupport.sign(claims, key: "cache-test-key")
        }
        let first = token(0)
        _ = try service.principal(fromAuthorization: "Bearer \(first)")
        var largest = 0
        for index in 1...300 {
            _ = try service.principal(fromAuthorization: "Bearer \(token(index))")
            largest = max(largest, service.cachedBytes)
        }
        #expect(largest <= limit)
        #expect(service.cachedBytes > limit / 2, "evicts one by one, not everything")
        #expect(service.cachedCount > 20 && service.cachedCount < 300)
        // A hit adds nothing; the evicted first token still verifies (and is cached again).
        let newest = token(300)
        _ = try service.principal(fromAuthorization: "Bearer \(newest)")
        let count = service.cachedCount
        _ = try service.principal(fromAuthorization: "Bearer \(newest)")
        #expect(service.cachedCount == count)
        #expect(try service.principal(fromAuthorization: "Bearer \(first)").objectId == "user-0")
        #expect(service.cachedBytes <= limit)
    }

    @Test("Hardening: TokenCache charges each entry once and never exceeds its limit")
    func tokenCacheUnit() {
        var cache = TokenCache(byteLimit: 10_000)
        let principal = Principal(tenantId: "t", objectId: "o", roles: [], identityType: .user)
        let entry = TokenCache.Entry(principal: principal, expiresAt: 0)
        for index in 0..<500 {
            let token = "token-\(index)-" + String(repeating: "z", count: index % 700)
            cache.insert(token, entry)
            cache.insert(token, entry)   // a racing second verification of the same token
            #expect(cache.bytes <= 10_000)
        }
        let recomputed = (0..<500).map { "token-\($0)-" + String(repeating: "z", count: $0 % 700) }
            .compactMap { token in cache.entry(token).map { TokenCache.cost(token, $0) } }.reduce(0, +)
        #expect(cache.bytes == recomputed)
        #expect(cache.entry("token-499-" + String(repeating: "z", count: 499 % 700)) != nil)
        #expect(cache.entry("token-0-") == nil)
        // An entry larger than the whole cache is not stored (and evicts nothing).
        let held = cache.count
        cache.insert(String(repeating: "q", count: 20_000), entry)
        #expect(cache.count == held)
    }
}

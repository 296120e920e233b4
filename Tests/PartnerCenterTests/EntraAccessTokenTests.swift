import Cryptography
import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import SQLite
import Testing

/// RS256 access tokens shaped as Entra ID's for Partner Center (issue 13): the claims a real
/// token carries, verified by the API like the HS256 tokens of /_sim/tokens.
/// Claims: https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference
@Suite("Entra access tokens (RS256)")
struct EntraAccessTokenTests {
    typealias Demo = TestWorld.Demo
    static let client = "0b1c2d3e-4f50-4a61-8b72-9c83d4e5f607"

    static func grant(_ version: AccessTokenGrant.Version = .v1, tenant: String = Demo.contoso, roles: [Role] = [.adminAgent],
                      user: Bool = false) -> AccessTokenGrant {
        AccessTokenGrant(version: version, tenantId: tenant, objectId: "5f1e2d3c-0000-4000-8000-00000000a001",
                         clientId: client, roles: roles, scopes: user ? ["user_impersonation"] : [],
                         identityType: user ? .user : .app, userName: user ? "admin@contoso.onmicrosoft.com" : nil,
                         displayName: user ? "Contoso Admin" : nil, issuerBase: "https://127.0.0.1:8443")
    }

    static func parts(_ token: String) throws -> (header: JSON, claims: JSON) {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard segments.count == 3, let header = Base64URL.decode(segments[0]), let claims = Base64URL.decode(segments[1]) else {
            throw TestFailure("not a JWT: \(token)")
        }
        return (try JSON.parse(header), try JSON.parse(claims))
    }

    @Test("v1 app token carries the claims of a real Partner Center app-only token")
    func v1AppClaims() throws {
        let world = try TestWorld()
        let token = try world.services.tokens.mintAccessToken(Self.grant(.v1))
        let (header, claims) = try Self.parts(token)
        #expect(header["alg"] == "RS256")
        #expect(header["kid"]?.stringValue?.isEmpty == false)
        #expect(claims["aud"] == "https://api.partnercenter.microsoft.com")
        #expect(claims["iss"]?.stringValue == "https://127.0.0.1:8443/\(Demo.contoso)/")
        #expect(claims["idp"] == claims["iss"])
        #expect(claims["tid"]?.stringValue == Demo.contoso)
        #expect(claims["appid"]?.stringValue == Self.client)
        #expect(claims["appidacr"] == "1")
        #expect(claims["azp"] == nil)
        #expect(claims["idtyp"] == "app")
        #expect(claims["ver"] == "1.0")
        #expect(claims["roles"] == ["AdminAgent"])
        #expect(claims["scp"] == nil)
        #expect(claims["oid"] == claims["sub"])
        let iat = try #require(claims["iat"]?.intValue), exp = try #require(claims["exp"]?.intValue)
        #expect(claims["nbf"]?.intValue == iat)
        #expect(exp - iat == 3600)
        #expect(claims["uti"]?.stringValue?.isEmpty == false)
    }

    @Test("v2 user token carries azp, scp, preferred_username and the v2 issuer")
    func v2UserClaims() throws {
        let world = try TestWorld()
        let (_, claims) = try Self.parts(try world.services.tokens.mintAccessToken(Self.grant(.v2, user: true)))
        #expect(claims["iss"]?.stringValue == "https://127.0.0.1:8443/\(Demo.contoso)/v2.0")
        #expect(claims["azp"]?.stringValue == Self.client)
        #expect(claims["azpacr"] == "1")
        #expect(claims["appid"] == nil)
        #expect(claims["scp"] == "user_impersonation")
        #expect(claims["preferred_username"] == "admin@contoso.onmicrosoft.com")
        #expect(claims["name"] == "Contoso Admin")
        #expect(claims["idtyp"] == "user")
        #expect(claims["ver"] == "2.0")
        #expect(claims["amr"] == ["pwd"])
    }

    @Test("an RS256 token is accepted by a /v1 route and stays inside its tenant")
    func acceptedByTheAPI() throws {
        let world = try TestWorld()
        let token = try world.services.tokens.mintAccessToken(Self.grant(.v2))
        let response = try world.request(.post, "/v1/partners/validateresellers", token: token, body: ["partnerIds": ["5100001"]])
        #expect(response.status == 200)
        let principal = try world.services.tokens.principal(fromAuthorization: "Bearer \(token)")
        #expect(principal == Principal(tenantId: Demo.contoso, objectId: "5f1e2d3c-0000-4000-8000-00000000a001",
                                       roles: [.adminAgent], identityType: .app))
        // Another tenant's customer is not this token's to read.
        let foreign = try world.request(.get, "/v1/customers/\(Demo.relecloud)", token: try world.services.tokens.mintAccessToken(
            Self.grant(.v1, tenant: Demo.wideworld)))
        #expect(foreign.status == 404 || foreign.status == 403)
    }

    @Test("an RS256 token without roles is valid and has none (Entra leaves the claim out)")
    func noRolesClaim() throws {
        let world = try TestWorld()
        let token = try world.services.tokens.mintAccessToken(Self.grant(roles: []))
        #expect(try Self.parts(token).claims["roles"] == nil)
        #expect(try world.services.tokens.principal(fromAuthorization: "Bearer \(token)").roles.isEmpty)
        let before = try world.snapshot()
        let refused = try world.request(.post, "/v1/partners/validateresellers", token: token, body: ["partnerIds": ["5100001"]])
        #expect(refused.status == 403)
        #expect(refused.json["code"]?.intValue == 900150)
        #expect(try world.snapshot() == before)
    }

    /// Ways an RS256 token can be wrong; each is 401 400 and changes nothing.
    enum Forgery: String, CaseIterable, Sendable {
        case tamperedPayload, otherKey, otherKeyId, issuerOfAnotherTenant, issuerNotURL, signatureOfHS256, truncatedSignature
    }

    @Test("a forged or altered RS256 token is refused with 401 400", arguments: Forgery.allCases)
    func forgeries(_ forgery: Forgery) throws {
        let world = try TestWorld()
        let tokens = world.services.tokens
        let good = try tokens.mintAccessToken(Self.grant())
        let segments = good.split(separator: ".").map(String.init)
        var claims = try Self.parts(good).claims.objectValue ?? [:]
        let key = try tokens.keyring.signingKey()
        func signed(_ claims: JSONObject, with signingKey: RS256Keyring.SigningKey = key, kid: String? = nil) throws -> String {
            let header: JSON = ["typ": "JWT", "alg": "RS256", "kid": .string(kid ?? signingKey.keyId)]
            let input = Base64URL.encode(header.serialized()) + "." + Base64URL.encode(JSON.object(claims).serialized())
            return input + "." + Base64URL.encode(try signingKey.key.sign(Array(input.utf8)))
        }
        let token: String
        switch forgery {
        case .tamperedPayload:
            claims["roles"] = ["AdminAgent", "MicrosoftSupport"]
            token = segments[0] + "." + Base64URL.encode(JSON.object(claims).serialized()) + "." + segments[2]
        case .otherKey:
            token = try signed(claims, with: RS256Keyring.SigningKey(try RSASigningKey.generate()), kid: key.keyId)
        case .otherKeyId:
            token = try signed(claims, kid: "another-key")
        case .issuerOfAnotherTenant:
            claims["iss"] = .string("https://127.0.0.1:8443/\(Demo.wideworld)/v2.0")
            token = try signed(claims)
        case .issuerNotURL:
            claims["iss"] = .string("\(Demo.contoso)/")
            token = try signed(claims)
        case .signatureOfHS256:
            let input = segments[0] + "." + segments[1]
            token = input + "." + Base64URL.encode(HMACSHA256.authenticationCode(key: Array(AppTestSupport.signingKey.utf8),
                                                                                  message: Array(input.utf8)))
        case .truncatedSignature:
            token = segments[0] + "." + segments[1] + "." + String(segments[2].dropLast(8))
        }
        let before = try world.snapshot()
        let response = try world.request(.post, "/v1/partners/validateresellers", token: token, body: ["partnerIds": ["5100001"]])
        #expect(response.status == 401)
        #expect(response.json["code"]?.intValue == 400)
        #expect(try world.snapshot() == before)
    }

    @Test("an RS256 token is invalid on an instance that has no RS256 key yet")
    func noKeyNoToken() throws {
        let world = try TestWorld()
        let token = try world.services.tokens.mintAccessToken(Self.grant())
        let fresh = TokenService(signingKey: Array(AppTestSupport.signingKey.utf8))
        #expect(throws: TokenService.VerificationError.self) { try fresh.principal(fromAuthorization: "Bearer \(token)") }
        #expect(fresh.keyring.current == nil)  // verifying made no key
    }

    @Test("the JWKS publishes the signing key: its kid is the RFC 7638 thumbprint, n and e verify the tokens")
    func jsonWebKeySet() throws {
        let world = try TestWorld()
        let jwks = try world.services.tokens.jsonWebKeySet()
        let keys = try #require(jwks["keys"]?.arrayValue)
        #expect(keys.count == 1)
        let jwk = keys[0]
        #expect(jwk["kty"] == "RSA" && jwk["use"] == "sig" && jwk["alg"] == "RS256")
        #expect(jwk["e"] == "AQAB")
        let n = try #require(jwk["n"]?.stringValue), e = try #require(jwk["e"]?.stringValue)
        let thumbprint = Base64URL.encode(SHA256.hash(Array(#"{"e":"\#(e)","kty":"RSA","n":"\#(n)"}"#.utf8)))
        #expect(jwk["kid"]?.stringValue == thumbprint)
        let token = try world.services.tokens.mintAccessToken(Self.grant())
        #expect(try Self.parts(token).header["kid"]?.stringValue == thumbprint)
        #expect(Base64URL.decode(n) == (try world.services.tokens.keyring.signingKey()).key.modulus)
    }

    @Test("a key made on first use is stored in an owner-only database file, and tokens it signed verify after a restart")
    func keyPersistsAcrossRestarts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pcsim-rs256-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        let configuration = SimulatorConfiguration(databasePath: path, empty: true)
        let first = try Simulator.open(configuration, logger: AppTestSupport.quietLogger)
        #expect(first.tokens.keyring.current == nil)  // not made at startup
        let token = try first.tokens.mintAccessToken(Self.grant())
        // The key is stored off the minting thread: wait for it.
        var stored: String?
        for _ in 0..<200 where stored == nil {
            stored = try first.database.read { db in try Settings.get(Settings.rsaSigningKey, db) }
            if stored == nil { usleep(10_000) }
        }
        #expect(stored?.hasPrefix("-----BEGIN PRIVATE KEY-----") == true)
        // The file holding the key (and the app secrets) is the owner's only.
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        first.database.close()
        let second = try Simulator.open(configuration, logger: AppTestSupport.quietLogger)
        defer { second.database.close() }
        #expect(second.tokens.keyring.current?.keyId == first.tokens.keyring.current?.keyId)
        #expect(try second.tokens.principal(fromAuthorization: "Bearer \(token)").tenantId == Demo.contoso)
    }

    @Test("HS256 tokens of /_sim/tokens keep working next to RS256 ones")
    func hs256StillWorks() throws {
        let world = try TestWorld()
        _ = try world.services.tokens.mintAccessToken(Self.grant())
        let response = try world.request(.post, "/v1/partners/validateresellers", as: "distributor-admin", body: ["partnerIds": ["5100001"]])
        #expect(response.status == 200)
    }
}

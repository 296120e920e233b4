import Cryptography
import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Testing

/// Authentication and authorization conventions of spec/api.md: every refused token is
/// 401 400 with `WWW-Authenticate: Bearer`; a valid token without an accepted role is
/// 403 900150; the control plane needs `X-Admin-Key` when an admin key is configured.
@Suite("Authentication and roles")
struct AuthTests {
    typealias Demo = TestWorld.Demo

    /// Every way an Authorization header can be wrong.
    enum BadAuthorization: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case notBearer, bearerWithoutToken, notAJWT, twoParts, fourParts, headerNotJSON
        case algNoneUnsigned, algNoneWithSignature, otherAlgorithm, emptySignature
        case tamperedPayload, wrongKey, expired, missingExp, missingTid, missingOid, wrongAudience, payloadNotJSON

        var testDescription: String { rawValue }

        func header() -> String {
            let tenant = TestWorld.Demo.contoso
            let good = AppTestSupport.claims(tenant: tenant)
            let goodToken = AppTestSupport.sign(good)
            let parts = goodToken.split(separator: ".").map(String.init)
            func without(_ claim: String) -> String {
                var claims = good
                _ = claims.removeValue(forKey: claim)
                return "Bearer " + AppTestSupport.sign(claims)
            }
            switch self {
            case .notBearer: return "Basic dXNlcjpwYXNzd29yZA=="
            case .bearerWithoutToken: return "Bearer "
            case .notAJWT: return "Bearer not-a-token"
            case .twoParts: return "Bearer \(parts[0]).\(parts[1])"
            case .fourParts: return "Bearer \(goodToken).\(parts[2])"
            case .headerNotJSON: return "Bearer \(AppTestSupport.base64URL("not json")).\(parts[1]).\(parts[2])"
            case .algNoneUnsigned:
                return "Bearer \(AppTestSupport.base64URL(#"{"alg":"none","typ":"JWT"}"#)).\(parts[1])."
            case .algNoneWithSignature:
                return "Bearer \(AppTestSupport.base64URL(#"{"alg":"none","typ":"JWT"}"#)).\(parts[1]).\(parts[2])"
            case .otherAlgorithm:
                return "Bearer \(AppTestSupport.base64URL(#"{"alg":"RS256","typ":"JWT"}"#)).\(parts[1]).\(parts[2])"
            case .emptySignature: return "Bearer \(parts[0]).\(parts[1])."
            case .tamperedPayload:
                var claims = good
                claims["roles"] = ["AdminAgent", "GlobalAdmin", "MicrosoftSupport"]
                return "Bearer \(parts[0]).\(Base64URL.encode(JSON.object(claims).serialized())).\(parts[2])"
            case .wrongKey: return "Bearer " + AppTestSupport.sign(good, key: "some-other-instance-key")
            case .expired:
                return "Bearer " + AppTestSupport.sign(AppTestSupport.claims(tenant: tenant, expiresIn: -60))
            case .missingExp: return without("exp")
            case .missingTid: return without("tid")
            case .missingOid: return without("oid")
            case .wrongAudience:
                var claims = good
                claims["aud"] = "https://graph.microsoft.com"
                return "Bearer " + AppTestSupport.sign(claims)
            case .payloadNotJSON:
                let signingInput = parts[0] + "." + AppTestSupport.base64URL("[not json")
                let signature = HMACSHA256.authenticationCode(key: Array(AppTestSupport.signingKey.utf8), message: Array(signingInput.utf8))
                return "Bearer \(signingInput).\(Base64URL.encode(signature))"
            }
        }
    }

    static func expectUnauthorized(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == 401, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.code == 400, sourceLocation: sourceLocation)
        #expect(response.headers["WWW-Authenticate"] == "Bearer", sourceLocation: sourceLocation)
        #expect(response["source"]?.stringValue == "PartnerCenterSimulator", sourceLocation: sourceLocation)
        #expect(response["description"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
    }

    @Test("a request without a token is 401 400 with WWW-Authenticate: Bearer")
    func missingToken() throws {
        let world = try TestWorld()
        Self.expectUnauthorized(try world.request(.get, "/portal/partnerships"))
        Self.expectUnauthorized(try world.request(.get, "/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf",
                                                  headers: [("Authorization", "")]))
    }

    @Test("a forged, malformed, expired or foreign token is 401", arguments: BadAuthorization.allCases)
    func refusedToken(_ bad: BadAuthorization) throws {
        let world = try AppTestSupport.keyedWorld()
        // The unforged token works, so each case fails for its own reason only.
        let good = AppTestSupport.sign(AppTestSupport.claims(tenant: Demo.contoso))
        #expect(try world.request(.get, "/portal/partnerships", token: good).status == 200)

        let response = try world.request(.get, "/portal/partnerships", headers: [("Authorization", bad.header())])
        Self.expectUnauthorized(response)
    }

    @Test("a refused token on a write changes nothing")
    func refusedTokenOnWrite() throws {
        let world = try AppTestSupport.keyedWorld()
        let before = try world.snapshot()
        let forged = AppTestSupport.sign(AppTestSupport.claims(tenant: Demo.contoso), key: "wrong")
        Self.expectUnauthorized(try world.request(.post, "/portal/partnerships", token: forged,
                                                  body: ["resellerTenantId": .string(Demo.northwind)]))
        // Authentication comes before body validation: a broken body does not leak a 400.
        Self.expectUnauthorized(try world.request(.post, "/portal/partnerships", rawBody: Array("{oops".utf8)))
        #expect(try world.snapshot() == before)
    }

    @Test("a token minted by the token service with a past issue time is expired")
    func expiredMintedToken() throws {
        let world = try TestWorld()
        let expired = world.services.tokens.mint(tenantId: Demo.contoso, objectId: "old", roles: [.adminAgent],
                                                 identityType: .user, expiresIn: 600, now: Date().addingTimeInterval(-3600))
        let response = try world.request(.get, "/portal/partnerships", token: expired)
        Self.expectUnauthorized(response)
        #expect(response["description"]?.stringValue?.contains("expired") == true)
        // Still expired on a second try (the verified-token cache does not resurrect it).
        Self.expectUnauthorized(try world.request(.get, "/portal/partnerships", token: expired))
    }

    @Test("a cached valid token is refused once it expires")
    func cachedTokenExpires() throws {
        let world = try TestWorld()
        let token = world.services.tokens.mint(tenantId: Demo.contoso, objectId: "soon", roles: [.adminAgent],
                                               identityType: .user, expiresIn: 60)
        #expect(throws: Never.self) { try world.services.tokens.principal(fromAuthorization: "Bearer \(token)") }
        #expect(throws: TokenService.VerificationError.invalid("the token has expired")) {
            try world.services.tokens.principal(fromAuthorization: "Bearer \(token)", now: Date().addingTimeInterval(120))
        }
    }

    @Test("the Bearer scheme name is case-insensitive")
    func schemeCaseInsensitive() throws {
        let world = try TestWorld()
        let token = try world.token("distributor-admin")
        #expect(try world.request(.get, "/portal/partnerships", headers: [("Authorization", "bearer \(token)")]).status == 200)
        #expect(try world.request(.get, "/portal/partnerships", headers: [("Authorization", "BEARER \(token)")]).status == 200)
    }

    @Test("a valid token without an accepted role is 403 900150")
    func wrongRole() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        // ExecutiveReportViewer may read but not request partnerships.
        let response = try world.request(.post, "/portal/partnerships", as: "distributor-reports",
                                          body: ["resellerTenantId": .string(Demo.northwind)])
        #expect(response.status == 403)
        #expect(response.code == 900150)
        #expect(response.headers["WWW-Authenticate"] == nil)
        #expect(try world.snapshot() == before)
        // A customer's admin is no partner role at all.
        let customer = try world.request(.get, "/v1/relationships?relationship_type=IsIndirectResellerOf", as: "relecloud-admin")
        #expect(customer.status == 403)
        #expect(customer.code == 900150)
        // A token with no roles at all.
        let none = world.token(tenant: Demo.contoso, roles: [])
        #expect(try world.request(.get, "/portal/partnerships", token: none).code == 900150)
    }

    @Test("a token of a tenant that is not a partner is 403 900150")
    func wrongTenant() throws {
        let world = try TestWorld()
        let stranger = world.token(tenant: "0f0f0f0f-0000-4000-8000-000000000000", roles: [.adminAgent])
        let response = try world.request(.get, "/portal/partnerships", token: stranger)
        #expect(response.status == 403)
        #expect(response.code == 900150)
    }

    @Test("an app-only token works where the route allows apps")
    func appOnlyToken() throws {
        let world = try TestWorld()
        let app = world.token(tenant: Demo.contoso, roles: [.adminAgent], user: "app-contoso", app: true)
        let principal = try world.services.tokens.principal(fromAuthorization: "Bearer \(app)")
        #expect(principal.identityType == .app)
        let response = try world.request(.post, "/v1/partners/validateresellers", token: app,
                                          body: ["partnerIds": ["5100001"]])
        #expect(response.status == 200)
        #expect(response["validationResults"]?[0]?["isValidPartnerIdOnRecord"]?.boolValue == true)
    }

    @Test("tokens from POST /_sim/tokens authenticate, app-only included")
    func mintedThroughControlPlane() throws {
        let world = try TestWorld()
        let minted = try world.request(.post, "/_sim/tokens",
                                       body: ["tenantId": .string(Demo.contoso.uppercased()), "roles": ["adminagent"], "appOnly": true])
        #expect(minted.status == 201)
        #expect(minted["tokenType"]?.stringValue == "Bearer")
        let token = try #require(minted["accessToken"]?.stringValue)
        let principal = try world.services.tokens.principal(fromAuthorization: "Bearer \(token)")
        #expect(principal.tenantId == Demo.contoso)
        #expect(principal.roles == [.adminAgent])
        #expect(principal.identityType == .app)
        #expect(try world.request(.post, "/v1/partners/validateresellers", token: token, body: ["partnerIds": ["5100001"]]).status == 200)
    }

    @Test("with an admin key configured the control plane needs X-Admin-Key, else 403 700006")
    func controlPlaneAdminKey() throws {
        let world = try TestWorld(configuration: SimulatorConfiguration(adminKey: "s3cret-admin-key-0123"))
        for (method, path) in [(HTTPMethod.get, "/_sim/clock"), (.get, "/_sim/principals"), (.post, "/_sim/reset")] {
            let refused = try world.request(method, path)
            #expect(refused.status == 403, "\(path)")
            #expect(refused.code == 700006, "\(path)")
            let wrong = try world.request(method, path, headers: [("X-Admin-Key", "guess")])
            #expect(wrong.code == 700006, "\(path)")
        }
        #expect(try world.count("partners") > 0, "the refused reset changed nothing")
        #expect(try world.request(.get, "/_sim/clock", headers: [("X-Admin-Key", "s3cret-admin-key-0123")]).status == 200)
        // A bearer token is no substitute for the admin key.
        let refused = try world.request(.get, "/_sim/clock", as: "distributor-admin")
        #expect(refused.code == 700006)
        // The admin key guards the control plane only.
        #expect(try world.request(.get, "/portal/partnerships", as: "distributor-admin").status == 200)
    }

    @Test("with an admin key, health answers everyone: the status alone without the key, the full report with it")
    func healthOpenToProbes() throws {
        let key = "s3cret-admin-key-0123"
        let world = try TestWorld(configuration: SimulatorConfiguration(adminKey: key))
        for headers in [[], [("X-Admin-Key", "guess")]] {
            let minimal = try world.request(.get, "/_sim/health", headers: headers)
            #expect(minimal.status == 200)
            #expect(minimal.json.objectValue?.keys == ["status"], "\(minimal.json)")
            #expect(minimal["status"]?.stringValue == "Healthy")
        }
        let full = try world.request(.get, "/_sim/health", headers: [("X-Admin-Key", key)])
        #expect(full.status == 200)
        #expect(full["status"]?.stringValue == "Healthy")
        #expect(full["schemaVersion"]?.intValue != nil, "\(full.json)")
        #expect(full["now"]?.stringValue != nil)

        // An unhealthy instance answers 503 to both, and only the key holder learns why.
        world.services.storageFailed("the disk is full")
        let refused = try world.request(.get, "/_sim/health")
        #expect(refused.status == 503)
        #expect(refused.json.objectValue?.keys == ["status"], "\(refused.json)")
        #expect(refused["status"]?.stringValue == "Unhealthy")
        let explained = try world.request(.get, "/_sim/health", headers: [("X-Admin-Key", key)])
        #expect(explained.status == 503)
        #expect(explained["reason"]?.stringValue == "the disk is full")
    }

    @Test("without an admin key the control plane needs no token")
    func controlPlaneOpenByDefault() throws {
        let world = try TestWorld()
        #expect(try world.request(.get, "/_sim/clock").status == 200)
        #expect(try world.request(.get, "/_sim/health").status == 200)
    }

    @Test("anonymous routes need no token")
    func anonymousRoutes() throws {
        let world = try TestWorld()
        #expect(try world.request(.get, "/openapi.yaml").status == 200)
        // An invitation link is readable by whoever holds it: unknown is 404, not 401.
        #expect(try world.request(.get, "/portal/invitations/00000000-0000-4000-8000-000000000000").status == 404)
    }
}

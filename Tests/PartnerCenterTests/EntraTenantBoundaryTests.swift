import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// Issue 13 review: an app is known only in its own tenant, so no app can test the secrets,
/// passwords or refresh tokens of another tenant's users: the answer is the same whether the
/// credential is right or wrong. And a partner's status is Partner Center's, not Entra's.
@Suite("Entra sign-in: tenant boundaries")
struct EntraTenantBoundaryTests {
    typealias Demo = TestWorld.Demo
    typealias Apps = TestWorld.Apps

    static let northwindAdmin = "admin@northwind.onmicrosoft.com"
    static let northwindPassword = "Northwind-Admin-1!"

    /// The password grant of contoso's public client for `user` on `authority`.
    private func signIn(_ world: TestWorld, _ authority: String, user: String, password: String, v1: Bool = false) throws -> TestResponse {
        var fields = [("client_id", Apps.contosoCLI), ("grant_type", "password"), ("username", user), ("password", password)]
        fields.append(v1 ? ("resource", Apps.partnerCenter) : ("scope", Apps.partnerCenter + "/user_impersonation offline_access"))
        return try world.token(authority, fields, v1: v1)
    }

    /// The parts of an Entra error that do not change from one request to the next.
    private func stable(_ response: TestResponse) -> [String] {
        let description = response["error_description"]?.stringValue ?? ""
        let message = description.components(separatedBy: "\r\n").first ?? ""
        return [String(response.status), response["error"]?.stringValue ?? "", "\(response["error_codes"] ?? .null)", message]
    }

    @Test("on another tenant's authority an app is unknown (700016) before its user's password is compared: right and wrong passwords answer alike")
    func tenantAuthorityAnswersBeforeThePassword() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        for v1 in [false, true] {
            let right = try signIn(world, Demo.northwind, user: Self.northwindAdmin, password: Self.northwindPassword, v1: v1)
            let wrong = try signIn(world, Demo.northwind, user: Self.northwindAdmin, password: "not-the-password", v1: v1)
            try expectEntraError(right, 400, "unauthorized_client", 700016, world, unchanged: before)
            try expectEntraError(wrong, 400, "unauthorized_client", 700016, world, unchanged: before)
            #expect(stable(right) == stable(wrong))
            #expect(right["error_description"]?.stringValue?.contains("'\(Demo.northwind)'") == true, "\(right.text)")
        }
        // Northwind's own app with the same user signs in: the user and password are fine.
        #expect(try world.request(.post, "/_sim/apps", body: ["tenantId": .string(Demo.northwind), "roles": [], "publicClient": true,
                                                              "clientId": "e1000000-0000-4000-8000-000000000001"]).status == 201)
        let own = try world.token(Demo.northwind, [("client_id", "e1000000-0000-4000-8000-000000000001"), ("grant_type", "password"),
                                                   ("username", Self.northwindAdmin), ("password", Self.northwindPassword),
                                                   ("scope", Apps.partnerCenter + "/.default")])
        #expect(own.status == 200, "\(own.text)")
    }

    @Test("a confidential app of another tenant is unknown there before its secret is checked (700016, not 7000215 or 7000218)")
    func tenantAuthorityAnswersBeforeTheSecret() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        for secret in [Apps.contosoSecret, "wrong-secret-value", nil] {
            var fields = [("client_id", Apps.contoso), ("grant_type", "password"), ("username", Self.northwindAdmin),
                          ("password", Self.northwindPassword), ("scope", Apps.partnerCenter + "/.default")]
            if let secret { fields.append(("client_secret", secret)) }
            try expectEntraError(try world.token(Demo.northwind, fields), 400, "unauthorized_client", 700016, world, unchanged: before)
            // The client credentials grant likewise.
            var app = [("client_id", Apps.contoso), ("grant_type", "client_credentials"), ("scope", Apps.partnerCenter + "/.default")]
            if let secret { app.append(("client_secret", secret)) }
            try expectEntraError(try world.token(Demo.northwind, app), 400, "unauthorized_client", 700016, world, unchanged: before)
        }
    }

    @Test("on common and organizations, another tenant's user is the app's 700016 naming the user's tenant, right or wrong password, existing user or not")
    func multiTenantAuthorityAnswersBeforeThePassword() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        for authority in ["common", "organizations"] {
            let right = try signIn(world, authority, user: Self.northwindAdmin, password: Self.northwindPassword)
            let wrong = try signIn(world, authority, user: Self.northwindAdmin, password: "not-the-password")
            let nobody = try signIn(world, authority, user: "nobody@northwind.onmicrosoft.com", password: "whatever-it-is")
            for response in [right, wrong, nobody] {
                try expectEntraError(response, 400, "unauthorized_client", 700016, world, unchanged: before)
                #expect(response["error_description"]?.stringValue?.contains("'\(Demo.northwind)'") == true, "\(response.text)")
            }
            #expect(stable(right) == stable(wrong) && stable(wrong) == stable(nobody))
        }
        // The app's own users still get their own answers there.
        try expectEntraError(try signIn(world, "common", user: Apps.distributorAdmin, password: "wrong"), 400, "invalid_grant", 50126, world)
        #expect(try signIn(world, "common", user: Apps.distributorAdmin, password: Apps.distributorAdminPassword).status == 200)
    }

    @Test("a refresh token on another tenant's authority is the app's 700016 (checked before the token is read)")
    func refreshOnAnotherTenant() throws {
        let world = try TestWorld()
        let token = try #require(try world.userToken()["refresh_token"]?.stringValue)
        let before = try world.snapshot()
        for text in [token, "pcsim.rt.forged"] {
            let response = try world.token(Demo.northwind, [("client_id", Apps.contosoCLI), ("grant_type", "refresh_token"), ("refresh_token", text),
                                                           ("scope", Apps.partnerCenter + "/user_impersonation offline_access")])
            try expectEntraError(response, 400, "unauthorized_client", 700016, world, unchanged: before)
        }
    }

    // MARK: Partner status (Partner Center's, not Entra's)

    @Test("a suspended partner's app gets tokens (Entra knows no Partner Center status) and the API answers them as it answers the partner's other tokens")
    func suspendedPartnerSignsIn() throws {
        let world = try TestWorld()
        let wideworldApp = "a2a00000-0000-4000-8000-000000000005"
        let entra = try world.appToken(Demo.wideworld, client: wideworldApp, secret: "wideworld-app-secret-0001")
        #expect(entra.status == 200, "\(entra.text)")
        let token = try #require(entra["access_token"]?.stringValue)
        let simToken = try world.token("wideworld-admin")
        // The API answers as for the partner's /_sim token: its own rules for suspended
        // partners (no new customers, 400 900400) are where a suspension shows.
        for target in ["/v1/customers", "/v1/profiles/mpn"] {
            let viaEntra = try world.request(.get, target, token: token)
            let viaSim = try world.request(.get, target, token: simToken)
            #expect(viaEntra.status == viaSim.status && viaEntra.json == viaSim.json, "\(target): \(viaEntra.text) vs \(viaSim.text)")
        }
        #expect(try world.request(.get, "/v1/customers", token: token).status == 200)
        // /_sim/apps registers apps for it as well: it is a partner tenant of the world.
        let created = try world.request(.post, "/_sim/apps", body: ["tenantId": .string(Demo.wideworld), "roles": ["AdminAgent"]])
        #expect(created.status == 201, "\(created.text)")
        let registered = try world.appToken(Demo.wideworld, client: try #require(created["clientId"]?.stringValue),
                                            secret: try #require(created["secret"]?.stringValue))
        #expect(registered.status == 200, "\(registered.text)")
    }

    @Test("a deleted partner's app still gets tokens; the API then refuses what it refuses a deleted partner (its MPN profile is gone)")
    func deletedPartnerSignsIn() throws {
        let world = try TestWorld()
        let changed = try world.request(.patch, "/portal/partners/\(Demo.fabrikam)", as: "microsoft-support", body: ["status": "Deleted"])
        #expect(changed.status == 200, "\(changed.text)")
        let entra = try world.appToken(Demo.fabrikam, client: Apps.fabrikam, secret: Apps.fabrikamSecret)
        #expect(entra.status == 200, "\(entra.text)")
        let token = try #require(entra["access_token"]?.stringValue)
        let simToken = try world.token("reseller-admin")
        for target in ["/v1/profiles/mpn?mpnId=5100001", "/v1/customers"] {
            let viaEntra = try world.request(.get, target, token: token)
            let viaSim = try world.request(.get, target, token: simToken)
            #expect(viaEntra.status == viaSim.status && viaEntra.code == viaSim.code, "\(target): \(viaEntra.text) vs \(viaSim.text)")
        }
        #expect(try world.request(.get, "/v1/profiles/mpn?mpnId=5100001", token: token).status == 404, "a deleted partner's PLA id has no profile")
    }
}

import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/entra/identity-platform/v2-oauth-ropc
@Suite("Contract: v2-oauth-ropc")
struct PasswordGrantContractTests {
    typealias Demo = TestWorld.Demo
    typealias Apps = TestWorld.Apps

    @Test("a public client signs a user in without a secret: access, refresh and ID tokens, client_info, the granted scope")
    func publicClient() throws {
        let world = try TestWorld()
        let response = try world.userToken()
        #expect(response.status == 200, "\(response.text)")
        #expect(response["token_type"]?.stringValue == "Bearer")
        #expect(response["scope"]?.stringValue == Apps.partnerCenter + "/user_impersonation")
        #expect(response["expires_in"] == .int(3599))
        #expect(response["refresh_token"]?.stringValue?.isEmpty == false)
        let id = jwtClaims(response["id_token"]?.stringValue)
        #expect(id["aud"]?.stringValue == Apps.contosoCLI)
        #expect(id["tid"]?.stringValue == Demo.contoso)
        #expect(id["preferred_username"]?.stringValue == Apps.distributorAdmin)
        #expect(id["ver"]?.stringValue == "2.0")
        #expect(id["iss"]?.stringValue == "http://pcsim.test/\(Demo.contoso)/v2.0")
        #expect(id["oid"]?.stringValue == "distributor-admin@contoso.example")
        let info = try #require(response["client_info"]?.stringValue.flatMap { Base64URL.decode($0) })
        let account = try JSON.parse(info)
        #expect(account["uid"]?.stringValue == "distributor-admin@contoso.example")
        #expect(account["utid"]?.stringValue == Demo.contoso)
    }

    @Test("azpacr says how the client authenticated: 0 for a public client, 1 for a confidential one with its secret")
    func clientAuthenticationClaim() throws {
        let world = try TestWorld()
        let publicToken = jwtClaims(try world.userToken()["access_token"]?.stringValue)
        #expect(publicToken["azpacr"]?.stringValue == "0")
        let confidential = try world.token(Demo.contoso, [("client_id", Apps.contoso), ("client_secret", Apps.contosoSecret),
                                                          ("grant_type", "password"), ("username", Apps.distributorAdmin),
                                                          ("password", Apps.distributorAdminPassword),
                                                          ("scope", Apps.partnerCenter + "/user_impersonation")])
        #expect(confidential.status == 200, "\(confidential.text)")
        #expect(jwtClaims(confidential["access_token"]?.stringValue)["azpacr"]?.stringValue == "1")
    }

    @Test("without offline_access no refresh token, without openid no ID token, without client_info=1 no client_info")
    func optionalParts() throws {
        let world = try TestWorld()
        let response = try world.token(Demo.contoso, [("client_id", Apps.contosoCLI), ("grant_type", "password"),
                                                      ("username", Apps.distributorAdmin), ("password", Apps.distributorAdminPassword),
                                                      ("scope", Apps.partnerCenter + "/.default")])
        #expect(response.status == 200, "\(response.text)")
        #expect(response["refresh_token"] == nil && response["id_token"] == nil && response["client_info"] == nil)
        #expect(try world.count("refresh_tokens") == 0, "no refresh token stored either")
    }

    @Test("a confidential client signs users in with its secret; without it, AADSTS7000218")
    func confidentialClient() throws {
        let world = try TestWorld()
        let fields = [("client_id", Apps.contoso), ("grant_type", "password"), ("username", Apps.distributorAdmin),
                      ("password", Apps.distributorAdminPassword), ("scope", Apps.partnerCenter + "/.default offline_access")]
        #expect(try world.token(Demo.contoso, fields + [("client_secret", Apps.contosoSecret)]).status == 200)
        try expectEntraError(try world.token(Demo.contoso, fields), 401, "invalid_client", 7000218, world)
    }

    @Test("/common and /organizations resolve the user's home tenant; the user names a domain in any case")
    func multiTenantAuthorities() throws {
        let world = try TestWorld()
        for authority in ["common", "organizations"] {
            let response = try world.userToken(authority, user: Apps.distributorAdmin.uppercased())
            #expect(response.status == 200, "\(authority): \(response.text)")
            #expect(jwtClaims(response["access_token"]?.stringValue)["tid"]?.stringValue == Demo.contoso)
        }
    }

    @Test("the v1 endpoint signs users in with resource and always returns a refresh token")
    func v1() throws {
        let world = try TestWorld()
        let response = try world.token(Demo.contoso, [("client_id", Apps.contosoCLI), ("grant_type", "password"), ("username", Apps.distributorAdmin),
                                                      ("password", Apps.distributorAdminPassword), ("resource", Apps.partnerCenter + "/"),
                                                      ("scope", "openid")], v1: true)
        #expect(response.status == 200, "\(response.text)")
        #expect(response["scope"]?.stringValue == "user_impersonation")
        #expect(response["refresh_token"] != nil)
        #expect(jwtClaims(response["id_token"]?.stringValue)["upn"]?.stringValue == Apps.distributorAdmin)
        #expect(jwtClaims(response["access_token"]?.stringValue)["upn"]?.stringValue == Apps.distributorAdmin)
    }

    @Test("error: a wrong password is 400 invalid_grant AADSTS50126 and stores nothing")
    func wrongPassword() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try expectEntraError(try world.userToken(password: "wrong"), 400, "invalid_grant", 50126, world, unchanged: before)
    }

    @Test("error: an unknown user, or a user of another tenant than the authority, is invalid_grant AADSTS50034")
    func unknownUser() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try expectEntraError(try world.userToken(user: "nobody@contoso.onmicrosoft.com"), 400, "invalid_grant", 50034, world, unchanged: before)
        // Fabrikam's own app on its authority, asked for contoso's user (contoso's app there is unknown: 700016).
        let otherTenantsUser = try world.token(Demo.fabrikam, [("client_id", Apps.fabrikam), ("client_secret", Apps.fabrikamSecret),
                                                              ("grant_type", "password"), ("username", Apps.distributorAdmin),
                                                              ("password", Apps.distributorAdminPassword), ("scope", Apps.partnerCenter + "/.default")])
        try expectEntraError(otherTenantsUser, 400, "invalid_grant", 50034, world, unchanged: before)
    }

    @Test("error: the app of another tenant than the user's is AADSTS700016")
    func appOfAnotherTenant() throws {
        let world = try TestWorld()
        let response = try world.userToken("common", client: Apps.fabrikam, user: Apps.distributorAdmin)
        // Fabrikam's app is confidential: its secret first, then the tenant check.
        try expectEntraError(response, 401, "invalid_client", 7000218, world)
        let withSecret = try world.token("common", [("client_id", Apps.fabrikam), ("client_secret", Apps.fabrikamSecret), ("grant_type", "password"),
                                                    ("username", Apps.distributorAdmin), ("password", Apps.distributorAdminPassword),
                                                    ("scope", Apps.partnerCenter + "/.default")])
        try expectEntraError(withSecret, 400, "unauthorized_client", 700016, world)
    }

    @Test("error: username or password missing is AADSTS900144; a scope for no resource or an unknown permission is AADSTS70011")
    func missingAndScopes() throws {
        let world = try TestWorld()
        try expectEntraError(try world.token(Demo.contoso, [("client_id", Apps.contosoCLI), ("grant_type", "password"), ("password", "x"),
                                                           ("scope", Apps.partnerCenter + "/.default")]), 400, "invalid_request", 900144, world)
        try expectEntraError(try world.token(Demo.contoso, [("client_id", Apps.contosoCLI), ("grant_type", "password"), ("username", Apps.distributorAdmin),
                                                           ("scope", Apps.partnerCenter + "/.default")]), 400, "invalid_request", 900144, world)
        try expectEntraError(try world.userToken(scope: "openid profile offline_access"), 400, "invalid_scope", 70011, world)
        try expectEntraError(try world.userToken(scope: Apps.partnerCenter + "/Orders.Write"), 400, "invalid_scope", 70011, world)
        try expectEntraError(try world.userToken(scope: Apps.partnerCenter + "/.default " + Apps.partnerCenter + "/user_impersonation"),
                             400, "invalid_scope", 70011, world)
    }
}

import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// Issue 13: tokens from the Entra-compatible endpoints carry a real Partner Center token's
/// claims and pcsim's API accepts them with its tenant isolation and role checks.
@Suite("Entra sign-in: token claims and the API")
struct EntraSignInTests {
    typealias Demo = TestWorld.Demo
    typealias Apps = TestWorld.Apps

    @Test("an app-only v2 token: aud, iss, tid, oid/sub (the service principal), azp, roles, idtyp app, times")
    func appClaims() throws {
        let world = try TestWorld()
        let claims = jwtClaims(try world.appToken()["access_token"]?.stringValue)
        let objectId = try #require(try world.rows("SELECT object_id FROM app_registrations WHERE client_id = ?", [Apps.contoso]).first?.string("object_id"))
        #expect(claims["aud"]?.stringValue == "https://api.partnercenter.microsoft.com")
        #expect(claims["iss"]?.stringValue == "http://pcsim.test/\(Demo.contoso)/v2.0")
        #expect(claims["tid"]?.stringValue == Demo.contoso)
        #expect(claims["oid"]?.stringValue == objectId && claims["sub"]?.stringValue == objectId)
        #expect(claims["azp"]?.stringValue == Apps.contoso)
        #expect(claims["idtyp"]?.stringValue == "app")
        #expect(claims["roles"]?.arrayValue == ["AdminAgent", "GlobalAdmin"])
        #expect(claims["scp"] == nil)
        let iat = try #require(claims["iat"]?.intValue), exp = try #require(claims["exp"]?.intValue)
        #expect(exp - iat == 3599 && claims["nbf"]?.intValue == iat)
    }

    @Test("a user v1 token: appid, upn and unique_name, scp user_impersonation, the user's roles")
    func userClaimsV1() throws {
        let world = try TestWorld()
        let response = try world.token(Demo.contoso, [("client_id", Apps.contosoCLI), ("grant_type", "password"), ("username", Apps.distributorAdmin),
                                                      ("password", Apps.distributorAdminPassword), ("resource", Apps.partnerCenter)], v1: true)
        let claims = jwtClaims(response["access_token"]?.stringValue)
        #expect(claims["iss"]?.stringValue == "http://pcsim.test/\(Demo.contoso)/")
        #expect(claims["appid"]?.stringValue == Apps.contosoCLI)
        #expect(claims["scp"]?.stringValue == "user_impersonation")
        #expect(claims["idtyp"]?.stringValue == "user")
        #expect(claims["unique_name"]?.stringValue == Apps.distributorAdmin)
        #expect(Set((claims["roles"]?.arrayValue ?? []).compactMap(\.stringValue)) == ["AdminAgent", "GlobalAdmin"])
        #expect(claims["name"]?.stringValue == "distributor-admin")
    }

    @Test("app-only and user tokens call validateresellers; an HS256 /_sim token still works")
    func acceptedByTheAPI() throws {
        let world = try TestWorld()
        for token in [try world.appToken()["access_token"]?.stringValue, try world.userToken()["access_token"]?.stringValue,
                      try world.token("distributor-admin")] {
            let response = try world.request(.post, "/v1/partners/validateresellers", token: token, body: ["partnerIds": ["5100001"]])
            #expect(response.status == 200, "\(response.text)")
        }
    }

    @Test("tenant isolation and roles hold: the reseller's token sees only its own data, a role-less app is 403")
    func isolationAndRoles() throws {
        let world = try TestWorld()
        let reseller = try world.appToken(Demo.fabrikam, client: Apps.fabrikam, secret: Apps.fabrikamSecret)["access_token"]?.stringValue
        #expect(try world.request(.get, "/v1/customers/\(Demo.margies)", token: reseller).status == 404)
        #expect(try world.request(.get, "/v1/customers/\(Demo.relecloud)", token: reseller).status == 200)
        let created = try world.request(.post, "/_sim/apps", body: ["tenantId": .string(Demo.contoso), "roles": []])
        let roleless = try world.appToken(client: try #require(created["clientId"]?.stringValue),
                                          secret: try #require(created["secret"]?.stringValue))["access_token"]?.stringValue
        #expect(try world.request(.post, "/v1/partners/validateresellers", token: roleless, body: ["partnerIds": ["5100001"]]).status == 403)
    }
}

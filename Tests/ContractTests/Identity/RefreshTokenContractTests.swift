import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#refresh-the-access-token
@Suite("Contract: v2-oauth2-auth-code-flow (refresh the access token)")
struct RefreshTokenContractTests {
    typealias Demo = TestWorld.Demo
    typealias Apps = TestWorld.Apps

    private func refresh(_ world: TestWorld, _ token: String, tenant: String = TestWorld.Demo.contoso,
                         client: String = TestWorld.Apps.contosoCLI, secret: String? = nil) throws -> TestResponse {
        var fields = [("client_id", client), ("grant_type", "refresh_token"), ("refresh_token", token),
                      ("scope", Apps.partnerCenter + "/user_impersonation offline_access openid profile"), ("client_info", "1")]
        if let secret { fields.append(("client_secret", secret)) }
        return try world.token(tenant, fields)
    }

    @Test("a refresh token gets a new access token and a new refresh token; the old one stays valid (not revoked when used)")
    func refreshes() throws {
        let world = try TestWorld()
        let first = try world.userToken()
        let token = try #require(first["refresh_token"]?.stringValue)
        let second = try refresh(world, token)
        #expect(second.status == 200, "\(second.text)")
        let rotated = try #require(second["refresh_token"]?.stringValue)
        #expect(rotated != token)
        #expect(second["access_token"] != first["access_token"])
        #expect(jwtClaims(second["access_token"]?.stringValue)["upn"] == nil, "v2 tokens name the user in preferred_username")
        #expect(jwtClaims(second["access_token"]?.stringValue)["preferred_username"]?.stringValue == Apps.distributorAdmin)
        #expect(try refresh(world, token).status == 200)
        #expect(try refresh(world, rotated, tenant: "organizations").status == 200)
        #expect(try world.count("refresh_tokens") == 4)
        #expect(try world.rows("SELECT token_hash FROM refresh_tokens").allSatisfy { $0.string("token_hash")?.count == 64 },
                "stored by hash, never as text")
    }

    @Test("error: a token pcsim never issued is invalid_grant AADSTS9002313, and changes nothing")
    func unknownToken() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try expectEntraError(try refresh(world, "pcsim.rt.forged"), 400, "invalid_grant", 9002313, world, unchanged: before)
        try expectEntraError(try refresh(world, String(repeating: "x", count: 5000)), 400, "invalid_grant", 9002313, world, unchanged: before)
    }

    @Test("error: an expired refresh token is invalid_grant AADSTS700082")
    func expired() throws {
        let world = try TestWorld()
        let token = try #require(try world.userToken()["refresh_token"]?.stringValue)
        try world.services.database.write { db in
            try db.run("UPDATE refresh_tokens SET expires_at = 1000")
        }
        let before = try world.snapshot()
        try expectEntraError(try refresh(world, token), 400, "invalid_grant", 700082, world, unchanged: before)
    }

    @Test("error: another client redeeming the token is invalid_grant AADSTS70000; another tenant's authority does not know the app (AADSTS700016)")
    func boundToClientAndTenant() throws {
        let world = try TestWorld()
        let token = try #require(try world.userToken()["refresh_token"]?.stringValue)
        try expectEntraError(try refresh(world, token, client: Apps.contoso, secret: Apps.contosoSecret), 400, "invalid_grant", 70000, world)
        try expectEntraError(try refresh(world, token, tenant: Demo.fabrikam, client: Apps.contosoCLI), 400, "unauthorized_client", 700016, world)
    }

    @Test("a reset or a new seed ends every refresh token with the world")
    func resetEndsThem() throws {
        let world = try TestWorld()
        let token = try #require(try world.userToken()["refresh_token"]?.stringValue)
        #expect(try world.request(.post, "/_sim/seed", rawBody: try TestWorld.demoFixture()).status == 201)
        try expectEntraError(try refresh(world, token), 400, "invalid_grant", 9002313, world)
    }

    @Test("error: the refresh_token parameter missing is AADSTS900144")
    func missing() throws {
        let world = try TestWorld()
        try expectEntraError(try world.token(Demo.contoso, [("client_id", Apps.contosoCLI), ("grant_type", "refresh_token"),
                                                           ("scope", Apps.partnerCenter + "/.default")]), 400, "invalid_request", 900144, world)
    }
}

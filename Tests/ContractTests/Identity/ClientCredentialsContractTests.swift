import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow
@Suite("Contract: v2-oauth2-client-creds-grant-flow")
struct ClientCredentialsContractTests {
    typealias Demo = TestWorld.Demo
    typealias Apps = TestWorld.Apps

    @Test("a shared secret in the body gets Bearer, expires_in and ext_expires_in as numbers, and an access token (no refresh token)")
    func secretInBody() throws {
        let world = try TestWorld()
        let response = try world.appToken()
        #expect(response.status == 200, "\(response.text)")
        #expect(response["token_type"]?.stringValue == "Bearer")
        #expect(response["expires_in"] == .int(3599))
        #expect(response["ext_expires_in"] == .int(3599))
        #expect(response["access_token"]?.stringValue?.split(separator: ".").count == 3)
        #expect(response["refresh_token"] == nil && response["id_token"] == nil)
        #expect(response.headers["Cache-Control"]?.contains("no-store") == true)
    }

    @Test("HTTP Basic client authentication with form-encoded id and secret works as the body does (RFC 6749 §2.3.1)")
    func basicAuthentication() throws {
        let world = try TestWorld()
        let credentials = Data("\(Apps.contoso):\(Apps.contosoSecret)".utf8).base64EncodedString()
        let response = try world.token(Demo.contoso, [("grant_type", "client_credentials"), ("client_id", Apps.contoso),
                                                      ("scope", Apps.partnerCenter + "/.default"), ("client_info", "1")],
                                       headers: [("Authorization", "Basic \(credentials)")])
        #expect(response.status == 200, "\(response.text)")
        #expect(response["client_info"] == nil, "app-only answers carry no account")
    }

    @Test("a secret with reserved characters, form-encoded in the Basic header as MSAL does (quote_plus), still matches")
    func basicAuthenticationDecodesSecret() throws {
        let world = try TestWorld()
        let created = try world.request(.post, "/_sim/apps", body: ["tenantId": .string(Demo.contoso), "roles": ["AdminAgent"],
                                                                    "secret": "a+b c~d%e&f=g"])
        #expect(created.status == 201, "\(created.text)")
        let client = try #require(created["clientId"]?.stringValue)
        let encoded = "a%2Bb+c%7Ed%25e%26f%3Dg"
        let credentials = Data("\(client):\(encoded)".utf8).base64EncodedString()
        let response = try world.token(Demo.contoso, [("grant_type", "client_credentials"), ("scope", Apps.partnerCenter + "/.default")],
                                       headers: [("Authorization", "Basic \(credentials)")])
        #expect(response.status == 200, "\(response.text)")
    }

    @Test("the v1 endpoint takes resource and answers lifetimes as strings with expires_on, not_before and resource")
    func v1Resource() throws {
        let world = try TestWorld()
        let response = try world.token(Demo.contoso, [("grant_type", "client_credentials"), ("client_id", Apps.contoso),
                                                      ("client_secret", Apps.contosoSecret), ("resource", Apps.partnerCenter)], v1: true)
        #expect(response.status == 200, "\(response.text)")
        #expect(response["expires_in"] == .string("3599"))
        #expect(response["ext_expires_in"] == .string("3599"))
        #expect(response["resource"]?.stringValue == Apps.partnerCenter)
        let expiresOn = try #require(response["expires_on"]?.stringValue.flatMap { Int64($0) })
        let notBefore = try #require(response["not_before"]?.stringValue.flatMap { Int64($0) })
        #expect(expiresOn - notBefore == 3599)
        #expect(jwtClaims(response["access_token"]?.stringValue)["ver"]?.stringValue == "1.0")
    }

    @Test("error: a wrong secret is 401 invalid_client AADSTS7000215, and changes nothing")
    func wrongSecret() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        try expectEntraError(try world.appToken(secret: "not-the-secret"), 401, "invalid_client", 7000215, world, unchanged: before)
    }

    @Test("error: no secret for a confidential client is 401 invalid_client AADSTS7000218")
    func missingSecret() throws {
        let world = try TestWorld()
        let response = try world.token(Demo.contoso, [("grant_type", "client_credentials"), ("client_id", Apps.contoso),
                                                      ("scope", Apps.partnerCenter + "/.default")])
        try expectEntraError(response, 401, "invalid_client", 7000218, world)
    }

    @Test("error: an unknown client, and a client of another tenant, are 400 unauthorized_client AADSTS700016")
    func unknownClient() throws {
        let world = try TestWorld()
        try expectEntraError(try world.appToken(client: "00000000-0000-4000-8000-0000000000aa"), 400, "unauthorized_client", 700016, world)
        try expectEntraError(try world.appToken(Demo.fabrikam), 400, "unauthorized_client", 700016, world)
    }

    @Test("error: an unknown tenant GUID or domain is AADSTS90002; a tenant that is no name is AADSTS900023")
    func unknownTenant() throws {
        let world = try TestWorld()
        try expectEntraError(try world.appToken("00000000-0000-4000-8000-0000000000ff"), 400, "invalid_request", 90002, world)
        try expectEntraError(try world.appToken("nowhere.onmicrosoft.com"), 400, "invalid_request", 90002, world)
        try expectEntraError(try world.appToken("not_a_tenant"), 400, "invalid_request", 900023, world)
        // Labels that start or end with a hyphen make no DNS name (RFC 1123): malformed, not unknown.
        for name in ["-.-", "-contoso.example", "contoso-.example", "a.-b"] {
            try expectEntraError(try world.appToken(name), 400, "invalid_request", 900023, world)
        }
    }

    @Test("error: client credentials on /common or /organizations is AADSTS50059 (no tenant-identifying information)")
    func commonRefused() throws {
        let world = try TestWorld()
        try expectEntraError(try world.appToken("common"), 400, "invalid_request", 50059, world)
        try expectEntraError(try world.appToken("organizations"), 400, "invalid_request", 50059, world)
    }

    @Test("a verified domain names its tenant: the distributor's users' domain works as the tenant")
    func domainAsTenant() throws {
        let world = try TestWorld()
        let response = try world.appToken("contoso.onmicrosoft.com")
        #expect(response.status == 200, "\(response.text)")
        #expect(jwtClaims(response["access_token"]?.stringValue)["tid"]?.stringValue == Demo.contoso)
    }

    @Test("error: scope missing is AADSTS900144; anything but <resource>/.default (a permission, openid, a bare name) is AADSTS1002012; another resource is AADSTS500011")
    func scopes() throws {
        let world = try TestWorld()
        func ask(_ scope: String?) throws -> TestResponse {
            var fields = [("grant_type", "client_credentials"), ("client_id", Apps.contoso), ("client_secret", Apps.contosoSecret)]
            if let scope { fields.append(("scope", scope)) }
            return try world.token(Demo.contoso, fields)
        }
        try expectEntraError(try ask(nil), 400, "invalid_request", 900144, world)
        let before = try world.snapshot()
        for scope in [Apps.partnerCenter + "/user_impersonation", Apps.partnerCenter + "/.default openid", "User.Read.All",
                      Apps.partnerCenter + "/.default " + Apps.partnerCenter + "/user_impersonation"] {
            let response = try ask(scope)
            try expectEntraError(response, 400, "invalid_scope", 1002012, world, unchanged: before)
            #expect(response["error_description"]?.stringValue?.contains("Client credential flows must have a scope value with /.default suffixed") == true,
                    "\(response.text)")
            #expect(response["error_description"]?.stringValue?.contains("AADSTS70011") == false)
        }
        try expectEntraError(try ask("https://graph.microsoft.com/.default"), 400, "invalid_resource", 500011, world)
        try expectEntraError(try world.token(Demo.contoso, [("grant_type", "client_credentials"), ("client_id", Apps.contoso),
                                                           ("client_secret", Apps.contosoSecret), ("resource", "https://graph.microsoft.com")], v1: true),
                             400, "invalid_resource", 500011, world)
    }

    @Test("error: an unsupported grant is 400 unsupported_grant_type AADSTS70003; no grant_type is AADSTS900144")
    func unsupportedGrant() throws {
        let world = try TestWorld()
        try expectEntraError(try world.token(Demo.contoso, [("grant_type", "authorization_code"), ("client_id", Apps.contoso)]),
                             400, "unsupported_grant_type", 70003, world)
        try expectEntraError(try world.token(Demo.contoso, [("client_id", Apps.contoso)]), 400, "invalid_request", 900144, world)
        // A JSON body is no form: Entra finds no grant_type in it.
        try expectEntraError(try world.tokenRaw(Demo.contoso, Array(#"{"grant_type":"client_credentials"}"#.utf8), contentType: "application/json"),
                             400, "invalid_request", 900144, world)
    }

    @Test("error: another method on the token endpoint is 405 (Allow: POST) with Entra's AADSTS900561, never Partner Center's error")
    func postOnly() throws {
        let world = try TestWorld()
        for path in ["/\(Demo.contoso)/oauth2/v2.0/token", "/\(Demo.contoso)/oauth2/token"] {
            for method in [HTTPMethod.get, .put, HTTPMethod("TRACE")] {
                let response = try world.request(method, path)
                try expectEntraError(response, 405, "invalid_request", 900561, world)
                #expect(response.headers["Allow"] == "POST")
            }
        }
    }

    @Test("error: a repeated parameter, a bad escape or a non-UTF-8 value is AADSTS90023, never a token")
    func malformedForms() throws {
        let world = try TestWorld()
        let good = "grant_type=client_credentials&client_id=\(Apps.contoso)&client_secret=\(Apps.contosoSecret)&scope=https%3A%2F%2Fapi.partnercenter.microsoft.com%2F.default"
        #expect(try world.tokenRaw(Demo.contoso, Array(good.utf8)).status == 200)
        for body in [good + "&client_id=\(Apps.contoso)", good + "&x=%zz", good + "&x=%", good + "&x=%FF", good + "&x=%00"] {
            try expectEntraError(try world.tokenRaw(Demo.contoso, Array(body.utf8)), 400, "invalid_request", 90023, world)
        }
        let huge = good + "&padding=" + String(repeating: "a", count: FormBody.maximumBytes)
        try expectEntraError(try world.tokenRaw(Demo.contoso, Array(huge.utf8)), 400, "invalid_request", 90023, world)
    }

    @Test("a client-request-id GUID is echoed as the error's correlation id; other text is not echoed")
    func correlation() throws {
        let world = try TestWorld()
        let id = "11111111-2222-4333-8444-555555555555"
        let refused = try world.token(Demo.contoso, [("grant_type", "client_credentials")], headers: [("client-request-id", id)])
        #expect(refused["correlation_id"]?.stringValue == id)
        let hostile = try world.token(Demo.contoso, [("grant_type", "client_credentials")], headers: [("client-request-id", "<script>")])
        #expect(!hostile.text.contains("<script>"))
    }
}

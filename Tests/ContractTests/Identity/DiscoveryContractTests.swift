import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri
@Suite("Contract: v2-protocols-oidc (discovery, keys)")
struct DiscoveryContractTests {
    typealias Demo = TestWorld.Demo

    @Test("the v2 document of a tenant: every endpoint on the public base URL (never the Host header), the tenant's issuer and region")
    func v2Tenant() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/\(Demo.contoso)/v2.0/.well-known/openid-configuration", headers: [("Host", "evil.example")])
        #expect(response.status == 200, "\(response.text)")
        let document = response.json
        #expect(document["token_endpoint"]?.stringValue == "http://pcsim.test/\(Demo.contoso)/oauth2/v2.0/token")
        #expect(document["authorization_endpoint"]?.stringValue == "http://pcsim.test/\(Demo.contoso)/oauth2/v2.0/authorize")
        #expect(document["jwks_uri"]?.stringValue == "http://pcsim.test/\(Demo.contoso)/discovery/v2.0/keys")
        #expect(document["issuer"]?.stringValue == "http://pcsim.test/\(Demo.contoso)/v2.0")
        #expect(document["tenant_region_scope"]?.stringValue == "NA")
        #expect(document["id_token_signing_alg_values_supported"]?.arrayValue == ["RS256"])
        #expect(document["token_endpoint_auth_methods_supported"]?.arrayValue?.contains("client_secret_basic") == true)
        for field in ["response_types_supported", "subject_types_supported", "scopes_supported", "claims_supported", "cloud_instance_name"] {
            #expect(document[field] != nil, "\(field)")
        }
        #expect(!response.text.contains("evil.example"))
    }

    @Test("common and organizations keep the {tenantid} placeholder in the issuer and a null region; a domain resolves to its tenant")
    func aliasesAndDomains() throws {
        let world = try TestWorld()
        for alias in ["common", "organizations"] {
            let document = try world.request(.get, "/\(alias)/v2.0/.well-known/openid-configuration").json
            #expect(document["issuer"]?.stringValue == "http://pcsim.test/{tenantid}/v2.0")
            #expect(document["token_endpoint"]?.stringValue == "http://pcsim.test/\(alias)/oauth2/v2.0/token")
            #expect(document["tenant_region_scope"] == .null)
        }
        let byDomain = try world.request(.get, "/relecloud.onmicrosoft.com/v2.0/.well-known/openid-configuration").json
        #expect(byDomain["issuer"]?.stringValue == "http://pcsim.test/\(Demo.relecloud)/v2.0")
        #expect(try world.request(.get, "/\(Demo.adatum)/v2.0/.well-known/openid-configuration")["tenant_region_scope"]?.stringValue == "EU")
    }

    @Test("the v1 document: the v1 issuer, token endpoint and the common keys")
    func v1() throws {
        let world = try TestWorld()
        let document = try world.request(.get, "/\(Demo.fabrikam)/.well-known/openid-configuration").json
        #expect(document["issuer"]?.stringValue == "http://pcsim.test/\(Demo.fabrikam)/")
        #expect(document["token_endpoint"]?.stringValue == "http://pcsim.test/\(Demo.fabrikam)/oauth2/token")
        #expect(document["jwks_uri"]?.stringValue == "http://pcsim.test/common/discovery/keys")
        #expect(document["microsoft_multi_refresh_token"] == true)
    }

    @Test("error: the document of an unknown tenant is 400 invalid_tenant AADSTS90002 (MSAL reports OIDC discovery failed)")
    func unknownTenant() throws {
        let world = try TestWorld()
        try expectEntraError(try world.request(.get, "/00000000-0000-4000-8000-0000000000ff/v2.0/.well-known/openid-configuration"),
                             400, "invalid_tenant", 90002, world)
        try expectEntraError(try world.request(.get, "/nowhere.example/discovery/v2.0/keys"), 400, "invalid_tenant", 90002, world)
    }

    @Test("the keys: one RS256 key whose kid the access tokens carry, the same at the v1 and v2 paths")
    func keys() throws {
        let world = try TestWorld()
        let v2 = try world.request(.get, "/\(Demo.contoso)/discovery/v2.0/keys")
        let v1 = try world.request(.get, "/common/discovery/keys")
        #expect(v2.status == 200 && v1.status == 200)
        let key = try #require(v2["keys"]?.arrayValue?.first)
        #expect(key["kty"]?.stringValue == "RSA" && key["alg"]?.stringValue == "RS256" && key["use"]?.stringValue == "sig")
        #expect(v1.json == v2.json)
        let token = try #require(try world.appToken()["access_token"]?.stringValue)
        let header = try JSON.parse(try #require(Base64URL.decode(String(token.split(separator: ".")[0]))))
        #expect(header["kid"] == key["kid"])
        #expect(header["alg"]?.stringValue == "RS256")
    }

    @Test("instance discovery names the tenant's v2 document for this instance's host, and refuses other hosts (AADSTS50049)")
    func instanceDiscovery() throws {
        let world = try TestWorld()
        let endpoint = "http://pcsim.test/\(Demo.contoso)/oauth2/v2.0/authorize"
        let allowed = CharacterSet.alphanumerics
        let response = try world.request(.get, "/common/discovery/instance?api-version=1.1&authorization_endpoint="
                                         + (endpoint.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""))
        #expect(response.status == 200, "\(response.text)")
        #expect(response["tenant_discovery_endpoint"]?.stringValue == "http://pcsim.test/\(Demo.contoso)/v2.0/.well-known/openid-configuration")
        #expect(response["metadata"]?[0]?["aliases"]?.arrayValue == ["pcsim.test"])
        let foreign = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize".addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        try expectEntraError(try world.request(.get, "/common/discovery/instance?authorization_endpoint=" + foreign),
                             400, "invalid_instance", 50049, world)
        try expectEntraError(try world.request(.get, "/common/discovery/instance"), 400, "invalid_request", 50050, world)
    }

    @Test("instance discovery resolves the tenant as the token endpoint does and never copies client text into the URL")
    func instanceDiscoveryTenant() throws {
        let world = try TestWorld()
        func discover(_ endpoint: String) throws -> TestResponse {
            try world.request(.get, "/common/discovery/instance?authorization_endpoint="
                              + (endpoint.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        let before = try world.snapshot()
        // A quote or a query smuggled into the tenant segment is no tenant name.
        for tenant in ["evil%22tenant", "x%3Fq=1", "a%2Fb", "-.-"] {
            let response = try discover("http://pcsim.test/\(tenant)/oauth2/v2.0/authorize")
            try expectEntraError(response, 400, "invalid_request", 900023, world, unchanged: before)
            #expect(response["tenant_discovery_endpoint"] == nil)
        }
        try expectEntraError(try discover("http://pcsim.test/00000000-0000-4000-8000-0000000000ff/oauth2/v2.0/authorize"),
                             400, "invalid_request", 90002, world)
        try expectEntraError(try discover("http://pcsim.test/nowhere.example/oauth2/v2.0/authorize"), 400, "invalid_request", 90002, world)
        // Aliases and domains stay as given (lowercased); the port may be left out (MSAL Python does) or be the instance's.
        for (tenant, expected) in [("Common", "common"), ("organizations", "organizations"), ("Contoso.onmicrosoft.com", "contoso.onmicrosoft.com"),
                                   (Demo.contoso.uppercased(), Demo.contoso)] {
            for host in ["pcsim.test", "pcsim.test:80", "PCSIM.test"] {
                let response = try discover("http://\(host)/\(tenant)/oauth2/v2.0/authorize")
                #expect(response.status == 200, "\(host)/\(tenant): \(response.text)")
                #expect(response["tenant_discovery_endpoint"]?.stringValue == "http://pcsim.test/\(expected)/v2.0/.well-known/openid-configuration")
            }
        }
        // Another scheme or another port is another instance (AADSTS50049).
        for endpoint in ["https://pcsim.test/common/oauth2/v2.0/authorize", "http://pcsim.test:8443/common/oauth2/v2.0/authorize",
                         "ftp://pcsim.test/common/oauth2/v2.0/authorize"] {
            try expectEntraError(try discover(endpoint), 400, "invalid_instance", 50049, world)
        }
    }

    @Test("the documents list the endpoints Entra's list (device code, logout, userinfo, Kerberos) on this instance, and its logout flags")
    func documentsListEntrasEndpoints() throws {
        let world = try TestWorld()
        let v2 = try world.request(.get, "/\(Demo.contoso)/v2.0/.well-known/openid-configuration").json
        let root = "http://pcsim.test/\(Demo.contoso)"
        #expect(v2["device_authorization_endpoint"]?.stringValue == "\(root)/oauth2/v2.0/devicecode")
        #expect(v2["end_session_endpoint"]?.stringValue == "\(root)/oauth2/v2.0/logout")
        #expect(v2["kerberos_endpoint"]?.stringValue == "\(root)/kerberos")
        #expect(v2["userinfo_endpoint"]?.stringValue == "http://pcsim.test/oidc/userinfo")
        #expect(v2["http_logout_supported"] == true && v2["frontchannel_logout_supported"] == true)
        #expect(v2["claims_supported"]?.arrayValue?.contains("preferred_username") == true)
        let v1 = try world.request(.get, "/\(Demo.contoso)/.well-known/openid-configuration").json
        #expect(v1["device_authorization_endpoint"]?.stringValue == "\(root)/oauth2/devicecode")
        #expect(v1["end_session_endpoint"]?.stringValue == "\(root)/oauth2/logout")
        #expect(v1["check_session_iframe"]?.stringValue == "\(root)/oauth2/checksession")
        #expect(v1["userinfo_endpoint"]?.stringValue == "\(root)/openid/userinfo")
        #expect(v1["kerberos_endpoint"]?.stringValue == "\(root)/kerberos")
        #expect(v1["http_logout_supported"] == true && v1["frontchannel_logout_supported"] == true)
        #expect(v1["claims_supported"]?.arrayValue?.contains("amr") == true)
        #expect(v1["claims_supported"]?.arrayValue?.contains("preferred_username") == false, "v1 lists v1's claims")
    }

    @Test("user realm: Managed for a domain of the directory, Unknown otherwise")
    func userRealm() throws {
        let world = try TestWorld()
        let managed = try world.request(.get, "/common/userrealm/admin@contoso.onmicrosoft.com?api-version=1.0")
        #expect(managed["account_type"]?.stringValue == "Managed")
        #expect(managed["domain_name"]?.stringValue == "contoso.onmicrosoft.com")
        #expect(try world.request(.get, "/common/userrealm/someone@elsewhere.example?api-version=1.0")["account_type"]?.stringValue == "Unknown")
        #expect(try world.request(.get, "/common/userrealm/no-at-sign?api-version=1.0")["account_type"]?.stringValue == "Unknown")
    }
}

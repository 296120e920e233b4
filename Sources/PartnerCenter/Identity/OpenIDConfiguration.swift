import JSON
import SQLite

/// The OpenID Connect discovery documents (`/{tenant}/v2.0/.well-known/openid-configuration`
/// and the v1 `/{tenant}/.well-known/openid-configuration`) with the fields of Entra's own
/// (https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri),
/// every URL on this instance. The authorization, device code, logout, check-session, userinfo
/// and Kerberos endpoints are listed because Entra's documents list them (clients read the
/// keys), though pcsim serves none of them (docs/decisions.md). `common` and `organizations` keep `{tenantid}` in the issuer,
/// as Entra's do: the real issuer is the one of the user's tenant.
enum OpenIDConfiguration {
    static func document(_ version: AccessTokenGrant.Version, _ authority: AuthorityTenant, base: String, _ db: Connection) throws -> JSON {
        let segment = authority.pathSegment
        let issuerTenant = if case .tenant(let id) = authority { id } else { "{tenantid}" }
        let root = "\(base)/\(segment)"
        var document: JSONObject
        switch version {
        case .v2:
            document = [
                "token_endpoint": .string("\(root)/oauth2/v2.0/token"),
                "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
                "jwks_uri": .string("\(root)/discovery/v2.0/keys"),
                "response_modes_supported": ["query", "fragment", "form_post"],
                "subject_types_supported": ["pairwise"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
                "scopes_supported": ["openid", "profile", "email", "offline_access"],
                "issuer": .string(TokenService.issuer(.v2, tenantId: issuerTenant, base: base)),
                "request_uri_parameter_supported": false,
                // Entra's names Microsoft Graph's userinfo; pcsim has no Graph, so its own base.
                "userinfo_endpoint": .string("\(base)/oidc/userinfo"),
                "authorization_endpoint": .string("\(root)/oauth2/v2.0/authorize"),
                "device_authorization_endpoint": .string("\(root)/oauth2/v2.0/devicecode"),
                "http_logout_supported": true,
                "frontchannel_logout_supported": true,
                "end_session_endpoint": .string("\(root)/oauth2/v2.0/logout"),
                "kerberos_endpoint": .string("\(root)/kerberos"),
            ]
            document["claims_supported"] = [
                "sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp",
                "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email",
            ]
        case .v1:
            document = [
                "token_endpoint": .string("\(root)/oauth2/token"),
                "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
                "jwks_uri": .string("\(base)/common/discovery/keys"),
                "response_modes_supported": ["query", "fragment", "form_post"],
                "subject_types_supported": ["pairwise"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "response_types_supported": ["code", "id_token", "code id_token", "token id_token", "token"],
                "scopes_supported": ["openid"],
                "issuer": .string(TokenService.issuer(.v1, tenantId: issuerTenant, base: base)),
                "microsoft_multi_refresh_token": true,
                "authorization_endpoint": .string("\(root)/oauth2/authorize"),
                "device_authorization_endpoint": .string("\(root)/oauth2/devicecode"),
                "http_logout_supported": true,
                "frontchannel_logout_supported": true,
                "end_session_endpoint": .string("\(root)/oauth2/logout"),
                "check_session_iframe": .string("\(root)/oauth2/checksession"),
                "userinfo_endpoint": .string("\(root)/openid/userinfo"),
                "kerberos_endpoint": .string("\(root)/kerberos"),
            ]
            document["claims_supported"] = [
                "sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp",
                "iat", "auth_time", "acr", "amr", "nonce", "email", "given_name", "family_name", "nickname",
            ]
        }
        document["tenant_region_scope"] = try regionScope(authority, db).map { JSON.string($0) } ?? .null
        document["cloud_instance_name"] = "microsoftonline.com"
        document["cloud_graph_host_name"] = "graph.windows.net"
        document["msgraph_host"] = "graph.microsoft.com"
        document["rbac_url"] = "https://pas.windows.net"
        return .object(document)
    }

    /// Entra's region codes by CSP region of the tenant's country; null for the aliases, as
    /// Entra's common document has it, and WW for the Microsoft tenant.
    static func regionScope(_ authority: AuthorityTenant, _ db: Connection) throws -> String? {
        guard case .tenant(let tenantId) = authority else { return nil }
        guard let country = try Directory.country(ofTenant: tenantId, db), let region = try Directory.region(ofCountry: country, db) else {
            return "WW"
        }
        switch region {
        case "United States", "Canada": return "NA"
        case "Europe": return "EU"
        case "Latin America": return "SA"
        case "Middle East and Africa": return "AF"
        case "Asia Pacific", "India", "Japan": return "AS"
        default: return "WW"
        }
    }
}

import Foundation
import JSON
import SQLite

/// MSAL's two look-ups before it asks for a token on an authority it does not know:
/// instance discovery (`/common/discovery/instance`, which names the tenant's discovery
/// document) and, for the password grant, the user realm (`/common/userrealm/{user}`, which
/// says whether the user's domain is Managed by this directory).
enum InstanceDiscovery {
    /// The answer for `authorizationEndpoint` (`https://host[:port]/{tenant}/oauth2[/v2.0]/authorize`).
    /// Only this instance is known: the scheme and host of `base`, and its port when one is
    /// given (MSAL Python sends the host without the authority's port, msal/authority.py
    /// `_initialize_entra_authority`); any other is AADSTS50049, as Entra answers for an
    /// authority outside its clouds. The tenant is resolved as the token endpoint resolves it
    /// (AADSTS90002, AADSTS900023), and what goes back into the URL is percent-encoded.
    static func answer(authorizationEndpoint: String?, base: String, _ db: Connection) throws -> JSON {
        guard let authorizationEndpoint, !authorizationEndpoint.isEmpty else {
            throw EntraError.malformedDiscovery("the query must carry authorization_endpoint")
        }
        guard let given = URLComponents(string: authorizationEndpoint), let givenHost = given.host?.lowercased(),
              let scheme = given.scheme?.lowercased(),
              let encodedTenant = given.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst().first,
              let tenant = String(encodedTenant).removingPercentEncoding, !tenant.isEmpty else {
            throw EntraError.malformedDiscovery("authorization_endpoint is not an absolute URL with a tenant")
        }
        guard let own = URLComponents(string: base), let ownHost = own.host?.lowercased(), let ownScheme = own.scheme?.lowercased(),
              scheme == ownScheme, givenHost == ownHost,
              given.port == nil || given.port == (own.port ?? defaultPort(ownScheme)) else {
            throw EntraError.unknownInstance()
        }
        let authority = try AuthorityTenant.resolve(tenant, db)
        // The segment as the client spelled it (a domain stays a domain), now known to be a
        // GUID, a domain name or an alias; encoded all the same, so nothing of it can leave the path.
        let segment = tenant.lowercased().addingPercentEncoding(withAllowedCharacters: pathSafe) ?? authority.pathSegment
        return [
            "tenant_discovery_endpoint": .string("\(base)/\(segment)/v2.0/.well-known/openid-configuration"),
            "api-version": "1.1",
            "metadata": [["preferred_network": .string(ownHost), "preferred_cache": .string(ownHost), "aliases": [.string(ownHost)]]],
        ]
    }

    /// Unreserved characters (RFC 3986 §2.3): the only ones left unencoded in a tenant segment.
    private static let pathSafe: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        set.insert(charactersIn: "-._~")
        return set
    }()

    private static func defaultPort(_ scheme: String) -> Int? {
        switch scheme {
        case "https": 443
        case "http": 80
        default: nil
        }
    }

    /// Managed when the user name's domain is a verified domain of a tenant of the world
    /// (Entra decides by domain, not by user); Unknown otherwise.
    static func userRealm(_ userName: String, _ db: Connection) throws -> JSON {
        let domain = userName.split(separator: "@").last.map { String($0).lowercased() } ?? ""
        guard userName.contains("@"), !domain.isEmpty, try Directory.tenant(ofDomain: domain, db) != nil else {
            return ["ver": "1.0", "account_type": "Unknown", "cloud_instance_name": "microsoftonline.com"]
        }
        return [
            "ver": "1.0", "account_type": "Managed", "domain_name": .string(domain),
            "cloud_instance_name": "microsoftonline.com", "cloud_audience_urn": "urn:federation:MicrosoftOnline",
        ]
    }
}

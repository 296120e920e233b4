import Foundation
import JSON
import SQLite

/// MSAL's two look-ups before it asks for a token on an authority it does not know:
/// instance discovery (`/common/discovery/instance`, which names the tenant's discovery
/// document) and, for the password grant, the user realm (`/common/userrealm/{user}`, which
/// says whether the user's domain is Managed by this directory).
enum InstanceDiscovery {
    /// The answer for `authorizationEndpoint` (`https://host[:port]/{tenant}/oauth2[/v2.0]/authorize`):
    /// only this instance's own host is known (AADSTS50049 otherwise, as Entra answers for
    /// hosts outside its clouds).
    static func answer(authorizationEndpoint: String?, base: String) throws(EntraError) -> JSON {
        guard let authorizationEndpoint, !authorizationEndpoint.isEmpty else {
            throw EntraError.malformedDiscovery("the query must carry authorization_endpoint")
        }
        guard let given = URLComponents(string: authorizationEndpoint), let givenHost = given.host?.lowercased(),
              let tenant = given.path.split(separator: "/").first.map(String.init) else {
            throw EntraError.malformedDiscovery("authorization_endpoint is not an absolute URL with a tenant")
        }
        guard let own = URLComponents(string: base)?.host?.lowercased(), own == givenHost else { throw EntraError.unknownInstance() }
        return [
            "tenant_discovery_endpoint": .string("\(base)/\(tenant)/v2.0/.well-known/openid-configuration"),
            "api-version": "1.1",
            "metadata": [["preferred_network": .string(own), "preferred_cache": .string(own), "aliases": [.string(own)]]],
        ]
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

import Foundation
import SQLite

/// The `{tenant}` segment of an Entra URL, resolved against the world: a tenant GUID, a
/// verified domain (which names its tenant), or one of the multi-tenant aliases whose tenant
/// the user's home tenant decides (https://learn.microsoft.com/entra/identity-platform/msal-client-application-configuration#authority).
enum AuthorityTenant: Equatable, Sendable {
    /// A tenant of the world, by its lowercased GUID.
    case tenant(String)
    /// `common` or `organizations`, kept as spelled (lowercased) for the documents' URLs.
    case multiTenant(String)

    static let aliases: Set<String> = ["common", "organizations"]

    /// Resolves `segment`; unknown GUIDs and domains are AADSTS90002, other text AADSTS900023.
    /// `discovery` picks the `error` spelling of the discovery documents.
    static func resolve(_ segment: String, discovery: Bool = false, _ db: Connection) throws -> AuthorityTenant {
        let lowered = segment.lowercased()
        if aliases.contains(lowered) { return .multiTenant(lowered) }
        let notFound = discovery ? EntraError.discoveryTenantNotFound(segment) : EntraError.tenantNotFound(segment)
        if UUID(uuidString: lowered) != nil {
            guard try Directory.tenantExists(lowered, db) else { throw notFound }
            return .tenant(lowered)
        }
        guard lowered.contains("."), CustomerDomain.isValid(lowered) else { throw EntraError.malformedTenant(segment) }
        guard let tenantId = try Directory.tenant(ofDomain: lowered, db) else { throw notFound }
        return .tenant(tenantId)
    }

    /// The segment the documents' URLs carry: the GUID, or the alias.
    var pathSegment: String {
        switch self {
        case .tenant(let id): id
        case .multiTenant(let alias): alias
        }
    }
}

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
        guard isDomainName(lowered) else { throw EntraError.malformedTenant(segment) }
        guard let tenantId = try Directory.tenant(ofDomain: lowered, db) else { throw notFound }
        return .tenant(tenantId)
    }

    /// A DNS name: at least two labels, each as a customer domain's (letters, digits, hyphens)
    /// and neither starting nor ending with a hyphen (RFC 1123 §2.1), so `-.-` is no name
    /// (AADSTS900023), not an unknown one (AADSTS90002).
    static func isDomainName(_ text: String) -> Bool {
        guard text.contains("."), CustomerDomain.isValid(text) else { return false }
        return text.split(separator: ".").allSatisfy { $0.first != "-" && $0.last != "-" }
    }

    /// The segment the documents' URLs carry: the GUID, or the alias.
    var pathSegment: String {
        switch self {
        case .tenant(let id): id
        case .multiTenant(let alias): alias
        }
    }
}

/// What a token request asks for, read from v2's `scope` or v1's `resource` and `scope`.
/// pcsim issues tokens for one resource, Partner Center, whose one delegated permission is
/// `user_impersonation` (https://learn.microsoft.com/partner-center/developer/partner-center-authentication).
struct RequestedScopes: Sendable, Equatable {
    static let resource = "https://api.partnercenter.microsoft.com"
    /// Partner Center's application id, which Entra accepts in place of its URI.
    static let resourceAppId = "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd"
    static let permission = "user_impersonation"
    /// The OpenID Connect scopes MSAL adds to user flows (they ask for an ID token, a refresh
    /// token and profile claims, not for resource access).
    static let openIDScopes: Set<String> = ["openid", "profile", "offline_access", "email"]

    /// OpenID Connect scopes asked for, lowercased.
    var openID: Set<String> = []
    /// Whether a refresh token is wanted: v2 `offline_access`; v1 user flows always get one.
    var wantsRefreshToken: Bool { openID.contains("offline_access") }
    var wantsIDToken: Bool { openID.contains("openid") }

    /// v2: `scope` as given; `forApp` is the client credentials grant, which takes exactly
    /// `<resource>/.default` (v2-oauth2-client-creds-grant-flow; anything else is AADSTS1002012).
    static func v2(_ scope: String?, forApp: Bool, tenant: String) throws(EntraError) -> RequestedScopes {
        guard let scope else { throw EntraError.missing("scope") }
        var requested = RequestedScopes()
        var permissions: [String] = []
        for item in scope.split(separator: " ").map(String.init) {
            let lowered = item.lowercased()
            if openIDScopes.contains(lowered) {
                guard !forApp else { throw EntraError.clientCredentialsScope(item) }
                requested.openID.insert(lowered)
                continue
            }
            guard let slash = lowered.lastIndex(of: "/") else {
                // A bare name (`User.Read.All`) has no resource: for an app it is not `.default`.
                if forApp { throw EntraError.clientCredentialsScope(item) }
                throw EntraError.invalidScope(item, "pcsim issues tokens for Partner Center only (\(resource)/.default or \(resource)/\(permission)).")
            }
            let owner = String(lowered[..<slash])
            guard isPartnerCenter(owner) else { throw EntraError.resourceNotFound(String(item[..<slash]), tenant: tenant) }
            let permission = String(lowered[lowered.index(after: slash)...])
            if forApp && permission != ".default" { throw EntraError.clientCredentialsScope(item) }
            permissions.append(permission)
        }
        if forApp {
            // Only `.default`, once: a repeat is the same value, anything else was refused above.
            guard !permissions.isEmpty else { throw EntraError.clientCredentialsScope(scope) }
            return requested
        }
        guard !permissions.isEmpty else {
            throw EntraError.invalidScope(scope, "Ask for \(resource)/.default or \(resource)/\(permission).")
        }
        for permission in permissions where permission != ".default" && permission != Self.permission {
            throw EntraError.invalidScope(scope, "Partner Center has no delegated permission '\(permission)'; it has \(Self.permission).")
        }
        if permissions.contains(".default") && Set(permissions).count > 1 {
            throw EntraError.invalidScope(scope, "The .default scope can't be combined with resource-specific scopes.")
        }
        return requested
    }

    /// v1: `resource` must be Partner Center (required unless `optional`); `scope=openid` asks
    /// for an ID token as in the v1 protocol.
    static func v1(resource given: String?, scope: String?, optional: Bool, tenant: String) throws(EntraError) -> RequestedScopes {
        if let given {
            let trimmed = given.lowercased().hasSuffix("/") ? String(given.lowercased().dropLast()) : given.lowercased()
            guard isPartnerCenter(trimmed) else { throw EntraError.resourceNotFound(given, tenant: tenant) }
        } else if !optional {
            throw EntraError.missing("resource")
        }
        var requested = RequestedScopes()
        requested.openID = Set((scope ?? "").lowercased().split(separator: " ").map(String.init)).intersection(openIDScopes)
        return requested
    }

    private static func isPartnerCenter(_ owner: String) -> Bool {
        owner == resource || owner == resourceAppId
    }
}

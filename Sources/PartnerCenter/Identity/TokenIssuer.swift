import Cryptography
import Foundation
import JSON
import SQLite

/// The token endpoints' answers (v1 `/{tenant}/oauth2/token`, v2 `/{tenant}/oauth2/v2.0/token`):
/// checks a request in the order Entra does (tenant, grant, client, scope, the app's tenant,
/// client secret, user)
/// and answers the JSON MSAL reads. Every refusal is an EntraError; nothing is written unless
/// a token is issued (password and refresh grants store their new refresh token).
struct TokenIssuer: Sendable {
    let tokens: TokenService
    /// `services.publicBaseURL`: the issuer of the tokens and the base of every URL.
    let issuerBase: String
    /// Wall-clock time: tokens expire by it (docs/decisions.md).
    let now: Date

    /// Access tokens live an hour (less the second Entra takes off, so `expires_in` is 3599 as
    /// in its answers); ID tokens an hour.
    static let accessTokenLifetime = 3599
    static let idTokenLifetime: Int64 = 3600

    /// The grant a request asks for (checked before any database work).
    static func grant(_ request: TokenRequest) throws(EntraError) -> Grant {
        guard let name = request.form.nonEmpty("grant_type") else { throw EntraError.missing("grant_type") }
        guard let grant = Grant(rawValue: name) else { throw EntraError.unsupportedGrant(name) }
        return grant
    }

    func answer(_ request: TokenRequest, _ db: Connection) throws -> JSON {
        let authority = try AuthorityTenant.resolve(request.tenant, db)
        let grant = try Self.grant(request)
        let clientId = try request.clientId()
        let form = request.form
        let scopes: RequestedScopes = switch request.version {
        case .v2: try RequestedScopes.v2(form.nonEmpty("scope"), forApp: grant == .clientCredentials, tenant: request.tenant)
        case .v1: try RequestedScopes.v1(resource: form.nonEmpty("resource"), scope: form.nonEmpty("scope"),
                                         optional: grant == .refreshToken, tenant: request.tenant)
        }
        // An app that exists nowhere is unknown whatever the tenant.
        guard let app = try AppRegistrationStore.find(clientId, db) else {
            throw EntraError.clientNotFound(clientId, tenant: request.tenant)
        }
        // An app is found only in its own tenant: on a tenant authority another tenant's app is
        // unknown before any credential is looked at (Entra answers 700016 for an app that is
        // not in the authority's directory), so no secret, password or refresh token is tested.
        if case .tenant(let tenantId) = authority, app.tenantId != tenantId {
            throw EntraError.clientNotFound(clientId, tenant: request.tenant)
        }
        // An app-only token is the app's own tenant's: the authority must name it.
        if grant == .clientCredentials, case .multiTenant = authority { throw EntraError.noTenantIdentified() }
        let secret = try request.clientSecret()
        try authenticate(app, secret: secret, grant: grant)
        // appidacr/azpacr: "1" for a client that proved itself with its secret, "0" for a public client.
        let clientAuthenticated = secret != nil
        switch grant {
        case .clientCredentials:
            return try appAnswer(app, version: request.version)
        case .password:
            guard let userName = form.nonEmpty("username") else { throw EntraError.missing("username") }
            guard let password = form.nonEmpty("password") else { throw EntraError.missing("password") }
            // On common/organizations the user name's domain names the home tenant (Entra's
            // home realm discovery decides by domain, not by user): an app of another tenant
            // is not found there, whether or not the user exists and before the password is
            // compared, so the answer says nothing about either.
            if case .multiTenant = authority, let home = try Directory.tenant(ofDomain: Self.domain(of: userName), db),
               home != app.tenantId {
                throw EntraError.clientNotFound(clientId, tenant: home)
            }
            guard let user = try Directory.user(named: userName, db), authority.admits(user.tenantId) else {
                throw EntraError.userNotFound(request.tenant)
            }
            // A user's domain is a verified domain of its own tenant only, so this holds once
            // the checks above passed; kept so no password is compared for another tenant's app.
            guard app.tenantId == user.tenantId else { throw EntraError.clientNotFound(clientId, tenant: user.tenantId) }
            guard let stored = user.password, secretsMatch(password, stored) else {
                throw EntraError.wrongPassword()
            }
            return try userAnswer(app, user, scopes, request, clientAuthenticated: clientAuthenticated, db)
        case .refreshToken:
            guard let text = form.nonEmpty("refresh_token") else { throw EntraError.missing("refresh_token") }
            let binding = try RefreshTokens.redeem(text, now: now, db)
            guard binding.clientId == app.clientId else { throw EntraError.grantMismatch("the refresh token was issued to another client") }
            guard authority.admits(binding.tenantId) else { throw EntraError.grantMismatch("the refresh token was issued for another tenant") }
            guard let user = try Directory.user(named: binding.userName, db), user.tenantId == binding.tenantId else {
                throw EntraError.grantMismatch("the user of the refresh token is no longer in the directory")
            }
            return try userAnswer(app, user, scopes, request, clientAuthenticated: clientAuthenticated, db)
        }
    }

    /// The domain of a user name (what follows its last `@`), lowercased; empty without one.
    static func domain(of userName: String) -> String {
        guard let at = userName.lastIndex(of: "@") else { return "" }
        return String(userName[userName.index(after: at)...]).lowercased()
    }

    /// Confidential clients prove themselves with their secret; a public client (Entra's
    /// "Allow public client flows") may sign users in without one, never itself.
    private func authenticate(_ app: AppRegistration, secret: String?, grant: Grant) throws(EntraError) {
        guard let secret else {
            guard app.publicClient, grant.isUserFlow else { throw EntraError.secretRequired() }
            return
        }
        guard secretsMatch(secret, app.secret) else {
            throw EntraError.invalidSecret(app.clientId)
        }
    }

    private func appAnswer(_ app: AppRegistration, version: AccessTokenGrant.Version) throws -> JSON {
        let grant = AccessTokenGrant(version: version, tenantId: app.tenantId, objectId: app.objectId, clientId: app.clientId,
                                     roles: app.roleList, scopes: [], identityType: .app, issuerBase: issuerBase)
        var answer = lifetimeFields(version)
        answer["access_token"] = .string(try mint(grant))
        return .object(answer)
    }

    private func userAnswer(_ app: AppRegistration, _ user: DirectoryUser, _ scopes: RequestedScopes, _ request: TokenRequest,
                            clientAuthenticated: Bool, _ db: Connection) throws -> JSON {
        let version = request.version
        let userName = user.userName ?? user.name
        let grant = AccessTokenGrant(version: version, tenantId: user.tenantId, objectId: user.userId, clientId: app.clientId,
                                     roles: user.roleList, scopes: [RequestedScopes.permission], identityType: .user,
                                     userName: userName, displayName: user.name, clientAuthenticated: clientAuthenticated,
                                     issuerBase: issuerBase)
        var answer = lifetimeFields(version)
        answer["scope"] = .string(version == .v2 ? "\(RequestedScopes.resource)/\(RequestedScopes.permission)" : RequestedScopes.permission)
        answer["access_token"] = .string(try mint(grant))
        // v1 user flows always return one (v1-protocols); v2 only for offline_access.
        if version == .v1 || scopes.wantsRefreshToken {
            answer["refresh_token"] = .string(try RefreshTokens.issue(clientId: app.clientId, tenantId: user.tenantId,
                                                                      userName: userName, now: now, db))
        }
        if scopes.wantsIDToken {
            answer["id_token"] = .string(try idToken(app, user, userName: userName, version: version))
        }
        if request.form["client_info"] == "1" {
            let info: JSON = ["uid": .string(user.userId), "utid": .string(user.tenantId)]
            answer["client_info"] = .string(Base64URL.encode(info.serialized()))
        }
        return .object(answer)
    }

    /// v2 answers numbers; v1 answers strings and adds expires_on, not_before and resource
    /// (v1 OAuth pages; MSAL reads both forms).
    private func lifetimeFields(_ version: AccessTokenGrant.Version) -> JSONObject {
        let lifetime = Self.accessTokenLifetime
        var fields: JSONObject = ["token_type": "Bearer"]
        switch version {
        case .v2:
            fields["expires_in"] = .int(Int64(lifetime))
            fields["ext_expires_in"] = .int(Int64(lifetime))
        case .v1:
            let issued = Int64(now.timeIntervalSince1970)
            fields["expires_in"] = .string(String(lifetime))
            fields["ext_expires_in"] = .string(String(lifetime))
            fields["expires_on"] = .string(String(issued + Int64(lifetime)))
            fields["not_before"] = .string(String(issued))
            fields["resource"] = .string(RequestedScopes.resource)
        }
        return fields
    }

    private func mint(_ grant: AccessTokenGrant) throws -> String {
        do {
            return try tokens.mintAccessToken(grant, expiresIn: TimeInterval(Self.accessTokenLifetime), now: now)
        } catch {
            throw EntraError.unavailable()
        }
    }

    /// The ID token MSAL builds its account from: aud is the client, sub a per-app id (Entra's
    /// is pairwise), oid and tid the user's (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference).
    private func idToken(_ app: AppRegistration, _ user: DirectoryUser, userName: String, version: AccessTokenGrant.Version) throws -> String {
        let issued = Int64(now.timeIntervalSince1970)
        var claims: JSONObject = [
            "aud": .string(app.clientId),
            "iss": .string(TokenService.issuer(version, tenantId: user.tenantId, base: issuerBase)),
            "iat": .int(issued), "nbf": .int(issued), "exp": .int(issued + Self.idTokenLifetime),
            "name": .string(user.name),
            "oid": .string(user.userId),
            "sub": .string(Base64URL.encode(SHA256.hash(Array("\(app.clientId):\(user.userId)".utf8)))),
            "tid": .string(user.tenantId),
            "ver": .string(version.rawValue),
        ]
        switch version {
        case .v2:
            claims["preferred_username"] = .string(userName)
        case .v1:
            claims["upn"] = .string(userName)
            claims["unique_name"] = .string(userName)
        }
        do {
            return try tokens.signRS256(claims)
        } catch {
            throw EntraError.unavailable()
        }
    }
}

extension AuthorityTenant {
    /// Whether a user or grant of `tenantId` may be served on this authority.
    func admits(_ tenantId: String) -> Bool {
        switch self {
        case .tenant(let id): id == tenantId
        case .multiTenant: true
        }
    }
}

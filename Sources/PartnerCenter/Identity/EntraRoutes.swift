import Foundation
import HTTP
import JSON
import SQLite

/// The Microsoft Entra ID side of pcsim: token endpoints (v1 and v2), OpenID Connect
/// discovery, the signing keys, and MSAL's instance and user-realm look-ups. No bearer token:
/// these are how a client gets one. Every answer, errors included, is Entra-shaped.
enum EntraRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/{tenant}/oauth2/v2.0/token", .anonymous, summary: "Entra ID v2 token endpoint",
                 .direct { token($0, .v2) }),
        Endpoint(.post, "/{tenant}/oauth2/token", .anonymous, summary: "Entra ID v1 token endpoint",
                 .direct { token($0, .v1) }),
        Endpoint(.get, "/{tenant}/v2.0/.well-known/openid-configuration", .anonymous, summary: "OpenID Connect discovery (v2)",
                 .direct { configuration($0, .v2) }),
        Endpoint(.get, "/{tenant}/.well-known/openid-configuration", .anonymous, summary: "OpenID Connect discovery (v1)",
                 .direct { configuration($0, .v1) }),
        Endpoint(.get, "/{tenant}/discovery/v2.0/keys", .anonymous, summary: "Token signing keys (JWKS, v2)",
                 .direct(keys)),
        Endpoint(.get, "/{tenant}/discovery/keys", .anonymous, summary: "Token signing keys (JWKS, v1)",
                 .direct(keys)),
        Endpoint(.get, "/common/discovery/instance", .anonymous, summary: "MSAL instance discovery",
                 .direct(instance)),
        Endpoint(.get, "/common/userrealm/{username}", .anonymous, summary: "MSAL user realm discovery",
                 .direct(userRealm)),
    ]

    /// Whether a path that matched no route of its method belongs to these routes (the app
    /// then answers AADSTS900561 instead of Partner Center's 405).
    static func isTokenPath(_ rawPath: String) -> Bool {
        // As the router matches: segments percent-decoded (`%74oken` is `token`), any case,
        // one trailing slash ignored (split drops the empty segment).
        let segments = rawPath.split(separator: "/").map { ($0.removingPercentEncoding ?? String($0)).lowercased() }
        return (segments.count == 3 && segments[1] == "oauth2" && segments[2] == "token")
            || (segments.count == 4 && segments[1] == "oauth2" && segments[2] == "v2.0" && segments[3] == "token")
    }

    /// Whether a raw path is one of these routes' (any case, as routes match): the token
    /// endpoints, the discovery documents and keys of any tenant segment, and MSAL's look-ups.
    static func isEntraPath(_ rawPath: String) -> Bool {
        if isTokenPath(rawPath) { return true }
        let segments = rawPath.lowercased().split(separator: "/").map(String.init)
        guard segments.count >= 2 else { return false }
        let rest = Array(segments.dropFirst())
        if segments[0] == "common" && (rest == ["discovery", "instance"] || (rest.count == 2 && rest[0] == "userrealm")) { return true }
        return rest == ["v2.0", ".well-known", "openid-configuration"] || rest == [".well-known", "openid-configuration"]
            || rest == ["discovery", "v2.0", "keys"] || rest == ["discovery", "keys"]
    }

    /// The HTTP server's own refusal of a request to these routes (body or head too large,
    /// malformed HTTP, too slow), in Entra's shape. No request reached the app, so there is
    /// no client-request-id to echo: the correlation id is new.
    static func protocolError(_ status: HTTPStatus, _ message: String) -> HTTPResponse {
        let refusal: EntraError = switch status {
        case .requestTimeout: .requestTimeout(message)
        case .serviceUnavailable: .unavailable()
        default: .protocolRefusal(status.code, message)
        }
        let body = refusal.json(traceId: UUID().uuidString.lowercased(), correlationId: UUID().uuidString.lowercased(), now: Date())
        return HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", APIResponse.jsonContentType)]), body: body.serialized())
    }

    static func token(_ request: RequestContext, _ version: AccessTokenGrant.Version) -> APIResponse {
        entra(request, noStore: true) {
            let http = request.request
            let form: FormBody
            let contentType = http.headers["Content-Type"]?.lowercased() ?? ""
            if contentType.hasPrefix("application/x-www-form-urlencoded") {
                form = try FormBody.tokenRequest(http.body)
            } else {
                // Entra reads form bodies only: anything else has no grant_type.
                form = try FormBody([])
            }
            let tokenRequest = TokenRequest(version: version, tenant: request.pathParameter("tenant"), form: form,
                                            basic: try TokenRequest.basicCredentials(http.headers["Authorization"]))
            let services = request.services
            let issuer = TokenIssuer(tokens: services.tokens, issuerBase: services.publicBaseURL, now: Date())
            // The client credentials grant only reads; the user flows store a refresh token.
            let reads = (try? TokenIssuer.grant(tokenRequest)) == .clientCredentials
            if reads {
                return APIResponse(.ok, json: try services.database.read { db in try issuer.answer(tokenRequest, db) })
            }
            let json = try services.database.write { db in try issuer.answer(tokenRequest, db) }
            // As after any write of the API: a write that went through ends a storage problem.
            services.storageRecovered()
            return APIResponse(.ok, json: json)
        }
    }

    static func configuration(_ request: RequestContext, _ version: AccessTokenGrant.Version) -> APIResponse {
        entra(request) {
            let services = request.services
            let json = try services.database.read { db in
                let authority = try AuthorityTenant.resolve(request.pathParameter("tenant"), discovery: true, db)
                return try OpenIDConfiguration.document(version, authority, base: services.publicBaseURL, db)
            }
            return APIResponse(.ok, json: json)
        }
    }

    static func keys(_ request: RequestContext) -> APIResponse {
        entra(request) {
            let services = request.services
            _ = try services.database.read { db in try AuthorityTenant.resolve(request.pathParameter("tenant"), discovery: true, db) }
            let keys: JSON
            do {
                keys = try services.tokens.jsonWebKeySet()
            } catch {
                throw EntraError.unavailable()
            }
            return APIResponse(.ok, json: keys)
        }
    }

    static func instance(_ request: RequestContext) -> APIResponse {
        entra(request) {
            let services = request.services
            let endpoint = request.query("authorization_endpoint")
            return APIResponse(.ok, json: try services.database.read { db in
                try InstanceDiscovery.answer(authorizationEndpoint: endpoint, base: services.publicBaseURL, db)
            })
        }
    }

    static func userRealm(_ request: RequestContext) -> APIResponse {
        entra(request) {
            let name = request.pathParameter("username")
            return APIResponse(.ok, json: try request.services.database.read { db in try InstanceDiscovery.userRealm(name, db) })
        }
    }

    /// An Entra-shaped refusal of `method` on a token endpoint: AADSTS900561 in the body, and
    /// 405 with `Allow: POST` as HTTP says (RFC 9110 §15.5.6; the error page gives no status).
    static func postOnly(_ request: HTTPRequest) -> HTTPResponse {
        let correlationId = correlation(request)
        let body = EntraError.postOnly(request.method.rawValue).json(traceId: UUID().uuidString.lowercased(),
                                                                    correlationId: correlationId, now: Date())
        return HTTPResponse(status: .methodNotAllowed,
                            headers: HTTPHeaders([("Content-Type", APIResponse.jsonContentType), ("Allow", "POST")]),
                            body: body.serialized())
    }

    /// Runs `body`; any EntraError is its answer, anything else a 500 server_error whose
    /// detail goes to the log only (never Partner Center's error shape, never internal text).
    private static func entra(_ request: RequestContext, noStore: Bool = false, _ body: () throws -> APIResponse) -> APIResponse {
        var response: APIResponse
        do {
            response = try body()
        } catch {
            let refusal: EntraError
            if let entra = error as? EntraError {
                refusal = entra
            } else if let storage = StorageFailure(error) {
                // As the API's writes do (PartnerCenterApp.execute): logged, reported by
                // /_sim/health, and answered as the service being unavailable, here in Entra's
                // shape (503 temporarily_unavailable, AADSTS90006), never as a 500.
                request.services.logger.error("\(storage.logMessage)", metadata: [
                    "path": .string(request.request.path), "error": .string("\(error)"),
                ])
                request.services.storageFailed(storage.healthReason)
                refusal = .unavailable()
            } else {
                request.services.logger.error("Entra endpoint failed", metadata: [
                    "path": .string(request.request.path), "error": .string("\(error)"),
                ])
                refusal = .serverError()
            }
            let json = refusal.json(traceId: UUID().uuidString.lowercased(), correlationId: correlation(request.request), now: Date())
            response = APIResponse(HTTPStatus(code: refusal.status), json: json)
            // RFC 6749 §5.2: a client that authenticated with the Authorization header gets the scheme back.
            if refusal.status == 401, request.request.headers["Authorization"]?.lowercased().hasPrefix("basic ") == true {
                response.headers.add(name: "WWW-Authenticate", value: "Basic realm=\"pcsim\"")
            }
        }
        if noStore {
            // RFC 6749 §5.1: token answers are never cached.
            response.headers.add(name: "Cache-Control", value: "no-store, no-cache")
            response.headers.add(name: "Pragma", value: "no-cache")
        }
        return response
    }

    /// MSAL's `client-request-id`, else the request's correlation id (the app always sets one).
    private static func correlation(_ request: HTTPRequest) -> String {
        let given = request.headers["client-request-id"] ?? request.headers["MS-CorrelationId"] ?? ""
        // Echoed into JSON only when it is a plain id: never arbitrary client text.
        return UUID(uuidString: given) != nil ? given.lowercased() : UUID().uuidString.lowercased()
    }
}

import Foundation
import JSON

/// An error of the token and discovery endpoints, shaped as Microsoft Entra ID answers them
/// (https://learn.microsoft.com/entra/identity-platform/reference-error-codes): an OAuth 2.0
/// `error`, an AADSTS code, and a description that starts with that code. Never a Partner
/// Center error: clients of these routes are token libraries that read `error` and
/// `error_codes`. The codes and statuses each factory uses are listed in docs/decisions.md.
struct EntraError: Error, Equatable, Sendable {
    /// HTTP status: 401 for `invalid_client` (RFC 6749 §5.2), 400 for the other client errors.
    let status: Int
    let error: String
    let code: Int
    let message: String

    init(_ error: String, _ code: Int, _ message: String) {
        self.init(400, error, code, message)
    }

    init(_ status: Int, _ error: String, _ code: Int, _ message: String) {
        self.status = status
        self.error = error
        self.code = code
        self.message = message
    }

    /// Entra's timestamp format: `2016-01-09 02:02:12Z`.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(value ?? 0).leftPadded(to: 2) }
        return "\(String(parts.year ?? 1970).leftPadded(to: 4))-\(two(parts.month))-\(two(parts.day)) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))Z"
    }

    /// The body: the description carries the code, trace id, correlation id and time on
    /// `\r\n`-separated lines, as Entra's do, and `error_codes` the code again.
    func json(traceId: String, correlationId: String, now: Date) -> JSON {
        let time = Self.timestamp(now)
        let description = "AADSTS\(code): \(message)\r\nTrace ID: \(traceId)\r\nCorrelation ID: \(correlationId)\r\nTimestamp: \(time)"
        return [
            "error": .string(error),
            "error_description": .string(description),
            "error_codes": [.int(Int64(code))],
            "timestamp": .string(time),
            "trace_id": .string(traceId),
            "correlation_id": .string(correlationId),
            "error_uri": .string("https://login.microsoftonline.com/error?code=\(code)"),
        ]
    }
}

extension EntraError {
    // MARK: Requests

    /// AADSTS900144: a required parameter is missing (or empty).
    static func missing(_ name: String) -> EntraError {
        EntraError("invalid_request", 900144, "The request body must contain the following parameter: '\(name)'.")
    }

    /// AADSTS90023: a body pcsim cannot read as one form (bad escapes, repeated parameters, too large).
    static func malformedRequest(_ why: String) -> EntraError {
        EntraError("invalid_request", 90023, "The authentication service request isn't valid: \(why).")
    }

    /// AADSTS90023 (InvalidRequest) with the HTTP status the server chose: a request the HTTP
    /// server refused before any route ran (400 malformed, 413 body, 431 head, 505 version).
    static func protocolRefusal(_ status: Int, _ why: String) -> EntraError {
        EntraError(status, "invalid_request", 90023, "The authentication service request isn't valid: \(why).")
    }

    /// AADSTS90012 (RequestTimeout, reference-error-codes): the request did not arrive in time (408).
    static func requestTimeout(_ why: String) -> EntraError {
        EntraError(408, "invalid_request", 90012, "The request has timed out: \(why).")
    }

    /// AADSTS900561: the token endpoint is POST only (answered with 405, see EntraRoutes.postOnly).
    static func postOnly(_ method: String) -> EntraError {
        EntraError("invalid_request", 900561, "The endpoint only accepts POST requests. Received a \(method) request.")
    }

    /// AADSTS70003: a grant type the endpoint does not support.
    static func unsupportedGrant(_ grant: String) -> EntraError {
        EntraError("unsupported_grant_type", 70003, "The app requested an unsupported grant type '\(grant)'.")
    }

    // MARK: Tenants

    /// AADSTS90002: no tenant of that id or domain.
    static func tenantNotFound(_ tenant: String) -> EntraError {
        EntraError("invalid_request", 90002, "Tenant '\(tenant)' not found. Check to make sure you have the correct tenant ID "
                   + "and are signing into the correct cloud.")
    }

    /// AADSTS90002 on the discovery documents, whose `error` Entra spells `invalid_tenant`.
    static func discoveryTenantNotFound(_ tenant: String) -> EntraError {
        EntraError("invalid_tenant", 90002, "Tenant '\(tenant)' not found. Check to make sure you have the correct tenant ID "
                   + "and are signing into the correct cloud.")
    }

    /// AADSTS900023: a tenant that is neither a GUID nor a domain name.
    static func malformedTenant(_ tenant: String) -> EntraError {
        EntraError("invalid_request", 900023, "Specified tenant identifier '\(tenant)' is neither a valid DNS name, nor a valid external domain.")
    }

    /// AADSTS50059: the client credentials grant on /common or /organizations names no tenant.
    static func noTenantIdentified() -> EntraError {
        EntraError("invalid_request", 50059, "No tenant-identifying information found in either the request or implied by any provided credentials.")
    }

    // MARK: Clients

    /// AADSTS700016: no app of that client id in the tenant (unknown, or another tenant's).
    static func clientNotFound(_ clientId: String, tenant: String) -> EntraError {
        EntraError("unauthorized_client", 700016, "Application with identifier '\(clientId)' was not found in the directory '\(tenant)'. "
                   + "This can happen if the application has not been installed by the administrator of the tenant or consented to by "
                   + "any user in the tenant. You may have sent your authentication request to the wrong tenant.")
    }

    /// AADSTS7000215: the secret does not match the app's.
    static func invalidSecret(_ clientId: String) -> EntraError {
        EntraError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the "
                   + "client secret value, not the client secret ID, for a secret added to app '\(clientId)'.")
    }

    /// AADSTS7000218: a confidential client sent no secret.
    static func secretRequired() -> EntraError {
        EntraError(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.")
    }

    /// AADSTS90023: the Authorization header and the body disagree on the client (RFC 6749
    /// §5.2: more than one authentication mechanism is `invalid_request`).
    static func conflictingClients() -> EntraError {
        malformedRequest("the Authorization header and the request body name different clients or secrets")
    }

    // MARK: Scopes and resources

    /// AADSTS70011: a scope value the endpoint cannot grant.
    static func invalidScope(_ scope: String, _ why: String) -> EntraError {
        EntraError("invalid_scope", 70011, "The provided request must include a 'scope' input parameter. The provided value for the input "
                   + "parameter 'scope' is not valid. The scope '\(scope)' is not valid. \(why)")
    }

    /// AADSTS1002012: the client credentials grant asked for something other than
    /// `<resource>/.default` (a permission, an OpenID scope, a bare name).
    static func clientCredentialsScope(_ scope: String) -> EntraError {
        EntraError("invalid_scope", 1002012, "The provided value for scope \(scope) is not valid. Client credential flows must have a "
                   + "scope value with /.default suffixed to the resource identifier (application ID URI).")
    }

    /// AADSTS500011: a resource other than Partner Center.
    static func resourceNotFound(_ resource: String, tenant: String) -> EntraError {
        EntraError("invalid_resource", 500011, "The resource principal named \(resource) was not found in the tenant named \(tenant). "
                   + "This can happen if the application has not been installed by the administrator of the tenant or consented to by "
                   + "any user in the tenant. You might have sent your authentication request to the wrong tenant.")
    }

    // MARK: Users

    /// AADSTS50034: no user of that name in the tenant.
    static func userNotFound(_ tenant: String) -> EntraError {
        EntraError("invalid_grant", 50034, "The user account does not exist in the '\(tenant)' directory. To sign into this application, "
                   + "the account must be added to the directory.")
    }

    /// AADSTS50126: the password does not match.
    static func wrongPassword() -> EntraError {
        EntraError("invalid_grant", 50126, "Error validating credentials due to invalid username or password.")
    }

    // MARK: Refresh tokens

    /// AADSTS9002313: a refresh token pcsim never issued (or that a reset removed).
    static func malformedRefreshToken() -> EntraError {
        EntraError("invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.")
    }

    /// AADSTS700082: a refresh token past its lifetime.
    static func expiredRefreshToken(issuedAt: Date) -> EntraError {
        EntraError("invalid_grant", 700082, "The refresh token has expired due to inactivity. The token was issued on "
                   + "\(timestamp(issuedAt)) and was inactive for \(Int(RefreshTokens.lifetime / 86_400)).00:00:00.")
    }

    /// AADSTS70000: a refresh token issued to another client or for another tenant.
    static func grantMismatch(_ why: String) -> EntraError {
        EntraError("invalid_grant", 70000, "Provided grant is invalid or malformed: \(why).")
    }

    // MARK: Instance discovery

    /// AADSTS50049: an authority that is not this instance.
    static func unknownInstance() -> EntraError {
        EntraError("invalid_instance", 50049, "Unknown or invalid instance.")
    }

    /// AADSTS50050: instance discovery without a usable `authorization_endpoint`.
    static func malformedDiscovery(_ why: String) -> EntraError {
        EntraError("invalid_request", 50050, "The request is malformed: \(why).")
    }

    // MARK: The service

    /// 503 temporarily_unavailable, AADSTS90006 (ExternalServerRetryableError, "the service is
    /// temporarily unavailable", reference-error-codes): the signing key could not be made or
    /// loaded, or the database is full or cannot be written.
    static func unavailable() -> EntraError {
        EntraError(503, "temporarily_unavailable", 90006, "The service is temporarily unavailable. Try again later.")
    }

    /// 500 server_error: anything else that failed inside pcsim (details go to the log only).
    static func serverError() -> EntraError {
        EntraError(500, "server_error", 50000, "There was an error issuing a token.")
    }
}

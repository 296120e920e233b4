import HTTP
import SQLite

/// One route: its method and path, who may call it, and how it touches the database.
/// Handlers read their input, call domain code, and return a response; the app applies
/// authentication, transactions, idempotency and rendering around them in one place.
struct Endpoint: Sendable {
    enum Access: Sendable {
        /// `/_sim`: open on loopback, otherwise needs the admin key.
        case controlPlane
        /// `GET /_sim/health`: open to every caller, so liveness probes need no secret; the
        /// handler shows more than the status only to the admin key (when there is one).
        case liveness
        /// No token needed (the OpenAPI document).
        case anonymous
        /// A valid token carrying at least one of these roles (else 403 900150).
        case roles(Set<Role>)
    }

    enum Handler: Sendable {
        /// Runs on a reader connection in a read transaction (a consistent snapshot).
        case read(@Sendable (RequestContext, Connection) throws -> APIResponse)
        /// Runs inside one `BEGIN IMMEDIATE` transaction: all of it lands or none of it.
        case write(@Sendable (RequestContext, Connection) throws -> APIResponse)
        /// Manages storage itself (clock changes that must touch memory after commit).
        case direct(@Sendable (RequestContext) throws -> APIResponse)
    }

    let method: HTTPMethod
    let path: String
    let access: Access
    let handler: Handler
    /// One line for the OpenAPI document.
    let summary: String

    init(_ method: HTTPMethod, _ path: String, _ access: Access, summary: String, _ handler: Handler) {
        self.method = method
        self.path = path
        self.access = access
        self.summary = summary
        self.handler = handler
    }
}

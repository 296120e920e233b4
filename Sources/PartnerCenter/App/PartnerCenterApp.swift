import Cryptography
import Foundation
import HTTP
import JSON
import Logging
import SQLite

/// The Partner Center simulator as one HTTP handler: routes of every capability, wrapped in
/// the conventions of spec/api.md (authentication, roles, transactions, idempotency, error
/// rendering, request and correlation id echo). It knows HTTP values but not sockets.
public final class PartnerCenterApp: Sendable {
    public let services: Services
    let responder: Responder
    let endpoints: [Endpoint]

    public init(services: Services) {
        self.services = services
        let endpoints = Self.allEndpoints()
        self.endpoints = endpoints
        // What If-Match on each PATCH, PUT and DELETE is checked against.
        let renderers = Preconditions.renderers(endpoints)
        // Partner Center's paths are case-insensitive (`/v1/Customers` is `/v1/customers`).
        var router = Router(options: .caseInsensitive)
        for endpoint in endpoints {
            let current = renderers[Preconditions.key(endpoint.method, endpoint.path)]
            router.add(endpoint.method, endpoint.path) { request in
                Self.execute(endpoint, currentResource: current, request, services)
            }
        }
        let openAPI = OpenAPIDocument.load()
        router.add(.get, "/openapi.yaml") { _ in
            HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "application/yaml")]), body: openAPI)
        }
        self.responder = router.freeze()
    }

    /// Where the server runs `request`'s handler (`RequestLanes`): matches its route once,
    /// recorded in the request so that `handle` does not match it again.
    public func lane(for request: inout HTTPRequest) -> HTTPLane {
        RequestLanes.lane(for: &request, responder: responder)
    }

    /// SIM-2: every capability's time-based transitions, in the order they are applied (an
    /// enrollment verifies before a term renews before a transfer expires, as since ACC-3).
    static let transitions = TransitionSchedule(transitions: [
        EnrollmentVerification.self, Renewals.self, TransferExpiry.self,
    ])

    /// Every read-path cache of every capability (ReadCaches): the database reports changes to
    /// the tables they declare.
    static let readCaches: [ReadCaches.Declaration] = [
        ReadCaches.Declaration(PartnerRecord.cacheKey), ReadCaches.Declaration(PORValidator.factsCache),
    ]

    static func allEndpoints() -> [Endpoint] {
        SimulationRoutes.endpoints + FaultRoutes.endpoints + ProfileRoutes.endpoints + EnrollmentRoutes.endpoints
            + PartnershipRoutes.endpoints + InvitationRoutes.endpoints(acceptances: InvitationKinds.acceptances) + RelationshipRoutes.endpoints + PORRoutes.endpoints
            + CustomerRoutes.endpoints + SubscriptionRoutes.endpoints + TransferRoutes.endpoints
            + AzureSwitchRoutes.endpoints + OperatorRoutes.endpoints + AuditRoutes.endpoints + EntraRoutes.endpoints
            + SnapshotRoutes.endpoints + JournalRoutes.endpoints
    }

    /// Registered (method, path) pairs, for the OpenAPI consistency test.
    public var routes: [(method: HTTPMethod, pattern: String)] { responder.routes }

    /// The header Partner Center carries a request's correlation id in (echoed on every
    /// response; the server's access log quotes it).
    public static let correlationHeader = "MS-CorrelationId"

    /// Generated request and correlation ids: never from the world's (possibly seeded) id
    /// generator, so they do not disturb reproducible ids.
    private static let echoIds = EchoIDGenerator()

    /// Entry point for the HTTP server.
    public func handle(_ received: HTTPRequest) -> HTTPResponse {
        let journalStart = services.journal.start(services.clock)
        // Fault rules and --throttle (Faults/): nil unless one applies, never on /_sim.
        let fault = FaultInterception.decide(received, services: services, responder: responder)
        // Chosen first so a 500's description and its log line carry the id echoed below.
        // Handlers read it from the request; one the client sent is already there (the first
        // of several is the one every reader sees), so only a generated one is added.
        var request = received
        let correlationId: String
        if let given = request.headers[Self.correlationHeader] {
            correlationId = given
        } else {
            correlationId = Self.echoIds.guid()
            request.headers.add(name: Self.correlationHeader, value: correlationId)
        }
        var response = fault?.preempting ?? responder.respond(to: request) { status, message, headers in
            // A token endpoint refuses other methods as Entra does (AADSTS900561), not as Partner Center.
            if status == .methodNotAllowed && EntraRoutes.isTokenPath(request.rawPath) { return EntraRoutes.postOnly(request) }
            let code = status == .methodNotAllowed ? ErrorCode.methodNotAllowed : ErrorCode.resourceNotFound
            var rendered = RenderedResponse(APIError(status, code: code, message)).httpResponse
            for (name, value) in headers { rendered.headers.add(name: name, value: value) }
            return rendered
        }
        fault?.finish(&response)
        let requestId = request.headers["MS-RequestId"] ?? Self.echoIds.guid()
        response.headers[Self.correlationHeader] = correlationId
        response.headers["MS-RequestId"] = requestId
        response.logFields.append((LogField.requestId, requestId))
        // The request as the client sent it (without the correlation id made up above).
        services.journal.record(received, response, correlationId: correlationId, started: journalStart, tokens: services.tokens)
        return response
    }

    /// The server's own errors (malformed HTTP, limits) as Partner Center JSON errors, or as
    /// Entra errors on the Entra routes, whose clients are token libraries reading `error`
    /// (`path` is known once the request line was read; a line too long stays Partner Center's).
    public static func protocolErrorResponse(_ status: HTTPStatus, _ message: String, _ path: String?) -> HTTPResponse {
        if let path, EntraRoutes.isEntraPath(path) { return EntraRoutes.protocolError(status, message) }
        return RenderedResponse(APIError(status, code: ErrorCode.httpProtocol, message)).httpResponse
    }

    private static func execute(_ endpoint: Endpoint, currentResource: (@Sendable (RequestContext, Connection) throws -> APIResponse)?,
                                _ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        // The caller's tenant goes to the access log, for a refused request too (a 403 of a
        // verified token), and the rest of it to the journal.
        var caller: Principal?
        var response = run(endpoint, currentResource: currentResource, request, services, caller: &caller)
        if let caller {
            response.logFields.append((LogField.tenantId, caller.tenantId))
            // The rest of the caller is for the journal only: not built when it is off.
            if services.journal.capacity > 0 {
                response.logFields.append((LogField.callerObjectId, caller.objectId))
                response.logFields.append((LogField.callerType, caller.identityType.rawValue))
                response.logFields.append((LogField.callerRoles, String(caller.roleBits)))
            }
        }
        return response
    }

    /// `execute`'s work; `caller` receives the principal the token verified to, if the route
    /// verified one (the refusals after it included).
    private static func run(_ endpoint: Endpoint, currentResource: (@Sendable (RequestContext, Connection) throws -> APIResponse)?,
                            _ request: HTTPRequest, _ services: Services, caller: inout Principal?) -> HTTPResponse {
        let now = services.clock.now
        do {
            let principal = try authenticate(endpoint, request, services, verified: &caller)
            let context = RequestContext(request: request, principal: principal, now: now, services: services)
            switch endpoint.handler {
            case .read(let handler):
                var reading = context
                // Noted before the snapshot starts (see KeyedCache: freshness).
                reading.readEpoch = services.caches.epoch.current
                let response = try services.database.read { db in try handler(reading, db) }
                return RenderedResponse(response).httpResponse
            case .direct(let handler):
                return RenderedResponse(try handler(context)).httpResponse
            case .write(let handler):
                let isControlPlane = if case .controlPlane = endpoint.access { true } else { false }
                return try write(handler, context, currentResource: currentResource,
                                 publishesWorld: isControlPlane).httpResponse
            }
        } catch let error as APIError {
            return RenderedResponse(error).httpResponse
        } catch {
            // The detail goes to the log only: it may quote SQL, file paths or internal state.
            let correlationId = request.headers[Self.correlationHeader] ?? "-"
            let metadata: Logger.Metadata = [
                "method": .string(request.method.rawValue), "path": .string(request.path),
                "correlationId": .string(correlationId), "error": .string("\(error)"),
            ]
            if let storage = StorageFailure(error) {
                services.logger.error("\(storage.logMessage)", metadata: metadata)
                services.storageFailed(storage.healthReason)
                return RenderedResponse(storage == .full ? APIError.storageFull : APIError.storageNotWritable).httpResponse
            }
            services.logger.error("request failed", metadata: metadata)
            return RenderedResponse(APIError.internalError(correlationId: correlationId)).httpResponse
        }
    }

    /// `verified`: the token's principal as it verified, set before the role check can refuse it.
    private static func authenticate(_ endpoint: Endpoint, _ request: HTTPRequest, _ services: Services,
                                     verified: inout Principal?) throws(APIError) -> Principal? {
        switch endpoint.access {
        case .anonymous, .liveness:
            return nil
        case .controlPlane:
            if let key = services.configuration.adminKey, !adminKeyMatches(request.headers["X-Admin-Key"], key) {
                throw APIError(.forbidden, code: ErrorCode.controlPlaneForbidden,
                               "The control plane needs the instance's admin key in X-Admin-Key.")
            }
            return nil
        case .roles(let accepted):
            var principal: Principal
            do {
                principal = try services.tokens.principal(fromAuthorization: request.headers["Authorization"])
            } catch {
                switch error {
                case .missing: throw APIError.unauthorized("An access token is required (Authorization: Bearer <token>).")
                case .malformed(let why): throw APIError.unauthorized("The access token is malformed: \(why).")
                case .invalid(let why): throw APIError.unauthorized("The access token is not valid: \(why).")
                }
            }
            verified = principal
            // The operator role means something only in the Microsoft tenant: a partner minting
            // itself a MicrosoftSupport token must not approve its own enrollment.
            if principal.has(.microsoftSupport) && principal.tenantId != MicrosoftTenant.tenantId {
                principal = Principal(tenantId: principal.tenantId, objectId: principal.objectId,
                                      roles: principal.roles.subtracting([.microsoftSupport]), identityType: principal.identityType)
            }
            guard principal.hasAny(accepted) else {
                throw APIError.forbidden("This operation needs one of the roles \(accepted.map(\.rawValue).sorted().joined(separator: ", ")).")
            }
            return principal
        }
    }

    /// Compares digests, whose length is fixed, in constant time: neither the key's length
    /// nor how much of a guess was right shows in the response time.
    static func adminKeyMatches(_ given: String?, _ key: String) -> Bool {
        guard let given else { return false }
        return secretsMatch(given, key)
    }

    /// One transaction per request; replay by MS-RequestId and the If-Match check inside
    /// the same transaction.
    private static func write(_ handler: @Sendable (RequestContext, Connection) throws -> APIResponse,
                              _ context: RequestContext,
                              currentResource: (@Sendable (RequestContext, Connection) throws -> APIResponse)?,
                              publishesWorld: Bool) throws -> RenderedResponse {
        let request = context.request
        let key = try request.headers["MS-RequestId"].flatMap { id -> IdempotencyKey? in
            guard !id.isEmpty else { return nil }
            // Stored with the answer for a day: bounded like every other input.
            guard id.utf8.count <= 256 else { throw APIError.invalidField("MS-RequestId", "must be at most 256 characters") }
            // A GUID is one id however it is cased (clients format them either way).
            let requestId = UUID(uuidString: id) != nil ? id.lowercased() : id
            return IdempotencyKey(tenantId: context.principal?.tenantId ?? "_sim",
                                  principalId: context.principal?.objectId ?? "_sim", requestId: requestId)
        }
        // Hashing the body is paid only by requests that carry an MS-RequestId.
        let identity = key.map { _ in IdempotencyKey.Identity(request) }
        let ifMatch = request.headers.values(for: "If-Match")
        let services = context.services
        let database = services.database
        do {
            let (rendered, world) = try database.write { db -> (RenderedResponse, WorldPublication?) in
                if let key, let identity, let stored = try key.replay(for: identity, db, now: context.now) { return (stored, nil) }
                try services.transitions.apply(context.operation, db)
                if let currentResource, !ifMatch.isEmpty {
                    try Preconditions.check(ifMatch: ifMatch) { try currentResource(context, db) }
                }
                let rendered = RenderedResponse(try handler(context, db))
                if let key, let identity { try key.store(rendered, identity: identity, db, now: context.now) }
                // Control-plane writes may replace the world or move the clock: published after commit.
                return (rendered, publishesWorld ? try services.readWorld(db) : nil)
            }
            if let world { services.publishWorld(world) }
            services.storageRecovered()
            return rendered
        } catch let error as APIError {
            // The refused request changed nothing; remember its answer so a retry with the
            // same MS-RequestId gets the same answer (unless the id belongs to another request).
            let rendered = RenderedResponse(error)
            if let key, let identity {
                try? database.write { db in
                    if try key.lookup(db, now: context.now) == nil {
                        try key.store(rendered, identity: identity, db, now: context.now)
                    }
                }
            }
            return rendered
        }
    }
}

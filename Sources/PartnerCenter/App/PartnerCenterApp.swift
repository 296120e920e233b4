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
        var router = Router()
        for endpoint in endpoints {
            router.add(endpoint.method, endpoint.path) { request in
                Self.execute(endpoint, request, services)
            }
        }
        let openAPI = OpenAPIDocument.load()
        router.add(.get, "/openapi.yaml") { _ in
            HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "application/yaml")]), body: openAPI)
        }
        self.responder = router.freeze()
    }

    static func allEndpoints() -> [Endpoint] {
        SimulationRoutes.endpoints + ProfileRoutes.endpoints + EnrollmentRoutes.endpoints
            + PartnershipRoutes.endpoints + RelationshipRoutes.endpoints + PORRoutes.endpoints
            + CustomerRoutes.endpoints + SubscriptionRoutes.endpoints + TransferRoutes.endpoints
            + AzureSwitchRoutes.endpoints + AuditRoutes.endpoints
    }

    /// Registered (method, path) pairs, for the OpenAPI consistency test.
    public var routes: [(method: HTTPMethod, pattern: String)] { responder.routes }

    /// Generated request and correlation ids: never from the world's (possibly seeded) id
    /// generator, so they do not disturb reproducible ids.
    private static let echoIds = IDGenerator()

    /// Entry point for the HTTP server.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        var response = responder.respond(to: request) { status, message, headers in
            let code = status == .methodNotAllowed ? ErrorCode.methodNotAllowed : ErrorCode.resourceNotFound
            var rendered = RenderedResponse(APIError(status, code: code, message)).httpResponse
            for (name, value) in headers { rendered.headers.add(name: name, value: value) }
            return rendered
        }
        let correlationId = request.headers["MS-CorrelationId"] ?? Self.echoIds.guid()
        let requestId = request.headers["MS-RequestId"] ?? Self.echoIds.guid()
        response.headers["MS-CorrelationId"] = correlationId
        response.headers["MS-RequestId"] = requestId
        return response
    }

    /// The server's own errors (malformed HTTP, limits) as Partner Center JSON errors.
    public static func protocolErrorResponse(_ status: HTTPStatus, _ message: String) -> HTTPResponse {
        RenderedResponse(APIError(status, code: ErrorCode.httpProtocol, message)).httpResponse
    }

    private static func execute(_ endpoint: Endpoint, _ request: HTTPRequest, _ services: Services) -> HTTPResponse {
        let now = services.clock.now
        do {
            let principal = try authenticate(endpoint, request, services)
            let context = RequestContext(request: request, principal: principal, now: now, services: services)
            switch endpoint.handler {
            case .read(let handler):
                var reading = context
                reading.readGeneration = services.database.generation
                let response = try services.database.read { db in try handler(reading, db) }
                return RenderedResponse(response).httpResponse
            case .direct(let handler):
                return RenderedResponse(try handler(context)).httpResponse
            case .write(let handler):
                return try write(handler, context).httpResponse
            }
        } catch let error as APIError {
            return RenderedResponse(error).httpResponse
        } catch {
            services.logger.error("request failed", metadata: ["path": .string(request.path), "error": .string("\(error)")])
            return RenderedResponse(APIError(.internalServerError, code: ErrorCode.internalError,
                                             "The simulator failed to process the request: \(error)")).httpResponse
        }
    }

    private static func authenticate(_ endpoint: Endpoint, _ request: HTTPRequest, _ services: Services) throws(APIError) -> Principal? {
        switch endpoint.access {
        case .anonymous:
            return nil
        case .controlPlane:
            if let key = services.configuration.adminKey, request.headers["X-Admin-Key"] != key {
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

    /// One transaction per request; replay by MS-RequestId inside the same transaction.
    private static func write(_ handler: @Sendable (RequestContext, Connection) throws -> APIResponse,
                              _ context: RequestContext) throws -> RenderedResponse {
        let request = context.request
        let key = request.headers["MS-RequestId"].flatMap { id -> IdempotencyKey? in
            guard !id.isEmpty else { return nil }
            return IdempotencyKey(tenantId: context.principal?.tenantId ?? "_sim",
                                  principalId: context.principal?.objectId ?? "_sim", requestId: id)
        }
        let database = context.services.database
        do {
            return try database.write { db in
                if let key, let stored = try key.lookup(db, now: context.now) { return stored }
                try Transitions.apply(db, context)
                let rendered = RenderedResponse(try handler(context, db))
                try key?.store(rendered, method: request.method.rawValue, path: request.path, db, now: context.now)
                return rendered
            }
        } catch let error as APIError {
            // The refused request changed nothing; remember its answer so a retry with the
            // same MS-RequestId gets the same answer.
            let rendered = RenderedResponse(error)
            if let key {
                try? database.write { db in
                    if try key.lookup(db, now: context.now) == nil {
                        try key.store(rendered, method: request.method.rawValue, path: request.path, db, now: context.now)
                    }
                }
            }
            return rendered
        }
    }
}

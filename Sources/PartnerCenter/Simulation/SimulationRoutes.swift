import Cryptography
import Foundation
import HTTP
import JSON
import SQLite

/// The control plane `/_sim` (SIM-1, SIM-3): health, reset, seed, clock, tokens, principals,
/// outbox and audit. Health, the clock, tokens and principals need the instance's services
/// (its clock, token signer, database), so their handlers stay here and call domain code.
enum SimulationRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/_sim/health", .liveness, summary: "Ready once migrations ran and the world loaded",
                 .direct(health)),
        Endpoint(.post, "/_sim/reset", .controlPlane, summary: "Empty world, reference data kept (SIM-3)",
                 .write(reset)),
        Endpoint(.post, "/_sim/seed", .controlPlane, summary: "Replace the world with a fixture (SIM-3)",
                 .write(seed)),
        Endpoint(.get, "/_sim/clock", .controlPlane, summary: "Read the simulated clock (SIM-1)",
                 .read(readClock)),
        Endpoint(.post, "/_sim/clock", .controlPlane, summary: "Set or advance the simulated clock (SIM-1, SIM-2)",
                 .direct(setClock)),
        Endpoint(.post, "/_sim/tokens", .controlPlane, summary: "Mint an access token",
                 .direct(mintToken)),
        Endpoint(.get, "/_sim/principals", .controlPlane, summary: "Named principals and app registrations of the world, with fresh tokens",
                 .read(principals)),
        Endpoint(.post, "/_sim/apps", .controlPlane, summary: "Register an app (client id and secret) of a partner tenant",
                 .write(registerApp)),
        Endpoint(.get, "/_sim/outbox", .controlPlane, summary: "Notifications sent (GEN-4)",
                 .read(outbox)),
        Endpoint(.get, "/_sim/audit", .controlPlane, summary: "All audit records (GEN-4)",
                 .read(audit)),
    ]
}

extension SimulationRoutes {
    /// GET /_sim/health: answered from memory (schema version from startup, world name as of
    /// the last control-plane write, simulated clock), so it never queues behind the database.
    /// Startup refuses a database it cannot write, so a running instance is ready.
    /// Open to all (liveness probes hold no secret): with an admin key configured, a caller
    /// without it (or with a wrong one) gets the status alone, with the same status code.
    static func health(_ request: RequestContext) throws -> APIResponse {
        let services = request.services
        // Writes failing on storage (full disk, a file turned read-only) make the instance
        // unusable: 503, so health checks and orchestrators see it, until a write succeeds.
        let problem = services.storageProblem
        let status: HTTPStatus = problem == nil ? .ok : .serviceUnavailable
        if let key = services.configuration.adminKey, !secretsMatch(request.request.headers["X-Admin-Key"] ?? "", key) {
            return APIResponse(status, json: try encoded(HealthReport.StatusOnly(status: problem == nil ? .healthy : .unhealthy)))
        }
        let tls = services.servedTLS
        let report = HealthReport(status: problem == nil ? .healthy : .unhealthy, schemaVersion: services.startupSchemaVersion,
                                  now: request.nowText, world: services.worldName, scheme: tls == nil ? "http" : "https",
                                  tls: tls.map(HealthReport.TLS.init), reason: problem)
        return APIResponse(status, json: try encoded(report))
    }

    /// POST /_sim/reset: empty world, reference data kept; `idSeed` makes ids reproducible;
    /// the clock returns to real time unless `keepClock` is true.
    static func reset(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let body = try request.body()
        let seed = try WorldControl.idSeed(body)
        let keepClock = try body.optionalBool("keepClock") ?? false
        try WorldControl.reset(idSeed: seed, keepClock: keepClock, request.operation, db)
        return .ok(try encoded(ResetResult(idSeed: seed, now: keepClock ? request.nowText : Timestamp.format(Date()))))
    }

    /// POST /_sim/seed: replace the world with a fixture and answer its ids and tokens.
    static func seed(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let world = try WorldControl.seed(try request.body(), request.operation, db)
        return .created(try encoded(SeedResult(world, principals: try namedPrincipals(request.services, db))))
    }

    static func readClock(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        .ok(try encoded(ClockReading(request.now)))
    }

    /// POST /_sim/clock: `{"now": ISO 8601}`, `{"advance": "P5D"}` or `{"real": true}` (back
    /// to real time). Persisted with its due transitions (SIM-2), then published to the
    /// in-memory clock in commit order (Services.moveClock).
    static func setClock(_ request: RequestContext) throws -> APIResponse {
        let services = request.services
        let body = try request.body()
        let real = try body.optionalBool("real")
        let offset: TimeInterval
        switch (try body.optionalString("now", maxLength: 64), try body.optionalString("advance", maxLength: 64)) {
        case (_, _) where real == false:
            throw APIError.invalidField("real", "must be true (give now or advance to leave real time)")
        case (nil, nil) where real == true:
            offset = 0
        case (_, _) where real == true:
            throw APIError.invalidField("real", "give one of real, now or advance")
        case (let text?, nil):
            offset = try Body.date(text, field: "now", problem: "must be an ISO 8601 UTC time").timeIntervalSince(Date())
        case (nil, let text?):
            // Zero and negative steps are refused (a zero step once made a fixture loop forever),
            // and so is a step beyond the simulated calendar.
            let duration = try ISODuration.positive(text, field: "advance")
            guard let moved = duration.added(1, to: services.clock.now), InputLimits.dateRange.contains(moved) else {
                throw APIError.invalidField("advance", "moves the clock past 9999-12-31T23:59:59Z")
            }
            offset = moved.timeIntervalSince(Date())
        case (.some, .some):
            throw APIError.invalidField("now", "give either now or advance, not both")
        case (nil, nil):
            throw body.missing("now", " (or advance, or real)")
        }
        return .ok(try encoded(ClockReading(try services.moveClock(offset: offset))))
    }

    /// POST /_sim/tokens: mint a token for any tenant and roles.
    static func mintToken(_ request: RequestContext) throws -> APIResponse {
        let body = try request.body()
        let tenantId = try body.string("tenantId")
        guard UUID(uuidString: tenantId) != nil else { throw APIError.invalidField("tenantId", "must be a GUID") }
        let roles = try body.stringArray("roles").enumerated().map { (index, name) throws(APIError) -> Role in
            guard let role = Role(name: name) else {
                throw APIError.invalidField("roles[\(index)]", "'\(name)' is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return role
        }
        let expiresIn = try body.optionalInt("expiresIn") ?? 3600
        let longest = Int(TokenService.maximumLifetime)
        guard (1...longest).contains(expiresIn) else {
            throw APIError.invalidField("expiresIn", "must be a whole number of seconds from 1 to \(longest) (one year)")
        }
        let appOnly = try body.optionalBool("appOnly") ?? false
        // The token's oid, at most 256 code points as openapi.yaml's maxLength says (it was 256
        // UTF-8 bytes, which JSON Schema cannot state): at most 1 KiB of UTF-8, far from making
        // the token exceed the 16 KB Authorization limit.
        let user = try body.optionalString("user", maxLength: 256) ?? (appOnly ? "app-\(tenantId)" : "user@\(tenantId)")
        let token = request.services.tokens.mint(tenantId: tenantId.lowercased(), objectId: user, roles: roles,
                                                 identityType: appOnly ? .app : .user, expiresIn: TimeInterval(expiresIn))
        return .created(try encoded(MintedToken(accessToken: token, expiresIn: expiresIn)))
    }

    static func principals(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let apps = try AppRegistrationStore.all(db).map { app in RegisteredApp(app, kind: try PrincipalKind.ofPartner(app.tenantId, db)) }
        let users = try PrincipalStore.all(db).compactMap(DirectoryUserCredentials.init)
        return .ok(try encoded(PrincipalList(try namedPrincipals(request.services, db), apps: apps, users: users)))
    }

    /// POST /_sim/apps: `{"tenantId", "roles", "displayName"?, "clientId"?, "secret"?, "publicClient"?}`.
    static func registerApp(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let body = try request.body()
        let tenantId = try body.string("tenantId", maxLength: 36).lowercased()
        guard UUID(uuidString: tenantId) != nil else { throw APIError.invalidField("tenantId", "must be a GUID") }
        let roles = try AppRegistrations.roles(body)
        let displayName = try body.optionalString("displayName", maxLength: InputLimits.nameLength) ?? "pcsim app"
        let credentials = try AppRegistrations.credentials(body)
        let publicClient = try body.optionalBool("publicClient") ?? false
        // Apps belong to partner tenants, as in fixtures (partners[].apps[]).
        guard try PartnerRecord.find(tenantId, db) != nil else {
            if try Directory.tenantExists(tenantId, db) { throw APIError.invalidField("tenantId", "'\(tenantId)' is not a partner tenant") }
            throw APIError.notFound("Tenant \(tenantId)")
        }
        let app = try AppRegistrations.register(
            AppRegistrations.Input(tenantId: tenantId, displayName: displayName, roles: roles, clientId: credentials.clientId,
                                   secret: credentials.secret, publicClient: publicClient),
            taken: { APIError.conflict(ErrorCode.clientIdTaken, "An app with client id \($0) is already registered.") },
            request.operation, db)
        return .created(try encoded(RegisteredApp(app, kind: try PrincipalKind.ofPartner(tenantId, db))))
    }

    /// GET /_sim/outbox?recipient=&kind=&tenantId=: newest first.
    static func outbox(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let page = try Page(request)
        let found = try ControlPlaneRecords.notifications(recipient: request.query("recipient"), kind: request.query("kind"),
                                                          tenantId: try request.guidQuery("tenantId"), page: page, db)
        let items = try found.items.map { try encoded(OutboxNotification($0)) }
        return .ok(page.collection(items, totalCount: found.totalCount, selfURI: "/_sim/outbox"))
    }

    /// GET /_sim/audit?tenantId=&operation=&resourceType=&resourceId=: newest first.
    static func audit(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let page = try Page(request)
        let found = try ControlPlaneRecords.auditRecords(tenantId: try request.guidQuery("tenantId"), operation: request.query("operation"),
                                                         resourceType: request.query("resourceType"),
                                                         resourceId: request.query("resourceId"), page: page, db)
        return .ok(try page.collection(found.items.map(AuditTrailEntry.init), totalCount: found.totalCount, selfURI: "/_sim/audit"))
    }

    /// The world's principals, each with a fresh 24-hour token.
    private static func namedPrincipals(_ services: Services, _ db: Connection) throws -> [NamedPrincipal] {
        try PrincipalStore.all(db).map { principal in
            NamedPrincipal(principal, accessToken: services.tokens.mint(
                tenantId: principal.tenantId, objectId: principal.userId, roles: principal.roleList, identityType: .user,
                expiresIn: 24 * 3600))
        }
    }

    /// A control-plane answer as JSON.
    private static func encoded(_ answer: some Encodable) throws -> JSON {
        try JSONValueEncoder().encode(answer)
    }
}

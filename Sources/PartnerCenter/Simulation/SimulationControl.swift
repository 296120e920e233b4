import Foundation
import JSON
import SQLite

/// The control plane `/_sim` (SIM-1, SIM-3): health, reset, seed, clock, tokens, principals,
/// outbox and audit.
enum SimulationControl {
    /// GET /_sim/health: answered from memory (schema version from startup, world name as of
    /// the last control-plane write, simulated clock), so it never queues behind the database.
    /// Startup refuses a database it cannot write, so a running instance is ready.
    static func health(_ context: RequestContext) throws -> APIResponse {
        var report: JSONObject = [
            "status": "Healthy",
            "schemaVersion": .int(Int64(context.services.startupSchemaVersion)),
            "now": .string(context.nowText),
            "world": JSON(context.services.worldName),
        ]
        // Writes failing on storage (full disk, a file turned read-only) make the instance
        // unusable: 503, so health checks and orchestrators see it, until a write succeeds.
        guard let problem = context.services.storageProblem else { return .ok(.object(report)) }
        report["status"] = "Unhealthy"
        report["reason"] = .string(problem)
        return APIResponse(.serviceUnavailable, json: .object(report))
    }

    /// POST /_sim/reset: empty world, reference data kept; `idSeed` makes ids reproducible.
    static func reset(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let seed = try idSeed(try context.body())
        try WorldTables.empty(db)
        try Settings.set(Settings.world, "empty", db)
        context.services.ids.reseed(seed)
        return .ok(["status": "Reset", "idSeed": seed.map { .int(Int64(bitPattern: $0)) } ?? .null, "now": .string(context.nowText)])
    }

    /// POST /_sim/seed: replace the world with a fixture and answer its ids and tokens.
    static func seed(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let body = try context.body()
        if let seed = try idSeed(body) { context.services.ids.reseed(seed) }
        try WorldTables.empty(db)
        var loader = WorldLoader(context, db)
        return .created(try loader.load(body))
    }

    private static func idSeed(_ body: Body) throws(APIError) -> UInt64? {
        guard let value = body.value("idSeed") else { return nil }
        guard case .int(let number) = value else { throw APIError.invalidField("idSeed", "must be an integer") }
        return UInt64(bitPattern: number)
    }

    static func readClock(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        .ok(clockJSON(context.now))
    }

    static func clockJSON(_ now: Date) -> JSON {
        ["now": .string(Timestamp.format(now)), "isBusinessDay": .bool(BusinessDays.isBusinessDay(now))]
    }

    /// POST /_sim/clock: `{"now": ISO 8601}` or `{"advance": "P5D"}`. The new time is
    /// persisted and its due transitions (SIM-2) applied in one transaction before it is
    /// published to the in-memory clock.
    static func setClock(_ context: RequestContext) throws -> APIResponse {
        let body = try context.body()
        let target: Date
        switch (try body.optionalString("now", maxLength: 64), try body.optionalString("advance", maxLength: 64)) {
        case (let text?, nil):
            target = try Body.date(text, field: "now", problem: "must be an ISO 8601 UTC time")
        case (nil, let text?):
            // Zero and negative steps are refused (a zero step once made a fixture loop forever),
            // and so is a step beyond the simulated calendar.
            let duration = try ISODuration.positive(text, field: "advance")
            guard let moved = duration.added(1, to: context.services.clock.now), InputLimits.dateRange.contains(moved) else {
                throw APIError.invalidField("advance", "moves the clock past 9999-12-31T23:59:59Z")
            }
            target = moved
        case (.some, .some):
            throw APIError.invalidField("now", "give either now or advance, not both")
        case (nil, nil):
            throw body.missing("now", " (or advance)")
        }
        let offset = target.timeIntervalSince(Date())
        let moved = OperationContext(principal: nil, now: target, services: context.services)
        try context.services.database.write { db in
            try Settings.set(Settings.clockOffset, String(offset), db)
            try context.services.transitions.apply(moved, db)
        }
        context.services.clock.restore(offset: offset)
        return .ok(clockJSON(target))
    }

    /// POST /_sim/tokens: mint a token for any tenant and roles.
    static func mintToken(_ context: RequestContext) throws -> APIResponse {
        let body = try context.body()
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
        let token = context.services.tokens.mint(tenantId: tenantId.lowercased(), objectId: user, roles: roles,
                                                 identityType: appOnly ? .app : .user, expiresIn: TimeInterval(expiresIn))
        return .created(["accessToken": .string(token), "tokenType": "Bearer", "expiresIn": .int(Int64(expiresIn))])
    }

    static func principals(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let items = try Principals.all(context, db)
        return .ok(["totalCount": .int(Int64(items.count)), "items": .array(items), "attributes": ["objectType": "Collection"]])
    }

    /// GET /_sim/outbox?recipient=&kind=&tenantId=: newest first.
    static func outbox(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let page = try Page(context)
        let filters: [(String, String?)] = [
            ("recipient = ?", context.query("recipient")), ("kind = ?", context.query("kind")),
            ("recipient_tenant_id = ?", try context.guidQuery("tenantId")),
        ]
        return .ok(try filtered(table: "notifications", filters, page, db, selfURI: "/_sim/outbox", render: Outbox.render))
    }

    /// GET /_sim/audit?tenantId=&operation=&resourceType=&resourceId=: newest first.
    static func audit(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let page = try Page(context)
        let filters: [(String, String?)] = [
            ("tenant_id = ?", try context.guidQuery("tenantId")), ("operation = ?", context.query("operation")),
            ("resource_type = ?", context.query("resourceType")), ("resource_id = ?", context.query("resourceId")),
        ]
        return .ok(try filtered(table: "audit_records", filters, page, db, selfURI: "/_sim/audit", render: AuditLog.render))
    }

    private static func filtered(table: String, _ filters: [(String, String?)], _ page: Page, _ db: Connection,
                                 selfURI: String, render: (Row) -> JSON) throws -> JSON {
        let active = filters.compactMap { filter in filter.1.map { (filter.0, $0) } }
        let whereClause = active.isEmpty ? "" : "WHERE " + active.map(\.0).joined(separator: " AND ")
        let arguments: [(any ValueConvertible)?] = active.map(\.1)
        let total = try db.count("SELECT count(*) FROM \(table) \(whereClause)", arguments)
        let rows = try db.query("SELECT * FROM \(table) \(whereClause) ORDER BY seq DESC \(Page.limitClause)", page.arguments(arguments))
        return page.collection(rows.map(render), totalCount: total, selfURI: selfURI)
    }
}

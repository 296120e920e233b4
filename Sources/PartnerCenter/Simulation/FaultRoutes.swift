import HTTP
import JSON

/// `/_sim/faults`: the fault rules of the instance (WireMock's faults, LocalStack's chaos).
/// They live in memory (FaultRegistry), not in the database, so their handlers are direct.
enum FaultRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/_sim/faults", .controlPlane, summary: "Add a fault rule (status, delay or dropped connection for matching requests)",
                 .direct(add)),
        Endpoint(.get, "/_sim/faults", .controlPlane, summary: "Fault rules in matching order, with their live counters",
                 .direct(list)),
        Endpoint(.delete, "/_sim/faults", .controlPlane, summary: "Remove every fault rule",
                 .direct(clear)),
        Endpoint(.delete, "/_sim/faults/{faultId}", .controlPlane, summary: "Remove one fault rule",
                 .direct(remove)),
        Endpoint(.delete, "/_sim/throttle", .controlPlane, summary: "Forget every --throttle window",
                 .direct(clearThrottle)),
    ]

    /// POST /_sim/faults: 201 with the rule (its id, the fields as given, its counters).
    static func add(_ request: RequestContext) throws -> APIResponse {
        let body = try request.body()
        let rule = try request.services.faults.rules.add { id throws(APIError) in try FaultRule(parsing: body, id: id) }
        return .created(rule)
    }

    /// GET /_sim/faults: a collection like every other (`size`, continuation), in matching order.
    static func list(_ request: RequestContext) throws -> APIResponse {
        let page = try Page(request)
        return .ok(page.collection(all: request.services.faults.rules.list(), selfURI: "/_sim/faults"))
    }

    static func clear(_ request: RequestContext) throws -> APIResponse {
        .ok(.object(JSONObject([("cleared", .int(Int64(request.services.faults.rules.clear())))])))
    }

    /// DELETE /_sim/throttle: every tenant and route starts a new window, so one test's requests
    /// do not use up the next one's limit (the windows are the instance's, not the world's:
    /// reset and restore leave them).
    static func clearThrottle(_ request: RequestContext) throws -> APIResponse {
        .ok(.object(JSONObject([("cleared", .int(Int64(request.services.faults.limiter?.clear() ?? 0)))])))
    }

    static func remove(_ request: RequestContext) throws -> APIResponse {
        let id = request.pathParameter("faultId")
        guard request.services.faults.rules.remove(id) else { throw APIError.notFound("Fault rule \(id)") }
        return .noContent
    }
}

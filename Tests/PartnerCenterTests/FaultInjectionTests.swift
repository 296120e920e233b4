import Dispatch
import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Synchronization
import Testing

/// What fault rules do to the requests they match: the answers, drops and delays, and when
/// they fire (method, path glob, tenant, simulated-time window, times, probability, order).
/// In process: the server's part (not writing a dropped answer, holding a delayed one) is
/// HTTPTests' InjectedFaultTests, and a real socket's drop and retry is EndToEndTests'.
@Suite("Fault rules: what they do to matching requests")
struct FaultInjectionTests {
    typealias Demo = TestWorld.Demo

    static func requestPartnership(_ world: TestWorld, requestId: String? = nil) throws -> HTTPResponse {
        try world.raw(.post, "/portal/partnerships", as: "distributor-admin", body: ["resellerTenantId": .string(Demo.northwind)],
                      headers: requestId.map { [("MS-RequestId", $0)] } ?? [])
    }

    static func partnerships(_ world: TestWorld) throws -> Int {
        try world.count("partnerships", where: "reseller_id = ?", [Demo.northwind])
    }

    static func tenant(of principal: String, _ world: TestWorld) throws -> String {
        try world.services.tokens.principal(fromAuthorization: "Bearer \(try world.token(principal))").tenantId
    }

    // MARK: Effects

    @Test("A 503 rule answers Partner Center's error body instead of the handler, echoes the ids and marks the log")
    func statusAnswer() throws {
        let world = try TestWorld()
        let rule = try world.addFault(["method": "POST", "path": "/portal/partnerships", "status": 503, "times": 1])
        let before = try world.snapshot()
        let response = try Self.requestPartnership(world, requestId: "44444444-4444-4444-8444-444444444444")
        #expect(response.status.code == 503)
        #expect(response.status.reason == "Service Unavailable")
        #expect(response.json["code"]?.intValue == 700013)
        #expect(response.json["description"]?.stringValue == "The service is temporarily unavailable. Retry the request later.")
        #expect(response.json["source"] != nil)
        #expect(response.headers["MS-RequestId"] == "44444444-4444-4444-8444-444444444444")
        #expect(response.headers["MS-CorrelationId"] != nil)
        #expect(response.headers["Retry-After"] == nil)
        #expect(response.logField("fault") == rule["id"]?.stringValue)
        #expect(!response.dropsConnection)
        #expect(try world.snapshot() == before, "the handler did not run")
        // Nothing was stored for the request id: the retry runs the request.
        #expect(try Self.requestPartnership(world, requestId: "44444444-4444-4444-8444-444444444444").status.code == 201)
        #expect(try Self.partnerships(world) == 1)
    }

    @Test("A 500 rule's default body, and a rule's own code, description and Retry-After")
    func statusDefaultsAndOverrides() throws {
        let world = try TestWorld()
        try world.addFault(["path": "/v1/customers", "status": 500, "times": 1])
        let failure = try world.raw(.get, "/v1/customers", as: "distributor-admin")
        #expect(failure.status.code == 500)
        #expect(failure.json["description"]?.stringValue == "The service encountered an internal error. Retry the request.")
        try world.addFault(["path": "/v1/customers", "status": 503, "code": "600010", "description": "Try later.", "retryAfter": 30])
        let custom = try world.raw(.get, "/v1/customers", as: "distributor-admin")
        #expect(custom.status.code == 503)
        #expect(custom.json["code"]?.intValue == 600010)
        #expect(custom.json["description"]?.stringValue == "Try later.")
        #expect(custom.headers["Retry-After"] == "30")
    }

    @Test("A 429 rule answers the throttling body with Retry-After, 1 s unless the rule says otherwise")
    func tooManyRequests() throws {
        let world = try TestWorld()
        try world.addFault(["path": "/v1/customers", "status": 429, "times": 1])
        let first = try world.raw(.get, "/v1/customers", as: "distributor-admin")
        #expect(first.status.code == 429)
        #expect(first.headers["Retry-After"] == "1")
        #expect(first.json["statusCode"]?.intValue == 429)
        #expect(first.json["message"]?.stringValue == "Rate limit is exceeded. Try again in 1 seconds.")
        try world.addFault(["path": "/v1/customers", "status": 429, "retryAfter": 7])
        let second = try world.raw(.get, "/v1/customers", as: "distributor-admin")
        #expect(second.headers["Retry-After"] == "7")
        #expect(second.json["message"]?.stringValue == "Rate limit is exceeded. Try again in 7 seconds.")
    }

    @Test("A status rule on an Entra route answers Entra's error shape")
    func entraShape() throws {
        let world = try TestWorld()
        try world.addFault(["path": "/*/oauth2/v2.0/token", "status": 503])
        let response = try world.raw(.post, "/\(Demo.contoso)/oauth2/v2.0/token")
        #expect(response.status.code == 503)
        #expect(response.json["error"]?.stringValue != nil, "\(String(decoding: response.body, as: UTF8.self))")
    }

    @Test("A drop before commit runs no handler: nothing changes, and the retry with the same MS-RequestId runs it")
    func dropBeforeCommit() throws {
        let world = try TestWorld()
        let rule = try world.addFault(["method": "POST", "path": "/portal/partnerships", "drop": "beforeCommit", "times": 1])
        let before = try world.snapshot()
        let requestId = "55555555-5555-4555-8555-555555555555"
        let dropped = try Self.requestPartnership(world, requestId: requestId)
        #expect(dropped.dropsConnection)
        #expect(dropped.status.code == 0)
        #expect(dropped.logField("fault") == rule["id"]?.stringValue)
        #expect(try world.snapshot() == before)
        #expect(try world.count("idempotency_keys") == 0)
        let retry = try Self.requestPartnership(world, requestId: requestId)
        #expect(retry.status.code == 201)
        #expect(!retry.dropsConnection)
        #expect(try Self.partnerships(world) == 1)
    }

    @Test("A drop after commit runs the handler and commits; the retry with the same MS-RequestId replays its answer")
    func dropAfterCommit() throws {
        let world = try TestWorld()
        try world.addFault(["method": "POST", "path": "/portal/partnerships", "drop": "afterCommit", "times": 1])
        let requestId = "66666666-6666-4666-8666-666666666666"
        let dropped = try Self.requestPartnership(world, requestId: requestId)
        #expect(dropped.dropsConnection)
        #expect(dropped.status.code == 201, "the access log reports what the handler answered")
        #expect(try Self.partnerships(world) == 1)
        let afterDrop = try world.snapshot()
        let retry = try Self.requestPartnership(world, requestId: requestId)
        #expect(!retry.dropsConnection)
        #expect(retry.status.code == 201)
        #expect(retry.body == dropped.body, "the stored answer of the committed request")
        #expect(try world.snapshot() == afterDrop)
        #expect(try Self.partnerships(world) == 1)
    }

    @Test("A delay rule holds the handler's answer for its milliseconds; it combines with a status")
    func fixedDelay() throws {
        let world = try TestWorld()
        try world.addFault(["path": "/v1/customers", "delayMs": 250, "times": 1])
        let delayed = try world.raw(.get, "/v1/customers", as: "distributor-admin")
        #expect(delayed.status.code == 200)
        #expect(delayed.delay == .milliseconds(250))
        #expect(!delayed.dropsConnection)
        try world.addFault(["path": "/v1/customers", "delayMs": 100, "status": 504])
        let slowFailure = try world.raw(.get, "/v1/customers", as: "distributor-admin")
        #expect(slowFailure.status.code == 504)
        #expect(slowFailure.status.reason == "Gateway Timeout")
        #expect(slowFailure.delay == .milliseconds(100))
    }

    @Test("A random delay is drawn from its range with the injected random source, bounds included")
    func randomDelay() throws {
        let world = try TestWorld()
        let draw = Mutex(0.0)
        world.services.faults.use(random: { draw.withLock { $0 } })
        try world.addFault(["path": "/v1/customers", "delayMs": ["min": 100, "max": 200]])
        for (value, expected) in [(0.0, 100), (0.5, 150), (0.999_999, 200)] {
            draw.withLock { $0 = value }
            #expect(try world.raw(.get, "/v1/customers", as: "distributor-admin").delay == .milliseconds(expected), "draw \(value)")
        }
    }

    @Test("A request no rule fires on is answered untouched: no delay, no drop, no log mark")
    func untouched() throws {
        let world = try TestWorld()
        try world.addFault(["path": "/v1/customers/*/orders", "status": 500])
        let response = try world.raw(.get, "/v1/customers", as: "distributor-admin")
        #expect(response.status.code == 200)
        #expect(response.delay == .zero)
        #expect(!response.dropsConnection)
        #expect(response.logField("fault") == nil)
    }

    // MARK: When rules fire

    @Test("times: the rule fires on the next N matches only, then the request is served; remaining counts down")
    func times() throws {
        let world = try TestWorld()
        try world.addFault(["path": "/v1/customers", "status": 503, "times": 2])
        let statuses = try (0..<4).map { _ in try world.raw(.get, "/v1/customers", as: "distributor-admin").status.code }
        #expect(statuses == [503, 503, 200, 200])
        let rule = try world.request(.get, "/_sim/faults").items[0]
        #expect(rule["remaining"]?.intValue == 0)
        #expect(rule["matched"]?.intValue == 2)
    }

    @Test("times is taken atomically: of many concurrent requests exactly one gets a times-1 fault")
    func timesConcurrently() throws {
        let world = try TestWorld()
        try world.addFault(["path": "/v1/customers", "status": 503, "times": 1])
        let token = try world.token("distributor-admin")
        let faulted = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 32) { _ in
            if let response = try? world.raw(.get, "/v1/customers", token: token), response.status.code == 503 {
                faulted.add(1, ordering: .relaxed)
            }
        }
        #expect(faulted.load(ordering: .relaxed) == 1)
        #expect(try world.request(.get, "/_sim/faults").items[0]["matched"]?.intValue == 1)
    }

    @Test("probability 0 never fires and 1 always does, whatever the random source draws")
    func probabilityExtremes() throws {
        let world = try TestWorld()
        let draw = Mutex(0.0)
        world.services.faults.use(random: { draw.withLock { $0 } })
        try world.addFault(["path": "/v1/customers", "status": 503, "probability": 0])
        for value in [0.0, 0.5, 0.999] {
            draw.withLock { $0 = value }
            #expect(try world.raw(.get, "/v1/customers", as: "distributor-admin").status.code == 200)
        }
        _ = try world.request(.delete, "/_sim/faults")
        try world.addFault(["path": "/v1/customers", "status": 503, "probability": 1])
        for value in [0.0, 0.5, 0.999_999] {
            draw.withLock { $0 = value }
            #expect(try world.raw(.get, "/v1/customers", as: "distributor-admin").status.code == 503)
        }
    }

    @Test("probability in between fires when the draw is below it; a failed draw lets the next rule try")
    func probabilityDraw() throws {
        let world = try TestWorld()
        let draw = Mutex(0.0)
        world.services.faults.use(random: { draw.withLock { $0 } })
        try world.addFault(["path": "/v1/customers", "status": 503, "probability": 0.25])
        try world.addFault(["path": "/v1/customers", "status": 500])
        draw.withLock { $0 = 0.2 }
        #expect(try world.raw(.get, "/v1/customers", as: "distributor-admin").status.code == 503)
        draw.withLock { $0 = 0.25 }
        #expect(try world.raw(.get, "/v1/customers", as: "distributor-admin").status.code == 500)
        let rules = try world.request(.get, "/_sim/faults").items
        #expect(rules.map { $0["matched"]?.intValue } == [1, 1], "a failed draw is not a firing")
    }

    @Test("from and until are a window of simulated time: before, inside and after it")
    func window() throws {
        let world = try TestWorld()   // the clock starts at 2026-01-05T09:00:00Z
        try world.addFault(["path": "/v1/customers", "status": 503, "from": "2026-01-06T00:00:00Z", "until": "2026-01-07T00:00:00Z"])
        #expect(try world.raw(.get, "/v1/customers", as: "distributor-admin").status.code == 200)
        try world.setClock("2026-01-06T00:00:00Z")
        #expect(try world.raw(.get, "/v1/customers", as: "distributor-admin").status.code == 503)
        try world.setClock("2026-01-06T23:59:59Z")
        #expect(try world.raw(.get, "/v1/customers", as: "distributor-admin").status.code == 503)
        try world.setClock("2026-01-07T00:00:00Z")
        #expect(try world.raw(.get, "/v1/customers", as: "distributor-admin").status.code == 200)
    }

    @Test("A rule with tenantId fires only for a verifying token of that tenant: not another tenant, no token or a forged one")
    func tenantMatching() throws {
        let world = try TestWorld()
        let contoso = try Self.tenant(of: "distributor-admin", world)
        let other = try Self.tenant(of: "reseller-admin", world)
        #expect(contoso != other)
        try world.addFault(["path": "/v1/**", "status": 503, "tenantId": .string(contoso.uppercased())])
        #expect(try world.raw(.get, "/v1/customers", as: "distributor-admin").status.code == 503)
        #expect(try world.raw(.get, "/v1/customers", as: "reseller-admin").status.code == 200)
        #expect(try world.raw(.get, "/v1/customers").status.code == 401, "no token: the handler's answer")
        // A token naming the tenant but signed with another key does not verify.
        let forged = try world.token("distributor-admin").dropLast(4) + "AAAA"
        #expect(try world.raw(.get, "/v1/customers", token: String(forged)).status.code == 401)
    }

    @Test("The first matching rule wins; removing it lets the next one apply")
    func order() throws {
        let world = try TestWorld()
        try world.addFault(["path": "/v1/customers", "status": 500])
        try world.addFault(["path": "/v1/**", "status": 503])
        #expect(try world.raw(.get, "/v1/customers", as: "distributor-admin").status.code == 500)
        #expect(try world.raw(.get, "/v1/customers/\(Demo.relecloud)", as: "distributor-admin").status.code == 503)
        _ = try world.request(.delete, "/_sim/faults/fault-1")
        #expect(try world.raw(.get, "/v1/customers", as: "distributor-admin").status.code == 503)
    }

    @Test("method: a rule's method matches only that method (GET also HEAD); without one, every method")
    func methods() throws {
        let world = try TestWorld()
        try world.addFault(["method": "get", "path": "/v1/customers", "status": 503])
        #expect(try world.raw(.get, "/v1/customers", as: "distributor-admin").status.code == 503)
        #expect(try world.raw(.head, "/v1/customers", as: "distributor-admin").status.code == 503)
        #expect(try world.raw(.post, "/v1/customers", as: "distributor-admin", body: [:]).status.code != 503)
        _ = try world.request(.delete, "/_sim/faults")
        try world.addFault(["path": "/v1/customers", "status": 503])
        #expect(try world.raw(.post, "/v1/customers", as: "distributor-admin", body: [:]).status.code == 503)
    }

    @Test("The path pattern matches case-insensitively, ignores the query and a trailing slash, and matches unrouted paths")
    func pathMatching() throws {
        let world = try TestWorld()
        try world.addFault(["path": "/V1/Customers/*/subscriptions/**", "status": 503])
        let customer = Demo.relecloud
        for path in ["/v1/customers/\(customer)/subscriptions", "/v1/CUSTOMERS/\(customer)/subscriptions/x/addons/",
                     "/v1/customers/\(customer)/subscriptions?size=5", "/v1/customers/\(customer)/subscriptions/nope/nope/nope"] {
            #expect(try world.raw(.get, path, as: "distributor-admin").status.code == 503, "\(path)")
        }
        for path in ["/v1/customers/\(customer)", "/v1/customers/\(customer)/orders", "/v1/customers/subscriptions"] {
            #expect(try world.raw(.get, path, as: "distributor-admin").status.code != 503, "\(path)")
        }
    }

    @Test("The control plane is never faulted, even by a rule matching every path")
    func controlPlaneNeverFaulted() throws {
        let world = try TestWorld()
        try world.addFault(["path": "/**", "status": 500])
        try world.addFault(["path": "/*/faults", "drop": "beforeCommit"])
        #expect(try world.raw(.get, "/v1/customers", as: "distributor-admin").status.code == 500)
        for path in ["/_sim/faults", "/_sim/health", "/_SIM/health", "/%5Fsim/health", "/_sim/clock"] {
            let response = try world.raw(.get, path)
            #expect(response.status.code == 200, "\(path)")
            #expect(!response.dropsConnection, "\(path)")
            #expect(response.logField("fault") == nil, "\(path)")
        }
        #expect(try world.request(.post, "/_sim/faults", body: ["path": "/x", "status": 500]).status == 201)
        let matched = try world.request(.get, "/_sim/faults").items.map { $0["matched"]?.intValue }
        #expect(matched == [1, 0, 0])
    }
}

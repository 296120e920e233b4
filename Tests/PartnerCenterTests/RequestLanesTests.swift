import HTTP
import JSON
@testable import PartnerCenter
import Testing

/// Issue 14, "Fair, bounded scheduling" (app part): which lane each request runs on.
@Suite("Request lanes")
struct RequestLanesTests {
    private static func request(_ method: HTTPMethod, _ target: String, body: [UInt8] = []) -> HTTPRequest {
        HTTPRequest(method: method, target: target, version: .http1_1, headers: HTTPHeaders([("Host", "pcsim.test")]),
                    body: body, remoteAddress: "127.0.0.1")
    }

    private static func lane(_ app: PartnerCenterApp, _ method: HTTPMethod, _ target: String, body: [UInt8] = []) -> HTTPLane {
        var request = request(method, target, body: body)
        return app.lane(for: &request)
    }

    /// `{"partnerIds":["5100001","5100001",...]}` of exactly `bytes` bytes (trailing spaces
    /// pad it: JSON allows whitespace). n ids take 16 + 10 n bytes.
    private static func validationBody(bytes: Int) -> [UInt8] {
        var ids: [String] = ["\"5100001\""]
        while 16 + (ids.count + 1) * 10 <= bytes { ids.append("\"5100001\"") }
        var text = "{\"partnerIds\":[" + ids.joined(separator: ",") + "]}"
        while text.utf8.count < bytes { text += " " }
        return Array(text.utf8)
    }

    @Test("health inline, the rest of /_sim and /openapi.yaml on the control lane, whatever the case")
    func controlPlane() throws {
        let world = try TestWorld()
        for path in ["/_sim/health", "/_SIM/Health", "/_sim/health/"] {
            #expect(Self.lane(world.app, .get, path) == .inline, "\(path)")
        }
        #expect(Self.lane(world.app, .head, "/_sim/health") == .inline, "HEAD is served by the GET route")
        for (method, path) in [(HTTPMethod.post, "/_sim/seed"), (.get, "/_SIM/Clock"), (.post, "/_sim/clock"), (.post, "/_sim/reset"),
                               (.get, "/_sim/principals"), (.post, "/_sim/tokens"), (.get, "/openapi.yaml"), (.get, "/OpenAPI.yaml")] {
            #expect(Self.lane(world.app, method, path) == .control, "\(method) \(path)")
        }
    }

    @Test("every endpoint that writes runs on the write lane, whatever its method; the Entra token endpoints too")
    func writes() throws {
        let world = try TestWorld()
        let writes: [(HTTPMethod, String)] = [
            (.post, "/v1/customers"),
            (.patch, "/v1/customers/c1/subscriptions/s1"),
            (.delete, "/portal/partnerships/p1"),
            (.put, "/v1/customers/c1/profiles/billing"),
            // GETs that write: the report refreshes its snapshot; the link request creates one.
            (.get, "/portal/reports/reseller-eligibility"),
            (.get, "/V1/Customers/RelationshipRequests"),
            (.post, "/contoso.onmicrosoft.com/oauth2/v2.0/token"),
            (.post, "/organizations/oauth2/token"),
        ]
        for (method, path) in writes {
            #expect(Self.lane(world.app, method, path) == .write, "\(method) \(path)")
        }
    }

    @Test("reads run on the worker lane, POSTs that only read too; a validation of many ids is bulk")
    func reads() throws {
        let world = try TestWorld()
        let reads: [(HTTPMethod, String)] = [
            (.get, "/v1/customers"),
            (.head, "/v1/customers"),
            (.get, "/v1/customers/c1/subscriptions?size=5"),
            (.post, "/v1/customers/c1/migrations/newcommerce/validate"),
            (.get, "/common/discovery/instance?authorization_endpoint=x"),
            (.get, "/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration"),
            (.post, "/v1/partners/validateresellers"),
        ]
        for (method, path) in reads {
            #expect(Self.lane(world.app, method, path) == .worker, "\(method) \(path)")
        }
        let limit = RequestLanes.bulkBodyBytes
        #expect(Self.validationBody(bytes: limit).count == limit)
        #expect(Self.lane(world.app, .post, "/v1/partners/validateresellers", body: Self.validationBody(bytes: limit)) == .worker)
        #expect(Self.lane(world.app, .post, "/v1/partners/validateresellers", body: Self.validationBody(bytes: limit + 1)) == .bulk)
        #expect(Self.lane(world.app, .post, "/V1/Partners/ValidateResellers/", body: Self.validationBody(bytes: 1100)) == .bulk)
        // Only validation grows with its body: a large body elsewhere is no reason to wait.
        #expect(Self.lane(world.app, .post, "/v1/customers/c1/migrations/newcommerce/validate",
                          body: Self.validationBody(bytes: 4096)) == .worker)
    }

    @Test("a request that matches no route (404, 405) runs on the worker lane: answering it reads nothing")
    func unmatched() throws {
        let world = try TestWorld()
        for path in ["/_simulate", "/v1/_sim/health", "/", "/openapi.yaml.bak", "/_sim%2Fhealth", "/_sim/health/x", "/_sim"] {
            #expect(Self.lane(world.app, .get, path) == .worker, "\(path)")
        }
        #expect(Self.lane(world.app, .put, "/v1/customers") == .worker, "405")
        #expect(Self.lane(world.app, .delete, "/_sim/health") == .worker, "405")
    }

    @Test("every registered route has a rule, derived from its endpoint's kind")
    func everyRouteHasARule() throws {
        let world = try TestWorld()
        for route in world.app.routes {
            #expect(RequestLanes.rules[RequestLanes.RouteKey(method: route.method, pattern: route.pattern)] != nil,
                    "\(route.method) \(route.pattern)")
        }
        for endpoint in PartnerCenterApp.allEndpoints() {
            let rule = try #require(RequestLanes.rules[RequestLanes.RouteKey(method: endpoint.method, pattern: endpoint.path)])
            switch endpoint.access {
            case .controlPlane:
                #expect(rule == .control, "\(endpoint.method) \(endpoint.path)")
                continue
            case .liveness:
                #expect(rule == .inline, "\(endpoint.method) \(endpoint.path)")
                continue
            case .anonymous, .roles:
                break
            }
            switch endpoint.handler {
            case .write:
                #expect(rule == .write, "\(endpoint.method) \(endpoint.path)")
            case .read:
                #expect(rule == .read || rule == .readBulkWhenLarge, "\(endpoint.method) \(endpoint.path)")
            case .direct:
                #expect(rule == (endpoint.method == .get ? .read : .write), "\(endpoint.method) \(endpoint.path)")
            }
        }
    }

    @Test("the classifier's match is the handler's: a classified request is answered as an unclassified one")
    func classifiedRequestsAreAnsweredTheSame() throws {
        let world = try TestWorld()
        let token = try world.token("distributor-admin")
        let body = Array(#"{"partnerIds":["5100001"]}"#.utf8)
        var classified = HTTPRequest(method: .post, target: "/v1/partners/validateresellers", version: .http1_1,
                                     headers: HTTPHeaders([("Host", "pcsim.test"), ("Authorization", "Bearer \(token)")]),
                                     body: body, remoteAddress: "127.0.0.1")
        let plain = classified
        #expect(world.app.lane(for: &classified) == .worker)
        let first = TestResponse(world.app.handle(classified))
        let second = TestResponse(world.app.handle(plain))
        #expect(first.status == 200)
        #expect(first.body == second.body)
        // A route-less request classified first still gets the app's 404.
        var missing = Self.request(.get, "/v1/nothing-here")
        _ = world.app.lane(for: &missing)
        #expect(TestResponse(world.app.handle(missing)).status == 404)
    }
}

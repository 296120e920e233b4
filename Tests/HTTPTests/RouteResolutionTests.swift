import Testing
@testable import HTTP

/// Issue 14: static paths are found by one hash look-up, exactly as the trie would find them,
/// and a request resolved by a lane classifier is not matched again by `respond(to:)`.
@Suite struct RouteResolutionTests {
    private func text(_ value: String) -> HTTPHandler {
        { _ in HTTPResponse(status: .ok, body: Array(value.utf8)) }
    }

    private func answer(_ responder: Responder, _ request: HTTPRequest) -> String {
        let response = responder.respond(to: request) { status, _, _ in HTTPResponse(status: status) }
        return response.status == .ok ? String(decoding: response.body, as: UTF8.self) : "\(response.status.code)"
    }

    private func router(caseInsensitive: Bool = true) -> Router {
        var router = Router(options: caseInsensitive ? .caseInsensitive : [])
        router.add(.get, "/", text("root"))
        router.add(.post, "/v1/partners/validateresellers", text("validate"))
        router.add(.get, "/v1/customers", text("list"))
        router.add(.get, "/v1/customers/{customerId}", text("one"))
        router.add(.get, "/v1/customers/relationshiprequests", text("link"))
        router.add(.get, "/v1/customers/{customerId}/orders", text("orders"))
        router.add(.get, "/caf\u{E9}", text("unicode"))
        return router
    }

    @Test("the static key is the path as the trie splits it, or nil when only the trie can decide")
    func staticKeys() {
        #expect(Responder.staticKey("/V1/Partners/ValidateResellers/", caseInsensitive: true) == "v1/partners/validateresellers")
        #expect(Responder.staticKey("/V1/Partners", caseInsensitive: false) == "V1/Partners")
        #expect(Responder.staticKey("/", caseInsensitive: true) == "")
        #expect(Responder.staticKey("//", caseInsensitive: true) == "")
        #expect(Responder.staticKey("/v1//customers", caseInsensitive: true) == "v1//customers")
        #expect(Responder.staticKey("/v1/partners/validate%72esellers", caseInsensitive: true) == nil)
        #expect(Responder.staticKey("/caf\u{E9}", caseInsensitive: true) == nil)
    }

    @Test("every path answers as the trie answers it: static routes, parameters, slashes, case, escapes, 405s")
    func staticRoutesMatchAsTheTrieDoes() {
        let responder = router().freeze()
        let cases: [(HTTPMethod, String, String)] = [
            (.get, "/", "root"),
            (.get, "//", "root"),
            (.post, "/V1/Partners/ValidateResellers", "validate"),
            (.post, "/v1/partners/validateresellers/", "validate"),
            // An escape is decoded before matching: the same literal route.
            (.post, "/v1/partners/validate%72esellers", "validate"),
            (.get, "/v1/partners/validateresellers", "405"),
            (.head, "/v1/customers", "list"),
            (.get, "/v1/customers/relationshiprequests", "link"),
            (.get, "/v1/customers/RelationshipRequests/orders", "orders"),
            (.get, "/v1/customers/c1", "one"),
            (.get, "/v1/customers//orders", "orders"),
            (.get, "/v1/customers//", "one"),
            (.get, "/v1//customers", "404"),
            (.get, "/CAF\u{C9}", "unicode"),
            (.get, "/caf%C3%A9", "unicode"),
        ]
        for (method, path, expected) in cases {
            #expect(answer(responder, HTTPRequest(method: method, target: path)) == expected, "\(method) \(path)")
        }
        let exact = router(caseInsensitive: false).freeze()
        #expect(answer(exact, HTTPRequest(method: .get, target: "/V1/Customers")) == "404")
        #expect(answer(exact, HTTPRequest(method: .get, target: "/v1/customers/")) == "list")
    }

    @Test("resolve names the route, and respond uses the recorded match")
    func resolveRecordsTheMatch() throws {
        let responder = router().freeze()
        var request = HTTPRequest(method: .head, target: "/V1/Customers/c9?x=1")
        let route = responder.resolve(&request)
        #expect(route == ResolvedRoute(pattern: "/v1/customers/{customerId}", method: .get))
        let resolution = try #require(request.resolution)
        guard case .found(_, let parameters) = resolution.match else {
            Issue.record("expected a match")
            return
        }
        #expect(parameters == ["customerId": "c9"])
        #expect(answer(responder, request) == "one")

        var missing = HTTPRequest(method: .get, target: "/nope")
        #expect(responder.resolve(&missing) == ResolvedRoute(pattern: nil, method: nil))
        var wrongMethod = HTTPRequest(method: .delete, target: "/v1/customers")
        #expect(responder.resolve(&wrongMethod) == ResolvedRoute(pattern: nil, method: nil))
        #expect(answer(responder, wrongMethod) == "405")
    }

    @Test("a recorded match is ignored by another responder, and after the method or path changed")
    func staleResolutionsAreIgnored() {
        let first = router().freeze()
        var other = Router(options: .caseInsensitive)
        other.add(.get, "/v1/customers", text("other list"))
        other.add(.get, "/v1/customers/{id}", text("other one"))
        let second = other.freeze()

        var request = HTTPRequest(method: .get, target: "/v1/customers")
        first.resolve(&request)
        #expect(answer(second, request) == "other list")

        request.rawPath = "/v1/customers/c1"
        #expect(answer(first, request) == "one")
        request.rawPath = "/v1/customers"
        request.method = .post
        #expect(answer(first, request) == "405")
    }
}

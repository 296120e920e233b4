import Testing
@testable import HTTP

@Suite struct RouterTests {
    private func text(_ value: String) -> HTTPHandler {
        { _ in HTTPResponse(status: .ok, body: Array(value.utf8)) }
    }

    private func makeResponder() -> Responder {
        var router = Router(options: .caseInsensitive)
        router.add(.get, "/v1/customers", text("list"))
        router.add(.post, "/v1/customers", text("create"))
        router.add(.get, "/v1/customers/{customerId}", text("one"))
        router.add(.get, "/v1/customers/{customerId}/subscriptions/{subscriptionId}", text("sub"))
        router.add(.get, "/v1/customers/me/profile", text("profile"))
        router.add(.delete, "/v1/customers/{id}/users/{userId}", text("deleteUser"))
        return router.freeze()
    }

    private func body(_ match: Responder.Match, method: HTTPMethod = .get) -> String? {
        guard case .found(let handler, _) = match else { return nil }
        return String(decoding: handler(HTTPRequest(method: method, target: "/")).body, as: UTF8.self)
    }

    @Test func literalsMatchExactlyUnlessTheRouterIsCaseInsensitive() {
        var router = Router()
        router.add(.get, "/v1/customers/{customerId}", text("one"))
        let responder = router.freeze()
        #expect(body(responder.match(method: .get, path: "/v1/customers/c1")) == "one")
        guard case .notFound = responder.match(method: .get, path: "/V1/Customers/c1") else {
            Issue.record("a case-sensitive router matched another spelling")
            return
        }
    }

    @Test func matchesLiteralsCaseInsensitivelyAndCapturesParameters() {
        let responder = makeResponder()
        #expect(body(responder.match(method: .get, path: "/V1/Customers")) == "list")
        guard case .found(_, let parameters) = responder.match(method: .get, path: "/v1/customers/C1/SUBSCRIPTIONS/S-2") else {
            Issue.record("no match")
            return
        }
        #expect(parameters == ["customerId": "C1", "subscriptionId": "S-2"])
        guard case .found(_, let other) = responder.match(method: .delete, path: "/v1/customers/c9/users/u1") else {
            Issue.record("no match")
            return
        }
        #expect(other == ["id": "c9", "userId": "u1"])
    }

    @Test func literalWinsOverParameterAndBacktracks() {
        let responder = makeResponder()
        #expect(body(responder.match(method: .get, path: "/v1/customers/me/profile")) == "profile")
        #expect(body(responder.match(method: .get, path: "/v1/customers/me")) == "one")
        #expect(body(responder.match(method: .get, path: "/v1/customers/me/subscriptions/x")) == "sub")
    }

    @Test("Hardening: a path a literal route owns answers 405 for a method only a parameter sibling has, not that sibling's answer")
    func literalRouteOwnsItsPathWhateverTheMethod() {
        var router = Router(options: .caseInsensitive)
        router.add(.get, "/v1/customers/relationshiprequests", text("link"))
        router.add(.patch, "/v1/customers/{customerId}", text("update"))
        router.add(.get, "/v1/customers/{customerId}", text("one"))
        let responder = router.freeze()
        guard case .methodNotAllowed(let allowed) = responder.match(method: .patch, path: "/v1/customers/relationshiprequests") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == [.get, .head])
        #expect(body(responder.match(method: .patch, path: "/v1/customers/c1"), method: .patch) == "update")
        // Backtracking on the path still works: no literal route ends at /relationshiprequests/x.
        router.add(.get, "/v1/customers/{customerId}/orders", text("orders"))
        #expect(body(router.freeze().match(method: .get, path: "/v1/customers/relationshiprequests/orders")) == "orders")
    }

    @Test func headUsesGetAndAllowListsHead() {
        let responder = makeResponder()
        #expect(body(responder.match(method: .head, path: "/v1/customers/1")) == "one")
        guard case .methodNotAllowed(let allowed) = responder.match(method: .put, path: "/v1/customers") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == [.get, .head, .post])
    }

    @Test func unknownPathIsNotFound() {
        let responder = makeResponder()
        guard case .notFound = responder.match(method: .get, path: "/v2/nothing") else {
            Issue.record("expected 404")
            return
        }
        guard case .notFound = responder.match(method: .get, path: "/v1/customers/a/b") else {
            Issue.record("expected 404")
            return
        }
    }

    @Test func respondRendersErrorsWithAllow() {
        let responder = makeResponder()
        let render: (HTTPStatus, String, HTTPHeaders) -> HTTPResponse = { status, message, headers in
            HTTPResponse(status: status, headers: headers, body: Array(message.utf8))
        }
        let notFound = responder.respond(to: HTTPRequest(method: .get, target: "/nope"), errorResponse: render)
        #expect(notFound.status == .notFound)
        let notAllowed = responder.respond(to: HTTPRequest(method: .patch, target: "/v1/customers/1"), errorResponse: render)
        #expect(notAllowed.status == .methodNotAllowed)
        #expect(notAllowed.headers["allow"] == "GET, HEAD")
        let dropsHeaders = responder.respond(to: HTTPRequest(method: .patch, target: "/v1/customers/1")) { status, _, _ in
            HTTPResponse(status: status)
        }
        #expect(dropsHeaders.headers["Allow"] == "GET, HEAD")
        var seen: [String: String] = [:]
        var router = Router()
        router.add(.get, "/a/{x}") { request in
            HTTPResponse(status: .ok, body: Array((request.pathParameters["x"] ?? "").utf8))
        }
        let found = router.freeze().respond(to: HTTPRequest(method: .get, target: "/a/h%20i?q=1"), errorResponse: render)
        seen["x"] = String(decoding: found.body, as: UTF8.self)
        #expect(seen["x"] == "h i")
    }

    @Test func routesAreListedInRegistrationOrder() {
        let responder = makeResponder()
        #expect(responder.routes.count == 6)
        #expect(responder.routes.first?.method == .get)
        #expect(responder.routes.first?.pattern == "/v1/customers")
    }
}

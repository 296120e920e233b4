import HTTP

/// Which of the server's lanes (`HTTPLane`) runs each request, decided from the endpoint it
/// matched (docs/decisions.md, "Lanes"):
/// - `GET /_sim/health` inline: it reads memory only and must answer whatever the load;
/// - the rest of `/_sim` and `/openapi.yaml` on the control lane, so the control plane never
///   queues behind the API;
/// - every endpoint that writes (`.write` handlers, and `.direct` ones other than GETs, such as
///   the Entra token endpoints, which may record a grant) on the write lane: a write waiting
///   for SQLite's one writer then holds no read worker, and never queues behind reads. Some
///   GETs write (`/portal/reports/reseller-eligibility` refreshes its snapshot) and some POSTs
///   only read (`/v1/partners/validateresellers`): the endpoint's handler kind decides, not
///   the method;
/// - reads on the worker lane, except a `validateresellers` body of more than
///   `bulkBodyBytes`, which asks for many ids and goes to the bulk class of the same workers;
/// - a request that matches no route (404, 405) on the worker lane: answering it reads nothing.
///
/// The classifier runs on the connection's queue for every request, so it costs one route
/// match, which the handler then reuses (`Responder.resolve`), and one hash look-up.
enum RequestLanes {
    /// Where the requests of one endpoint run.
    enum Rule: Equatable {
        case inline
        case control
        case write
        case read
        /// A read whose cost grows with its body: bulk above `bulkBodyBytes`.
        case readBulkWhenLarge
    }

    /// 512 bytes: a one-id body (`{"partnerIds":["5100001"]}`) is 27 bytes and each further
    /// PLA id adds 10 to 11 (`,"5100002"`), so 512 bytes is about 45 ids and up, the upper half
    /// of the 100 a request may hold. Measured on the demo world (docs/decisions.md), a
    /// 100-id request costs about six one-id requests, so one of 45 ids or more costs three or
    /// more: heavy enough that a light request must not queue behind a row of them, while the
    /// few-id requests a client sends per order stay ordinary.
    static let bulkBodyBytes = 512

    struct RouteKey: Hashable {
        let method: HTTPMethod
        let pattern: String
    }

    /// The rule of every route, by method and pattern as registered.
    static let rules: [RouteKey: Rule] = {
        var rules: [RouteKey: Rule] = [:]
        for endpoint in PartnerCenterApp.allEndpoints() {
            rules[RouteKey(method: endpoint.method, pattern: endpoint.path)] = rule(for: endpoint)
        }
        rules[RouteKey(method: .get, pattern: openAPIPath)] = .control
        return rules
    }()

    /// The OpenAPI document's route (registered beside the endpoints).
    static let openAPIPath = "/openapi.yaml"
    static let validateResellersPath = "/v1/partners/validateresellers"

    static func rule(for endpoint: Endpoint) -> Rule {
        switch endpoint.access {
        case .liveness: return .inline
        case .controlPlane: return .control
        case .anonymous, .roles: break
        }
        switch endpoint.handler {
        case .write:
            return .write
        case .direct:
            // A direct handler manages storage itself: a GET of one only reads.
            return endpoint.method == .get ? .read : .write
        case .read:
            return endpoint.path == validateResellersPath ? .readBulkWhenLarge : .read
        }
    }

    /// Matches `request` (recording the match for its handler) and picks its lane.
    static func lane(for request: inout HTTPRequest, responder: Responder) -> HTTPLane {
        let route = responder.resolve(&request)
        guard let pattern = route.pattern, let method = route.method,
              let rule = rules[RouteKey(method: method, pattern: pattern)] else {
            return .worker
        }
        switch rule {
        case .inline: return .inline
        case .control: return .control
        case .write: return .write
        case .read: return .worker
        case .readBulkWhenLarge: return request.body.count > bulkBodyBytes ? .bulk : .worker
        }
    }
}

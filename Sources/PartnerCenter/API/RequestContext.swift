import Foundation
import HTTP
import JSON

/// Everything a route handler may read about its request: the HTTP request and the
/// operation context (verified caller, simulated now, ids, configuration) it hands to the
/// domain. Only routes and the app see it; domain operations take `operation`.
public struct RequestContext: Sendable {
    /// The request behind one reference. A context is copied several times per request (the
    /// read path sets its cache epoch on a copy, closures capture it), and an HTTPRequest holds
    /// a dozen references, each a retain and a release per copy.
    private final class Storage: Sendable {
        let request: HTTPRequest

        init(_ request: HTTPRequest) {
            self.request = request
        }
    }

    private var storage: Storage
    public var request: HTTPRequest { storage.request }
    let services: Services
    /// What the domain operation of this request runs with.
    private(set) var operation: OperationContext

    init(request: HTTPRequest, principal: Principal?, now: Date, services: Services) {
        storage = Storage(request)
        self.services = services
        self.operation = OperationContext(principal: principal, now: now, services: services)
    }

    /// nil only on control-plane and anonymous routes.
    public var principal: Principal? { operation.principal }
    /// Simulated "now", read once per request so one request sees one instant.
    public var now: Date { operation.now }

    /// For read handlers: the cache epoch noted before the read transaction began.
    var readEpoch: UInt64? {
        get { operation.readEpoch }
        set { operation.readEpoch = newValue }
    }

    var caller: Principal {
        get throws(APIError) { try operation.caller }
    }

    /// The JSON body as an object. An empty body reads as `{}` so optional-only routes work
    /// without one; anything that is not a JSON object is 400 800002.
    func body() throws(APIError) -> Body {
        try Body(parsing: request.body)
    }

    func pathParameter(_ name: String) -> String {
        request.pathParameters[name] ?? ""
    }

    func query(_ name: String) -> String? {
        request.queryValue(name, caseInsensitive: true)
    }

    /// An optional query parameter documented as a GUID, lowercased; nil when absent. A value
    /// that is present must be a GUID, empty included (`?tenantId=` is not "no filter":
    /// docs/decisions.md), else 400 800002 naming the parameter.
    func guidQuery(_ name: String) throws(APIError) -> String? {
        guard let text = query(name) else { return nil }
        guard UUID(uuidString: text) != nil else { throw APIError.invalidField(name, "must be a GUID") }
        return text.lowercased()
    }

    /// An optional query parameter documented as a date-time; nil when absent. A value that is
    /// present must be an ISO 8601 time within InputLimits.dateRange, empty or blank included.
    func dateQuery(_ name: String) throws(APIError) -> Date? {
        guard let text = query(name) else { return nil }
        return try Body.date(text, field: name)
    }

    var nowText: String { operation.nowText }

    /// A GET of one page (the largest) of the collection at this request's path, with none of
    /// the request's own query or paging: a precondition check looking the request's item up
    /// in its parent collection must find it whatever `size` or token the write carried.
    func collectionPage(continuation token: String?) -> RequestContext {
        var headers = request.headers
        headers["MS-ContinuationToken"] = token
        var page = HTTPRequest(method: .get, target: "\(request.rawPath)?size=\(Page.maximumSize)", version: request.version,
                               headers: headers, remoteAddress: request.remoteAddress)
        page.pathParameters = request.pathParameters
        var copy = self
        copy.storage = Storage(page)
        return copy
    }

    /// This request seen at an earlier instant: a time-based transition is recorded at the
    /// moment it fell due, not at the moment the clock was next read (SIM-2).
    func at(_ moment: Date) -> RequestContext {
        var copy = self
        copy.operation = operation.at(moment)
        return copy
    }

    /// The scheme and authority of links the server hands out (invitation URLs and the mails
    /// that carry them): the configured public URL or the listen address, never the request's
    /// Host header, which any client can set (a link to evil.example in a real mail).
    var baseURL: String { operation.baseURL }
}

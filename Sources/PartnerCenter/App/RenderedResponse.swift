import HTTP
import JSON

/// A response reduced to bytes: what idempotent replay stores and returns.
struct RenderedResponse: Sendable {
    var status: HTTPStatus
    var headers: [(String, String)]
    var body: [UInt8]

    static var jsonContentType: String { APIResponse.jsonContentType }

    init(status: HTTPStatus, headers: [(String, String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    init(_ response: APIResponse) {
        status = response.status
        headers = response.headers.map { ($0.0, $0.1) }
        switch response.body {
        case .json(let json):
            body = json.serialized()
            headers.append(("Content-Type", Self.jsonContentType))
            // A resource's etag also as the ETag header (RFC 9110 8.8.3), ready for If-Match.
            if let etag = json["attributes"]?["etag"]?.stringValue, !headers.contains(where: { $0.0.lowercased() == "etag" }) {
                headers.append(("ETag", "\"\(etag)\""))
            }
        case .bytes(let bytes, let contentType):
            body = bytes
            headers.append(("Content-Type", contentType))
        case .empty:
            body = []
        }
    }

    init(_ error: APIError) {
        status = error.status
        body = error.json.serialized()
        headers = [("Content-Type", Self.jsonContentType)]
        if error.status == .unauthorized { headers.append(("WWW-Authenticate", "Bearer")) }
    }

    var httpResponse: HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders(headers), body: body)
    }
}

import HTTP
import JSON

/// A response reduced to bytes: what idempotent replay stores and returns.
struct RenderedResponse: Sendable {
    var status: HTTPStatus
    var headers: [(String, String)]
    var body: [UInt8]
    /// The Partner Center error code of an error answer, for the access log and the journal
    /// (`LogField.errorCode`); nil for success and for errors of other shapes (Entra's).
    var errorCode: Int?

    static var jsonContentType: String { APIResponse.jsonContentType }

    init(status: HTTPStatus, headers: [(String, String)], body: [UInt8], errorCode: Int? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.errorCode = errorCode
    }

    /// A stored answer (idempotent replay) as it was rendered: an error's code is read back
    /// from its body, so a replayed error is logged and journaled with its code.
    init(stored status: HTTPStatus, headers: [(String, String)], body: [UInt8]) {
        let code = status.code >= 400 ? (try? JSON.parse(body))?["code"]?.intValue.map { Int($0) } : nil
        self.init(status: status, headers: headers, body: body, errorCode: code)
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
        errorCode = error.code
        headers = [("Content-Type", Self.jsonContentType)]
        if error.status == .unauthorized { headers.append(("WWW-Authenticate", "Bearer")) }
    }

    var httpResponse: HTTPResponse {
        var response = HTTPResponse(status: status, headers: HTTPHeaders(headers), body: body)
        if let errorCode { response.logFields.append((LogField.errorCode, String(errorCode))) }
        return response
    }
}

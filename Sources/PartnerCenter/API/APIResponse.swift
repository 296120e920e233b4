import HTTP
import JSON

/// What a route handler returns; rendered to bytes by the app's conventions layer.
public struct APIResponse: Sendable {
    public var status: HTTPStatus
    public var body: Body
    public var headers: HTTPHeaders

    /// The content type of every JSON answer.
    static let jsonContentType = "application/json; charset=utf-8"

    public enum Body: Sendable {
        case json(JSON)
        case bytes([UInt8], contentType: String)
        case empty
    }

    public init(_ status: HTTPStatus = .ok, json: JSON, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.body = .json(json)
        self.headers = headers
    }

    public init(_ status: HTTPStatus, bytes: [UInt8], contentType: String) {
        self.status = status
        self.body = .bytes(bytes, contentType: contentType)
        self.headers = HTTPHeaders()
    }

    public static let noContent = APIResponse(status: .noContent)

    private init(status: HTTPStatus) {
        self.status = status
        self.body = .empty
        self.headers = HTTPHeaders()
    }

    static func ok(_ json: JSON) -> APIResponse { APIResponse(.ok, json: json) }
    static func created(_ json: JSON) -> APIResponse { APIResponse(.created, json: json) }
    static func ok(_ resource: some APIResource) throws -> APIResponse { APIResponse(.ok, json: try resource.rendered()) }
    static func created(_ resource: some APIResource) throws -> APIResponse { APIResponse(.created, json: try resource.rendered()) }
}

import HTTP
import JSON

/// The one error type of every route, rendered in one place as Partner Center's
/// `{"code", "description", "data", "source"}`. Throwing it inside a write transaction rolls
/// the transaction back, so a refused request changes nothing.
public struct APIError: Error, Sendable, Equatable {
    public let status: HTTPStatus
    public let code: Int
    public let description: String
    public var data: [JSON]

    public init(_ status: HTTPStatus, code: Int, _ description: String, data: [JSON] = []) {
        self.status = status
        self.code = code
        self.description = description
        self.data = data
    }

    public static func == (lhs: APIError, rhs: APIError) -> Bool {
        lhs.status == rhs.status && lhs.code == rhs.code && lhs.description == rhs.description
    }

    var json: JSON {
        .object(["code": .int(Int64(code)), "description": .string(description),
                 "data": .array(data), "source": "PartnerCenterSimulator"])
    }
}

extension APIError {
    /// 800002: malformed JSON body or a missing or ill-typed field, named in the description.
    static func invalidField(_ field: String, _ problem: String) -> APIError {
        APIError(.badRequest, code: ErrorCode.invalidInput, "\(field): \(problem)", data: [.string(field)])
    }

    static func malformedBody(_ detail: String) -> APIError {
        APIError(.badRequest, code: ErrorCode.invalidInput, "The request body is not valid JSON: \(detail)")
    }

    /// 404 for a resource that does not exist or is not visible to the caller: the two are
    /// indistinguishable on purpose (no existence leak).
    static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: ErrorCode.resourceNotFound, "\(what) was not found.")
    }

    static func forbidden(_ why: String = "The caller's tenant or role is not allowed to perform this operation.") -> APIError {
        APIError(.forbidden, code: ErrorCode.forbidden, why)
    }

    static func unauthorized(_ why: String) -> APIError {
        APIError(.unauthorized, code: ErrorCode.unauthorized, why)
    }

    static func conflict(_ code: Int, _ why: String) -> APIError {
        APIError(.conflict, code: code, why)
    }

    static func rule(_ code: Int, _ why: String, status: HTTPStatus = .badRequest) -> APIError {
        APIError(status, code: code, why)
    }
}

extension APIError {
    /// 412: the caller's If-Match names another version of the resource than the current one.
    static func preconditionFailed(_ ifMatch: String) -> APIError {
        APIError(HTTPStatus.preconditionFailed, code: ErrorCode.preconditionFailed,
                 "If-Match \(ifMatch) does not match the current etag of the resource; GET it again and retry with its etag.",
                 data: [.string("If-Match")])
    }

    /// 507: the database could not grow (SQLITE_FULL); the transaction was rolled back.
    static let storageFull = APIError(HTTPStatus.insufficientStorage, code: ErrorCode.storageFull,
                                      "The simulator's storage is full, so the request was not carried out and changed nothing. Free disk space and retry.")

    /// 503: the database file can no longer be written (made read-only after startup).
    static let storageNotWritable = APIError(.serviceUnavailable, code: ErrorCode.storageNotWritable,
                                             "The simulator's database cannot be written, so the request was not carried out and changed nothing.")

    /// 500 for anything unexpected: never the error's own text (it may quote SQL or internal
    /// state); the correlation id finds the log line that has the detail.
    static func internalError(correlationId: String) -> APIError {
        APIError(.internalServerError, code: ErrorCode.internalError,
                 "The simulator failed to process the request. The server log has the details under correlation id \(correlationId).",
                 data: [.string(correlationId)])
    }
}

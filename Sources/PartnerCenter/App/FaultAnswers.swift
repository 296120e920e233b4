import HTTP
import JSON

/// The answers a fault rule or the throttle sends, shaped as the real service's.
enum FaultAnswers {
    /// Retry-After of a 429 whose rule gives none (the contract's default).
    static let defaultRetryAfter = 1

    /// Partner Center's throttling answer, as its API throttling guidance shows it: the API
    /// gateway's body (`statusCode`, `message`), not the usual `{code, description}`, and the
    /// seconds to wait in Retry-After.
    static func throttled(retryAfter seconds: Int) -> HTTPResponse {
        let body: JSON = .object(JSONObject([
            ("statusCode", 429), ("message", .string("Rate limit is exceeded. Try again in \(seconds) seconds.")),
        ]))
        return HTTPResponse(status: .tooManyRequests,
                            headers: HTTPHeaders([("Content-Type", APIResponse.jsonContentType), ("Retry-After", String(seconds))]),
                            body: body.serialized())
    }

    /// The answer of a status rule on a request to `rawPath`: the Entra error shape on the
    /// Entra routes (their clients are token libraries), Partner Center's elsewhere; a 429
    /// without its own code or description is the throttling answer.
    static func answer(_ answer: FaultEffect.Answer, rawPath: String) -> HTTPResponse {
        let status = HTTPStatus(code: answer.status)
        let retryAfter = answer.retryAfter ?? (answer.status == 429 ? defaultRetryAfter : nil)
        if answer.status == 429 && answer.code == nil && answer.description == nil && !EntraRoutes.isEntraPath(rawPath) {
            return throttled(retryAfter: retryAfter ?? defaultRetryAfter)
        }
        let description = answer.description ?? defaultDescription(status)
        var response: HTTPResponse
        if EntraRoutes.isEntraPath(rawPath) {
            response = EntraRoutes.protocolError(status, description)
        } else {
            let code: JSON = switch answer.code {
            case .number(let number)?: .int(Int64(number))
            case .text(let text)?: .string(text)
            case nil: .int(Int64(ErrorCode.injectedFault))
            }
            let body: JSON = .object(JSONObject([
                ("code", code), ("description", .string(description)), ("data", .array([])), ("source", "PartnerCenterSimulator"),
            ]))
            response = HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", APIResponse.jsonContentType)]),
                                    body: body.serialized())
        }
        if let retryAfter { response.headers["Retry-After"] = String(retryAfter) }
        return response
    }

    /// What the service says for the statuses clients retry on; the reason phrase otherwise.
    static func defaultDescription(_ status: HTTPStatus) -> String {
        switch status.code {
        case 429: "Rate limit is exceeded. Retry the request after the time in Retry-After."
        case 500: "The service encountered an internal error. Retry the request."
        case 502: "The service received an invalid response from a downstream service. Retry the request."
        case 503: "The service is temporarily unavailable. Retry the request later."
        case 504: "The service did not complete the request in time. Retry the request."
        default: "\(status.reason)."
        }
    }
}

/// Why a request could not be accepted; each case maps to exactly one response status.
enum HTTPParseError: Error, Equatable {
    case badRequest(String)
    case uriTooLong
    case headersTooLarge
    case payloadTooLarge
    case versionNotSupported
    /// The server-wide budget for request bodies in flight is used up.
    case overloaded

    var status: HTTPStatus {
        switch self {
        case .badRequest: return .badRequest
        case .uriTooLong: return .uriTooLong
        case .headersTooLarge: return .requestHeaderFieldsTooLarge
        case .payloadTooLarge: return .payloadTooLarge
        case .versionNotSupported: return .httpVersionNotSupported
        case .overloaded: return .serviceUnavailable
        }
    }

    var message: String {
        switch self {
        case .badRequest(let reason): return "Malformed request: \(reason)"
        case .uriTooLong: return "The request line is too long"
        case .headersTooLarge: return "The request header section is too large"
        case .payloadTooLarge: return "The request body is too large"
        case .versionNotSupported: return "Only HTTP/1.0 and HTTP/1.1 are supported"
        case .overloaded: return "The server is receiving too many request bodies at once; retry later"
        }
    }
}

import Dispatch
import HTTP

/// The journal's record step (`PartnerCenterApp.handle` calls it last): a request and the
/// app's response made into an entry (RequestJournal holds them). Here, in the app, because it
/// reads HTTP values and the app's log fields.
extension RequestJournal {
    /// Records `request` and the `response` the app gives it. The caller is the one the app
    /// verified for the route (the response's caller log fields); on a route that verifies no
    /// token, it is read from the bearer token through the token service (whose cache makes that
    /// a lookup for a token seen before). A token that does not verify records no caller.
    public func record(_ request: HTTPRequest, _ response: HTTPResponse, correlationId: String, started: Start, tokens: TokenService) {
        guard capacity > 0, !ControlPlanePath.contains(request.path) else { return }
        let durationMs = Double(DispatchTime.now().uptimeNanoseconds &- started.uptimeNanoseconds) / 1_000_000
        var body = request.body
        let truncated = body.count > Self.bodyLimit
        if truncated { body = Array(body.prefix(Self.bodyLimit)) }
        // A token request's secrets (client_secret, password, refresh_token, assertions) never
        // enter the journal: by the token path in every spelling the router accepts, and by a
        // form body wherever it was sent.
        if !body.isEmpty && ((request.method == .post && JournalRedaction.mayBeTokenPath(request.rawPath)
                                && EntraRoutes.isTokenPath(request.rawPath))
                             || JournalRedaction.isForm(request.headers["Content-Type"])) {
            body = JournalRedaction.formBody(body)
        }
        var errorCode: String?
        var requestId: String?
        var fault: String?
        var tenantId: String?, objectId: String?, callerType: String?, callerRoles: String?
        // By length first: a switch over the names compared each field with every case.
        for field in response.logFields {
            let name = field.name
            switch name.utf8.count {
            case 9:
                if name == LogField.errorCode { errorCode = field.value } else if name == LogField.requestId { requestId = field.value }
            case 5: if name == LogField.fault { fault = field.value }
            case 8: if name == LogField.tenantId { tenantId = field.value }
            case 14: if name == LogField.callerObjectId { objectId = field.value }
            case 10: if name == LogField.callerType { callerType = field.value }
            case 11: if name == LogField.callerRoles { callerRoles = field.value }
            default: break
            }
        }
        var caller = JournalCaller(logFields: tenantId, objectId: objectId, type: callerType, roles: callerRoles)
        if caller == nil {
            // Found by a byte comparison per header: HTTPHeaders' subscript cost ten times more.
            for header in request.headers where JournalRedaction.isNamed(header.name, "authorization") {
                caller = (try? tokens.principal(fromAuthorization: header.value)).map(JournalCaller.init)
                break
            }
        }
        let entry = JournalEntry(
            milliseconds: started.milliseconds, method: request.method.rawValue, path: request.path,
            query: Self.query(request.target), headers: request.headers.lazy.map(JournalRedaction.redacted), caller: caller,
            body: body, bodyTruncated: truncated, status: response.status.code, errorCode: errorCode,
            responseBodySize: request.method == .head || response.dropsConnection ? 0 : response.body.count,
            durationMs: durationMs, requestId: requestId,
            correlationId: correlationId, fault: fault, dropped: response.dropsConnection)
        append(JournalRecord(entry))
    }

    /// The raw query of a request target, "" when it has none.
    static func query(_ target: String) -> String {
        let utf8 = target.utf8
        // An index loop over the contiguous bytes: `firstIndex(of:)` on the view took ~900 instructions.
        let offset: Int?? = utf8.withContiguousStorageIfAvailable { bytes in
            for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "?") { return index }
            return nil
        }
        guard let mark = offset ?? utf8.firstIndex(of: UInt8(ascii: "?")).map({ utf8.distance(from: utf8.startIndex, to: $0) }) else {
            return ""
        }
        return String(decoding: utf8.dropFirst(mark + 1), as: UTF8.self)
    }
}

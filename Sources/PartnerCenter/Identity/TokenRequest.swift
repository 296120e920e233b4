import Foundation

/// A token request as the endpoint received it: the protocol version of the route, the
/// `{tenant}` segment, the form body and the client credentials of an HTTP Basic header
/// (RFC 6749 §2.3.1: form-encoded id and secret, then base64).
struct TokenRequest: Sendable {
    let version: AccessTokenGrant.Version
    let tenant: String
    let form: FormBody
    let basic: (clientId: String, secret: String)?

    /// `Authorization: Basic ...`, or nil when the header is absent or another scheme (a
    /// Bearer token sent by mistake authenticates nothing here).
    static func basicCredentials(_ header: String?) throws(EntraError) -> (clientId: String, secret: String)? {
        guard let header, header.count > 6, header.prefix(6).lowercased() == "basic " else { return nil }
        let encoded = header.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard encoded.utf8.count <= 4096, let data = Data(base64Encoded: encoded),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":") else {
            throw EntraError.malformedRequest("the Authorization header is not Basic base64(client_id:client_secret)")
        }
        do {
            // Each half is form-encoded, as MSAL sends them: decode them with the body's rules.
            let id = try FormBody(Array("v=\(text[..<colon])".utf8))["v"] ?? ""
            let secret = try FormBody(Array("v=\(text[text.index(after: colon)...])".utf8))["v"] ?? ""
            return (id, secret)
        } catch {
            throw EntraError.malformedRequest("the Authorization header's credentials are not form-encoded")
        }
    }

    /// The client id: the body's, the Basic header's, or both when they agree.
    func clientId() throws(EntraError) -> String {
        let body = form.nonEmpty("client_id")
        switch (body, basic?.clientId) {
        case (let body?, let header?) where body.lowercased() != header.lowercased(): throw EntraError.conflictingClients()
        case (_, let header?) where !header.isEmpty: return header
        case (let body?, _): return body
        default: throw EntraError.missing("client_id")
        }
    }

    /// The client secret, from the body or the Basic header (both, only when equal).
    func clientSecret() throws(EntraError) -> String? {
        let body = form.nonEmpty("client_secret")
        let header = basic.flatMap { $0.secret.isEmpty ? nil : $0.secret }
        if let body, let header, body != header { throw EntraError.conflictingClients() }
        return header ?? body
    }
}

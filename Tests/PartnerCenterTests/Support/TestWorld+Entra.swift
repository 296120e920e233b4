import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Testing

/// The demo world's app registrations and users (Sources/PartnerCenter/Resources/demo-world.json)
/// and helpers that talk to the Entra ID routes the way token libraries do.
extension TestWorld {
    enum Apps {
        static let contoso = "d1a00000-0000-4000-8000-000000000001"
        static let contosoSecret = "contoso-app-secret-0001"
        /// Contoso's public client (password and refresh grants without its secret).
        static let contosoCLI = "d1a00000-0000-4000-8000-000000000002"
        static let fabrikam = "a2a00000-0000-4000-8000-000000000001"
        static let fabrikamSecret = "fabrikam-app-secret-0001"
        static let partnerCenter = "https://api.partnercenter.microsoft.com"
        static let distributorAdmin = "admin@contoso.onmicrosoft.com"
        static let distributorAdminPassword = "Contoso-Admin-1!"
        static let resellerAdmin = "admin@fabrikam.onmicrosoft.com"
        static let resellerAdminPassword = "Fabrikam-Admin-1!"
    }

    /// `application/x-www-form-urlencoded` of `fields`, in order, each name and value encoded.
    static func form(_ fields: [(String, String)]) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }
        return Array(encoded.joined(separator: "&").utf8)
    }

    /// POSTs a form to the v2 (or v1) token endpoint of `tenant`.
    func token(_ tenant: String, _ fields: [(String, String)], v1: Bool = false, headers: [(String, String)] = []) throws -> TestResponse {
        try tokenRaw(tenant, Self.form(fields), v1: v1, headers: headers)
    }

    func tokenRaw(_ tenant: String, _ body: [UInt8], v1: Bool = false, contentType: String = "application/x-www-form-urlencoded",
                  headers: [(String, String)] = []) throws -> TestResponse {
        try request(.post, "/\(tenant)/oauth2/\(v1 ? "token" : "v2.0/token")", rawBody: body,
                    headers: [("Content-Type", contentType)] + headers)
    }

    /// An app-only token of the demo distributor's confidential app (client credentials, v2).
    func appToken(_ tenant: String = TestWorld.Demo.contoso, client: String = Apps.contoso, secret: String = Apps.contosoSecret) throws -> TestResponse {
        try token(tenant, [("grant_type", "client_credentials"), ("client_id", client), ("client_secret", secret),
                           ("scope", Apps.partnerCenter + "/.default")])
    }

    /// The password grant as MSAL's PublicClientApplication sends it (v2, client_info=1).
    func userToken(_ tenant: String = TestWorld.Demo.contoso, client: String = Apps.contosoCLI, user: String = Apps.distributorAdmin,
                   password: String = Apps.distributorAdminPassword,
                   scope: String = "https://api.partnercenter.microsoft.com/user_impersonation openid profile offline_access") throws -> TestResponse {
        try token(tenant, [("client_id", client), ("grant_type", "password"), ("username", user), ("password", password),
                           ("scope", scope), ("client_info", "1")])
    }
}

/// The claims of a JWT's payload (not verified: the tests check what the token says).
func jwtClaims(_ token: String?) -> JSON {
    guard let token, let payload = token.split(separator: ".").dropFirst().first,
          let bytes = Base64URL.decode(String(payload)) else { return .null }
    return (try? JSON.parse(bytes)) ?? .null
}

/// An Entra-shaped refusal: status, `error`, the AADSTS code in `error_codes` and at the start
/// of the description, and the world unchanged.
func expectEntraError(_ response: TestResponse, _ status: Int, _ error: String, _ code: Int, _ world: TestWorld,
                      unchanged before: [String: Int]? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
    #expect(response["error"]?.stringValue == error, "\(response.text)", sourceLocation: sourceLocation)
    #expect(response["error_codes"]?.arrayValue == [.int(Int64(code))], "\(response.text)", sourceLocation: sourceLocation)
    let description = response["error_description"]?.stringValue ?? ""
    #expect(description.hasPrefix("AADSTS\(code): "), "\(description)", sourceLocation: sourceLocation)
    #expect(description.contains("\r\nTrace ID: ") && description.contains("\r\nCorrelation ID: ") && description.contains("\r\nTimestamp: "),
            sourceLocation: sourceLocation)
    #expect(response["code"] == nil, "never a Partner Center error", sourceLocation: sourceLocation)
    for field in ["timestamp", "trace_id", "correlation_id", "error_uri"] {
        #expect(response[field]?.stringValue?.isEmpty == false, "\(field) missing: \(response.text)", sourceLocation: sourceLocation)
    }
    if let before { #expect(try world.snapshot() == before, "a refusal changed the world", sourceLocation: sourceLocation) }
}

import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Testing

/// Issue 13 review: the HTTP server's own refusals (body or head too large, malformed HTTP) of a
/// request to an Entra route come back in Entra's shape, so a token library reads `error`; on
/// Partner Center's routes, and where the path is not known yet, they keep Partner Center's.
@Suite("Entra routes: the server's own refusals")
struct EntraProtocolErrorTests {
    static let tokenPath = "/d1000000-0000-4000-8000-000000000001/oauth2/v2.0/token"

    private func send(_ live: LiveSimulator, _ text: String) throws -> WireResponse {
        let client = try live.client()
        try client.send(Array(text.utf8))
        return try client.readResponse()
    }

    private func expectEntra(_ response: WireResponse, _ status: Int, _ code: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, "\(response)", sourceLocation: sourceLocation)
        #expect(response["error"]?.stringValue == "invalid_request", "\(response)", sourceLocation: sourceLocation)
        #expect(response["error_codes"]?.arrayValue == [.int(Int64(code))], "\(response)", sourceLocation: sourceLocation)
        #expect(response["error_description"]?.stringValue?.hasPrefix("AADSTS\(code): ") == true, sourceLocation: sourceLocation)
        #expect(response["code"] == nil, "not Partner Center's shape: \(response)", sourceLocation: sourceLocation)
    }

    @Test("413, 431 and a malformed head on a token endpoint are Entra's invalid_request AADSTS90023; on a Partner Center route they stay Partner Center's")
    func shapes() throws {
        let live = try LiveSimulator()
        defer { live.stop() }
        let tooLarge = "POST \(Self.tokenPath)?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: \(2 << 20)\r\n\r\n"
        expectEntra(try send(live, tooLarge), 413, 90023)
        let bigHead = "POST /common/oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: \(String(repeating: "h", count: 70_000))\r\n\r\n"
        expectEntra(try send(live, bigHead), 431, 90023)
        expectEntra(try send(live, "GET /common/v2.0/.well-known/openid-configuration HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon\r\n\r\n"), 400, 90023)

        let partnerCenter = try send(live, "POST /v1/customers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(2 << 20)\r\n\r\n")
        #expect(partnerCenter.status == 413 && partnerCenter.code == 700004 && partnerCenter["error"] == nil, "\(partnerCenter)")
        // A request line too long is refused before its path is known: Partner Center's shape.
        let longLine = try send(live, "GET \(Self.tokenPath)?\(String(repeating: "q", count: 9000)) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(longLine.status == 414 && longLine.code != nil && longLine["error"] == nil, "\(longLine)")
    }

    @Test("the renderer: Entra paths (any tenant, any case) get Entra's shape, 408 is AADSTS90012, 503 temporarily_unavailable; other paths and none get Partner Center's")
    func renderer() throws {
        let timeout = TestableResponse(PartnerCenterApp.protocolErrorResponse(.requestTimeout, "The request head was not received in time",
                                                                                 "/Common/OAuth2/V2.0/Token"))
        #expect(timeout.status == 408 && timeout["error_codes"]?.arrayValue == [90012], "\(timeout.text)")
        let busy = TestableResponse(PartnerCenterApp.protocolErrorResponse(.serviceUnavailable, "busy", "/common/discovery/instance"))
        #expect(busy.status == 503 && busy["error"]?.stringValue == "temporarily_unavailable", "\(busy.text)")
        for path in ["/contoso.onmicrosoft.com/discovery/v2.0/keys", "/x/.well-known/openid-configuration", "/common/userrealm/a@b.example"] {
            let rendered = TestableResponse(PartnerCenterApp.protocolErrorResponse(.badRequest, "Malformed request: x", path))
            #expect(rendered["error"]?.stringValue == "invalid_request" && rendered["code"] == nil, "\(path): \(rendered.text)")
        }
        for path in [nil, "/v1/customers", "/_sim/health", "/common/oauth2/token/extra"] as [String?] {
            let rendered = TestableResponse(PartnerCenterApp.protocolErrorResponse(.badRequest, "Malformed request: x", path))
            #expect(rendered["code"] != nil && rendered["error"] == nil, "\(path ?? "nil"): \(rendered.text)")
        }
    }
}

/// An HTTPResponse's status and JSON body.
private struct TestableResponse {
    let status: Int
    let text: String
    let json: JSON
    init(_ response: HTTP.HTTPResponse) {
        status = response.status.code
        text = String(decoding: response.body, as: UTF8.self)
        json = (try? JSON.parse(response.body)) ?? .null
    }
    subscript(key: String) -> JSON? { json[key] }
}

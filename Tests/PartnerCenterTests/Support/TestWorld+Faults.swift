import Foundation
import HTTP
import JSON
@testable import PartnerCenter

extension TestWorld {
    /// Sends a request through the app and answers the HTTPResponse itself, with what the
    /// server acts on but never sends: `dropsConnection`, `delay`, `logFields`.
    func raw(_ method: HTTPMethod, _ target: String, as principal: String? = nil, token: String? = nil, body: JSON? = nil,
             headers: [(String, String)] = []) throws -> HTTPResponse {
        var allHeaders = HTTPHeaders(headers)
        allHeaders.add(name: "Host", value: "pcsim.test")
        if let bearer = try token ?? principal.map({ try self.token($0) }) {
            allHeaders.add(name: "Authorization", value: "Bearer \(bearer)")
        }
        let bytes = body?.serialized() ?? []
        if !bytes.isEmpty { allHeaders.add(name: "Content-Type", value: "application/json") }
        return app.handle(HTTPRequest(method: method, target: target, version: .http1_1, headers: allHeaders, body: bytes,
                                      remoteAddress: "127.0.0.1"))
    }

    /// Adds a fault rule through `POST /_sim/faults`; throws unless it is 201.
    @discardableResult
    func addFault(_ rule: JSON) throws -> JSON {
        let response = try request(.post, "/_sim/faults", body: rule)
        guard response.status == 201 else { throw TestFailure("adding \(rule) failed: \(response.status) \(response.text)") }
        return response.json
    }
}

extension HTTPResponse {
    /// The value of the access-log field `name`.
    func logField(_ name: String) -> String? { logFields.first { $0.name == name }?.value }
    var json: JSON { (try? JSON.parse(body)) ?? .null }
}

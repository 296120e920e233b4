import Foundation
import HTTP
import JSON
import Logging
@testable import PartnerCenter
import Testing

/// Helpers for the app-level convention tests (auth, idempotency, paging, simulation,
/// startup, OpenAPI). TestWorld.swift stays the shared entry point; these only add to it.
enum AppTestSupport {
    /// The signing key of worlds built with `keyedWorld()`, so tests can forge tokens.
    static let signingKey = "app-tests-signing-key"

    static func keyedWorld() throws -> TestWorld {
        try TestWorld(configuration: SimulatorConfiguration(signingKey: signingKey))
    }

    /// The claims pcsim puts in its own tokens, for a user of `tenant`; edit them to forge
    /// the token under test.
    static func claims(tenant: String, oid: String = "tester", roles: [String] = ["AdminAgent"],
                       expiresIn: Int64 = 3600) -> JSONObject {
        let now = Int64(Date().timeIntervalSince1970)
        return [
            "aud": .string(JWT.audience), "iss": .string(JWT.issuer + tenant + "/"),
            "iat": .int(now), "nbf": .int(now), "exp": .int(now + expiresIn),
            "tid": .string(tenant), "oid": .string(oid), "idtyp": "user",
            "roles": .array(roles.map { .string($0) }),
        ]
    }

    static func sign(_ claims: JSONObject, key: String = signingKey) -> String {
        JWT.sign(claims: claims, key: Array(key.utf8))
    }

    static func base64URL(_ text: String) -> String { Base64URL.encode(Array(text.utf8)) }

    /// How many partners and named principals the demo fixture defines (it grows as
    /// capabilities add their actors, so tests read it rather than hard-code it).
    static func demoCounts() throws -> (partners: Int, principals: Int) {
        let demo = try JSON.parse(try PartnerCenterResources.demoWorld())
        let partners = demo["partners"]?.arrayValue ?? []
        let customers = demo["customers"]?.arrayValue ?? []
        let principals = (partners + customers).reduce(0) { $0 + ($1["principals"]?.arrayValue?.count ?? 0) }
            + (demo["principals"]?.arrayValue?.count ?? 0)
        return (partners.count, principals)
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "pcsim-app-tests")
        logger.logLevel = .critical
        return logger
    }

    /// A fresh folder under the system's temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pcsim-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The items of every page of `path`, following `links.next` and its MS-ContinuationToken.
    static func walk(_ world: TestWorld, _ path: String, as principal: String? = nil, limit: Int = 100) throws -> (pages: [Int], items: [JSON]) {
        var pages: [Int] = []
        var items: [JSON] = []
        var headers: [(String, String)] = []
        var target = path
        for _ in 0..<limit {
            let response = try world.request(.get, target, as: principal, headers: headers)
            guard response.status == 200 else { throw TestFailure("\(target) answered \(response.status): \(response.text)") }
            pages.append(response.items.count)
            items += response.items
            guard let next = response["links"]?["next"] else { return (pages, items) }
            guard let token = next["headers"]?.arrayValue?.first(where: { $0["key"]?.stringValue == "MS-ContinuationToken" })?["value"]?.stringValue,
                  let uri = next["uri"]?.stringValue else {
                throw TestFailure("the next link has no MS-ContinuationToken: \(next)")
            }
            // Links omit the /v1 prefix, like the real service.
            target = path.hasPrefix("/v1/") && !uri.hasPrefix("/v1/") ? "/v1" + uri : uri
            headers = [("MS-ContinuationToken", token)]
        }
        throw TestFailure("more than \(limit) pages")
    }
}

/// `text` is an ISO 8601 time within `tolerance` seconds after `expected`: the simulated
/// clock runs with real time, so a check made a moment later may see a later second.
func expectTime(_ text: String?, near expected: String, tolerance: TimeInterval = 10,
                sourceLocation: SourceLocation = #_sourceLocation) {
    guard let text, let actual = Timestamp.parse(text), let wanted = Timestamp.parse(expected) else {
        Issue.record("not comparable times: \(text ?? "nil") and \(expected)", sourceLocation: sourceLocation)
        return
    }
    let delta = actual.timeIntervalSince(wanted)
    #expect(delta >= 0 && delta <= tolerance, "\(text) is not just after \(expected)", sourceLocation: sourceLocation)
}

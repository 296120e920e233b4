import Foundation
import HTTP
@testable import PartnerCenter
import Testing

/// The OpenAPI document (Sources/PartnerCenter/Resources/openapi.yaml, linked from the
/// repository root as openapi.yaml) must describe exactly the routes the app registers.
/// A route added without its documentation fails here, as does documentation of a route
/// that does not exist.
@Suite("OpenAPI document")
struct OpenAPITests {
    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    struct Operation: Hashable, Comparable, CustomStringConvertible {
        let method: String
        let path: String
        var description: String { "\(method.uppercased()) \(path)" }
        static func < (lhs: Operation, rhs: Operation) -> Bool { (lhs.path, lhs.method) < (rhs.path, rhs.method) }
    }

    /// One documented operation and the lines of its block, for checks on its content.
    struct Documented {
        let operation: Operation
        let lines: [Substring]
        let pathLines: [Substring]
    }

    /// A deliberately tiny reader of the document's shape: under the top-level `paths:` key,
    /// a path is a two-space-indented `  /path:` line and a method a four-space `    get:` line.
    static func operations(in yaml: String) -> [Documented] {
        var result: [Documented] = []
        var inPaths = false
        var path: String?
        var pathLines: [Substring] = []
        var current: (Operation, [Substring])?
        func flush() {
            if let (operation, lines) = current { result.append(Documented(operation: operation, lines: lines, pathLines: pathLines)) }
            current = nil
        }
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if !line.hasPrefix(" ") {
                flush()
                inPaths = line.hasPrefix("paths:")
                path = nil
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  /") && line.hasSuffix(":") {
                flush()
                path = String(line.dropFirst(2).dropLast())
                pathLines = []
            } else if line.hasPrefix("    ") && !line.hasPrefix("     ") && line.hasSuffix(":"),
                      let path, methods.contains(String(line.dropFirst(4).dropLast())) {
                flush()
                current = (Operation(method: String(line.dropFirst(4).dropLast()), path: path), [])
            } else if line.hasPrefix("    ") && !line.hasPrefix("     ") {
                flush()   // a path-level key such as `parameters:`
                pathLines.append(line)
            } else if current != nil {
                current?.1.append(line)
            } else {
                pathLines.append(line)
            }
        }
        flush()
        return result
    }

    static func document() throws -> String {
        String(decoding: try PartnerCenterResources.openAPI(), as: UTF8.self)
    }

    static func registered() throws -> Set<Operation> {
        let world = try TestWorld(demo: false)
        return Set(world.app.routes.map { Operation(method: $0.method.rawValue.lowercased(), path: $0.pattern) })
    }

    @Test("every registered route is documented, and every documented route exists")
    func documentMatchesRoutes() throws {
        let documented = Self.operations(in: try Self.document()).map(\.operation)
        #expect(documented.count == Set(documented).count, "an operation is documented twice")
        let registered = try Self.registered()
        #expect(registered.count >= 30)
        let missing = registered.subtracting(documented).sorted()
        let unknown = Set(documented).subtracting(registered).sorted()
        #expect(missing.isEmpty, "routes missing from openapi.yaml: \(missing.map(\.description).joined(separator: ", "))")
        if !missing.isEmpty {
            // A starting point to paste under `paths:` (merge methods of one path), then complete.
            Issue.record("skeletons for Sources/PartnerCenter/Resources/openapi.yaml:\n\(Self.skeletons(missing))")
        }
        #expect(unknown.isEmpty, "openapi.yaml documents routes that do not exist: \(unknown.map(\.description).joined(separator: ", "))")
    }

    @Test("every documented operation has a summary, responses, and its path parameters")
    func operationsAreComplete() throws {
        for documented in Self.operations(in: try Self.document()) {
            let operation = documented.operation
            let text = (documented.pathLines + documented.lines).map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(documented.lines.contains { $0.hasPrefix("      summary: ") }, "\(operation) has no summary")
            #expect(documented.lines.contains { $0.hasPrefix("      responses:") }, "\(operation) has no responses")
            for parameter in Self.pathParameters(operation.path) {
                #expect(text.contains { $0.hasPrefix("- name: \(parameter)") || $0.hasPrefix("- {name: \(parameter),") }
                        || text.contains("- $ref: '#/components/parameters/\(parameter)'"),
                        "\(operation) does not describe its path parameter \(parameter)")
            }
        }
    }

    // MARK: Honesty: the document says what the server does (issue 10, item 17)

    /// The documented responses of an operation: its `        '404':` lines.
    static func statuses(_ documented: Documented) -> Set<String> {
        Set(documented.lines.compactMap { line -> String? in
            guard line.hasPrefix("        '") && !line.hasPrefix("         "), line.dropFirst(9).prefix(4).hasSuffix("'") else { return nil }
            return String(line.dropFirst(9).prefix(3))
        })
    }

    static func references(_ documented: Documented, _ parameter: String) -> Bool {
        (documented.pathLines + documented.lines).contains { $0.hasSuffix("$ref: '#/components/parameters/\(parameter)'") }
    }

    @Test("Hardening: every operation documents the error statuses it can produce")
    func errorStatusesDocumented() throws {
        for documented in Self.operations(in: try Self.document()) {
            let operation = documented.operation
            let statuses = Self.statuses(documented)
            let anonymous = documented.lines.contains { $0 == "      security: []" }
            let controlPlane = operation.path.hasPrefix("/_sim/")
            if !anonymous && !controlPlane {
                #expect(statuses.contains("401"), "\(operation) needs a token but does not document 401")
                #expect(statuses.contains("403"), "\(operation) checks roles but does not document 403")
            }
            // Health refuses no one (liveness probes hold no key): it answers less instead.
            if controlPlane && operation.path != "/_sim/health" {
                #expect(statuses.contains("403"), "\(operation) does not document 403 for a missing admin key")
            }
            if !Self.pathParameters(operation.path).isEmpty {
                #expect(statuses.contains("404"), "\(operation) names a resource but does not document 404")
            }
            if documented.lines.contains("      requestBody:") {
                #expect(statuses.contains("400"), "\(operation) reads a body but does not document 400")
                #expect(statuses.contains("413"), "\(operation) reads a body but does not document 413 (over 1 MiB)")
            }
            if Self.references(documented, "size") {
                #expect(statuses.contains("400"), "\(operation) takes size but does not document 400")
            }
            // A stored MS-RequestId reused for another request is 409 on every write that stores replies.
            if operation.method != "get" && Self.references(documented, "MSRequestId")
                && operation.path != "/v1/partners/validateresellers" {
                #expect(statuses.contains("409"), "\(operation) takes MS-RequestId but does not document 409")
            }
        }
    }

    /// A request reaching the demo world, and who may make it: path parameters name resources
    /// of the demo world (a customer the distributor serves, a base subscription with add-ons,
    /// an Azure subscription it bills); the transfer eligibility list is the migrated partner's.
    static func demoTarget(_ world: TestWorld, _ path: String, query: String) throws -> (target: String, principal: String) {
        if path == "/v1/customers/{customerId}/transferseligibility" {
            return ("/v1/customers/\(TestWorld.Demo.trey)/transferseligibility?transferType=directtoindirect&\(query)", "migrated-admin")
        }
        var target = path.replacingOccurrences(of: "{customerId}", with: TestWorld.Demo.relecloud)
        if target.contains("{subscriptionId}") {
            target = target.replacingOccurrences(of: "{subscriptionId}", with: try world.subscriptionId(TestWorld.Offers.legacyE3))
        }
        if target.contains("{azureSubscriptionId}") {
            let azure = try #require(try world.rows("""
                SELECT azure_subscription_id AS a FROM subscriptions WHERE billing_partner_id = ? AND azure_subscription_id IS NOT NULL LIMIT 1
                """, [TestWorld.Demo.contoso]).first?.string("a"))
            target = target.replacingOccurrences(of: "{azureSubscriptionId}", with: azure)
        }
        if path == "/v1/relationships" { target += "?relationship_type=IsIndirectCloudSolutionProviderOf&" } else { target += "?" }
        return (target + query, "distributor-admin")
    }

    @Test("Hardening: every operation documenting size enforces 0 to 500 (0: the default page), and only those page")
    func documentedSizeIsEnforced() throws {
        let world = try TestWorld()
        let paged = Self.operations(in: try Self.document()).filter { Self.references($0, "size") }
        // 15 since the transfer eligibility list became the documented bare, unpaged array (issue 12).
        #expect(paged.count >= 15)
        for documented in paged {
            let operation = documented.operation
            #expect(operation.method == "get")
            #expect(Self.references(documented, "MSContinuationToken"), "\(operation) pages without a continuation token")
            for size in ["501", "-1", "abc"] {
                let (target, principal) = try Self.demoTarget(world, operation.path, query: "size=\(size)")
                let refused = try world.request(.get, target, as: operation.path.hasPrefix("/_sim/") ? nil : principal)
                #expect(refused.status == 400 && refused.code == 800002, "\(operation) accepts size=\(size): \(refused.status)")
                #expect(refused["data"]?.arrayValue?.first?.stringValue == "size")
            }
            for size in ["500", "0"] {
                let (target, principal) = try Self.demoTarget(world, operation.path, query: "size=\(size)")
                let accepted = try world.request(.get, target, as: operation.path.hasPrefix("/_sim/") ? nil : principal)
                #expect(accepted.status == 200, "\(operation) refuses size=\(size): \(accepted.text)")
            }
        }
        // And a documented collection without size really is one page: size is ignored there.
        for documented in Self.operations(in: try Self.document())
        where documented.operation.method == "get" && !Self.references(documented, "size") && Self.pathParameters(documented.operation.path).isEmpty
            && documented.lines.contains(where: { $0.hasSuffix("$ref: '#/components/schemas/Collection'") }) {
            let operation = documented.operation
            let response = try world.request(.get, "\(operation.path)?size=0", as: operation.path.hasPrefix("/_sim/") ? nil : "distributor-admin")
            #expect(response.status == 200, "\(operation) reads size but does not document it: \(response.text)")
        }
    }

    @Test("Hardening: If-Match and 412 are documented on exactly the writes that compare an etag")
    func ifMatchDocumentedWhereEnforced() throws {
        let enforced = Set(Preconditions.renderers(PartnerCenterApp.allEndpoints()).keys)
        #expect(enforced.count >= 10)
        var documentedKeys: Set<String> = []
        for documented in Self.operations(in: try Self.document()) {
            let operation = documented.operation
            let method = HTTPMethod(rawValue: operation.method.uppercased())
            let key = Preconditions.key(method, operation.path)
            let takesIfMatch = Self.references(documented, "IfMatch")
            if takesIfMatch { documentedKeys.insert(key) }
            #expect(takesIfMatch == Self.statuses(documented).contains("412"), "\(operation): If-Match and 412 go together")
            if ["patch", "put", "delete"].contains(operation.method) && !takesIfMatch {
                #expect(!enforced.contains(key), "\(operation) compares If-Match but does not document it")
            }
        }
        #expect(documentedKeys == enforced, "documented: \(documentedKeys.sorted()), enforced: \(enforced.sorted())")
    }

    /// The regular expression the document gives for MS-ContinuationToken.
    static func continuationTokenPattern() throws -> NSRegularExpression {
        let lines = try document().split(separator: "\n")
        let start = try #require(lines.firstIndex(of: "    MSContinuationToken:"))
        let line = try #require(lines[start...].first { $0.hasPrefix("        pattern: '") })
        return try NSRegularExpression(pattern: String(line.dropFirst("        pattern: '".count).dropLast()))
    }

    static func matches(_ pattern: NSRegularExpression, _ text: String) -> Bool {
        pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    @Test("Hardening: the documented continuation-token pattern holds every token the server issues, and only those it accepts")
    func continuationTokenPatternIsExact() throws {
        let pattern = try Self.continuationTokenPattern()
        let world = try PagingTests.worldWithAuditRecords(3)
        // Issued by the server itself: the next link of a one-item page.
        let first = try world.request(.get, "/_sim/audit?size=1")
        let issued = try #require(PagingTests.continuationToken(first))
        #expect(Self.matches(pattern, issued), "issued token \(issued) does not match the documented pattern")
        // Every offset the pattern promises (below 10^17) is a token the server accepts.
        for offset in [0, 1, 9, 10, 99, 100, 12_345, 999_999, 1_000_000_007, 99_999_999_999_999_999] {
            let token = Base64URL.encode(Array("offset:\(offset)".utf8))
            // The server also takes the standard `=`-padded spelling.
            let padded = token + String(repeating: "=", count: (4 - token.count % 4) % 4)
            for spelling in Set([token, padded]) {
                #expect(Self.matches(pattern, spelling), "offset \(offset): \(spelling) does not match")
                let page = try world.request(.get, "/_sim/audit?size=1", headers: [("MS-ContinuationToken", spelling)])
                #expect(page.status == 200, "offset \(offset) refused: \(page.text)")
            }
        }
        // What the server refuses the pattern refuses too.
        let forged = ["x", "offset:1", Base64URL.encode(Array("offset:-1".utf8)), Base64URL.encode(Array("offset:1a".utf8)),
                      Base64URL.encode(Array("offset:".utf8)), Base64URL.encode(Array("limit:5".utf8)), issued + "A", "b2Zmc2V0OjE==", "b2Zmc2V0OjEw=",
                      Base64URL.encode(Array("offset:100000000000000000000".utf8))]
        for token in forged {
            #expect(!Self.matches(pattern, token), "forged token \(token) matches the documented pattern")
            let refused = try world.request(.get, "/_sim/audit?size=1", headers: [("MS-ContinuationToken", token)])
            #expect(refused.status == 400 && refused.code == 800002, "forged token \(token) accepted: \(refused.status)")
        }
    }

    /// YAML to document `operations`, with each route's own summary and path parameters.
    static func skeletons(_ operations: [Operation]) -> String {
        var summaries: [Operation: String] = [:]
        for endpoint in PartnerCenterApp.allEndpoints() {
            summaries[Operation(method: endpoint.method.rawValue.lowercased(), path: endpoint.path)] = endpoint.summary
        }
        var text = ""
        var lastPath = ""
        for operation in operations {
            if operation.path != lastPath {
                text += "\n  \(operation.path):\n"
                lastPath = operation.path
            }
            let family = operation.path.hasPrefix("/v1/") ? "Partner Center" : operation.path.hasPrefix("/portal/") ? "Portal" : "Control plane"
            text += "    \(operation.method):\n      tags: [\(family)]\n"
            let summary = (summaries[operation] ?? "TODO").replacingOccurrences(of: "'", with: "''")
            text += "      summary: '\(summary)'\n"
            let parameters = pathParameters(operation.path)
            if !parameters.isEmpty {
                text += "      parameters:\n"
                for name in parameters {
                    text += "        - {name: \(name), in: path, required: true, schema: {type: string}}\n"
                }
            }
            if operation.method == "post" || operation.method == "patch" {
                text += "      requestBody:\n        content:\n          application/json:\n            schema: {type: object}\n"
            }
            let success = operation.method == "delete" ? "'204': {description: Done}"
                : operation.method == "post" ? "'201': {description: Created}" : "'200': {description: OK}"
            text += "      responses:\n        \(success)\n"
            text += "        '400': {$ref: '#/components/responses/BadRequest'}\n"
            text += "        '401': {$ref: '#/components/responses/Unauthorized'}\n"
            text += "        '403': {$ref: '#/components/responses/Forbidden'}\n"
            text += "        '404': {$ref: '#/components/responses/NotFound'}\n"
        }
        return text
    }

    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    @Test("the reader finds operations and ignores what is not a path")
    func readerSelfTest() {
        let yaml = """
            openapi: 3.0.3
            info:
              title: x
              /not-a-path:
            paths:
              /a/{id}:
                parameters:
                  - name: id
                get:
                  summary: A
                  responses: {}
                delete:
                  summary: B
              /b:
                post:
                  summary: C
            components:
              schemas:
                /nope:
                  get:
            """
        let found = Self.operations(in: yaml)
        #expect(found.map(\.operation.description) == ["GET /a/{id}", "DELETE /a/{id}", "POST /b"])
        #expect(found[0].pathLines.contains { $0.contains("name: id") })
    }

    @Test("GET /openapi.yaml serves the document without a token")
    func served() throws {
        let world = try TestWorld(demo: false)
        let response = try world.request(.get, "/openapi.yaml")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"]?.hasPrefix("application/yaml") == true)
        #expect(response.text == (try Self.document()))
        #expect(response.text.hasPrefix("openapi: 3.0.3"))
    }

    @Test("the repository's openapi.yaml is the served document")
    func repositoryCopy() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("openapi.yaml").path
        let contents = try #require(FileManager.default.contents(atPath: path), "openapi.yaml at the repository root")
        #expect(String(decoding: contents, as: UTF8.self) == (try Self.document()))
        let link = try? FileManager.default.destinationOfSymbolicLink(atPath: path)
        #expect(link == "Sources/PartnerCenter/Resources/openapi.yaml", "openapi.yaml is a relative link to the resource")
    }
}
